package cache

import (
	"encoding/binary"
	"errors"
	"sort"
	"time"
	"unsafe"

	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/record"
)

// The codec writes one parsed file (its record and findings) as a
// self-contained blob: varints and length-prefixed strings, nothing that
// points outside the blob, so an unchanged entry is copied byte for byte when
// a shard is rewritten. Decoding copies no string: every string is a view of
// the (read-only, never rewritten in place) shard file. Slices and maps
// keep the difference between nil and empty, so a decoded record is
// indistinguishable from a freshly parsed one (codec_test checks both that and
// that every field of the model is known here).

type encoder struct{ b []byte }

func (e *encoder) uint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) int(v int)     { e.b = binary.AppendVarint(e.b, int64(v)) }
func (e *encoder) bool(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}
func (e *encoder) str(s string) { e.uint(uint64(len(s))); e.b = append(e.b, s...) }

// strs writes a string slice; length 0 is nil, n+1 is n strings.
func (e *encoder) strs(ss []string) {
	if ss == nil {
		e.uint(0)
		return
	}
	e.uint(uint64(len(ss)) + 1)
	for _, s := range ss {
		e.str(s)
	}
}

func (e *encoder) pos(p record.Pos) { e.int(p.Line); e.int(p.Col) }

// date keeps a date as written; decoding parses it again, through a memo.
func (e *encoder) date(d dates.Date) { e.str(d.String()) }

func (e *encoder) finding(f record.Finding) {
	e.str(f.Path)
	e.int(f.Line)
	e.int(f.Col)
	e.str(f.Severity)
	e.str(f.Rule)
	e.str(f.Message)
	e.str(f.Hint)
}

// encodeEntry appends the blob of one parsed file, all but the record's
// Text, which the shard stores in a region of its own.
func encodeEntry(b []byte, r *record.Record, findings []record.Finding) []byte {
	e := &encoder{b: b}
	e.uint(uint64(len(findings)))
	for _, f := range findings {
		e.finding(f)
	}
	e.bool(r != nil)
	if r != nil {
		e.record(r)
	}
	return e.b
}

func (e *encoder) record(r *record.Record) {
	e.str(r.Path)
	e.str(r.ID)
	e.str(r.Type)
	e.str(r.Title)
	e.str(r.Body)
	e.date(r.Date)
	e.bool(r.Time != nil)
	if r.Time != nil {
		e.int(r.Time.StartMin)
		e.int(r.Time.EndMin)
		e.str(r.Time.Zone)
	}
	e.str(r.TimeText)
	e.str(r.Format)
	e.str(r.Location)
	if r.People == nil {
		e.uint(0)
	} else {
		e.uint(uint64(len(r.People)) + 1)
		for _, role := range sortedKeys(r.People) {
			e.str(role)
			e.strs(r.People[role])
		}
	}
	e.strs(r.Agenda)
	e.bool(r.NextMeeting != nil)
	if nm := r.NextMeeting; nm != nil {
		e.date(nm.Date)
		e.str(nm.ID)
		e.str(nm.Location)
		e.str(nm.Note)
		e.pos(nm.Pos)
	}
	e.str(r.Meeting)
	e.strs(r.Supersedes)
	e.date(r.Start)
	e.date(r.End)
	e.str(r.ItemKind)
	if r.Sources == nil {
		e.uint(0)
	} else {
		e.uint(uint64(len(r.Sources)) + 1)
		for _, s := range r.Sources {
			e.str(s.Title)
			e.str(s.URL)
			e.str(s.Note)
			e.str(s.Visibility)
		}
	}
	e.strs(r.Tags)
	e.str(r.Visibility)
	e.strs(r.Restricted)
	if r.Items == nil {
		e.uint(0)
	} else {
		e.uint(uint64(len(r.Items)) + 1)
		for _, it := range r.Items {
			e.item(it)
		}
	}
	e.bool(r.Registry != nil)
	if r.Registry != nil {
		e.registry(r.Registry)
	}
	e.pos(r.Pos)
	if r.FieldPos == nil {
		e.uint(0)
	} else {
		e.uint(uint64(len(r.FieldPos)) + 1)
		for _, k := range sortedKeys(r.FieldPos) {
			e.str(k)
			e.pos(r.FieldPos[k])
		}
	}
	e.int(r.BodyLine)
	// Text is kept apart from the blob (see entry.text).
}

