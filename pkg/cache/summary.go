package cache

import (
	"strings"
	"unicode/utf8"

	"github.com/igf-records/igf/pkg/core/record"
)

// Summary is what a query may need to know of a cached file before deciding
// to decode it: the shard keeps it in its index section, so a load that
// reads only summaries touches none of the records' pages.
type Summary struct {
	Record   bool // the file parsed into a record (else it holds only findings)
	Registry bool // the record carries registry entries: resolving names needs it
	// Flawed says reading the file met an error: something of it is missing
	// from the record, and every load must say so, whatever it selects.
	Flawed bool
	// Unsure says an owner was written with a character outside ASCII, whose
	// case folding a lower-cased token does not capture: a filter on owners
	// must take the file.
	Unsure bool
	Owners []OwnerToken // of the trackable items, one per distinct token and status
}

// OwnerToken is an owner as an item writes it, trimmed and lower-cased the
// way record.Set.Resolve looks names up, with the statuses of the items
// that name it.
type OwnerToken struct {
	Name   string
	Status StatusMask
}

// StatusMask says which item statuses a token appears with.
type StatusMask uint8

// The statuses an owner token can be seen with.
const (
	StatusOpen  StatusMask = 1 << iota // record.StatusOpen
	StatusDone                         // record.StatusDone
	StatusOther                        // anything else (cancelled, or unknown)
)

// StatusOf is the mask bit of an item status.
func StatusOf(status string) StatusMask {
	switch status {
	case record.StatusOpen:
		return StatusOpen
	case record.StatusDone:
		return StatusDone
	}
	return StatusOther
}

// OwnerKey is how a summary writes an owner: as record.Set.Resolve looks it up.
func OwnerKey(owner string) string { return strings.ToLower(strings.TrimSpace(owner)) }

// SummaryOf summarises a parsed record (nil when the file gave none).
func SummaryOf(r *record.Record) Summary {
	if r == nil {
		return Summary{}
	}
	s := Summary{Record: true, Registry: r.Registry != nil}
	index := map[string]int{}
	for _, it := range r.Items {
		if !it.Trackable() {
			continue
		}
		for _, o := range it.Owners {
			if !ascii(o) {
				s.Unsure = true
			}
			k := OwnerKey(o)
			i, ok := index[k]
			if !ok {
				i = len(s.Owners)
				index[k] = i
				s.Owners = append(s.Owners, OwnerToken{Name: k})
			}
			s.Owners[i].Status |= StatusOf(it.Status)
		}
	}
	return s
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func encodeSummary(b []byte, s Summary) []byte {
	e := &encoder{b: b}
	var flags uint64
	if s.Record {
		flags |= 1
	}
	if s.Registry {
		flags |= 2
	}
	if s.Unsure {
		flags |= 4
	}
	if s.Flawed {
		flags |= 8
	}
	e.uint(flags)
	e.uint(uint64(len(s.Owners)))
	for _, o := range s.Owners {
		e.str(o.Name)
		e.uint(uint64(o.Status))
	}
	return e.b
}

// decodeSummary reads what encodeSummary wrote; strings are views of b.
func decodeSummary(b []byte) (Summary, bool) {
	d := &decoder{b: b}
	flags := d.uint()
	s := Summary{Record: flags&1 != 0, Registry: flags&2 != 0, Unsure: flags&4 != 0, Flawed: flags&8 != 0}
	if n := d.count(); n > 0 {
		s.Owners = make([]OwnerToken, n)
		for i := range s.Owners {
			s.Owners[i] = OwnerToken{Name: d.str(), Status: StatusMask(d.uint())}
		}
	}
	if d.err != nil || len(d.b) != 0 {
		return Summary{}, false
	}
	return s, true
}
