package history

import (
	"encoding/binary"
	"errors"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
)

// The cached events are written in a compact form of their own: gob spends
// most of a warm run decoding tens of thousands of small structs, while here
// each distinct string (IDs, paths, authors, subjects) is stored once and
// everything else is a varint.

type encoder struct {
	buf     []byte
	strings map[string]uint64
	table   []string
}

func (e *encoder) uvarint(v uint64) { e.buf = binary.AppendUvarint(e.buf, v) }
func (e *encoder) varint(v int64)   { e.buf = binary.AppendVarint(e.buf, v) }

func (e *encoder) str(s string) {
	i, ok := e.strings[s]
	if !ok {
		i = uint64(len(e.table))
		e.strings[s] = i
		e.table = append(e.table, s)
	}
	e.uvarint(i)
}

func (e *encoder) time(t time.Time) {
	_, off := t.Zone()
	e.varint(t.Unix())
	e.varint(int64(off))
}

// encodeCommits packs commits as: the string table, then each commit.
func encodeCommits(commits []Commit) []byte {
	e := &encoder{strings: map[string]uint64{}}
	e.uvarint(uint64(len(commits)))
	for _, c := range commits {
		e.buf = append(e.buf, c.Hash[:]...)
		e.uvarint(uint64(c.Seq))
		e.time(c.Time)
		e.time(c.AuthorTime)
		e.str(c.Author)
		e.str(c.AuthorEmail)
		e.str(c.Subject)
		if c.Merge {
			e.buf = append(e.buf, 1)
		} else {
			e.buf = append(e.buf, 0)
		}
		e.uvarint(uint64(len(c.Changes)))
		for _, ch := range c.Changes {
			for _, s := range []string{ch.ID, ch.Kind, ch.Change, ch.From, ch.To, ch.Path, ch.OldPath, ch.Record} {
				e.str(s)
			}
			if o := ch.MadeIn; o != nil {
				e.buf = append(e.buf, 1)
				e.str(o.Commit)
				e.time(o.Time)
				e.str(o.Author)
				e.str(o.AuthorEmail)
			} else {
				e.buf = append(e.buf, 0)
			}
		}
	}
	return e.withTable()
}

var errCorrupt = errors.New("corrupt history cache")

type decoder struct {
	buf   []byte
	err   error
	table []string
	zones map[int64]*time.Location
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.buf)
	if n <= 0 {
		d.err, d.buf = errCorrupt, nil
		return 0
	}
	d.buf = d.buf[n:]
	return v
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.buf)
	if n <= 0 {
		d.err, d.buf = errCorrupt, nil
		return 0
	}
	d.buf = d.buf[n:]
	return v
}

func (d *decoder) bytes(n uint64) []byte {
	if uint64(len(d.buf)) < n {
		d.err, d.buf = errCorrupt, nil
		return nil
	}
	b := d.buf[:n]
	d.buf = d.buf[n:]
	return b
}

func (d *decoder) str() string {
	i := d.uvarint()
	if i >= uint64(len(d.table)) {
		d.err = errCorrupt
		return ""
	}
	return d.table[i]
}

func (d *decoder) time() time.Time {
	secs, off := d.varint(), d.varint()
	loc, ok := d.zones[off]
	if !ok {
		loc = time.FixedZone("", int(off))
		d.zones[off] = loc
	}
	return time.Unix(secs, 0).In(loc)
}

func decodeCommits(data []byte) ([]Commit, error) {
	d := newDecoder(data)
	count := d.uvarint()
	if count > uint64(len(data)) {
		return nil, errCorrupt
	}
	commits := make([]Commit, 0, count)
	for i := uint64(0); i < count && d.err == nil; i++ {
		var c Commit
		copy(c.Hash[:], d.bytes(uint64(len(plumbing.ZeroHash))))
		c.Seq = int(d.uvarint())
		c.Time, c.AuthorTime = d.time(), d.time()
		c.Author, c.AuthorEmail, c.Subject = d.str(), d.str(), d.str()
		merge := d.bytes(1)
		c.Merge = len(merge) == 1 && merge[0] == 1
		changes := d.uvarint()
		if changes > uint64(len(d.buf)) {
			return nil, errCorrupt
		}
		c.Changes = make([]Change, changes)
		for j := range c.Changes {
			ch := &c.Changes[j]
			ch.ID, ch.Kind, ch.Change, ch.From = d.str(), d.str(), d.str(), d.str()
			ch.To, ch.Path, ch.OldPath, ch.Record = d.str(), d.str(), d.str(), d.str()
			if has := d.bytes(1); len(has) == 1 && has[0] == 1 {
				ch.MadeIn = &Origin{Commit: d.str(), Time: d.time(), Author: d.str(), AuthorEmail: d.str()}
			}
		}
		commits = append(commits, c)
	}
	if d.err != nil || len(d.buf) != 0 {
		return nil, errCorrupt
	}
	return commits, nil
}

// encodeState packs the records tree at the cached head: each file's path,
// blob and IDs.
func encodeState(st *state) []byte {
	e := &encoder{strings: map[string]uint64{}}
	e.buf = append(e.buf, st.RecordsTree[:]...)
	e.uvarint(uint64(len(st.Files)))
	for p, f := range st.Files {
		e.str(p)
		e.buf = append(e.buf, f.Blob[:]...)
		e.uvarint(uint64(len(f.Items)))
		for _, it := range f.Items {
			e.str(it.ID)
			e.str(it.Kind)
			e.str(it.Status)
			e.str(it.Record)
		}
	}
	return e.withTable()
}

// withTable puts the string table before what was encoded.
func (e *encoder) withTable() []byte {
	body := e.buf
	e.buf = nil
	e.uvarint(uint64(len(e.table)))
	for _, s := range e.table {
		e.uvarint(uint64(len(s)))
		e.buf = append(e.buf, s...)
	}
	return append(e.buf, body...)
}

func newDecoder(data []byte) *decoder {
	d := &decoder{buf: data, zones: map[int64]*time.Location{}}
	n := d.uvarint()
	if n > uint64(len(data)) {
		d.err = errCorrupt
		return d
	}
	d.table = make([]string, 0, n)
	for i := uint64(0); i < n && d.err == nil; i++ {
		d.table = append(d.table, string(d.bytes(d.uvarint())))
	}
	return d
}

func decodeState(data []byte) (*state, error) {
	d := newDecoder(data)
	st := newState()
	copy(st.RecordsTree[:], d.bytes(uint64(len(plumbing.ZeroHash))))
	n := d.uvarint()
	if n > uint64(len(data)) {
		return nil, errCorrupt
	}
	for i := uint64(0); i < n && d.err == nil; i++ {
		p := d.str()
		var f fileState
		copy(f.Blob[:], d.bytes(uint64(len(plumbing.ZeroHash))))
		items := d.uvarint()
		if items > uint64(len(d.buf)) {
			return nil, errCorrupt
		}
		f.Items = make([]ItemState, items)
		for j := range f.Items {
			f.Items[j] = ItemState{ID: d.str(), Kind: d.str(), Status: d.str(), Record: d.str()}
		}
		st.Files[p] = f
	}
	if d.err != nil || len(d.buf) != 0 {
		return nil, errCorrupt
	}
	return st, nil
}