func (e *encoder) item(it *record.Item) {
	e.str(it.ID)
	e.str(it.Kind)
	e.str(it.Title)
	e.strs(it.Owners)
	e.date(it.Due)
	e.date(it.Start)
	e.str(it.Status)
	e.date(it.DoneDate)
	e.str(it.Parent)
	e.str(it.Milestone)
	e.str(it.Objective)
	e.strs(it.Tasks)
	e.str(it.Responsible)
	if it.Checkpoints == nil {
		e.uint(0)
	} else {
		e.uint(uint64(len(it.Checkpoints)) + 1)
		for _, c := range it.Checkpoints {
			e.str(c.Label)
			e.date(c.Date)
		}
	}
	e.strs(it.DependsOn)
	e.str(it.Note)
	e.pos(it.Pos)
	e.int(it.CheckboxOffset)
	e.str(it.DueText)
	e.str(it.Visibility)
	e.int(it.Lines[0])
	e.int(it.Lines[1])
}

func (e *encoder) registry(g *record.Registry) {
	e.uint(uint64(len(g.People)))
	for _, p := range g.People {
		e.str(p.ID)
		e.str(p.Name)
		e.str(p.Initials)
		e.strs(p.Aliases)
		switch {
		case p.Expanded == nil:
			e.uint(0)
		case *p.Expanded:
			e.uint(1)
		default:
			e.uint(2)
		}
		if p.Memberships == nil {
			e.uint(0)
		} else {
			e.uint(uint64(len(p.Memberships)) + 1)
			for _, m := range p.Memberships {
				e.str(m.Body)
				e.str(m.Role)
				e.str(m.From)
				e.str(m.To)
				e.strs(m.Seen)
				e.str(m.Note)
			}
		}
		e.str(p.Note)
		e.strs(p.Restricted)
		e.pos(p.Pos)
	}
	e.uint(uint64(len(g.Bodies)))
	for _, b := range g.Bodies {
		e.str(b.ID)
		e.str(b.Name)
		e.str(b.Kind)
		e.str(b.Parent)
		e.strs(b.Aliases)
		e.str(b.Note)
		e.strs(b.Restricted)
		e.pos(b.Pos)
	}
	e.strs(g.Passthrough)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

var errCorrupt = errors.New("cache entry is corrupt")

// decoder reads a blob. A malformed blob (a damaged file) sets err and
// yields zero values; it never panics or reads outside the blob.
type decoder struct {
	b     []byte
	err   error
	memo  *memo
	limit int // sanity bound on any count
}

// memo shares parsed dates and time zones across the entries one goroutine
// decodes: records repeat the same few thousand dates.
type memo struct {
	dates map[string]dates.Date
	zones map[string]dates.Clock
}

func newMemo() *memo {
	return &memo{dates: map[string]dates.Date{}, zones: map[string]dates.Clock{}}
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = errCorrupt
	}
	d.b = nil
}

func (d *decoder) uint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) int() int {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return int(v)
}

func (d *decoder) bool() bool { return d.uint() == 1 }

// count reads a length, bounded by what the remaining bytes could hold.
func (d *decoder) count() int {
	n := d.uint()
	if n > uint64(len(d.b))+1 {
		d.fail()
		return 0
	}
	return int(n)
}

// str returns a view of the blob's bytes: no copy.
func (d *decoder) str() string {
	n := d.uint()
	if n > uint64(len(d.b)) {
		d.fail()
		return ""
	}
	if n == 0 {
		return ""
	}
	s := unsafe.String(&d.b[0], int(n))
	d.b = d.b[n:]
	return s
}

func (d *decoder) strs() []string {
	n := d.count()
	if n == 0 {
		return nil
	}
	out := make([]string, n-1)
	for i := range out {
		out[i] = d.str()
	}
	return out
}

func (d *decoder) pos() record.Pos { return record.Pos{Line: d.int(), Col: d.int()} }

func (d *decoder) date() dates.Date {
	s := d.str()
	if s == "" {
		return dates.Date{}
	}
	if v, ok := d.memo.dates[s]; ok {
		return v
	}
	v, err := dates.Parse(s)
	if err != nil {
		// The parser only keeps dates it could read; anything else is damage.
		d.fail()
		return dates.Date{}
	}
	d.memo.dates[s] = v
	return v
}

func (d *decoder) finding() record.Finding {
	return record.Finding{Path: d.str(), Line: d.int(), Col: d.int(), Severity: d.str(), Rule: d.str(), Message: d.str(), Hint: d.str()}
}

// decodeEntry reads a blob written by encodeEntry; text is the record's
// Markdown body, kept apart so that reading a record touches none of it.
func decodeEntry(b, text []byte, m *memo) (*record.Record, []record.Finding, error) {
	d := &decoder{b: b, memo: m}
	var findings []record.Finding
	if n := d.count(); n > 0 {
		findings = make([]record.Finding, n)
		for i := range findings {
			findings[i] = d.finding()
		}
	}
	var r *record.Record
	if d.bool() {
		r = d.record()
		if len(text) > 0 {
			r.Text = unsafe.String(&text[0], len(text))
		}
	}
	if d.err == nil && len(d.b) != 0 {
		d.fail()
	}
	if d.err != nil {
		return nil, nil, d.err
	}
	return r, findings, nil
}

