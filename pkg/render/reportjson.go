package render

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"sync"
	"sync/atomic"

	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/core/report"
)

// JSONOptions are how ReportJSON writes a report.
type JSONOptions struct {
	Compact  bool // on one line (as CompactJSON), else indented (as JSON)
	Withheld any  // when not nil, added as a last member "withheld": what --public left out
	// Lines keeps the action lines' JSON for the reports of one set made
	// with the same report.Options (a site's); nil: one report's own.
	Lines *ActionLines
}

// ActionLines keeps action lines' JSON by their item and state
// (report.Line.Action), for the reports of one set made with the same
// report.Options: an open action is in the open, overdue and by-owner
// lists of a report, and in the report of every quarter it stays open.
// Safe for concurrent use.
type ActionLines struct {
	mu sync.Mutex
	m  map[actionKey][]byte
}

type actionKey struct {
	it    *record.Item
	state string
}

// NewActionLines is an empty ActionLines.
func NewActionLines() *ActionLines { return &ActionLines{m: map[actionKey][]byte{}} }

func (c *ActionLines) get(k actionKey) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.m[k]
	return b, ok
}

func (c *ActionLines) put(k actionKey, b []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[k] = b
}

// ReportJSON writes a periodic report's JSON as o says.
//
// The bytes are those of encoding the whole report at once, but the action
// lists, nearly all of a large report (50 MB at 10,000 records), are
// encoded a line at a time, each line once: encoding/json holds a whole
// value in one buffer that grows by doubling, and growing it was a seventh
// of a site build's allocations.
func ReportJSON(w io.Writer, r *report.Report, o JSONOptions) error {
	withheld, compact := o.Withheld, o.Compact
	// The report without its action lists, with a hole where they go. In
	// JSON every quote inside a string is escaped, so the hole's text can
	// only be the actions member itself.
	skeleton := *r
	skeleton.Actions = report.Actions{}
	head, err := encodeCompact(&skeleton)
	if err != nil {
		return err
	}
	const hole = `"actions":{"opened":null,"completed":null,"done_undated":null,"open":null,"overdue":null,"by_owner":null}`
	at := bytes.Index(head, []byte(hole))
	if at < 0 || bytes.Contains(head[at+len(hole):], []byte(hole)) {
		// Not the shape this was written for: encode the whole.
		wholeReports.Add(1)
		return writeJSON(w, WithWithheld(r, withheld), compact)
	}
	tail := bytes.TrimSuffix(head[at+len(hole):], []byte("\n"))
	if withheld != nil {
		// The report has members before its end, so a comma comes first.
		tail, err = insertWithheld(tail, withheld, true)
		if err != nil {
			return err
		}
	}

	out := io.Writer(w)
	var ind *indenter
	if !compact {
		ind = newIndenter(w)
		out = ind
	}
	bw := bufio.NewWriterSize(out, 64<<10)
	s := &streamer{w: bw, lines: o.Lines}
	if s.lines == nil {
		s.lines = NewActionLines()
	}
	s.enc = json.NewEncoder(&s.buf)
	s.enc.SetEscapeHTML(false)

	a := &r.Actions
	s.write(head[:at])
	s.write([]byte(`"actions":{"opened":`))
	s.actionLines(a.Opened)
	s.write([]byte(`,"completed":`))
	s.actionLines(a.Completed)
	s.write([]byte(`,"done_undated":`))
	s.actionLines(a.DoneUndated)
	s.write([]byte(`,"open":`))
	s.actionLines(a.Open)
	s.write([]byte(`,"overdue":`))
	s.actionLines(a.Overdue)
	s.write([]byte(`,"by_owner":`))
	s.byOwner(a.ByOwner)
	s.write([]byte("}"))
	s.write(tail)
	s.write([]byte("\n"))
	if s.err != nil {
		return s.err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if ind != nil {
		return ind.flush()
	}
	return nil
}

// wholeReports counts the reports (or owners) ReportJSON encoded whole,
// their shape not the one it splits: none, while the types are as it knows
// them (TestReportJSONIsTheWhole).
var wholeReports atomic.Int64

// streamer writes JSON in pieces and keeps the first error.
type streamer struct {
	w     *bufio.Writer
	buf   bytes.Buffer
	enc   *json.Encoder
	err   error
	lines *ActionLines
}

func (s *streamer) write(p []byte) {
	if s.err == nil {
		_, s.err = s.w.Write(p)
	}
}

// actionLines writes a list of action lines as encoding/json writes a slice
// (null when nil, else its elements in brackets, comma separated), each
// line's JSON made once for all the lists it is in.
func (s *streamer) actionLines(list []report.Line) {
	if list == nil {
		s.write([]byte("null"))
		return
	}
	s.write([]byte("["))
	for i := range list {
		if i > 0 {
			s.write([]byte(","))
		}
		l := &list[i]
		k := actionKey{l.Action(), l.State}
		if k.it != nil {
			if b, ok := s.lines.get(k); ok {
				s.write(b)
				continue
			}
		}
		s.buf.Reset()
		if s.err == nil {
			s.err = s.enc.Encode(l)
		}
		b := bytes.TrimSuffix(s.buf.Bytes(), []byte("\n"))
		if k.it != nil && s.err == nil {
			b = append([]byte(nil), b...)
			s.lines.put(k, b)
		}
		s.write(b)
	}
	s.write([]byte("]"))
}

// byOwner writes the by_owner list: each owner without its lines, then
// its lines as actionLines writes them (one owner may hold thousands).
func (s *streamer) byOwner(list []report.OwnerActions) {
	if list == nil {
		s.write([]byte("null"))
		return
	}
	const hole = `,"actions":null}`
	s.write([]byte("["))
	for i := range list {
		if i > 0 {
			s.write([]byte(","))
		}
		o := list[i]
		lines := o.Lines
		o.Lines = nil
		s.buf.Reset()
		if s.err == nil {
			s.err = s.enc.Encode(&o)
		}
		b := bytes.TrimSuffix(s.buf.Bytes(), []byte("\n"))
		if !bytes.HasSuffix(b, []byte(hole)) {
			// Not the shape this was written for: the owner whole.
			wholeReports.Add(1)
			s.buf.Reset()
			if s.err == nil {
				s.err = s.enc.Encode(&list[i])
			}
			s.write(bytes.TrimSuffix(s.buf.Bytes(), []byte("\n")))
			continue
		}
		s.write(b[:len(b)-len(hole)])
		s.write([]byte(`,"actions":`))
		s.actionLines(lines)
		s.write([]byte("}"))
	}
	s.write([]byte("]"))
}

// encodeCompact is v's JSON with HTML characters as they are, ending in a
// newline (as an Encoder writes it).
func encodeCompact(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func writeJSON(w io.Writer, v any, compact bool) error {
	if compact {
		return CompactJSON(w, v)
	}
	return JSON(w, v)
}

// WithWithheld is v with withheld (when not nil) added to its JSON as a
// last member "withheld", so a reader of the JSON learns what --public
// left out; v itself when v's JSON is not an object.
func WithWithheld(v, withheld any) any {
	if withheld == nil {
		return v
	}
	b, err := encodeCompact(v)
	b = bytes.TrimSuffix(b, []byte("\n"))
	if err != nil || !bytes.HasPrefix(b, []byte("{")) {
		return v
	}
	empty := len(bytes.TrimSpace(b[1:len(b)-1])) == 0
	out, err := insertWithheld(b, withheld, !empty)
	if err != nil {
		return v
	}
	return json.RawMessage(out)
}

// insertWithheld is obj, JSON ending in the closing brace of an object,
// with withheld added before that brace as the member "withheld" (after a
// comma when comma is set: the object has members before it).
func insertWithheld(obj []byte, withheld any, comma bool) ([]byte, error) {
	w, err := encodeCompact(withheld)
	if err != nil {
		return nil, err
	}
	w = bytes.TrimSuffix(w, []byte("\n"))
	end := bytes.LastIndexByte(obj, '}')
	out := make([]byte, 0, len(obj)+len(w)+12)
	out = append(out, obj[:end]...)
	if comma {
		out = append(out, ',')
	}
	out = append(out, `"withheld":`...)
	out = append(out, w...)
	return append(out, obj[end:]...), nil
}
