package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/parse"
	"github.com/igf-records/igf/pkg/core/record"
)

// loadEdited reads the bundled records, each edited by edit.
func loadEdited(t *testing.T, edit func(rel, text string) string) *record.Set {
	t.Helper()
	var recs []*record.Record
	root := "../.."
	err := filepath.WalkDir(filepath.Join(root, "records"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if r, _ := parse.File(rel, []byte(edit(strings.TrimPrefix(rel, "records/"), string(data)))); r != nil {
			recs = append(recs, r)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return record.NewSet(recs)
}

// pageTests are the builds the Go-written pages are held to their
// templates on: the bundled records as they are, in the full and the
// public edition with a record missing, and with markup in the values
// TestEveryValueIsEscaped puts there (and quotes, plus signs, a NUL).
var pageTests = []struct {
	name string
	edit func(rel, text string) string
	o    Options
	seen []string // what some page must show: the edits reached it
}{
	{"bundled", func(_, text string) string { return text }, Options{Today: dates.MustParse("2024-01-15")}, nil},
	{"public, incomplete", func(_, text string) string { return text }, Options{Today: dates.MustParse("2026-12-04"), Public: true,
		Withheld: "2 items", NotIncluded: []record.Omission{{Path: "records/meetings/x.md", Reason: "its front matter is not YAML"}}}, []string{"This site is incomplete", "public edition"}},
	{"markup", func(rel, text string) string {
		for _, h := range []struct{ from, to string }{
			{"title: IGF Leadership Panel virtual meeting", `title: "IGF <script>alert('t')</script> \"Panel\" + & \u0000"`},
			{"location: Online", `location: '"><img src=x onerror=alert(1)>'`},
			{`    url: ""`, `    url: "https://example.org/a b?c=<d>&e=\"f\""`},
			{"name: Lise Fuhr", `name: "Lise </td><svg onload=alert(3)> Fuhr"`},
			{"\n- [ ] ", "\n- [ ] <b>&</b> \"q\" 'a' + "},
		} {
			text = strings.ReplaceAll(text, h.from, h.to)
		}
		return text
	}, Options{Today: dates.MustParse("2024-01-15")},
		[]string{"IGF &lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt; &#34;Panel&#34; &#43; &amp; \uFFFD", "&#34;&gt;&lt;img src=x onerror",
			`href="https://example.org/a%20b?c=%3cd%3e&amp;e=%22f%22"`, "Lise &lt;/td&gt;&lt;svg", "&lt;b&gt; &amp; &lt;/b&gt; &#34;q&#34; &#39;a&#39; &#43;"}},
}

// TestPagesAreTheTemplates checks each page written by Go code against
// what its template writes, on every meeting and person of each of
// pageTests.
func TestPagesAreTheTemplates(t *testing.T) {
	pages, people := 0, 0
	for _, c := range pageTests {
		s := loadEdited(t, c.edit)
		b, err := newBuilder(s, c.o, &memSink{files: Files{}})
		if err != nil {
			t.Fatal(err)
		}
		var all strings.Builder
		for _, m := range b.meetings {
			file, p, d := b.meetingPage(m)
			if file == "" {
				continue
			}
			got, err := b.pageHTML(p, func(w *pageWriter) { b.writeMeeting(w, p.Root, d) })
			if err != nil {
				t.Fatal(err)
			}
			p.D = d
			var want strings.Builder
			if err := b.tmpl.ExecuteTemplate(&want, "meeting", p); err != nil {
				t.Fatal(err)
			}
			if string(got) != want.String() {
				t.Fatalf("%s, %s: the page differs from the template's:\n%s", c.name, file, firstDiff(string(got), want.String()))
			}
			all.Write(got)
			pages++
		}
		for _, person := range b.set.Registry.People {
			file, p, d := b.personPage(person)
			if file != "people/"+record.FoldID(person.ID)+".html" {
				continue
			}
			got, err := b.pageHTML(p, func(w *pageWriter) { b.writePerson(w, p.Root, d) })
			if err != nil {
				t.Fatal(err)
			}
			p.D = d
			var want strings.Builder
			if err := b.tmpl.ExecuteTemplate(&want, "person", p); err != nil {
				t.Fatal(err)
			}
			if string(got) != want.String() {
				t.Fatalf("%s, %s: the page differs from the template's:\n%s", c.name, file, firstDiff(string(got), want.String()))
			}
			all.Write(got)
			people++
		}
		for _, v := range c.seen {
			if !strings.Contains(all.String(), v) {
				t.Errorf("%s: no page shows %s", c.name, v)
			}
		}
	}
	if pages < 3*5 || people < 3*30 {
		t.Fatalf("compared %d meeting and %d person pages; the bundled records give more", pages, people)
	}
}

// firstDiff shows where two texts part.
func firstDiff(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(i-120, 0)
	return "got  …" + got[from:min(i+120, len(got))] + "\nwant …" + want[from:min(i+120, len(want))]
}