func (d *decoder) record() *record.Record {
	r := &record.Record{}
	r.Path = d.str()
	r.ID = d.str()
	r.Type = d.str()
	r.Title = d.str()
	r.Body = d.str()
	r.Date = d.date()
	if d.bool() {
		c := dates.Clock{StartMin: d.int(), EndMin: d.int(), Zone: d.str()}
		c.Location = d.zone(c.Zone)
		r.Time = &c
	}
	r.TimeText = d.str()
	r.Format = d.str()
	r.Location = d.str()
	if n := d.count(); n > 0 {
		r.People = make(map[string][]string, n-1)
		for i := 0; i < n-1; i++ {
			role := d.str()
			r.People[role] = d.strs()
		}
	}
	r.Agenda = d.strs()
	if d.bool() {
		r.NextMeeting = &record.NextMeeting{Date: d.date(), ID: d.str(), Location: d.str(), Note: d.str(), Pos: d.pos()}
	}
	r.Meeting = d.str()
	r.Supersedes = d.strs()
	r.Start = d.date()
	r.End = d.date()
	r.ItemKind = d.str()
	if n := d.count(); n > 0 {
		r.Sources = make([]record.Source, n-1)
		for i := range r.Sources {
			r.Sources[i] = record.Source{Title: d.str(), URL: d.str(), Note: d.str(), Visibility: d.str()}
		}
	}
	r.Tags = d.strs()
	r.Visibility = d.str()
	r.Restricted = d.strs()
	if n := d.count(); n > 0 {
		// One allocation for all of a record's items.
		items := make([]record.Item, n-1)
		r.Items = make([]*record.Item, n-1)
		for i := range items {
			d.item(&items[i])
			items[i].Record = r
			r.Items[i] = &items[i]
		}
	}
	if d.bool() {
		r.Registry = d.registry()
	}
	r.Pos = d.pos()
	if n := d.count(); n > 0 {
		r.FieldPos = make(map[string]record.Pos, n-1)
		for i := 0; i < n-1; i++ {
			k := d.str()
			r.FieldPos[k] = d.pos()
		}
	}
	r.BodyLine = d.int()
	return r
}

// zone rebuilds a clock's location from its zone, as dates.ParseClock does.
func (d *decoder) zone(zone string) *time.Location {
	if c, ok := d.memo.zones[zone]; ok {
		return c.Location
	}
	if zone == "local" {
		return nil
	}
	c, err := dates.ParseClock("00:00 " + zone)
	if err != nil {
		d.fail()
		return nil
	}
	d.memo.zones[zone] = c
	return c.Location
}

func (d *decoder) item(it *record.Item) {
	it.ID = d.str()
	it.Kind = d.str()
	it.Title = d.str()
	it.Owners = d.strs()
	it.Due = d.date()
	it.Start = d.date()
	it.Status = d.str()
	it.DoneDate = d.date()
	it.Parent = d.str()
	it.Milestone = d.str()
	it.Objective = d.str()
	it.Tasks = d.strs()
	it.Responsible = d.str()
	if n := d.count(); n > 0 {
		it.Checkpoints = make([]record.Checkpoint, n-1)
		for i := range it.Checkpoints {
			it.Checkpoints[i] = record.Checkpoint{Label: d.str(), Date: d.date()}
		}
	}
	it.DependsOn = d.strs()
	it.Note = d.str()
	it.Pos = d.pos()
	it.CheckboxOffset = d.int()
	it.DueText = d.str()
	it.Visibility = d.str()
	it.Lines = [2]int{d.int(), d.int()}
}

func (d *decoder) registry() *record.Registry {
	g := &record.Registry{}
	if n := d.count(); n > 0 {
		g.People = make([]*record.Person, n)
		for i := range g.People {
			p := &record.Person{ID: d.str(), Name: d.str(), Initials: d.str(), Aliases: d.strs()}
			switch d.uint() {
			case 1:
				t := true
				p.Expanded = &t
			case 2:
				f := false
				p.Expanded = &f
			}
			if m := d.count(); m > 0 {
				p.Memberships = make([]record.Membership, m-1)
				for j := range p.Memberships {
					p.Memberships[j] = record.Membership{Body: d.str(), Role: d.str(), From: d.str(), To: d.str(), Seen: d.strs(), Note: d.str()}
				}
			}
			p.Note = d.str()
			p.Restricted = d.strs()
			p.Pos = d.pos()
			g.People[i] = p
		}
	}
	if n := d.count(); n > 0 {
		g.Bodies = make([]*record.Body, n)
		for i := range g.Bodies {
			g.Bodies[i] = &record.Body{ID: d.str(), Name: d.str(), Kind: d.str(), Parent: d.str(), Aliases: d.strs(), Note: d.str(), Restricted: d.strs(), Pos: d.pos()}
		}
	}
	g.Passthrough = d.strs()
	return g
}
