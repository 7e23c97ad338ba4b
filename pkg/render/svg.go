package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"time"

	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/core/report"
	"github.com/igf-records/igf/templates"
)

// Template names of the timeline page and of the chart every page that
// draws a timeline shares.
const (
	TimelineTemplate = "timeline.html.tmpl"
	ChartTemplate    = "chart.html.tmpl"
)

// Chart colours: each has at least 3:1 contrast on white (WCAG 1.4.11 for
// graphics), and the status is also written beside every bar.
const (
	colourOpen      = "#2f6fa8"
	colourDone      = "#3f7d2c"
	colourSlipped   = "#c0241f"
	colourCancelled = "#757575"
	colourToday     = "#c0241f"
)

// layoutSpec is the geometry of one of the two drawings of a timeline: a
// wide one (labels in a column left of the bars, owners and status right of
// them) for screens and print, and a narrow one (each label above its bar)
// for phones. Both are in SVG user units; CSS scales them down, never up.
type layoutSpec struct {
	class              string
	width              float64
	chartLeft          float64
	chartRight         float64
	labelLeft          float64 // where item labels start
	labelRight         float64 // where they must end
	noteLeft           float64 // wide only: owners and status; 0 in narrow
	font, small        float64
	rowHeight          float64
	sectionHeight      float64
	barOffset, barSize float64
	labelAbove         bool
}

var (
	wideSpec = layoutSpec{class: "chart-wide", width: 1100, chartLeft: 320, chartRight: 870, labelLeft: 20, labelRight: 308,
		noteLeft: 880, font: 12, small: 11, rowHeight: 24, sectionHeight: 24, barOffset: 4, barSize: 16}
	narrowSpec = layoutSpec{class: "chart-narrow", width: 360, chartLeft: 10, chartRight: 350, labelLeft: 4, labelRight: 356,
		font: 11, small: 10, rowHeight: 36, sectionHeight: 22, barOffset: 17, barSize: 13, labelAbove: true}
)

const headHeight = 34.0

// chart is one drawing: every coordinate computed here, every text left for
// html/template to escape, every label already shortened to fit its box.
type chart struct {
	Class         string
	Width, Height float64
	Font, Small   float64
	Title         string
	Months        []chartText
	Grid          []float64
	Rows          []chartRow
	Today         *chartToday
}

type chartText struct {
	X, Y   float64
	Anchor string
	Text   string
}

type chartToday struct {
	X     float64
	Label chartText
}

type chartRow struct {
	Section bool
	Label   chartText
	Note    *chartText
	Href    string
	Bar     bool
	Point   bool
	X, Y, W float64
	H       float64
	Points  string
	Fill    string
	Checks  []chartCheck
	Tooltip string
}

type chartCheck struct {
	Points  string
	Tooltip string
}

// Chart is what a page needs to draw a timeline: both drawings and a legend
// (the template shows the one that fits; print takes the wide one).
type Chart struct {
	Wide, Narrow chart
	Legend       []LegendEntry
}

// LegendEntry explains one mark of the chart.
type LegendEntry struct {
	Shape string // bar, diamond, check, today
	Fill  string
	Text  string
}

var legend = []LegendEntry{
	{"bar", colourOpen, "open"},
	{"bar", colourDone, "done or met"},
	{"bar", colourSlipped, "overdue"},
	{"bar", colourCancelled, "cancelled"},
	{"diamond", colourOpen, "a one-day deadline"},
	{"check", "#ffffff", "a checkpoint"},
	{"today", colourToday, "today"},
}

// NewChart lays a timeline out; href gives each milestone's link ("" for none).
func NewChart(t *report.Timeline, href func(report.TimelineItem) string) Chart {
	return Chart{Wide: layout(t, wideSpec, href), Narrow: layout(t, narrowSpec, href), Legend: legend}
}

// ChartFuncs are the helpers the chart template needs.
var ChartFuncs = template.FuncMap{
	"f": func(x float64) string { return fmt.Sprintf("%.1f", x) },
}

// TimelineHTML writes one self-contained HTML page: the timeline as an
// inline SVG chart that fits the page on a phone and on a wide screen (a
// line for today, owners and status on every milestone, a legend) and a
// table of its milestones linked to their record lines.
func TimelineHTML(w io.Writer, t *report.Timeline, o Options) error {
	funcs := template.FuncMap{
		"names": namesPlain,
		"due":   DueText,
		"human": HumanDate,
		"state": stateWord,
		"link":  o.LinkURL,
		"lead":  func(os []record.Omission) string { return notIncludedLead(os, "timeline") },
		"what":  omissionWhat,
		"made":  MadeFrom,
		"at":    func(m record.Omission) report.Link { return report.Link{Path: m.Path, Line: m.Line} },
	}
	for k, v := range ChartFuncs {
		funcs[k] = v
	}
	page, err := template.New(TimelineTemplate).Funcs(funcs).ParseFS(templates.FS, TimelineTemplate, ChartTemplate)
	if err != nil {
		return err
	}
	c := NewChart(t, func(it report.TimelineItem) string { return o.LinkURL(it.Link) })
	var buf bytes.Buffer
	if err := page.Execute(&buf, map[string]any{"T": t, "C": c}); err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}

