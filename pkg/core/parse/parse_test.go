package parse

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/igf-records/igf/pkg/core/record"
)

const head = "---\nid: m\ntype: meeting\ntitle: T\nbody: LP\ndate: \"2024-01-10\"\n---\n"

func mustFile(t *testing.T, src string) (*record.Record, []record.Finding) {
	t.Helper()
	r, fs := File("records/m.md", []byte(src))
	if r == nil {
		t.Fatalf("no record; findings: %v", fs)
	}
	return r, fs
}

func TestActionTokens(t *testing.T) {
	r, fs := mustFile(t, head+"\n- [ ] Draft the *cover* letter @KS @lf, due:2023-12-19 {#a1}\n")
	if len(fs) != 0 {
		t.Fatalf("findings: %v", fs)
	}
	it := r.Items[0]
	if it.ID != "a1" || it.Kind != record.KindAction || it.Status != record.StatusOpen ||
		strings.Join(it.Owners, ",") != "KS,lf" || it.Due.String() != "2023-12-19" || it.Title != "Draft the cover letter" {
		t.Errorf("got %+v", it)
	}
	if it.Pos != (record.Pos{Line: 9, Col: 56}) {
		t.Errorf("ID position %v, want 9:56 (the {#a1} token)", it.Pos)
	}
	if src := []byte(head + "\n- [ ] Draft"); it.CheckboxOffset != len(head)+3 || src[it.CheckboxOffset] != '[' {
		t.Errorf("checkbox offset %d", it.CheckboxOffset)
	}
}

func TestDoneNestedAndDecision(t *testing.T) {
	r, _ := mustFile(t, head+"\n- [ ] Parent @LF {#p}\n  - [x] Child @GS done:2024-01 {#c}\n- The Panel decided this. {#d}\n- plain bullet\n")
	if len(r.Items) != 3 {
		t.Fatalf("items: %d", len(r.Items))
	}
	c, d := r.Items[1], r.Items[2]
	if c.Parent != "p" || c.Status != record.StatusDone || c.DoneDate.String() != "2024-01" {
		t.Errorf("child %+v", c)
	}
	if d.Kind != record.KindDecision || d.Trackable() || d.Title != "The Panel decided this." {
		t.Errorf("decision %+v", d)
	}
}

// Code blocks, code spans and quotes are text, never actions.
func TestNotActions(t *testing.T) {
	src := head + "\n```\n- [ ] in a code block @LF {#code}\n```\n\n> - [ ] quoted @LF {#quote}\n\n    - [ ] indented code @LF {#indent}\n\n- [ ] real `@XX due:zz {#no}` text @LF {#real}\n"
	r, fs := mustFile(t, src)
	if len(fs) != 0 {
		t.Errorf("findings: %v", fs)
	}
	if len(r.Items) != 1 || r.Items[0].ID != "real" {
		t.Fatalf("items: %+v", r.Items)
	}
	if got := r.Items[0]; strings.Join(got.Owners, ",") != "LF" || got.Title != "real `@XX due:zz {#no}` text" {
		t.Errorf("code span leaked tokens: %+v", got)
	}
}

func TestRecommendationKind(t *testing.T) {
	r, _ := mustFile(t, strings.Replace(head, "---\n", "---\nitems: recommendation\n", 1)+"\n1. [ ] The MAG should consider X. @MAG {#r1}\n")
	if r.Items[0].Kind != record.KindRecommendation {
		t.Errorf("kind %s", r.Items[0].Kind)
	}
}

func TestBadDueDateIsReportedAtToken(t *testing.T) {
	_, fs := mustFile(t, head+"\n- [ ] X @LF due:2023-02-30 {#x}\n")
	if len(fs) != 1 || fs[0].Rule != "date" || fs[0].Line != 9 || fs[0].Col != 13 || !strings.Contains(fs[0].Message, "no day 30") {
		t.Errorf("findings %v", fs)
	}
}

