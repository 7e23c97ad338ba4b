package history

import (
	"encoding/binary"
	"errors"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
)

// The cached rows are written in a compact form of their own: gob spends
// most of a warm run decoding tens of thousands of small structs, while here
// each distinct string of a row (IDs, paths, authors, subjects) is stored
// once and everything else is a varint.

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

// encodeLine packs what one commit of the line brought: its changes (c is
// nil when it changed no ID) and the file versions it brought that could
// not be read. The commit's hash and place are the row's key, not packed.
func encodeLine(c *Commit, bad []Unreadable) []byte {
	if c == nil && len(bad) == 0 {
		return nil
	}
	e := &encoder{strings: map[string]uint64{}}
	if c == nil {
		e.buf = append(e.buf, 0)
	} else {
		e.buf = append(e.buf, 1)
		e.time(c.Time)
		e.time(c.AuthorTime)
		e.str(c.Author)
		e.str(c.AuthorEmail)
		e.str(c.Subject)
		e.flag(c.Merge)
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
	e.uvarint(uint64(len(bad)))
	for _, u := range bad {
		e.str(u.Path)
		e.uvarint(uint64(max(u.Line, 0)))
		e.uvarint(uint64(max(u.Col, 0)))
		e.str(u.Rule)
		e.str(u.Reason)
		e.flag(u.Whole)
		e.uvarint(uint64(max(u.More, 0)))
		e.time(u.Time)
	}
	return e.withTable()
}

func (e *encoder) flag(b bool) {
	if b {
		e.buf = append(e.buf, 1)
	} else {
		e.buf = append(e.buf, 0)
	}
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

func (d *decoder) flag() bool {
	b := d.bytes(1)
	return len(b) == 1 && b[0] == 1
}

// decodeLine reads what encodeLine wrote for the commit hash at seq: its
// Commit (nil when it changed no ID) and its unreadable file versions.
func decodeLine(hash plumbing.Hash, seq int, data []byte) (*Commit, []Unreadable, error) {
	if len(data) == 0 {
		return nil, nil, nil
	}
	d := newDecoder(data)
	var c *Commit
	if d.flag() {
		c = &Commit{Hash: hash, Seq: seq}
		c.Time, c.AuthorTime = d.time(), d.time()
		c.Author, c.AuthorEmail, c.Subject = d.str(), d.str(), d.str()
		c.Merge = d.flag()
		changes := d.uvarint()
		if changes > uint64(len(d.buf)) {
			return nil, nil, errCorrupt
		}
		c.Changes = make([]Change, changes)
		for j := range c.Changes {
			ch := &c.Changes[j]
			ch.ID, ch.Kind, ch.Change, ch.From = d.str(), d.str(), d.str(), d.str()
			ch.To, ch.Path, ch.OldPath, ch.Record = d.str(), d.str(), d.str(), d.str()
			if d.flag() {
				ch.MadeIn = &Origin{Commit: d.str(), Time: d.time(), Author: d.str(), AuthorEmail: d.str()}
			}
		}
	}
	n := d.uvarint()
	if n > uint64(len(d.buf)) {
		return nil, nil, errCorrupt
	}
	bad := make([]Unreadable, n)
	for i := range bad {
		u := &bad[i]
		u.Path = d.str()
		u.Line, u.Col = int(d.uvarint()), int(d.uvarint())
		u.Rule, u.Reason = d.str(), d.str()
		u.Whole = d.flag()
		u.More = int(d.uvarint())
		u.Time = d.time()
		u.Commit, u.Seq = hash, seq
	}
	if d.err != nil || len(d.buf) != 0 {
		return nil, nil, errCorrupt
	}
	if len(bad) == 0 {
		bad = nil
	}
	return c, bad, nil
}

// encodeFile packs one record file of the state at the cached head: its
// blob and the IDs it holds. Its path is the row's key.
func encodeFile(f fileState) []byte {
	e := &encoder{strings: map[string]uint64{}}
	e.buf = append(e.buf, f.Blob[:]...)
	e.uvarint(uint64(len(f.Items)))
	for _, it := range f.Items {
		e.str(it.ID)
		e.str(it.Kind)
		e.str(it.Status)
		e.str(it.Record)
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

func decodeFile(data []byte) (fileState, error) {
	d := newDecoder(data)
	var f fileState
	copy(f.Blob[:], d.bytes(uint64(len(plumbing.ZeroHash))))
	items := d.uvarint()
	if items > uint64(len(d.buf)) {
		return f, errCorrupt
	}
	f.Items = make([]ItemState, items)
	for j := range f.Items {
		f.Items[j] = ItemState{ID: d.str(), Kind: d.str(), Status: d.str(), Record: d.str()}
	}
	if d.err != nil || len(d.buf) != 0 {
		return f, errCorrupt
	}
	return f, nil
}
