package render

import (
	"fmt"
	"html/template"
	"io"
	"strings"
	"time"

	"github.com/igf-records/igf/pkg/core/report"
	"github.com/igf-records/igf/templates"
)

// TimelineTemplate is the HTML page a timeline is drawn on.
const TimelineTemplate = "timeline.html.tmpl"

// Chart geometry, in SVG user units.
const (
	labelWidth = 330.0
	chartWidth = 760.0
	rowHeight  = 24.0
	headHeight = 34.0
	noteWidth  = 230.0
	// labelChars is how many characters fit beside the chart; the table
	// below it and each bar's tooltip give the whole title.
	labelChars = 50
)

// chart is what the timeline template draws: every coordinate computed here,
// every text left for html/template to escape.
type chart struct {
	Width, Height float64
	ChartLeft     float64
	ChartRight    float64
	Months        []chartTick
	Rows          []chartRow
	Today         *chartTick
}

type chartTick struct {
	X     float64
	Label string
}

type chartRow struct {
	Y       float64 // the row's top
	Section bool    // a section heading, with no bar
	Label   string
	ID      string
	Note    string // owners and status, after the bar
	Class   string // CSS class of the bar: open, done, slipped, cancelled
	Bar     bool
	X, W    float64 // the bar
	Point   bool
	Points  string // the diamond of a one-day milestone
	Checks  []chartCheck
	Title   string // tooltip
	Href    string
}

type chartCheck struct {
	Points string
	Title  string
}

// TimelineHTML writes one self-contained HTML page: the timeline as an
// inline SVG chart (a line for today, owners and status on every milestone)
// and a table of its milestones linked to their record lines.
func TimelineHTML(w io.Writer, t *report.Timeline, o Options) error {
	c := layout(t, o)
	page, err := template.New(TimelineTemplate).Funcs(template.FuncMap{
		"f":     func(x float64) string { return fmt.Sprintf("%.1f", x) },
		"names": namesPlain,
		"due":   DueText,
		"human": HumanDate,
		"state": stateWord,
		"link":  o.LinkURL,
		"mid":   func(r chartRow) float64 { return r.Y + rowHeight/2 },
	}).ParseFS(templates.FS, TimelineTemplate)
	if err != nil {
		return err
	}
	return page.Execute(w, map[string]any{"T": t, "C": c})
}

func layout(t *report.Timeline, o Options) chart {
	from := time.Date(t.From.Year(), t.From.Month(), 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(t.To.Year(), t.To.Month()+1, 1, 0, 0, 0, 0, time.UTC)
	days := to.Sub(from).Hours() / 24
	if days <= 0 {
		days = 1
	}
	c := chart{ChartLeft: labelWidth, ChartRight: labelWidth + chartWidth}
	x := func(d time.Time) float64 { return labelWidth + chartWidth*d.Sub(from).Hours()/24/days }
	for m := from; !m.After(to); m = m.AddDate(0, 1, 0) {
		label := m.Format("Jan")
		if m.Month() == time.January || m.Equal(from) {
			label = m.Format("Jan 2006")
		}
		if m.Equal(to) {
			label = ""
		}
		c.Months = append(c.Months, chartTick{X: x(m), Label: label})
	}
	y := headHeight
	diamond := func(cx, cy, r float64) string {
		return fmt.Sprintf("%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f", cx, cy-r, cx+r, cy, cx, cy+r, cx-r, cy)
	}
	for _, s := range t.Sections {
		if len(s.Items) > 1 || s.Items[0].ID != s.ID {
			c.Rows = append(c.Rows, chartRow{Y: y, Section: true, Label: s.ID + " " + s.Title})
			y += rowHeight
		}
		for _, it := range s.Items {
			r := chartRow{Y: y, ID: it.ID, Label: clip(it.Title, labelChars-len(it.ID)-1), Class: barClass(it.State), Href: o.LinkURL(it.Link),
				Note:  ownerRefs(it.Owners) + " · " + stateWord(it.Line),
				Title: fmt.Sprintf("%s: %s, due %s, %s", it.ID, it.Title, DueText(it.Due), stateWord(it.Line))}
			mid := y + rowHeight/2
			if it.Dated {
				r.Bar = true
				r.X = x(it.From)
				r.W = x(it.To.AddDate(0, 0, 1)) - r.X
				if it.Point {
					r.Point = true
					r.Points = diamond(x(it.From)+(r.W/2), mid, 7)
					r.W = 0
				}
				for _, cp := range it.Checkpoints {
					if cp.From.IsZero() {
						continue
					}
					cx := (x(cp.From) + x(cp.To.AddDate(0, 0, 1))) / 2
					r.Checks = append(r.Checks, chartCheck{Points: diamond(cx, mid, 5), Title: cp.Label + ": " + cp.Date.Human()})
				}
			} else {
				r.Note = "due " + DueText(it.Due) + " · " + r.Note
			}
			c.Rows = append(c.Rows, r)
			y += rowHeight
		}
	}
	c.Height = y + 10
	c.Width = labelWidth + chartWidth + noteWidth
	if !t.Today.IsTBD() && !t.Today.Start.Before(from) && t.Today.Start.Before(to) {
		c.Today = &chartTick{X: x(t.Today.Start.Add(12 * time.Hour)), Label: "today, " + t.Today.Human()}
	}
	return c
}

func barClass(state string) string {
	switch state {
	case report.StateMet, report.StateMetLate, report.StateDone, report.StateDoneUndated:
		return "done"
	case report.StateSlipped, report.StateOverdue:
		return "slipped"
	case report.StateCancelled:
		return "cancelled"
	}
	return "open"
}

// clip shortens s to n characters, marking the cut.
func clip(s string, n int) string {
	r := []rune(s)
	if n < 1 || len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
