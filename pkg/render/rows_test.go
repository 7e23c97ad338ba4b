package render

import (
	"strings"

	"github.com/igf-records/igf/internal/fixture"
	"testing"

	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/report"
)

// actionRange is an owner's action table body as a range over its lines,
// which actionRows writes by hand.
const actionRange = `{{- range .}}
{{row (ref .ID .Link) (md .Title) (due .Due) (state .) (human .Opened)}}
{{- end}}`

// TestActionRowsIsTheRange checks actionRows against the range it
// replaced, for every owner of the bundled records' quarterly reports,
// with links to the repository, to a URL and none.
func TestActionRowsIsTheRange(t *testing.T) {
	s := load(t, nil)
	rows := 0
	for _, q := range []string{"2023-Q3", "2023-Q4", "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1"} {
		r, err := report.New(s, dates.MustParse(q), dates.MustParse("2024-07-01"))
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range []Options{{}, {LinkBase: "https://github.com/o/r/blob/main/"}, {NoLinks: true}} {
			ranged, err := o.ParseTemplate("ranged", actionRange)
			if err != nil {
				t.Fatal(err)
			}
			for _, g := range r.Actions.ByOwner {
				var want strings.Builder
				if err := ranged.Execute(&want, g.Lines); err != nil {
					t.Fatal(err)
				}
				if got := o.actionRows(g.Lines); got != want.String() {
					t.Fatalf("%s, %s:\n got %q\nwant %q", q, g.Owner.Ref, got, want.String())
				}
				rows += len(g.Lines)
			}
		}
	}
	if rows < 100 {
		t.Fatalf("compared %d rows; the bundled records give more", rows)
	}
	t.Logf("%d rows", rows)
}

// goldmarks is the report page as goldmark makes it of the whole Markdown.
func goldmarks(t *testing.T, r *report.Report, o Options) (md, html string) {
	t.Helper()
	var m, h strings.Builder
	if err := ReportMarkdown(&m, r, o, ""); err != nil {
		t.Fatal(err)
	}
	if err := HTMLPage(&h, "Report to the Secretary-General: "+r.PeriodText, []byte(m.String())); err != nil {
		t.Fatal(err)
	}
	return m.String(), h.String()
}

// TestReportHTMLIsGoldmarks checks that the report page, made from the
// report without its owner tables' rows and the rows apart, is goldmark's
// HTML of the whole Markdown: every quarter of the bundled records, with
// each kind of link, one cache shared by all of them as on a site, and none.
func TestReportHTMLIsGoldmarks(t *testing.T) {
	s := load(t, nil)
	shared := NewRowCache()
	tables := 0
	for _, q := range []string{"2023-Q3", "2023-Q4", "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1"} {
		r, err := report.New(s, dates.MustParse(q), dates.MustParse("2024-07-01"))
		if err != nil {
			t.Fatal(err)
		}
		tables += len(r.Actions.ByOwner)
		for _, o := range []Options{{}, {LinkBase: "https://github.com/o/r/blob/main/"}, {NoLinks: true}, {Withheld: "2 items"}} {
			for _, cache := range []*RowCache{nil, shared} {
				o.Rows = cache
				wantMD, wantHTML := goldmarks(t, r, o)
				md, html, apart, err := reportDocuments(r, o, "")
				if err != nil {
					t.Fatal(err)
				}
				if len(r.Actions.ByOwner) > 0 && !apart {
					t.Fatalf("%s (%+v): the owner tables' rows were not converted apart", q, o)
				}
				if string(md) != wantMD {
					t.Fatalf("%s: the Markdown differs from ReportMarkdown's", q)
				}
				if string(html) != wantHTML {
					t.Fatalf("%s (%+v): the page differs from goldmark's of the Markdown:\n%s", q, o, firstDiff(string(html), wantHTML))
				}
			}
		}
	}
	if tables < 20 {
		t.Fatalf("%d owner tables compared; the bundled records give more", tables)
	}
}

// FuzzReportHTMLIsGoldmarks gives a report's actions titles, IDs and owner
// names from the fuzzer (markup, pipes, escapes, entities, newlines) and
// checks the page is still goldmark's HTML of the Markdown.
func FuzzReportHTMLIsGoldmarks(f *testing.F) {
	for _, s := range []string{"plain", "a | b", `\|`, "*x* _y_ `z`", "[a](b) ![i](j)", "<b>&amp;&#x41;</b>",
		"line\nbreak", "# head", "1. one", "- item", "~~s~~", "|", "\\", "&copy; &nbsp;", "https://x.org/a"} {
		f.Add(s, "lp-1")
	}
	base, err := report.New(load(f, nil), dates.MustParse("2024-Q1"), dates.MustParse("2024-07-01"))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, title, id string) {
		r := *base
		r.Actions.ByOwner = nil
		for _, g := range base.Actions.ByOwner {
			lines := append([]report.Line(nil), g.Lines...)
			for i := range lines {
				if i%2 == 0 {
					lines[i].Title = title + lines[i].Title
				} else {
					lines[i].ID = id
					lines[i].Title = title
				}
			}
			owner := g.Owner
			owner.Name = title
			g.Owner, g.Lines = owner, lines
			r.Actions.ByOwner = append(r.Actions.ByOwner, g)
		}
		for _, o := range []Options{{}, {NoLinks: true, Rows: NewRowCache()}} {
			_, want := goldmarks(t, &r, o)
			_, html, err := ReportDocuments(&r, o, "")
			if err != nil {
				t.Fatal(err)
			}
			if string(html) != want {
				t.Fatalf("title %q, id %q: the page differs from goldmark's of the Markdown:\n%s", title, id, firstDiff(string(html), want))
			}
		}
	})
}

// firstDiff shows where two texts part.
var firstDiff = fixture.FirstDiff
