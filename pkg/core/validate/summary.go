package validate

import (
	"encoding/binary"
	"errors"
	"strings"
	"unsafe"

	"github.com/igf-records/igf/pkg/core/parse"
	"github.com/igf-records/igf/pkg/core/record"
)

// Summary is what the cross-record rules need of a file nobody changed: the
// IDs it defines, with their kinds and places, and the IDs it points at. It
// is keyed by the file's content hash, so it can never be stale.
type Summary struct {
	Parsed   bool // false: the file is not a record (it stays "unread")
	Registry bool
	ID       string
	Type     string
	IDPos    record.Pos
	Items    []SummaryItem
	Refs     []string // meeting, next_meeting.id, supersedes, parent, milestone: (depends_on is in Items)
}

// SummaryItem is one item's identity; DependsOn is kept for the cycle rule.
type SummaryItem struct {
	ID        string
	Kind      string
	Pos       record.Pos
	DependsOn []string
}

// Summarize keeps of a parsed record (nil: not a record) what Summary holds.
func Summarize(r *record.Record) *Summary {
	if r == nil {
		return &Summary{}
	}
	s := &Summary{Parsed: true, Registry: r.Registry != nil, ID: r.ID, Type: r.Type, IDPos: r.FieldAt("/id")}
	ref := func(id string) {
		if id != "" {
			s.Refs = append(s.Refs, id)
		}
	}
	ref(r.Meeting)
	if r.NextMeeting != nil {
		ref(r.NextMeeting.ID)
	}
	for _, id := range r.Supersedes {
		ref(id)
	}
	for _, it := range r.Items {
		s.Items = append(s.Items, SummaryItem{ID: it.ID, Kind: it.Kind, Pos: it.Pos, DependsOn: it.DependsOn})
		ref(it.Parent)
		ref(it.Milestone)
	}
	return s
}

// stub is a stand-in record for an unchanged file: enough for duplicate IDs,
// reference targets, "did you mean" hints and dependency cycles.
func (s *Summary) stub(path string) *record.Record {
	if !s.Parsed {
		return nil
	}
	r := &record.Record{Path: path, ID: s.ID, Type: s.Type, Pos: s.IDPos,
		FieldPos: map[string]record.Pos{"/id": s.IDPos}}
	r.Items = make([]*record.Item, len(s.Items))
	for i, it := range s.Items {
		r.Items[i] = &record.Item{ID: it.ID, Kind: it.Kind, Pos: it.Pos, DependsOn: it.DependsOn, Record: r}
	}
	return r
}

// ids lists, lower-cased, every ID the file defines.
func (s *Summary) ids() []string {
	out := make([]string, 0, 1+len(s.Items))
	if s.ID != "" {
		out = append(out, strings.ToLower(s.ID))
	}
	for _, it := range s.Items {
		if it.ID != "" {
			out = append(out, strings.ToLower(it.ID))
		}
	}
	return out
}

// Key is a file's content hash (a git blob ID).
type Key [20]byte

func appendSummary(b []byte, k Key, s *Summary) []byte {
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	num := func(n int) { b = binary.AppendUvarint(b, uint64(max(n, 0))) }
	strs := func(ss []string) {
		num(len(ss))
		for _, s := range ss {
			str(s)
		}
	}
	b = append(b, k[:]...)
	flags := byte(0)
	if s.Parsed {
		flags |= 1
	}
	if s.Registry {
		flags |= 2
	}
	b = append(b, flags)
	str(s.ID)
	str(s.Type)
	num(s.IDPos.Line)
	num(s.IDPos.Col)
	num(len(s.Items))
	for _, it := range s.Items {
		str(it.ID)
		str(it.Kind)
		num(it.Pos.Line)
		num(it.Pos.Col)
		strs(it.DependsOn)
	}
	strs(s.Refs)
	return b
}

var errSummaries = errors.New("a summary does not decode")

// decodeChunk decodes n summaries from data[pos:], which must end exactly
// at the end of data; all is data as a string, for sharing.
func decodeChunk(all string, data []byte, pos, n int) (keys []Key, sums []Summary, bad bool) {
	// No count, length or position exceeds the data or a record's size
	// (a column in a long line may exceed one summary's bytes).
	limit := uint64(max(len(data), parse.MaxFileSize))
	uv := func() int {
		v, w := binary.Uvarint(data[pos:])
		if w <= 0 || v > limit {
			bad = true
			return 0
		}
		pos += w
		return int(v)
	}
	str := func() string {
		n := uv()
		if bad || pos+n > len(data) {
			bad = true
			return ""
		}
		s := all[pos : pos+n]
		pos += n
		return s
	}
	// The lists of a summary come out of one small slab.
	var strSlab []string
	strs := func() []string {
		n := uv()
		if bad || n > len(data)-pos {
			bad = true
			return nil
		}
		if n == 0 {
			return nil
		}
		if len(strSlab) < n {
			strSlab = make([]string, max(n, 32))
		}
		out := strSlab[:n:n]
		strSlab = strSlab[n:]
		for i := range out {
			out[i] = str()
		}
		return out
	}
	keys = make([]Key, n)
	sums = make([]Summary, n)
	var itemSlab []SummaryItem
	for i := 0; i < n && !bad; i++ {
		if pos+len(Key{})+1 > len(data) {
			return nil, nil, true
		}
		copy(keys[i][:], data[pos:])
		pos += len(Key{})
		flags := data[pos]
		pos++
		s := &sums[i]
		s.Parsed, s.Registry = flags&1 != 0, flags&2 != 0
		s.ID, s.Type = str(), str()
		s.IDPos = record.Pos{Line: uv(), Col: uv()}
		items := uv()
		if bad || items > len(data)-pos {
			return nil, nil, true
		}
		if items > 0 {
			if len(itemSlab) < items {
				itemSlab = make([]SummaryItem, items)
			}
			s.Items = itemSlab[:items:items]
			itemSlab = itemSlab[items:]
		}
		for j := range s.Items {
			it := &s.Items[j]
			it.ID, it.Kind = str(), str()
			it.Pos = record.Pos{Line: uv(), Col: uv()}
			it.DependsOn = strs()
		}
		s.Refs = strs()
	}
	if bad || pos != len(data) {
		return nil, nil, true
	}
	return keys, sums, false
}

// EncodeSummary writes one file's summary in a compact binary form — flags,
// then its strings and positions as varints — for a store that keeps each
// blob's summary in a row of its own.
func EncodeSummary(s *Summary) []byte { return appendSummary(nil, Key{}, s)[len(Key{}):] }

// DecodeSummary reads what EncodeSummary wrote, into memory of its own.
func DecodeSummary(data []byte) (*Summary, error) {
	b := make([]byte, len(Key{}), len(Key{})+len(data))
	b = append(b, data...)
	_, sums, bad := decodeChunk(unsafe.String(unsafe.SliceData(b), len(b)), b, 0, 1)
	if bad {
		return nil, errSummaries
	}
	return &sums[0], nil
}
