package render

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/igf-records/igf/internal/fixture"
	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/core/report"
)

// load reads the bundled records; edit may rewrite a file's text first, so
// a fixture is a real record with one thing changed.
func load(t testing.TB, edit func(path, text string) string) *record.Set {
	return fixture.Records(t, "../..", edit)
}

const markup = `<script>alert("x")</script><img src=x onerror=alert(1)>`

// hostile puts markup into the 18 December meeting's title, an action's
// text and the IWW timeline's milestone title.
func hostile(path, text string) string {
	switch path {
	case "records/meetings/2023/2023-12-18-lp-virtual.md":
		text = strings.Replace(text, "title: IGF Leadership Panel virtual meeting", "title: 'Panel "+strings.ReplaceAll(markup, `'`, `''`)+"'", 1)
		text = strings.Replace(text, "Draft a cover letter", "Draft "+markup+" [click](javascript:alert(1)) a cover letter", 1)
	case "records/timelines/iww-2024.md":
		text = strings.Replace(text, "title: First consultation", "title: 'First #1; "+markup+" consultation %% click'", 1)
	}
	return text
}

func TestReportHTMLEscapesRecordMarkup(t *testing.T) {
	s := load(t, hostile)
	if !strings.Contains(s.Record("lp-2023-12-18").Title, "<script>") || !strings.Contains(s.Item("lp-2023-12-18-a2").Title, "<script>") {
		t.Fatal("the fixture did not take the markup")
	}
	for _, period := range []string{"2023-Q4", "2024-Q1"} {
		r, err := report.New(s, dates.MustParse(period), dates.MustParse("2024-04-15"))
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		if err := ReportHTML(&out, r, Options{}, ""); err != nil {
			t.Fatal(err)
		}
		html := out.String()
		for _, live := range []string{"<script", "<img", `href="javascript`} {
			if strings.Contains(strings.ToLower(html), live) {
				t.Errorf("%s: live markup %q in the HTML", period, live)
			}
		}
		if !strings.Contains(html, "&lt;script&gt;") {
			t.Errorf("%s: the markup should show as text", period)
		}
	}
}

func TestTimelineHTMLEscapes(t *testing.T) {
	s := load(t, hostile)
	tl := report.NewTimeline(s, s.Record("iww-2024"), dates.MustParse("2024-03-15"))
	var out bytes.Buffer
	if err := TimelineHTML(&out, tl, Options{}); err != nil {
		t.Fatal(err)
	}
	html := out.String()
	if strings.Contains(strings.ToLower(html), "<script") || strings.Contains(html, "<img") {
		t.Error("live markup in the timeline page")
	}
	if !strings.Contains(html, "&lt;script&gt;") {
		t.Error("the markup should show as text")
	}
	for _, want := range []string{`<svg class="chart-wide"`, `<svg class="chart-narrow"`, `stroke-dasharray="4 3"`, "today, 15 March 2024",
		"LF, GS, MG · overdue", `<ul class="legend" aria-label="Legend">`, ">overdue</li>"} {
		if !strings.Contains(html, want) {
			t.Errorf("timeline page lacks %q", want)
		}
	}
}

