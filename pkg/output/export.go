package output

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"
	"text/template"
	"time"

	"github.com/itchyny/gojq"

	"github.com/igf-records/igf/pkg/core/dates"
)

// Export is what --json FIELDS, --jq EXPR and --template TEXT ask of a list,
// as gh does: the rows as JSON with only the fields named, then filtered
// by a jq expression or laid out by a Go template.
type Export struct {
	Fields   []string // empty: every field
	JQ       string
	Template string

	code *gojq.Code
	tmpl *template.Template
	rows *TableData // what tablerow collected since the last tablerender
	opts Options
}

// FieldsOf lists the JSON field names of a list's rows: the json tags of
// the element type of v (a slice, or a pointer to one), embedded structs
// included, in declaration order.
func FieldsOf(v any) []string {
	t := reflect.TypeOf(v)
	for t != nil && (t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array) {
		t = t.Elem()
	}
	var out []string
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct {
			return
		}
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if tag == "-" || (!f.IsExported() && !f.Anonymous) {
				continue
			}
			if f.Anonymous && tag == "" {
				walk(f.Type)
				continue
			}
			if tag == "" {
				tag = f.Name
			}
			if !slices.Contains(out, tag) {
				out = append(out, tag)
			}
		}
	}
	if t != nil {
		walk(t)
	}
	return out
}

// Prepare checks the fields against those the rows have and compiles the
// jq expression and the template, so a mistake is a usage error before any
// record is read. o says how tablerow tables and colours are written.
func (e *Export) Prepare(fields []string, o Options) error {
	for _, f := range e.Fields {
		if !slices.Contains(fields, f) {
			return fmt.Errorf("--json: unknown field %q; the fields are: %s", f, strings.Join(fields, ", "))
		}
	}
	if e.JQ != "" && e.Template != "" {
		return fmt.Errorf("give --jq or --template, not both")
	}
	if e.JQ != "" {
		q, err := gojq.Parse(e.JQ)
		if err != nil {
			return fmt.Errorf("--jq %q: %v", e.JQ, err)
		}
		if e.code, err = gojq.Compile(q); err != nil {
			return fmt.Errorf("--jq %q: %v", e.JQ, err)
		}
	}
	e.opts = o
	if e.Template != "" {
		t, err := template.New("--template").Option("missingkey=zero").Funcs(e.funcs()).Parse(e.Template)
		if err != nil {
			return fmt.Errorf("--template: %v", strings.TrimPrefix(err.Error(), "template: "))
		}
		e.tmpl = t
	}
	return nil
}

// Write writes rows (any value that encodes as JSON) as the export asks.
// pretty indents JSON, as on a terminal.
func (e *Export) Write(w io.Writer, rows any, pretty bool) error {
	data, err := plain(rows)
	if err != nil {
		return err
	}
	if len(e.Fields) > 0 {
		data = selectFields(data, e.Fields)
	}
	switch {
	case e.code != nil:
		return e.runJQ(w, data, pretty)
	case e.tmpl != nil:
		var b bytes.Buffer
		e.rows = nil
		if err := e.tmpl.Execute(&b, data); err != nil {
			return fmt.Errorf("--template: %v", strings.TrimPrefix(err.Error(), "template: "))
		}
		if err := e.flushRows(&b); err != nil {
			return err
		}
		_, err := w.Write(b.Bytes())
		return err
	}
	if pretty {
		return WriteJSON(w, data)
	}
	return writeCompact(w, data)
}

// plain turns v into JSON's own values (maps, slices, strings, float64s), as
// jq and templates see them.
func plain(v any) (any, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var out any
	d := json.NewDecoder(bytes.NewReader(b))
	if err := d.Decode(&out); err != nil {
		return nil, err
	}
	return out, nil
}

func selectFields(v any, fields []string) any {
	pick := func(x any) any {
		m, ok := x.(map[string]any)
		if !ok {
			return x
		}
		out := make(map[string]any, len(fields))
		for _, f := range fields {
			out[f] = m[f]
		}
		return out
	}
	if list, ok := v.([]any); ok {
		for i := range list {
			list[i] = pick(list[i])
		}
		return list
	}
	return pick(v)
}