func layout(t *report.Timeline, sp layoutSpec, href func(report.TimelineItem) string) chart {
	from := time.Date(t.From.Year(), t.From.Month(), 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(t.To.Year(), t.To.Month()+1, 1, 0, 0, 0, 0, time.UTC)
	days := to.Sub(from).Hours() / 24
	if days <= 0 {
		days = 1
	}
	span := sp.chartRight - sp.chartLeft
	x := func(d time.Time) float64 { return sp.chartLeft + span*d.Sub(from).Hours()/24/days }
	c := chart{Class: sp.class, Width: sp.width, Font: sp.font, Small: sp.small, Title: "Gantt chart of " + t.Title}
	// Month labels: as many as fit without touching, the year on January
	// and on the first.
	lastEnd := -1.0
	for m := from; !m.After(to); m = m.AddDate(0, 1, 0) {
		c.Grid = append(c.Grid, x(m))
		if m.Equal(to) {
			break
		}
		label := m.Format("Jan")
		if m.Month() == time.January || m.Equal(from) {
			label = m.Format("Jan 2006")
		}
		lx := x(m) + 2
		w := TextWidth(label, sp.small, false)
		if lx < lastEnd+6 || lx+w > sp.width-2 {
			continue
		}
		c.Months = append(c.Months, chartText{X: lx, Y: 13, Anchor: "start", Text: label})
		lastEnd = lx + w
	}
	diamond := func(cx, cy, r float64) string {
		return fmt.Sprintf("%.1f,%.1f %.1f,%.1f %.1f,%.1f %.1f,%.1f", cx, cy-r, cx+r, cy, cx, cy+r, cx-r, cy)
	}
	y := headHeight
	for _, s := range t.Sections {
		if len(s.Items) > 1 || s.Items[0].ID != s.ID {
			text := fitText(s.ID+" "+s.Title, sp.width-2*sp.labelLeft, sp.font, true)
			c.Rows = append(c.Rows, chartRow{Section: true, Label: chartText{X: sp.labelLeft / 2, Y: y + sp.sectionHeight/2 + sp.font*0.35, Anchor: "start", Text: text}})
			y += sp.sectionHeight
		}
		for _, it := range s.Items {
			c.Rows = append(c.Rows, itemRow(it, sp, y, x, diamond, href))
			y += sp.rowHeight
		}
	}
	c.Height = y + 8
	if !t.Today.IsTBD() && !t.Today.Start.Before(from) && t.Today.Start.Before(to) {
		tx := x(t.Today.Start.Add(12 * time.Hour))
		label := "today, " + t.Today.Human()
		lt := chartText{X: tx + 4, Y: 28, Anchor: "start", Text: label}
		if tx+4+TextWidth(label, sp.small, true) > sp.width-2 {
			lt = chartText{X: tx - 4, Y: 28, Anchor: "end", Text: label}
		}
		c.Today = &chartToday{X: tx, Label: lt}
	}
	return c
}

func itemRow(it report.TimelineItem, sp layoutSpec, y float64, x func(time.Time) float64,
	diamond func(cx, cy, r float64) string, href func(report.TimelineItem) string) chartRow {
	state := stateWord(it.Line)
	owners := ownerRefs(it.Owners)
	if !it.Dated {
		state = "due " + DueText(it.Due) + " · " + state
	}
	r := chartRow{Fill: barFill(it.State), Href: href(it),
		Tooltip: fmt.Sprintf("%s: %s, due %s, %s", it.ID, it.Title, DueText(it.Due), stateWord(it.Line))}
	indent := 0.0
	if it.Depth > 0 && !sp.labelAbove {
		indent = 10
	}
	if sp.labelAbove {
		// One line above the bar: the ID, owners and status always, the
		// title shortened to the room left.
		suffix := " — " + owners + " · " + state
		head := it.ID + " "
		room := sp.labelRight - sp.labelLeft - TextWidth(head+suffix, sp.font, false)
		r.Label = chartText{X: sp.labelLeft, Y: y + sp.font + 1, Anchor: "start",
			Text: fitText(head+fitText(it.Title, room, sp.font, false)+suffix, sp.labelRight-sp.labelLeft, sp.font, false)}
	} else {
		r.Label = chartText{X: sp.labelLeft + indent, Y: y + sp.rowHeight/2 + sp.font*0.35, Anchor: "start",
			Text: fitText(it.ID+" "+it.Title, sp.labelRight-sp.labelLeft-indent, sp.font, false)}
		r.Note = &chartText{X: sp.noteLeft, Y: r.Label.Y, Anchor: "start",
			Text: fitText(owners+" · "+state, sp.width-sp.noteLeft-4, sp.small, false)}
	}
	r.Y, r.H = y+sp.barOffset, sp.barSize
	mid := r.Y + sp.barSize/2
	if !it.Dated {
		return r
	}
	r.Bar = true
	r.X = x(it.From)
	r.W = max(x(it.To.AddDate(0, 0, 1))-r.X, 2)
	if it.Point {
		r.Point = true
		r.Points = diamond(r.X+r.W/2, mid, sp.barSize/2+1)
	}
	for _, cp := range it.Checkpoints {
		if cp.From.IsZero() {
			continue
		}
		cx := (x(cp.From) + x(cp.To.AddDate(0, 0, 1))) / 2
		r.Checks = append(r.Checks, chartCheck{Points: diamond(cx, mid, sp.barSize/2-2), Tooltip: cp.Label + ": " + cp.Date.Human()})
	}
	return r
}

func barFill(state string) string {
	switch state {
	case report.StateMet, report.StateMetLate, report.StateDone, report.StateDoneUndated:
		return colourDone
	case report.StateSlipped, report.StateOverdue:
		return colourSlipped
	case report.StateCancelled:
		return colourCancelled
	}
	return colourOpen
}
