package importer

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/igf-records/igf/pkg/core/parse"
	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/core/validate"
)

// fuzzSeeds are the real minutes and a few shapes that once went wrong.
func fuzzSeeds(f *testing.F, ext string) {
	files, _ := filepath.Glob("../../../testdata/import/minutes/*")
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	for _, s := range []string{
		"# Call, 5 March 2024\n\n## Decisions\n\n- # not a heading\n- [ ] not a task\n- 1. not a list\n",
		"# Call 2024-03-05\n\n## Action items\n\n- LF to `draft {#x} @LF due:nope by 1 March\n- ACTION: <!-- @TBD\n",
		"Call\n\nPresent: Lise Fuhr, , and ;\n\nAI (LF): due: by 31 February 2024\n",
		"<h1>Call 5 March 2024</h1><ul><li>a<ul><li>b</li></ul><li><h2>Regrets</h2><li>x</ul><table><tr><td>LF</td><td>x</table>",
		"\ufeff# Call\r\n\r\n## Action items\r\n\r\n1. Draft [LF] \u2013 19 December 2023\r\n",
	} {
		f.Add([]byte(s))
	}
}

// fuzzInfer checks what must hold for any input: no panic; a proposed record
// holds the original bytes, reads back as a record with the items proposed,
// and passes its own file checks.
func fuzzInfer(t *testing.T, data []byte, format Format, name string) {
	if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 || len(data) > 8<<10 {
		return // refused by the command; larger inputs only slow the fuzzer (and its minimizing) down
	}
	s := fuzzSet
	watch := time.AfterFunc(3*time.Second, func() { panic(fmt.Sprintf("Infer took over 3s on %q", data)) })
	defer watch.Stop()
	p := Infer(Input{Name: name, Data: data, Format: format}, namesOf(s), Options{Body: "LP"})
	if p.Record == nil {
		t.Fatalf("no record for body LP: %v", p.Missed)
	}
	inPlace := false
	for _, a := range p.Actions {
		inPlace = inPlace || a.InPlace
	}
	body := bytes.TrimPrefix(data, bom)
	if !inPlace && !bytes.Contains(p.Record, body) {
		t.Fatalf("the record lost bytes of the original")
	}
	rec, findings := validate.File("records/meetings/x.md", p.Record)
	if rec == nil {
		t.Fatalf("the record does not read: %v\n%s", findings, p.Record)
	}
	// The original's own lines may hold what igf reads as mistakes (a
	// due:nope token); the lines import writes may not.
	first, last := rec.BodyLine, rec.BodyLine+bytes.Count(body, []byte("\n"))
	for _, f := range findings {
		if f.Severity == record.SeverityError && (f.Line < first || f.Line > last) {
			t.Fatalf("%s\n%s", f, p.Record)
		}
	}
	if rec.ID != p.ID || rec.Title != p.Title || rec.Date.String() != p.Date {
		t.Fatalf("read back id %q title %q date %q, proposed %q %q %q", rec.ID, rec.Title, rec.Date, p.ID, p.Title, p.Date)
	}
	var actions, decisions int
	for _, it := range rec.Items {
		switch it.Kind {
		case record.KindAction:
			actions++
		case record.KindDecision:
			decisions++
		}
	}
	// The original text may hold items of its own (a task list in Markdown).
	own, _ := parse.File("records/meetings/x.md", append([]byte("---\nid: x\ntype: meeting\n---\n"), bytes.TrimPrefix(data, bom)...))
	ownActions, ownDecisions := 0, 0
	if own != nil {
		for _, it := range own.Items {
			switch {
			case it.Kind == record.KindAction && it.ID == "":
				// completed in place: one of p.Actions
			case it.Kind == record.KindAction:
				ownActions++
			case it.Kind == record.KindDecision:
				ownDecisions++
			}
		}
	}
	if actions != len(p.Actions)+ownActions || decisions != len(p.Decisions)+ownDecisions {
		t.Fatalf("read back %d actions and %d decisions, proposed %d and %d (+%d, %d in the text)\n%s",
			actions, decisions, len(p.Actions), len(p.Decisions), ownActions, ownDecisions, p.Record)
	}
	if strings.Count(string(p.Record), "\n---") < 1 {
		t.Fatal("no closing ---")
	}
}

var fuzzSet = func() *record.Set {
	data, err := os.ReadFile("../../../records/registry.md")
	if err != nil {
		panic(err)
	}
	rec, _ := parse.File("records/registry.md", data)
	return record.NewSet([]*record.Record{rec})
}()

func FuzzMarkdown(f *testing.F) {
	fuzzSeeds(f, ".md")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzInfer(t, data, Markdown, "minutes/2024-03-05.md") })
}

func FuzzText(f *testing.F) {
	fuzzSeeds(f, ".txt")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzInfer(t, data, Text, "minutes/call.txt") })
}

func FuzzHTML(f *testing.F) {
	fuzzSeeds(f, ".html")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzInfer(t, data, HTML, "minutes/call.html") })
}
