// Package edit changes record files byte by byte: it ticks or clears an
// action's checkbox, sets a milestone's status, adds a done:DATE or an {#ID}
// token. Every edit returns new bytes that differ from the old only where the
// change is — line endings, byte-order marks, trailing spaces and all other
// formatting stay as they were. The functions are pure; Write puts the result
// on disk safely.
package edit

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/igf-records/igf/pkg/core/record"
)

// SetStatus makes an item done or open in data, the bytes of the file the item
// was parsed from. A checkbox item gets its box ticked or cleared; a milestone
// gets its status: scalar rewritten (or a status line added after its id).
// doneDate, when given with done, is written as done:DATE on a checkbox item;
// reopening a checkbox item drops its done:DATE, which would no longer be true.
func SetStatus(data []byte, it *record.Item, done bool, doneDate string) ([]byte, error) {
	switch {
	case it.CheckboxOffset >= 0:
		out, err := setCheckbox(data, it.CheckboxOffset, done)
		if err != nil {
			return nil, fmt.Errorf("%s:%d:%d: %v", it.Record.Path, it.Pos.Line, it.Pos.Col, err)
		}
		if done && doneDate != "" {
			return setDoneToken(out, it, doneDate)
		}
		if !done {
			return dropDoneToken(out, it), nil
		}
		return out, nil
	case it.Kind == record.KindMilestone:
		if doneDate != "" && done {
			return nil, fmt.Errorf("%s: milestones keep no done date in the format; leave out --date", it.ID)
		}
		status := record.StatusOpen
		if done {
			status = record.StatusDone
		}
		return setMilestoneStatus(data, it, status)
	}
	return nil, fmt.Errorf("%s is a %s: it has no status to change", it.ID, it.Kind)
}

// setCheckbox rewrites the character inside "[ ]" / "[x]" at off.
func setCheckbox(data []byte, off int, done bool) ([]byte, error) {
	if off < 0 || off+2 >= len(data) || data[off] != '[' || data[off+2] != ']' || !strings.ContainsRune(" xX", rune(data[off+1])) {
		return nil, fmt.Errorf("expected a checkbox [ ] or [x] at byte %d; the file changed since it was read", off)
	}
	out := bytes.Clone(data)
	if done {
		if out[off+1] == ' ' {
			out[off+1] = 'x'
		}
	} else {
		out[off+1] = ' '
	}
	return out, nil
}

// firstLine is the byte range of the item's first line from its checkbox,
// without the line ending.
func firstLine(data []byte, from int) (start, end int) {
	end = len(data)
	if i := bytes.IndexByte(data[from:], '\n'); i >= 0 {
		end = from + i
	}
	if end > from && data[end-1] == '\r' {
		end--
	}
	return from, end
}

var doneToken = regexp.MustCompile(`(^|[ \t])done:[^ \t]+`)

// setDoneToken writes done:DATE on the item's first line: in place of an
// existing done: token, else before its {#ID}, else at the end of the line.
func setDoneToken(data []byte, it *record.Item, date string) ([]byte, error) {
	start, end := firstLine(data, it.CheckboxOffset)
	line := data[start:end]
	if loc := doneToken.FindIndex(line); loc != nil {
		lead := loc[0]
		if lead < loc[1] && (line[lead] == ' ' || line[lead] == '\t') {
			lead++
		}
		return splice(data, start+lead, start+loc[1], "done:"+date), nil
	}
	if it.ID != "" {
		if i := bytes.Index(line, []byte("{#"+it.ID+"}")); i >= 0 {
			return splice(data, start+i, start+i, "done:"+date+" "), nil
		}
	}
	at := start + len(bytes.TrimRight(line, " \t"))
	return splice(data, at, at, " done:"+date), nil
}

// dropDoneToken removes a done: token (and the blank before it) from the
// item's first line.
func dropDoneToken(data []byte, it *record.Item) []byte {
	start, end := firstLine(data, it.CheckboxOffset)
	if loc := doneToken.FindIndex(data[start:end]); loc != nil {
		return splice(data, start+loc[0], start+loc[1], "")
	}
	return data
}

// AddID writes an {#ID} token at the end of a task item's first line (before
// any trailing blanks, which may be a Markdown hard break), or at the end of a
// list item's first line that starts at lineStart (for decisions).
func AddID(data []byte, lineStart int, id string) []byte {
	start, end := firstLine(data, lineStart)
	at := start + len(bytes.TrimRight(data[start:end], " \t"))
	return splice(data, at, at, " {#"+id+"}")
}

func splice(data []byte, from, to int, insert string) []byte {
	out := make([]byte, 0, len(data)-(to-from)+len(insert))
	out = append(out, data[:from]...)
	out = append(out, insert...)
	return append(out, data[to:]...)
}

