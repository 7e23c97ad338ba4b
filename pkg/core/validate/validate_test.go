package validate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/igf-records/igf/pkg/core/record"
)

func inputs(files map[string]string, full ...string) []Input {
	var ins []Input
	for p, s := range files {
		in := Input{Path: p, Data: []byte(s)}
		for _, f := range full {
			in.Full = in.Full || f == p
		}
		ins = append(ins, in)
	}
	return ins
}

func run(ins []Input, opt Options) *Result {
	return Run(len(ins), func(i int) Input { return ins[i] }, opt)
}

func rules(fs []record.Finding) string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Path+":"+f.Rule)
	}
	return strings.Join(out, " ")
}

const registry = `---
id: registry
type: registry
people:
  - id: LF
    name: Lise Fuhr
    initials: LF
    memberships:
      - {body: LP, role: member, from: "2022-08", to: "2024-06"}
  - id: GS
    memberships:
      - {body: LP, role: member}
bodies:
  - id: LP
    name: IGF Leadership Panel
---
`

// An owner whose term in the record's body ended before the item is due gets
// a warning; one still in the body on the due day does not.
func TestOwnerTermEnded(t *testing.T) {
	meeting := `---
id: lp-2024-05-01
type: meeting
title: Panel call
body: LP
date: "2024-05-01"
---
- [ ] Report back to the Panel @LF @GS due:2024-09 {#lp-2024-05-01-a1}
- [ ] Circulate the notes @LF due:2024-05-15 {#lp-2024-05-01-a2}
`
	res := run(inputs(map[string]string{"records/registry.md": registry, "records/m.md": meeting}, "records/registry.md", "records/m.md"), Options{})
	if got := rules(res.Findings); got != "records/m.md:owner-term-ended" {
		t.Fatalf("findings: %s", got)
	}
	f := res.Findings[0]
	if f.Severity != record.SeverityWarning || f.Line != 8 || f.Col != 32 || !strings.Contains(f.Message, "LF's LP membership ended (2024-06) before lp-2024-05-01-a1 is due (2024-09)") {
		t.Fatalf("finding: %s", f)
	}
}

// With --staged only changed files are checked fully, but a change to the
// registry that breaks an untouched file is reported there.
func TestCrossEverywhere(t *testing.T) {
	meeting := `---
id: lp-2024-05-01
type: meeting
title: Panel call
body: LP
date: "2024-05-01"
attendees: [LF, GS]
---
- [ ] Report back @GS {#lp-2024-05-01-a1}
`
	shrunk := strings.Replace(registry, "  - id: GS\n    memberships:\n      - {body: LP, role: member}\n", "", 1)
	files := map[string]string{"records/registry.md": shrunk, "records/m.md": meeting}
	res := run(inputs(files, "records/registry.md"), Options{CrossEverywhere: true})
	if got := rules(res.Findings); got != "records/m.md:unknown-person records/m.md:unknown-owner" {
		t.Fatalf("cross everywhere: %s", got)
	}
	// Warnings of untouched files stay out: they are not this change's doing.
	if res.Warnings() != 0 || res.Checked != 1 || res.Files != 2 {
		t.Fatalf("warnings %d, checked %d of %d", res.Warnings(), res.Checked, res.Files)
	}
	res = run(inputs(files, "records/registry.md"), Options{})
	if len(res.Findings) != 0 {
		t.Fatalf("without CrossEverywhere: %s", rules(res.Findings))
	}
	Strict(res.Findings)
}

func TestStrict(t *testing.T) {
	fs := []record.Finding{record.Warn("a.md", record.Pos{Line: 1}, RuleNoDue, "m", "h")}
	Strict(fs)
	if fs[0].Severity != record.SeverityError {
		t.Fatal("--strict keeps a warning a warning")
	}
}