func TestMermaidGantt(t *testing.T) {
	s := load(t, hostile)
	tl := report.NewTimeline(s, s.Record("iww-2024"), dates.MustParse("2024-03-15"))
	var out bytes.Buffer
	if err := Mermaid(&out, tl); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	// Raw: what the Mermaid CLI reads, with no Markdown fences.
	if !strings.HasPrefix(lines[0], "%%{init: ") || lines[1] != "gantt" || strings.Contains(out.String(), "```") {
		t.Fatalf("not a raw mermaid gantt chart:\n%s", out.String())
	}
	var sections []string
	task := regexp.MustCompile(`^    ([^:#;]+) :((?:(?:done|active|crit|milestone), )*)(t_[a-z0-9_]+), (\d{4}-\d\d-\d\d), (0d|\d{4}-\d\d-\d\d)$`)
	tasks := 0
	var sawToday bool
	for _, l := range lines[2:] {
		switch {
		case strings.HasPrefix(l, "    title "), strings.HasPrefix(l, "    section "):
			if strings.ContainsAny(l, ":#;") {
				t.Errorf("forbidden character in %q", l)
			}
			if name, ok := strings.CutPrefix(l, "    section "); ok {
				sections = append(sections, name)
			}
		case l == "    dateFormat YYYY-MM-DD", l == "    axisFormat %b %Y", strings.HasPrefix(l, "    %% "):
		case strings.HasPrefix(l, "    todayMarker "):
			sawToday = true
		default:
			m := task.FindStringSubmatch(l)
			if m == nil {
				t.Errorf("not a gantt task line: %q", l)
				continue
			}
			tasks++
			if strings.Contains(m[1], "<") {
				t.Errorf("markup in a task name: %q", l)
			}
			if m[5] != "0d" && m[5] <= m[4] {
				t.Errorf("task ends before it starts: %q", l)
			}
		}
	}
	if !sawToday || tasks != 21 {
		t.Errorf("todayMarker %v, %d tasks; want true, 21", sawToday, tasks)
	}
	// One section per activity with parts, one per run of activities without:
	// unique names, since Mermaid merges sections of the same name.
	if want := []string{"iww-1 to iww-2", "iww-3 and its 5 parts", "iww-4 to iww-7"}; strings.Join(sections, "|") != strings.Join(want, "|") {
		t.Errorf("sections %q, want %q", sections, want)
	}
	var md bytes.Buffer
	if err := MermaidMarkdown(&md, tl); err != nil {
		t.Fatal(err)
	}
	if md.String() != "```mermaid\n"+out.String()+"```\n" {
		t.Errorf("the Markdown chart is not the raw one fenced:\n%s", md.String())
	}
	// A fuzzy date is the span it covers, end exclusive; a day is a milestone.
	for _, want := range []string{"(VC, MR, KE, LF, MG, KS) open :t_iww_6, 2024-09-01, 2024-10-01",
		"overdue :crit, milestone, t_iww_1, 2024-03-01, 0d", ":t_iww_2, 2024-04-11, 2024-04-21"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("chart lacks %q", want)
		}
	}
}

