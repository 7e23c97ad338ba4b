package store

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/record"
)

// A record's and an item's fields are kept as JSON in their rows' data
// column. The model's own JSON tags name the fields, so a field added to the
// model with a tag is kept without a change here; the fields the model keeps
// out of its JSON (`json:"-"`: positions, back pointers, parsed forms) are
// carried by the wrappers below. codec_test.go fails when the model gains a
// `json:"-"` field this file does not know, and round-trips every bundled
// record.

// recordData is what records.data holds.
type recordData struct {
	record.Record
	// Shadows of the model's untagged fields.
	Path        string         `json:"path,omitempty"` // paths live in files
	Pos         record.Pos     `json:"pos"`
	FieldPos    map[string]pos `json:"field_pos,omitempty"`
	BodyLine    int            `json:"body_line"`
	NextMeeting *nextMeeting   `json:"next_meeting,omitempty"`
	Registry    *registryData  `json:"registry,omitempty"`
}

// pos is a record.Pos as a two-element array: field positions are many.
type pos [2]int

type nextMeeting struct {
	record.NextMeeting
	Pos record.Pos `json:"pos"`
}

type registryData struct {
	People []personData `json:"people"`
	Bodies []bodyData   `json:"bodies"`
}

type personData struct {
	record.Person
	Pos record.Pos `json:"pos"`
}

type bodyData struct {
	record.Body
	Pos record.Pos `json:"pos"`
}

// itemData is what items.data holds.
type itemData struct {
	record.Item
	Pos            record.Pos `json:"pos"`
	CheckboxOffset int        `json:"checkbox_offset"`
	DueText        string     `json:"due_text,omitempty"`
	Lines          [2]int     `json:"lines"`
}

// encodeRecord gives records.data for r; its items, text and path are kept
// elsewhere.
func encodeRecord(r *record.Record) (string, error) {
	d := recordData{Record: *r, Pos: r.Pos, BodyLine: r.BodyLine}
	d.Record.Items, d.Record.Text, d.Record.Time = nil, "", nil
	if len(r.FieldPos) > 0 {
		d.FieldPos = make(map[string]pos, len(r.FieldPos))
		for k, p := range r.FieldPos {
			d.FieldPos[k] = pos{p.Line, p.Col}
		}
	}
	if r.NextMeeting != nil {
		d.NextMeeting = &nextMeeting{NextMeeting: *r.NextMeeting, Pos: r.NextMeeting.Pos}
	}
	if r.Registry != nil {
		d.Registry = &registryData{People: []personData{}, Bodies: []bodyData{}}
		for _, p := range r.Registry.People {
			d.Registry.People = append(d.Registry.People, personData{Person: *p, Pos: p.Pos})
		}
		for _, b := range r.Registry.Bodies {
			d.Registry.Bodies = append(d.Registry.Bodies, bodyData{Body: *b, Pos: b.Pos})
		}
	}
	b, err := json.Marshal(d)
	return string(b), err
}

// decodeRecord rebuilds a record from records.data and its text; items are
// added by the caller.
func decodeRecord(path, data, text string) (*record.Record, error) {
	var d recordData
	if err := json.Unmarshal([]byte(data), &d); err != nil {
		return nil, err
	}
	r := &d.Record
	r.Path, r.Pos, r.BodyLine, r.Text = path, d.Pos, d.BodyLine, text
	if d.FieldPos != nil {
		r.FieldPos = make(map[string]record.Pos, len(d.FieldPos))
		for k, p := range d.FieldPos {
			r.FieldPos[k] = record.Pos{Line: p[0], Col: p[1]}
		}
	}
	if d.NextMeeting != nil {
		nm := d.NextMeeting.NextMeeting
		nm.Pos = d.NextMeeting.Pos
		r.NextMeeting = &nm
	}
	if d.Registry != nil {
		r.Registry = &record.Registry{}
		for i := range d.Registry.People {
			p := d.Registry.People[i].Person
			p.Pos = d.Registry.People[i].Pos
			r.Registry.People = append(r.Registry.People, &p)
		}
		for i := range d.Registry.Bodies {
			b := d.Registry.Bodies[i].Body
			b.Pos = d.Registry.Bodies[i].Pos
			r.Registry.Bodies = append(r.Registry.Bodies, &b)
		}
	}
	// The clock is parsed again from what was written, as the parser did.
	if r.TimeText != "" {
		if c, err := dates.ParseClock(r.TimeText); err == nil {
			r.Time = &c
		}
	}
	return r, nil
}

func encodeItem(it *record.Item) (string, error) {
	d := itemData{Item: *it, Pos: it.Pos, CheckboxOffset: it.CheckboxOffset, DueText: it.DueText, Lines: it.Lines}
	d.Item.Record = nil
	b, err := json.Marshal(d)
	return string(b), err
}

func decodeItem(data string, rec *record.Record) (*record.Item, error) {
	var d itemData
	if err := json.Unmarshal([]byte(data), &d); err != nil {
		return nil, err
	}
	it := &d.Item
	it.Pos, it.CheckboxOffset, it.DueText, it.Lines, it.Record = d.Pos, d.CheckboxOffset, d.DueText, d.Lines, rec
	return it, nil
}

func encodeFinding(f record.Finding) (string, error) {
	f.Path = ""
	b, err := json.Marshal(f)
	return string(b), err
}

func decodeFinding(path, data string) (record.Finding, error) {
	var f record.Finding
	err := json.Unmarshal([]byte(data), &f)
	f.Path = path
	return f, err
}

// day is a date's start or end as whole days since 1970-01-01, or nil when
// the date is TBD or not given.
func day(d dates.Date, end bool) *int64 {
	if d.IsTBD() {
		return nil
	}
	t := d.Start
	if end {
		t = d.End
	}
	n := t.Unix()
	days := n / 86400
	if n%86400 < 0 {
		days--
	}
	return &days
}

// dayOf is a day number for comparisons with a date's bounds.
func dayOf(t time.Time) int64 {
	n := t.Unix()
	days := n / 86400
	if n%86400 < 0 {
		days--
	}
	return days
}

// unsure is the key of a name written outside ASCII: Unicode case folding
// matches such a name in more ways than lower-casing shows, so a query for
// any name takes it as a candidate and leaves the decision to the matcher.
const unsure = "\x00"

// key is how a name is looked up: trimmed and lower-cased, as
// record.Set.Resolve does, or unsure.
func key(name string) string {
	if !ascii(name) {
		return unsure
	}
	return strings.ToLower(strings.TrimSpace(name))
}

// span is the days a record covers: its date, or a timeline's start to end.
func span(r *record.Record) (start, end *int64) {
	if !r.Date.IsTBD() {
		return day(r.Date, false), day(r.Date, true)
	}
	if !r.Start.IsTBD() || !r.End.IsTBD() {
		start, end = day(r.Start, false), day(r.End, true)
		if start == nil {
			start = day(r.End, false)
		}
		if end == nil {
			end = day(r.Start, true)
		}
	}
	return start, end
}
