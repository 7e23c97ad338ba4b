package site

import (
	"strings"
	"testing"

	"github.com/igf-records/igf/internal/fixture"
	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/record"
)

// loadEdited reads the bundled records, each edited by edit.
func loadEdited(t testing.TB, edit func(rel, text string) string) *record.Set {
	return fixture.Records(t, "../..", edit)
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
			got := samePage(t, b, "meeting", p, d, func(w *pageWriter) { b.writeMeeting(w, p.Root, d) })
			all.Write(got)
			pages++
		}
		for _, person := range b.set.Registry.People {
			file, p, d := b.personPage(person)
			if file != "people/"+record.FoldID(person.ID)+".html" {
				continue
			}
			got := samePage(t, b, "person", p, d, func(w *pageWriter) { b.writePerson(w, p.Root, d) })
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
var firstDiff = fixture.FirstDiff

// FuzzPagesAreTheTemplates puts text from the fuzzer into a meeting's
// title, time, format, location and items, and a person's note and
// aliases, and checks the Go-written pages against their templates.
func FuzzPagesAreTheTemplates(f *testing.F) {
	for _, s := range []string{"plain", `<script>"x"</script>`, "a & b + c", "'\x00'", "é ☃ \u2028", "{{.}}", "]]>", "%2e"} {
		f.Add(s, "Online")
	}
	s := loadEdited(f, func(_, text string) string { return text })
	b, err := newBuilder(s, Options{Today: dates.MustParse("2024-01-15")}, &memSink{files: Files{}})
	if err != nil {
		f.Fatal(err)
	}
	m, person := b.meetings[len(b.meetings)-1], b.set.Registry.People[0]
	f.Fuzz(func(t *testing.T, a, c string) {
		title, timeText, format, location, note, aliases := m.Title, m.TimeText, m.Format, m.Location, person.Note, person.Aliases
		itemTitles := make([]string, len(m.Items))
		for i, it := range m.Items {
			itemTitles[i] = it.Title
			it.Title = a + it.Title + c
		}
		m.Title, m.TimeText, m.Format, m.Location, person.Note, person.Aliases = a, c, a, c, a+c, []string{a, c}
		defer func() {
			m.Title, m.TimeText, m.Format, m.Location, person.Note, person.Aliases = title, timeText, format, location, note, aliases
			for i, it := range m.Items {
				it.Title = itemTitles[i]
			}
		}()
		if file, p, d := b.meetingPage(m); file == "" {
			t.Fatal("the meeting has no page")
		} else {
			samePage(t, b, "meeting", p, d, func(w *pageWriter) { b.writeMeeting(w, p.Root, d) })
		}
		if file, p, d := b.personPage(person); file == "" {
			t.Fatal("the person has no page")
		} else {
			samePage(t, b, "person", p, d, func(w *pageWriter) { b.writePerson(w, p.Root, d) })
		}
	})
}

// samePage fails t unless fill writes, in p's frame, what the template
// tmpl writes of p with d; it returns the page.
func samePage(t testing.TB, b *builder, tmpl string, p page, d any, fill func(w *pageWriter)) []byte {
	t.Helper()
	w := &pageWriter{}
	err := b.fillPage(w, p, fill)
	got := w.out
	if err != nil {
		t.Fatal(err)
	}
	p.D = d
	var want strings.Builder
	if err := b.tmpl.ExecuteTemplate(&want, tmpl, p); err != nil {
		t.Fatal(err)
	}
	if string(got) != want.String() {
		t.Fatalf("%s (%s): the page differs from the template's:\n%s", p.Title, tmpl, firstDiff(string(got), want.String()))
	}
	return got
}
