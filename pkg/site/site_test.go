package site_test

import (
	"bytes"
	"encoding/json"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/igf-records/igf/internal/browsertest"
	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/redact"
	"github.com/igf-records/igf/pkg/core/report"
	"github.com/igf-records/igf/pkg/render"
	"github.com/igf-records/igf/pkg/site"
	"github.com/igf-records/igf/pkg/source"
)

// copyRecords copies the bundled records into a new repository top, with
// edit applied to each file's text.
func copyRecords(t *testing.T, edit func(rel, text string) string) string {
	t.Helper()
	dir := t.TempDir()
	src, _ := filepath.Abs("../../records")
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out := filepath.Join(dir, "records", rel)
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		text := string(b)
		if edit != nil {
			text = edit(filepath.ToSlash(rel), text)
		}
		return os.WriteFile(out, []byte(text), 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// build loads the records under root and writes their site into a new
// directory, which it returns.
func build(t *testing.T, root string, public bool) (string, site.Files) {
	t.Helper()
	l, err := source.LoadWorktree(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Omissions()) > 0 {
		t.Fatalf("the records do not load in full: %v", l.Omissions())
	}
	o := site.Options{Today: dates.MustParse("2024-01-15"), Public: public}
	set := l.Set
	if public {
		var sum redact.Summary
		set, sum = redact.Public(set)
		o.Withheld = sum.String()
	}
	files, err := site.Build(set, o)
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	for p, b := range files {
		full := filepath.Join(out, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return out, files
}

// BundledSite is the site of the bundled records, built once.
func bundled(t *testing.T) (string, site.Files) {
	return build(t, copyRecords(t, nil), false)
}

// TestEveryLinkResolves walks every HTML page of the site of the bundled
// records and checks that every relative href and src names a file of the
// site (and, with a #fragment, an element of that page with that id), and
// that no page points at a file:// path or loads anything from the network.
func TestEveryLinkResolves(t *testing.T) {
	dir, files := bundled(t)
	ids := map[string]map[string]bool{}
	docs := map[string]*html.Node{}
	for _, p := range files.Paths() {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		doc, err := html.Parse(bytes.NewReader(files[p]))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		docs[p] = doc
		ids[p] = map[string]bool{}
		walk(doc, func(n *html.Node) {
			if v := attr(n, "id"); v != "" {
				ids[p][v] = true
			}
		})
	}
	links := 0
	for p, doc := range docs {
		walk(doc, func(n *html.Node) {
			for _, a := range []string{"href", "src"} {
				v := attr(n, a)
				if v == "" {
					continue
				}
				u, err := url.Parse(v)
				if err != nil {
					t.Errorf("%s: <%s %s=%q>: %v", p, n.Data, a, v, err)
					continue
				}
				if u.Scheme == "file" || strings.HasPrefix(v, "/") {
					t.Errorf("%s: <%s %s=%q> points into the building machine's files", p, n.Data, a, v)
					continue
				}
				if u.Scheme != "" {
					if n.Data != "a" {
						t.Errorf("%s: <%s %s=%q> loads from the network", p, n.Data, a, v)
					}
					continue
				}
				links++
				target := p
				if u.Path != "" {
					target = path.Clean(path.Join(path.Dir(p), u.Path))
					if _, ok := files[target]; !ok {
						t.Errorf("%s: <%s %s=%q>: %s is not in the site", p, n.Data, a, v, target)
						continue
					}
				}
				if u.Fragment != "" && strings.HasSuffix(target, ".html") && !ids[target][u.Fragment] {
					t.Errorf("%s: <%s %s=%q>: %s has no element with id %q", p, n.Data, a, v, target, u.Fragment)
				}
			}
		})
	}
	if links < 1000 {
		t.Errorf("only %d relative links in %d pages: the walk does not reach them", links, len(docs))
	}
	for p, b := range files {
		if bytes.Contains(b, []byte("file://")) {
			t.Errorf("%s holds a file:// link", p)
		}
	}
	_ = dir
}

func walk(n *html.Node, f func(*html.Node)) {
	if n.Type == html.ElementNode {
		f(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

// hostile are record values that would run or inject markup if any page
// took them as HTML; each shows up escaped (checked) and never raw.
var hostile = []struct{ file, from, to, raw, escaped string }{
	{"meetings/2023/2023-12-18-lp-virtual.md", "title: IGF Leadership Panel virtual meeting",
		`title: "IGF <script>alert('t')</script> Panel"`, "<script>alert('t')", "&lt;script&gt;alert("},
	{"meetings/2023/2023-12-18-lp-virtual.md", "location: Online",
		`location: '"><img src=x onerror=alert(1)>'`, "<img src=x onerror", "&lt;img src=x onerror"},
	{"meetings/2023/2023-12-18-lp-virtual.md", `    url: ""`,
		`    url: "javascript:alert(2)"`, `href="javascript:`, ""},
	{"meetings/2023/2023-12-18-lp-virtual.md", "# IGF Leadership Panel\n",
		"# IGF Leadership Panel\n\n<script>evil()</script>\n\n<iframe src=\"https://example.org/\"></iframe>\n\n[click](javascript:alert(4))\n",
		"<script>evil", ""},
	{"registry.md", "name: Lise Fuhr", `name: "Lise </td><svg onload=alert(3)> Fuhr"`, "<svg onload", "&lt;svg onload"},
}

// TestEveryValueIsEscaped builds the site from records holding markup in a
// title, a location, a source link, a minutes body and a person's name, and
// checks that no file of the site carries any of it as markup.
func TestEveryValueIsEscaped(t *testing.T) {
	root := copyRecords(t, func(rel, text string) string {
		for _, h := range hostile {
			if h.file == rel {
				if !strings.Contains(text, h.from) {
					t.Fatalf("%s no longer holds %q", rel, h.from)
				}
				text = strings.Replace(text, h.from, h.to, 1)
			}
		}
		return text
	})
	_, files := build(t, root, false)
	for _, h := range hostile {
		seen := false
		for _, p := range files.Paths() {
			b := files[p]
			if !strings.HasSuffix(p, ".html") {
				continue
			}
			if bytes.Contains(b, []byte(h.raw)) {
				t.Errorf("%s holds %q unescaped", p, h.raw)
			}
			if h.escaped != "" && bytes.Contains(b, []byte(h.escaped)) {
				seen = true
			}
		}
		if h.escaped != "" && !seen {
			t.Errorf("no page shows %q escaped (%q): the value did not reach the site", h.raw, h.escaped)
		}
	}
	for _, bad := range []string{"<iframe", "javascript:alert(4)"} {
		for _, p := range files.Paths() {
			if strings.HasSuffix(p, ".html") && bytes.Contains(files[p], []byte(bad)) {
				t.Errorf("%s holds %q", p, bad)
			}
		}
	}
}

// TestPagesAreValidHTML runs the Nu Html Checker on one page of each kind
// (the whole site takes the checker a minute; every page of a kind comes
// from one template).
func TestPagesAreValidHTML(t *testing.T) {
	java, jar, err := browsertest.VNUJar()
	if err != nil {
		t.Skipf("no HTML validator: %v", err)
	}
	dir, _ := bundled(t)
	pages := []string{"index.html", "meetings/index.html", "meetings/lp-2023-12-18.html", "people/index.html", "people/lf.html",
		"bodies/index.html", "bodies/lp.html", "decisions/index.html", "timelines/index.html", "timelines/iww-2024.html",
		"recommendations/index.html", "reports/index.html", "reports/2023-Q4.html", "search/index.html"}
	args := []string{"-jar", jar, "--errors-only", "--format", "gnu"}
	for _, p := range pages {
		args = append(args, filepath.Join(dir, filepath.FromSlash(p)))
	}
	out, err := exec.Command(java, args...).CombinedOutput()
	if err != nil || len(bytes.TrimSpace(out)) > 0 {
		t.Errorf("the Nu Html Checker finds errors (%v):\n%s", err, out)
	}
}

// BenchmarkBuild builds the site of the bundled records (files in memory).
func BenchmarkBuild(b *testing.B) {
	t := &testing.T{}
	root := copyRecords(t, nil)
	l, err := source.LoadWorktree(root)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := site.Build(l.Set, site.Options{Today: dates.MustParse("2024-01-15")}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestCalendarsAreIGFCalendars checks that each person's and body's .ics is
// the calendar igf calendar --owner writes for them over all time.
func TestCalendarsAreIGFCalendars(t *testing.T) {
	root := copyRecords(t, nil)
	l, err := source.LoadWorktree(root)
	if err != nil {
		t.Fatal(err)
	}
	today := dates.MustParse("2024-01-15")
	files, err := site.Build(l.Set, site.Options{Today: today})
	if err != nil {
		t.Fatal(err)
	}
	all := dates.MustParse("1900-01-01/2199-12-31")
	n, events := 0, 0
	for _, p := range files.Paths() {
		if !strings.HasSuffix(p, ".ics") {
			continue
		}
		id := strings.TrimSuffix(path.Base(p), ".ics")
		ref := id
		if pp := l.Set.Person(id); pp != nil {
			ref = pp.ID
		} else if bb := l.Set.Body(id); bb != nil {
			ref = bb.ID
		}
		var want bytes.Buffer
		name := "IGF: " + l.Set.DisplayName(ref)
		if bb := l.Set.Body(ref); bb != nil {
			name = "IGF: " + bb.Name
		}
		made := report.Provenance{}
		if err := render.ICS(&want, name, report.CalendarOf(l.Set, all, []string{ref}, today), today.Start, render.Options{Made: &made}); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(files[p], want.Bytes()) {
			t.Errorf("%s differs from igf calendar --owner %s:\n%s\nwant:\n%s", p, ref, files[p], want.Bytes())
		}
		n++
		events += bytes.Count(files[p], []byte("BEGIN:VEVENT"))
	}
	if n < 50 || events < 100 {
		t.Errorf("only %d calendars with %d events", n, events)
	}
}

// TestReportJSONIsTheReport checks that a report's JSON on the site holds
// what igf report quarterly -o json writes, on one line: the same data.
func TestReportJSONIsTheReport(t *testing.T) {
	root := copyRecords(t, nil)
	l, err := source.LoadWorktree(root)
	if err != nil {
		t.Fatal(err)
	}
	_, files := build(t, root, false)
	today := dates.MustParse("2024-01-15")
	q := dates.MustParse("2023-Q4")
	r, err := report.NewFrom(l.Set, q, today, report.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r.Provenance = report.Provenance{} // as build's options give it
	var indented, want bytes.Buffer
	if err := render.JSON(&indented, r); err != nil {
		t.Fatal(err)
	}
	if err := json.Compact(&want, indented.Bytes()); err != nil {
		t.Fatal(err)
	}
	want.WriteByte('\n')
	got := files["reports/2023-Q4.json"]
	if len(r.Meetings) == 0 || !bytes.Equal(got, want.Bytes()) {
		t.Errorf("reports/2023-Q4.json (%d bytes, %d meetings in the report) is not the report's JSON compacted (%d bytes)", len(got), len(r.Meetings), want.Len())
	}
	if bytes.Count(got, []byte("\n")) != 1 {
		t.Errorf("reports/2023-Q4.json has %d lines, want 1", bytes.Count(got, []byte("\n")))
	}
}
