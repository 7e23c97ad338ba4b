// Package render turns reports and timelines into documents: Markdown
// through the templates in templates/, HTML (from that Markdown, with raw
// HTML off), JSON, Mermaid gantt charts, iCalendar files and SVG charts.
// Every record value is escaped for the format it lands in, so a record
// holding markup comes out as text.
package render

import (
	"fmt"
	"net/url"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"text/template"

	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/report"
	"github.com/igf-records/igf/templates"
)

// Options say where links point.
type Options struct {
	// LinkBase goes before every record path in links: "" for paths from the
	// repository top, "../../" from a file two levels down, or a URL such as
	// https://github.com/ORG/REPO/blob/main/.
	LinkBase string
	// NoLinks leaves record links out: the document is written outside the
	// repository, where a relative link would point into the file system of
	// the machine that built it.
	NoLinks bool
	// Withheld says what a public edition leaves out ("2 records and 3
	// items"); Markdown and HTML documents end with a note saying so.
	Withheld string
	// Made is what a calendar says of its making (reports and timelines
	// carry theirs in their data); nil says nothing.
	Made *report.Provenance
	// Rows, when set, keeps the HTML of report table rows for the next
	// report: the reports of one site list mostly the same open actions.
	Rows *RowCache
}

// mdEscaper escapes what Markdown would read as syntax inside running text or
// a table cell. '<' and '&' become entities so no record value is ever HTML.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`, `|`, `\|`,
	`<`, `&lt;`, `>`, `&gt;`, `&`, `&amp;`, "\r\n", " ", "\n", " ", "\r", " ", `~`, `\~`,
)

var blockStart = regexp.MustCompile(`^(\s*)([#+=-]|\d+[.)])`)