// runJQ prints each result of the expression: strings as they are (as
// jq -r does), anything else as JSON.
func (e *Export) runJQ(w io.Writer, data any, pretty bool) error {
	iter := e.code.Run(data)
	for {
		v, ok := iter.Next()
		if !ok {
			return nil
		}
		if err, isErr := v.(error); isErr {
			if h, halt := err.(*gojq.HaltError); halt && h.Value() == nil {
				return nil
			}
			return fmt.Errorf("--jq: %v", err)
		}
		if s, isStr := v.(string); isStr {
			if _, err := io.WriteString(w, s+"\n"); err != nil {
				return err
			}
			continue
		}
		var err error
		if pretty {
			err = WriteJSON(w, v)
		} else {
			err = writeCompact(w, v)
		}
		if err != nil {
			return err
		}
	}
}

func writeCompact(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// funcs are the template helpers, named and behaving as gh's.
func (e *Export) funcs() template.FuncMap {
	return template.FuncMap{
		"tablerow": func(fields ...any) string {
			if e.rows == nil {
				e.rows = &TableData{}
			}
			row := make([]Cell, len(fields))
			for i, f := range fields {
				row[i] = C(text(f))
			}
			e.rows.Rows = append(e.rows.Rows, row)
			return ""
		},
		"tablerender": func() (string, error) {
			var b bytes.Buffer
			err := e.flushRows(&b)
			return b.String(), err
		},
		"truncate": func(n int, s any) string { return Cut(text(s), n) },
		"join": func(sep string, list any) string {
			var parts []string
			if l, ok := list.([]any); ok {
				for _, x := range l {
					parts = append(parts, text(x))
				}
			}
			return strings.Join(parts, sep)
		},
		"pluck": func(field string, list any) []any {
			var out []any
			if l, ok := list.([]any); ok {
				for _, x := range l {
					if m, ok := x.(map[string]any); ok {
						out = append(out, m[field])
					}
				}
			}
			return out
		},
		"color":     e.color,
		"autocolor": e.color,
		"timeago":   func(t any) string { return timeAgo(text(t), time.Now()) },
		"timefmt": func(layout string, t any) string {
			if tm, err := time.Parse(time.RFC3339, text(t)); err == nil {
				return tm.Format(layout)
			}
			return text(t)
		},
		"human": func(d any) string {
			if dd, err := dates.Parse(text(d)); err == nil && !dd.IsZero() {
				return dd.Human()
			}
			return text(d)
		},
		"hyperlink": func(url, label string) string {
			if !e.opts.TTY {
				return label
			}
			return "\x1b]8;;" + url + "\x1b\\" + label + "\x1b]8;;\x1b\\"
		},
	}
}

// flushRows writes the rows tablerow collected, aligned, and forgets them.
func (e *Export) flushRows(w io.Writer) error {
	if e.rows == nil || len(e.rows.Rows) == 0 {
		return nil
	}
	t := e.rows
	e.rows = nil
	for _, r := range t.Rows {
		for len(t.Headers) < len(r) {
			t.Headers = append(t.Headers, "")
		}
	}
	o := e.opts
	o.Format, o.TTY, o.NoHeader = Table, true, true
	return t.Write(w, o)
}

// color colours s with a style (red, green, yellow, dim, bold) when colour
// is on: on a terminal, without NO_COLOR.
func (e *Export) color(style string, s any) string {
	code, ok := map[string]Style{"red": Red, "green": Green, "yellow": Yellow, "dim": Dim, "bold": Bold}[style]
	if !ok || !e.opts.Color {
		return text(s)
	}
	return "\x1b[" + codes[code] + "m" + text(s) + "\x1b[0m"
}

func text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		if x == float64(int64(x)) {
			return fmt.Sprint(int64(x))
		}
		return fmt.Sprint(x)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// timeAgo says how long before now a time or date was: "3 days ago",
// "in 2 months". A date that covers more than a day counts from its start.
func timeAgo(s string, now time.Time) string {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		d, derr := dates.Parse(s)
		if derr != nil || d.IsZero() || d.IsTBD() {
			return s
		}
		t = d.Start
	}
	diff := now.Sub(t)
	future := diff < 0
	if future {
		diff = -diff
	}
	var n int
	var unit string
	switch {
	case diff < time.Minute:
		return "just now"
	case diff < time.Hour:
		n, unit = int(diff.Minutes()), "minute"
	case diff < 24*time.Hour:
		n, unit = int(diff.Hours()), "hour"
	case diff < 30*24*time.Hour:
		n, unit = int(diff.Hours()/24), "day"
	case diff < 365*24*time.Hour:
		n, unit = int(diff.Hours()/24/30), "month"
	default:
		n, unit = int(diff.Hours()/24/365), "year"
	}
	if n != 1 {
		unit += "s"
	}
	if future {
		return fmt.Sprintf("in %d %s", n, unit)
	}
	return fmt.Sprintf("%d %s ago", n, unit)
}