func TestFrontMatterProblems(t *testing.T) {
	tests := map[string]struct {
		src, rule string
		line      int
	}{
		"none":         {"# Just text\n", "no-front-matter", 1},
		"empty file":   {"", "no-front-matter", 1},
		"empty":        {"---\n---\nbody\n", "empty-front-matter", 1},
		"unterminated": {"\n---\nid: x\ntype: meeting\n", "unterminated-front-matter", 2},
		"yaml":         {"---\nid: x\ntitle: a: b\ntype: meeting\n---\n", "yaml", 3},
		"duplicate":    {"---\nid: x\ntype: meeting\nid: y\n---\n", "duplicate-key", 4},
		"alias":        {"---\nid: &a x\ntitle: *a\n---\n", "yaml-alias", 3},
		"binary":       {"---\nid: x\x00\n---\n", "binary-file", 2},
		"encoding":     {"---\nid: x\ntitle: caf\xe9\n---\n", "encoding", 3},
		"not mapping":  {"---\n- a\n- b\n---\n", "front-matter-shape", 2},
	}
	for name, tt := range tests {
		_, fs := File("f.md", []byte(tt.src))
		found := false
		for _, f := range fs {
			if f.Rule == tt.rule && f.Line == tt.line && f.Hint != "" {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: want %s at line %d with a hint; got %v", name, tt.rule, tt.line, fs)
		}
	}
}

func TestAliasBombIsRejected(t *testing.T) {
	var b strings.Builder
	b.WriteString("---\nid: x\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n")
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		b.WriteString(n + ": &" + n + " [")
		for i := 0; i < 9; i++ {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString("*" + prev)
		}
		b.WriteString("]\n")
		prev = n
	}
	b.WriteString("---\n")
	r, fs := File("bomb.md", []byte(b.String()))
	if len(fs) == 0 || fs[0].Rule != "yaml-alias" {
		t.Fatalf("alias bomb: %v", fs)
	}
	_ = r
}

func TestBOMAndCRLF(t *testing.T) {
	src := "\xef\xbb\xbf" + strings.ReplaceAll(head+"\n- [ ] X @LF due:2024-02 {#x}\n", "\n", "\r\n")
	r, fs := File("f.md", []byte(src))
	if r == nil || len(fs) != 0 {
		t.Fatalf("BOM+CRLF: %v", fs)
	}
	it := r.Items[0]
	if r.ID != "m" || it.ID != "x" || it.Due.String() != "2024-02" || it.Pos.Line != 9 {
		t.Errorf("got %+v", it)
	}
	if src[it.CheckboxOffset:it.CheckboxOffset+3] != "[ ]" {
		t.Errorf("checkbox offset %d points at %q", it.CheckboxOffset, src[it.CheckboxOffset:it.CheckboxOffset+3])
	}
}

func TestTooLarge(t *testing.T) {
	_, fs := File("big.md", make([]byte, MaxFileSize+1))
	if len(fs) != 1 || fs[0].Rule != "file-too-large" {
		t.Errorf("findings %v", fs)
	}
}

func TestTimelineMilestones(t *testing.T) {
	src := "---\nid: tl\ntype: timeline\ntitle: T\nmilestones:\n  - id: m1\n    title: First\n    owners: [LF, GS]\n    due: \"2024-04-mid\"\n    checkpoints:\n      - {label: Summary, date: \"2024-04-01\"}\n  - id: m2\n    parent: m1\n    status: done\n    due: 2024\n---\n"
	r, fs := mustFile(t, src)
	if len(fs) != 0 || len(r.Items) != 2 {
		t.Fatalf("%v %v", fs, r.Items)
	}
	m1, m2 := r.Items[0], r.Items[1]
	if m1.Kind != record.KindMilestone || m1.Due.String() != "2024-04-mid" || len(m1.Checkpoints) != 1 || m1.Pos.Line != 6 {
		t.Errorf("m1 %+v", m1)
	}
	if m2.Status != record.StatusDone || m2.Parent != "m1" || m2.Due.String() != "2024" {
		t.Errorf("m2 %+v", m2)
	}
	if p := r.FieldAt("/milestones/0/owners/1"); p.Line != 8 {
		t.Errorf("owner position %v", p)
	}
}

// The bundled records parse without a single finding.
func TestBundledRecords(t *testing.T) {
	root := "../../../records"
	n := 0
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		r, fs := File(p, data)
		if r == nil || len(fs) > 0 {
			t.Errorf("%s: %v", p, fs)
		}
		n++
		return nil
	})
	if err != nil || n < 7 {
		t.Fatalf("walked %d records: %v", n, err)
	}
}

func seeds(f *testing.F) {
	files, _ := filepath.Glob("../../../records/*/*/*.md")
	more, _ := filepath.Glob("../../../records/*/*.md")
	for _, p := range append(files, more...) {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(head + "- [ ] x @LF due:2024 {#a}\n"))
	f.Add([]byte("\xef\xbb\xbf---\r\nid: x\r\n---\r\n"))
	f.Add([]byte("---\nid: &a x\nb: *a\n---\n"))
	f.Add([]byte("---\n"))
}

// FuzzFile: no input makes the reader panic, and every finding has a position.
func FuzzFile(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		r, fs := File("f.md", data)
		for _, x := range fs {
			if x.Line < 1 || x.Col < 1 || x.Message == "" {
				t.Fatalf("finding without place or message: %+v", x)
			}
		}
		if r == nil {
			return
		}
		for _, it := range r.Items {
			if it.CheckboxOffset >= 0 && (it.CheckboxOffset+2 >= len(data) || data[it.CheckboxOffset] != '[' || data[it.CheckboxOffset+2] != ']') {
				t.Fatalf("checkbox offset %d does not point at a checkbox", it.CheckboxOffset)
			}
		}
	})
}