// Markdown escapes a record value for Markdown text or a table cell.
func Markdown(s string) string {
	s = mdEscaper.Replace(strings.TrimSpace(s))
	// A value that starts a line must not start a heading or a list.
	if m := blockStart.FindStringSubmatchIndex(s); m != nil {
		p := m[5] - 1
		s = s[:p] + `\` + s[p:]
	}
	return s
}

// HumanDate reads a date aloud; "no date" when none was given.
func HumanDate(d dates.Date) string {
	if d.IsZero() {
		return "no date"
	}
	return d.Human()
}

// Span says every day a period covers: "1 January – 31 March 2024 (2024-Q1)".
func Span(d dates.Date) string {
	if d.IsTBD() {
		return HumanDate(d)
	}
	full := dates.MustParse(d.Start.Format("2006-01-02") + "/" + d.End.Format("2006-01-02")).Human()
	if d.Precision == dates.Day {
		return d.Human()
	}
	return full + " (" + d.String() + ")"
}

// DueText is a due date as a report shows it: "September 2024", "TBD",
// "no due date".
func DueText(d dates.Date) string {
	if d.IsZero() {
		return "no due date"
	}
	return d.Human()
}

// StateText is a line's status in words.
func StateText(l report.Line) string {
	switch l.State {
	case report.StateOverdue:
		return "**overdue**"
	case report.StateSlipped:
		return "**slipped**"
	case report.StateDone:
		if l.DoneDate.IsZero() && l.Closed != nil && l.Closed.Added {
			return closedText(*l.Closed)
		}
		if l.DoneDate.IsZero() && l.Closed != nil {
			return "done: " + closedText(*l.Closed)
		}
		return "done " + HumanDate(l.DoneDate)
	case report.StateDoneUndated:
		if l.Closed != nil && l.Closed.Added {
			return fmt.Sprintf("done (date not recorded; already done when added in commit %s of %s)", l.Closed.Commit, l.Closed.Date.Human())
		}
		return "done (date not recorded)"
	case report.StateMet:
		if l.DoneDate.IsZero() && l.Closed != nil {
			return "met: " + closedText(*l.Closed)
		}
		if l.DoneDate.IsZero() {
			return "met (date not recorded)"
		}
		return "met " + HumanDate(l.DoneDate)
	case report.StateMetLate:
		if l.DoneDate.IsZero() && l.Closed != nil {
			return "met late: " + closedText(*l.Closed)
		}
		return "met late, " + HumanDate(l.DoneDate)
	}
	return l.State
}

// closedText says which commit dates an item done without a done date.
func closedText(c report.Closing) string {
	if c.Added {
		return fmt.Sprintf("done by %s (added already done in commit %s; no done date recorded)", c.Date.Human(), c.Commit)
	}
	return fmt.Sprintf("closed by commit %s on %s; no done date recorded", c.Commit, c.Date.Human())
}

// NameText is a person or body for a report, marked when the registry does
// not know it.
func NameText(n report.Name) string {
	if !n.Known && n.Ref != "TBD" {
		return n.Name + " (not in the registry)"
	}
	return n.Name
}

// LinkURL is the URL of a record line: the file, shown as source on GitHub
// (?plain=1), at the line.
func (o Options) LinkURL(l report.Link) string {
	if o.NoLinks || l.Path == "" {
		return ""
	}
	parts := strings.Split(l.Path, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	u := o.LinkBase + strings.Join(parts, "/")
	if l.Line > 0 {
		u += fmt.Sprintf("?plain=1#L%d", l.Line)
	}
	return u
}

// Funcs are the helpers report templates use.
func (o Options) Funcs() template.FuncMap {
	return template.FuncMap{
		"md":          Markdown,
		"notIncluded": o.NotIncludedMarkdown,
		"made":        func(p report.Provenance, today dates.Date) string { return Markdown(MadeFrom(p, today)) },
		"human":       HumanDate,
		"span":        Span,
		"due":         DueText,
		"state":       StateText,
		"link":        o.LinkURL,
		"ref":         o.ref,
		"actionRows":  o.actionRows,
		"names": func(ns []report.Name) string {
			if len(ns) == 0 {
				return "—"
			}
			out := make([]string, len(ns))
			for i, n := range ns {
				out[i] = Markdown(NameText(n))
			}
			return strings.Join(out, ", ")
		},
		"ids": func(ids []string) string {
			out := make([]string, len(ids))
			for i, id := range ids {
				out[i] = Markdown(id)
			}
			return strings.Join(out, ", ")
		},
		"row": func(cells ...any) string {
			var b strings.Builder
			b.WriteString("|")
			for _, c := range cells {
				b.WriteString(" ")
				switch c := c.(type) {
				case string:
					b.WriteString(c)
				case int:
					b.WriteString(strconv.Itoa(c))
				default:
					fmt.Fprint(&b, c)
				}
				b.WriteString(" |")
			}
			return b.String()
		},
		"plural": func(n any, one, many string) string {
			k := reflect.ValueOf(n).Int()
			if k == 1 {
				return "1 " + one
			}
			return fmt.Sprintf("%d %s", k, many)
		},
		"undated": func(ls []report.Line) string {
			if len(ls) == 0 {
				return ""
			}
			return fmt.Sprintf(" (and %d done without a done date)", len(ls))
		},
		"ageOf": func(l report.Line) string {
			if l.OpenedDayUnknown {
				return "since " + HumanDate(l.Opened) + " (day not recorded)"
			}
			if l.AgeDays == 1 {
				return "1 day"
			}
			return fmt.Sprintf("%d days", l.AgeDays)
		},
		"age": func(days int) string {
			if days == 1 {
				return "1 day"
			}
			return fmt.Sprintf("%d days", days)
		},
	}
}

// ref is an ID linked to its record line, or the ID alone when links are off.
func (o Options) ref(id string, l report.Link) string {
	u := o.LinkURL(l)
	if u == "" {
		return Markdown(id)
	}
	return "[" + Markdown(id) + "](" + u + ")"
}

// actionRows is the body of an owner's action table (ID, Action, Due,
// Status, Opened), each row after a newline. One call makes a table of
// thousands of rows, where a template's range would make six reflective
// calls a row: at 10,000 records that was most of a report's Markdown time.
func (o Options) actionRows(lines []report.Line) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString("\n|")
		for _, c := range [...]string{o.ref(l.ID, l.Link), Markdown(l.Title), DueText(l.Due), StateText(l), HumanDate(l.Opened)} {
			b.WriteString(" ")
			b.WriteString(c)
			b.WriteString(" |")
		}
	}
	return b.String()
}

// ParseTemplate reads a report template: text, or the embedded file name
// when text is empty.
func (o Options) ParseTemplate(name, text string) (*template.Template, error) {
	if text == "" {
		b, err := templates.FS.ReadFile(name)
		if err != nil {
			return nil, err
		}
		text = string(b)
	}
	return template.New(name).Funcs(o.Funcs()).Option("missingkey=error").Parse(text)
}