func TestClosest(t *testing.T) {
	names := []string{"LF", "LP", "GS", "MAG", "MG", "Sect", "Lise Fuhr"}
	for _, c := range []struct{ in, want string }{
		{"LFF", "LF"},
		{"MGG", "MAG MG"},
		{"Lise Fur", "Lise Fuhr"},
		{"sekt", "Sect"},
		{"Hatem Dowidar", ""},
	} {
		if got := strings.Join(Closest(c.in, names, 3), " "); got != c.want {
			t.Errorf("Closest(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// Every schema compiles, is printed as it is embedded, and each type's
// example in docs/format.md passes its own schema.
func TestSchemasMatchFormatDoc(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "..", "docs", "format.md"))
	if err != nil {
		t.Fatal(err)
	}
	examples := 0
	for _, block := range strings.Split(string(doc), "```yaml\n")[1:] {
		block = block[:strings.Index(block, "```")]
		if !strings.HasPrefix(block, "---\n") {
			continue
		}
		examples++
		data := []byte(block + "\n")
		rec, fs := File("docs/format.md", data)
		if rec == nil {
			t.Fatalf("example not read: %v", fs)
		}
		for _, f := range fs {
			if f.Rule == RuleSchema || f.Rule == "date" || f.Rule == "yaml" {
				t.Errorf("%s example: %s", rec.Type, f)
			}
		}
	}
	if examples != len(Types()) {
		t.Fatalf("found %d examples in docs/format.md, want one per type (%d)", examples, len(Types()))
	}
	for _, typ := range Types() {
		if _, ok := Schema(typ); !ok {
			t.Errorf("no schema for %s", typ)
		}
	}
	if c := compileOnce(); c.err != nil {
		t.Fatal(c.err)
	}
}

// Without a readable registry, names are not checked: one finding says so,
// instead of one "unknown person" per name.
func TestNoRegistry(t *testing.T) {
	meeting := `---
id: lp-2024-05-01
type: meeting
title: Panel call
body: LP
date: "2024-05-01"
attendees: [LF, GS]
---
- [ ] Report back @GS due:2024-06 {#lp-2024-05-01-a1}
`
	broken := "---\nid: registry\ntype: registry\npeople: [\n---\n"
	for name, files := range map[string]map[string]string{
		"missing": {"records/m.md": meeting},
		"broken":  {"records/m.md": meeting, "records/registry.md": broken},
	} {
		res := run(inputs(files, "records/m.md", "records/registry.md"), Options{})
		got := rules(res.Findings)
		want := "records/registry.md:no-registry"
		if name == "broken" {
			want += " records/registry.md:yaml"
		}
		if got != want {
			t.Errorf("%s registry: %s", name, got)
		}
	}
}

// A reference into a file that could not be read says so in its hint.
func TestReferenceIntoUnreadableFile(t *testing.T) {
	decision := `---
id: lp-2024-001
type: decision
title: A decision
body: LP
date: "2024-05-01"
meeting: lp-2024-05-01
---
`
	broken := "---\nid: lp-2024-05-01\ntype: meeting\ntitle: [unclosed\n---\n"
	files := map[string]string{"records/registry.md": registry, "records/d.md": decision, "records/m.md": broken}
	res := run(inputs(files, "records/d.md", "records/m.md"), Options{})
	var hint string
	for _, f := range res.Findings {
		if f.Rule == RuleUnknownReference {
			hint = f.Hint
		}
	}
	if !strings.HasSuffix(hint, "it may be in a file igf could not read: records/m.md") {
		t.Fatalf("findings %s; hint %q", rules(res.Findings), hint)
	}
}

// An action line a task item of the same record restates word for word (as
// igf import writes them, and editors do) is tracked: no untracked-action
// warning; the same line alone is one.
func TestRestatedActionIsTracked(t *testing.T) {
	head := "---\nid: lp-2024-03-05\ntype: meeting\ntitle: Call\nbody: LP\ndate: \"2024-03-05\"\n---\n"
	prose := "**Action:** Lise Fuhr to circulate the draft by 12 March 2024.\n\n## Action items\n\n- Vint Cerf to send the letters by 15 March 2024.\n"
	restated := "\n## Restated\n\n- [ ] Lise Fuhr to circulate the draft by 12 March 2024. @LF due:2024-03-12 {#lp-2024-03-05-a1}\n" +
		"- [ ] Vint Cerf to send the letters by 15 March 2024. @VC due:2024-03-15 {#lp-2024-03-05-a2}\n"
	count := func(text string) int {
		_, fs := File("records/meetings/x.md", []byte(text))
		n := 0
		for _, f := range fs {
			if f.Rule == RuleUntrackedAction {
				n++
			}
		}
		return n
	}
	if n := count(head + prose); n != 2 {
		t.Errorf("prose alone: %d untracked-action warnings, want 2", n)
	}
	if n := count(head + prose + restated); n != 0 {
		t.Errorf("restated: %d untracked-action warnings, want 0", n)
	}
}