// FuzzActionLine: any text after "- [ ] " gives at most one action whose
// title holds no token it took, and nothing panics.
func FuzzActionLine(f *testing.F) {
	for _, s := range []string{
		"Draft the cover letter @KS due:2023-12-19 {#lp-2023-12-18-a2}",
		"Identify volunteers @MAG milestone:iww-3 {#a6}",
		"`@XX` in code @LF due:2024-05-27/2024-05-31",
		"@ @@ due: due:: {#} {#x",
		"x\\@LF *@GS* [link @MG](http://x) <b>@CR</b> due:TBD",
		`Send it @"Lise  Fuhr", @"unclosed @“Carol Roach” @VC,@GS due:2024-03.`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		if strings.ContainsAny(line, "\n\r") {
			return
		}
		r, fs := File("f.md", []byte(head+"\n- [ ] "+line+"\n"))
		if r == nil {
			// Only bytes that are not text may lose the whole record.
			if len(fs) != 1 || (fs[0].Rule != "binary-file" && fs[0].Rule != "encoding") {
				t.Fatalf("front matter lost: %v", fs)
			}
			return
		}
		if len(r.Items) > 1 {
			t.Fatalf("one line gave %d items", len(r.Items))
		}
		for _, it := range r.Items {
			if strings.ContainsAny(it.ID, " \t") {
				t.Fatalf("ID with white space: %q", it.ID)
			}
			for _, o := range it.Owners {
				// Only a quoted owner (@"Lise Fuhr") holds spaces, one between words.
				quoted := strings.Contains(line, `@"`) || strings.Contains(line, "@\u201c")
				if o == "" || strings.ContainsAny(o, "\t\n") || strings.Contains(o, "  ") || (!quoted && strings.Contains(o, " ")) {
					t.Fatalf("bad owner %q", o)
				}
			}
		}
	})
}

// An owner with spaces is written in quotes; owners glued with commas are
// read apart with a warning; a full stop after a date ends the sentence.
func TestOwnerSpellings(t *testing.T) {
	r, fs := mustFile(t, head+"\n- [ ] Send the letter @\"Lise  Fuhr\", @\u201cCarol Roach\u201d @VC,@GS due:2024-03-01. {#a1}\n")
	it := r.Items[0]
	if got := strings.Join(it.Owners, "|"); got != "Lise Fuhr|Carol Roach|VC|GS" || it.Due.String() != "2024-03-01" || it.Title != "Send the letter" {
		t.Errorf("owners %q, due %q, title %q", got, it.Due, it.Title)
	}
	if len(fs) != 1 || fs[0].Rule != "token-syntax" || fs[0].Severity != record.SeverityWarning || fs[0].Col != 53 ||
		fs[0].Hint != "separate owners with spaces: @VC @GS" {
		t.Errorf("findings: %+v", fs)
	}
	// An unclosed quote is no owner: the words stay in the title.
	r, _ = mustFile(t, head+"\n- [ ] Send it @\"Lise Fuhr due:2024-03 {#a1}\n")
	if it := r.Items[0]; len(it.Owners) != 0 || it.Title != `Send it @"Lise Fuhr` {
		t.Errorf("unclosed quote: owners %q title %q", it.Owners, it.Title)
	}
}

// A person field written as one string with commas is read as the list it
// meant, with a warning that says how to write it.
func TestPeopleCommaString(t *testing.T) {
	r, fs := mustFile(t, "---\nid: m\ntype: meeting\ntitle: T\nattendees: VC, LF ,MG\n---\n")
	if got := strings.Join(r.People["attendees"], "|"); got != "VC|LF|MG" {
		t.Errorf("attendees %q", got)
	}
	if len(fs) != 1 || fs[0].Rule != "list-syntax" || fs[0].Line != 5 || fs[0].Col != 12 || fs[0].Hint != "write a list: attendees: [VC, LF, MG]" {
		t.Errorf("findings: %+v", fs)
	}
}

// A date the parser cannot read says what it would write, taking a missing
// year from the record's own date.
func TestDateSuggestionUsesRecordDate(t *testing.T) {
	_, fs := mustFile(t, head+"\n- [ ] Send it @VC due:4/10/2024 {#a1}\n- [ ] Send it @VC due:Q3 {#a2}\n")
	if len(fs) != 2 || !strings.Contains(fs[0].Message, "2024-10-04 (day/month/year) or 2024-04-10 (month/day/year)") ||
		!strings.Contains(fs[1].Message, "did you mean 2024-Q3 (taking the year 2024") {
		t.Errorf("findings: %+v", fs)
	}
}