// Offset turns a 1-based line and rune column into a byte offset in data.
func Offset(data []byte, p record.Pos) (int, error) {
	off := 0
	for line := 1; line < p.Line; line++ {
		i := bytes.IndexByte(data[off:], '\n')
		if i < 0 {
			return 0, fmt.Errorf("line %d is past the end of the file", p.Line)
		}
		off += i + 1
	}
	for col := 1; col < p.Col; col++ {
		if off >= len(data) || data[off] == '\n' {
			return 0, fmt.Errorf("column %d is past the end of line %d", p.Col, p.Line)
		}
		_, n := utf8.DecodeRune(data[off:])
		off += n
	}
	return off, nil
}

// milestoneIndex finds the index of the milestone in the record's front
// matter, from the positions the parser kept.
func milestoneIndex(it *record.Item) (int, bool) {
	for i := 0; ; i++ {
		p, ok := it.Record.FieldPos[fmt.Sprintf("/milestones/%d/id", i)]
		if !ok {
			return 0, false
		}
		if p == it.Pos {
			return i, true
		}
	}
}

// setMilestoneStatus rewrites the value of a milestone's status: key, keeping
// its quoting, or adds "status: X" after the milestone's id line.
func setMilestoneStatus(data []byte, it *record.Item, status string) ([]byte, error) {
	i, ok := milestoneIndex(it)
	if !ok {
		return nil, fmt.Errorf("%s: cannot find the milestone in the front matter", it.ID)
	}
	where := fmt.Sprintf("%s:%d:%d", it.Record.Path, it.Pos.Line, it.Pos.Col)
	keyPos, has := it.Record.FieldPos[fmt.Sprintf("/milestones/%d/status", i)]
	if !has {
		idOff, err := Offset(data, it.Pos)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", where, err)
		}
		if !bytes.HasPrefix(data[idOff:], []byte("id")) {
			return nil, fmt.Errorf("%s: expected the milestone's id: key here; the file changed since it was read", where)
		}
		// The id line may be "- id: x" (the list dash before it): align the
		// new key with id, not with the dash.
		lineStart := bytes.LastIndexByte(data[:idOff], '\n') + 1
		indent := strings.Repeat(" ", utf8.RuneCount(data[lineStart:idOff]))
		_, end := firstLine(data, idOff)
		eol := "\n"
		if end < len(data) && data[end] == '\r' {
			eol = "\r\n"
		}
		return splice(data, end, end, eol+indent+"status: "+status), nil
	}
	off, err := Offset(data, keyPos)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", where, err)
	}
	rest := data[off:]
	if !bytes.HasPrefix(rest, []byte("status")) {
		return nil, fmt.Errorf("%s: expected the milestone's status: key at line %d; the file changed since it was read", where, keyPos.Line)
	}
	j := len("status")
	for j < len(rest) && (rest[j] == ' ' || rest[j] == '\t') {
		j++
	}
	if j >= len(rest) || rest[j] != ':' {
		return nil, fmt.Errorf("%s: expected ':' after status at line %d", where, keyPos.Line)
	}
	j++
	for j < len(rest) && (rest[j] == ' ' || rest[j] == '\t') {
		j++
	}
	valStart := off + j
	_, lineEnd := firstLine(data, valStart)
	val := data[valStart:lineEnd]
	switch {
	case len(val) > 0 && (val[0] == '"' || val[0] == '\''):
		q := val[0]
		k := bytes.IndexByte(val[1:], q)
		if k < 0 {
			return nil, fmt.Errorf("%s: the status value at line %d has no closing quote", where, keyPos.Line)
		}
		return splice(data, valStart+1, valStart+1+k, status), nil
	default:
		n := len(val)
		if k := bytes.Index(val, []byte(" #")); k >= 0 {
			n = k
		}
		n = len(bytes.TrimRight(val[:n], " \t"))
		if n == 0 || strings.ContainsAny(string(val[:n]), "[]{},|>&*!") {
			return nil, fmt.Errorf("%s: igf edits a milestone's status only on a line of its own (status: open); write this milestone one key per line", where)
		}
		return splice(data, valStart, valStart+n, status), nil
	}
}

// SetNextMeetingID fills in a meeting's next_meeting.id, in place, when it is
// written as an empty quoted string. It refuses to replace an ID already there.
func SetNextMeetingID(data []byte, rec *record.Record, id string) ([]byte, error) {
	p, ok := rec.FieldPos["/next_meeting/id"]
	if !ok {
		return nil, fmt.Errorf("%s: next_meeting has no id field to fill", rec.Path)
	}
	off, err := Offset(data, p)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", rec.Path, err)
	}
	for _, empty := range []string{`""`, `''`} {
		if bytes.HasPrefix(data[off:], []byte(empty)) {
			return splice(data, off, off+2, `"`+id+`"`), nil
		}
	}
	return nil, fmt.Errorf("%s:%d:%d: next_meeting.id is not empty; left as it is", rec.Path, p.Line, p.Col)
}