func TestICSParsesBack(t *testing.T) {
	s := load(t, nil)
	today := dates.MustParse("2024-03-15")
	tl := report.NewTimeline(s, s.Record("iww-2024"), today)
	var out bytes.Buffer
	if err := ICS(&out, tl.Title, report.TimelineEntries(tl), today.Start, Options{}); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	for i, line := range strings.SplitAfter(text, "\r\n") {
		if line == "" {
			continue
		}
		if !strings.HasSuffix(line, "\r\n") || strings.Contains(strings.TrimSuffix(line, "\r\n"), "\n") {
			t.Fatalf("line %d does not end in CRLF: %q", i+1, line)
		}
		if len(line) > 77 {
			t.Errorf("line %d is %d octets, over 75: %q", i+1, len(line)-2, line)
		}
	}
	cal, err := ics.ParseCalendar(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	events := map[string]*ics.VEvent{}
	for _, e := range cal.Events() {
		events[e.Id()] = e
	}
	if len(events) != 13+8 {
		t.Errorf("%d events, want 13 milestones and 8 checkpoints", len(events))
	}
	day := func(id string, prop ics.ComponentProperty) string {
		e := events[id]
		if e == nil {
			t.Fatalf("no event %s", id)
		}
		p := e.GetProperty(prop)
		if p == nil {
			t.Fatalf("%s has no %s", id, prop)
		}
		if v := p.ICalParameters["VALUE"]; len(v) != 1 || v[0] != "DATE" {
			t.Errorf("%s %s is not VALUE=DATE", id, prop)
		}
		return p.Value
	}
	for id, want := range map[string][2]string{
		"iww-1@igf":   {"20240301", "20240302"}, // one day, DTEND exclusive
		"iww-6@igf":   {"20240930", "20241001"}, // "2024-09": due by its last day, not a month-long event
		"iww-2@igf":   {"20240420", "20240421"}, // mid-April (11-20): due by the 20th
		"iww-3.2@igf": {"20240501", "20241002"}, // start to due
		"iww-5@igf":   {"20240527", "20240601"}, // a range
	} {
		if got := [2]string{day(id, ics.ComponentPropertyDtStart), day(id, ics.ComponentPropertyDtEnd)}; got != want {
			t.Errorf("%s = %v, want %v", id, got, want)
		}
	}
	start, err := events["iww-6@igf"].GetAllDayStartAt()
	if err != nil || !start.Equal(time.Date(2024, 9, 30, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("iww-6 start = %v, %v", start, err)
	}
	if s := events["iww-6@igf"].GetProperty(ics.ComponentPropertySummary).Value; !strings.HasPrefix(s, "Due by 30 September 2024 — September 2024: ") {
		t.Errorf("iww-6 summary = %q", s)
	}
	desc := events["iww-1@igf"].GetProperty(ics.ComponentPropertyDescription).Value
	if !strings.Contains(desc, "Owners: Lise Fuhr, 'Gbenga Sesan, Maria Fernanda Garza") || !strings.Contains(desc, "Status: overdue") {
		t.Errorf("iww-1 description = %q", desc)
	}
	// The same records and day give the same bytes.
	var again bytes.Buffer
	_ = ICS(&again, tl.Title, report.TimelineEntries(tl), today.Start, Options{})
	if again.String() != text {
		t.Error("the calendar is not reproducible")
	}
}

func TestCalendarMeetingIsTimed(t *testing.T) {
	s := load(t, nil)
	entries := report.Calendar(s, dates.MustParse("2023-12"), "", dates.MustParse("2023-12-01"))
	var out bytes.Buffer
	if err := ICS(&out, "December", entries, time.Date(2023, 12, 1, 0, 0, 0, 0, time.UTC), Options{}); err != nil {
		t.Fatal(err)
	}
	cal, err := ics.ParseCalendar(&out)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range cal.Events() {
		if e.Id() != "lp-2023-12-18@igf" {
			continue
		}
		start, err1 := e.GetStartAt()
		end, err2 := e.GetEndAt()
		if err1 != nil || err2 != nil || !start.Equal(time.Date(2023, 12, 18, 16, 0, 0, 0, time.UTC)) || end.Sub(start) != time.Hour {
			t.Errorf("meeting %v–%v (%v %v), want 16:00-17:00 UTC", start, end, err1, err2)
		}
		return
	}
	t.Error("no event for the 18 December meeting")
}

func TestMarkdownEscape(t *testing.T) {
	for in, want := range map[string]string{
		"a | b":            `a \| b`,
		"<b>x</b>":         "&lt;b&gt;x&lt;/b&gt;",
		"# not a heading":  `\# not a heading`,
		"1. not a list":    `1\. not a list`,
		"[x](javascript:)": `\[x\](javascript:)`,
		"line\nbreak":      "line break",
	} {
		if got := Markdown(in); got != want {
			t.Errorf("Markdown(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseTarget(t *testing.T) {
	exts := map[string]string{".md": "md", ".html": "html"}
	for in, want := range map[string]Target{
		"md": {Format: "md"}, "report.md": {Format: "md", Path: "report.md"}, "out/R.HTML": {Format: "html", Path: "out/R.HTML"},
	} {
		got, err := ParseTarget(in, []string{"md", "html"}, exts)
		if err != nil || got != want {
			t.Errorf("ParseTarget(%q) = %+v, %v", in, got, err)
		}
	}
	for _, bad := range []string{"pdf", "report.pdf", ".md"} {
		if _, err := ParseTarget(bad, []string{"md", "html"}, exts); err == nil {
			t.Errorf("ParseTarget(%q) accepted", bad)
		}
	}
}

func TestWriteFileAtomicLeavesNoTemp(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "r.md")
	if err := WriteFileAtomic(p, []byte("one")); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(p, []byte("two")); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(p)
	entries, _ := os.ReadDir(dir)
	if string(b) != "two" || len(entries) != 1 {
		t.Errorf("content %q, %d files", b, len(entries))
	}
	if err := WriteFileAtomic(filepath.Join(dir, "missing", "r.md"), []byte("x")); err == nil {
		t.Error("writing into a missing directory succeeded")
	}
}

// TestChartLabelsFit checks the layout's own promise: every label of both
// drawings fits its box and the drawing, by the width estimate the layout
// clips with. The browser test measures the real text.
func TestChartLabelsFit(t *testing.T) {
	s := load(t, hostile)
	for _, today := range []string{"2024-03-15", "2024-12-30"} {
		tl := report.NewTimeline(s, s.Record("iww-2024"), dates.MustParse(today))
		c := NewChart(tl, func(report.TimelineItem) string { return "" })
		for _, ch := range []chart{c.Wide, c.Narrow} {
			sp := wideSpec
			if ch.Class == narrowSpec.class {
				sp = narrowSpec
			}
			within := func(what string, x, w float64, right float64) {
				if x < 0 || x+w > right+0.01 {
					t.Errorf("%s %s: %q spans %.1f to %.1f, beyond %.1f", today, ch.Class, what, x, x+w, right)
				}
			}
			clipped := 0
			for _, r := range ch.Rows {
				bold := r.Section
				right := sp.labelRight
				if r.Section {
					right = sp.width - sp.labelLeft
				}
				within(r.Label.Text, r.Label.X, TextWidth(r.Label.Text, sp.font, bold), right)
				if strings.Contains(r.Label.Text, "…") {
					clipped++
				}
				if r.Note != nil {
					within(r.Note.Text, r.Note.X, TextWidth(r.Note.Text, sp.small, false), sp.width)
				}
				if r.Bar && (r.X < 0 || r.X+r.W > sp.width) {
					t.Errorf("%s %s: bar of %q outside the drawing", today, ch.Class, r.Label.Text)
				}
				if sp.labelAbove && !r.Section && !strings.Contains(r.Label.Text, " · ") {
					t.Errorf("%s: narrow label %q lost its owners and status", today, r.Label.Text)
				}
			}
			if clipped == 0 {
				t.Errorf("%s %s: no label needed shortening; the test data should make some", today, ch.Class)
			}
			if ch.Today == nil {
				t.Fatalf("%s %s: no line for today", today, ch.Class)
			}
			l := ch.Today.Label
			w := TextWidth(l.Text, sp.small, true)
			if l.Anchor == "end" {
				within(l.Text, l.X-w, w, sp.width)
			} else {
				within(l.Text, l.X, w, sp.width)
			}
			for i, m := range ch.Months {
				within(m.Text, m.X, TextWidth(m.Text, sp.small, false), sp.width)
				if i > 0 && ch.Months[i-1].X+TextWidth(ch.Months[i-1].Text, sp.small, false) > m.X {
					t.Errorf("%s %s: month labels %q and %q overlap", today, ch.Class, ch.Months[i-1].Text, m.Text)
				}
			}
		}
	}
}

func TestRelativeBase(t *testing.T) {
	root := t.TempDir()
	for _, c := range []struct {
		file, base string
		inside     bool
	}{
		{"", "", true},
		{filepath.Join(root, "report.md"), "", true},
		{filepath.Join(root, "docs", "q1", "report.md"), "../../", true},
		{filepath.Join(filepath.Dir(root), "elsewhere", "report.md"), "", false},
		{filepath.Join(root+"-sibling", "report.md"), "", false},
	} {
		base, inside := RelativeBase(root, c.file)
		if base != c.base || inside != c.inside {
			t.Errorf("RelativeBase(%q) = %q, %v; want %q, %v", c.file, base, inside, c.base, c.inside)
		}
	}
	if CheckLinkBase("FILE:///home/me/repo/") == nil || CheckLinkBase("https://github.com/o/r/blob/main/") != nil {
		t.Error("CheckLinkBase should refuse file: and take https")
	}
	if u := (Options{NoLinks: true}).LinkURL(report.Link{Path: "records/x.md", Line: 2}); u != "" {
		t.Errorf("NoLinks still links: %q", u)
	}
}
