package validate

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/igf-records/igf/pkg/core/parse"
	"github.com/igf-records/igf/pkg/core/record"
)

// generated writes a small repository with testdata/gen and reads it back.
func generated(t *testing.T, n int) map[string]string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the corpus generator")
	}
	out := filepath.Join(t.TempDir(), "corpus")
	cmd := exec.Command("go", "run", "./testdata/gen", "-records", fmt.Sprint(n), "-out", out)
	cmd.Dir = "../../.."
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("generate corpus: %v\n%s", err, msg)
	}
	files := map[string]string{}
	err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(out, p)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// pathOfID finds the file whose front matter says id: ID.
func pathOfID(t *testing.T, files map[string]string, id string) string {
	t.Helper()
	for p, s := range files {
		if strings.Contains(s, "\nid: "+id+"\n") {
			return p
		}
	}
	t.Fatalf("no file has id %s", id)
	return ""
}

// incremental runs the incremental path from before to after; indexed, the
// unchanged files are known only through a Lookup that looks IDs up, as the
// store's does.
func incremental(before, after map[string]string, indexed bool) (*Result, bool) {
	var d Delta
	var unchangedData []string
	for _, p := range sortedKeys(after) {
		if old, ok := before[p]; ok && old == after[p] {
			rec, _ := parse.File(p, []byte(after[p]))
			d.Unchanged = append(d.Unchanged, Unchanged{Path: p, Sum: Summarize(rec)})
			unchangedData = append(unchangedData, after[p])
			continue
		}
		d.Changed = append(d.Changed, Input{Path: p, Data: []byte(after[p]), Full: true})
	}
	for _, p := range sortedKeys(before) {
		if now, ok := after[p]; !ok || now != before[p] {
			rec, _ := parse.File(p, []byte(before[p]))
			d.Gone = append(d.Gone, Summarize(rec))
		}
	}
	d.Read = func(i int) Input { return Input{Path: d.Unchanged[i].Path, Data: []byte(unchangedData[i])} }
	if indexed {
		d.Lookup = newIDIndex(d.Unchanged)
		for i := range d.Unchanged {
			d.Unchanged[i].Sum = nil
		}
	}
	return Incremental(d)
}

// idIndex is a Lookup by maps from IDs to files.
type idIndex struct {
	sums            []*Summary
	defines, refers map[string][]int
	registry        []int
}

func newIDIndex(u []Unchanged) *idIndex {
	x := &idIndex{defines: map[string][]int{}, refers: map[string][]int{}}
	for i, f := range u {
		s := f.Sum
		x.sums = append(x.sums, s)
		if s == nil || !s.Parsed {
			continue
		}
		if s.Registry {
			x.registry = append(x.registry, i)
		}
		for _, id := range s.ids() {
			x.defines[id] = append(x.defines[id], i)
		}
		refs := append([]string(nil), s.Refs...)
		for _, it := range s.Items {
			refs = append(refs, it.DependsOn...)
		}
		for _, r := range refs {
			x.refers[strings.ToLower(r)] = append(x.refers[strings.ToLower(r)], i)
		}
	}
	return x
}

func (x *idIndex) find(ids map[string]bool, maps ...map[string][]int) []int {
	seen := map[int]bool{}
	for id := range ids {
		for _, m := range maps {
			for _, i := range m[id] {
				seen[i] = true
			}
		}
	}
	out := make([]int, 0, len(seen))
	for i := range seen {
		out = append(out, i)
	}
	sort.Ints(out)
	return out
}

func (x *idIndex) Touching(ids map[string]bool) []int {
	out := x.find(ids, x.defines, x.refers)
	out = append(out, x.registry...)
	sort.Ints(out)
	return slices.Compact(out)
}

func (x *idIndex) Defining(ids map[string]bool) []int { return x.find(ids, x.defines) }

func (x *idIndex) Unread() []int {
	var out []int
	for i, s := range x.sums {
		if s == nil || !s.Parsed {
			out = append(out, i)
		}
	}
	return out
}

func (x *idIndex) Summary(i int) *Summary { return x.sums[i] }
func (x *idIndex) Every() []*Summary      { return x.sums }

// fullRun validates after the way --staged did before summaries: changed
// files fully, cross-record errors everywhere.
func fullRun(before, after map[string]string) *Result {
	var ins []Input
	for _, p := range sortedKeys(after) {
		old, ok := before[p]
		ins = append(ins, Input{Path: p, Data: []byte(after[p]), Full: !ok || old != after[p]})
	}
	return run(ins, Options{CrossEverywhere: true})
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func findingLines(fs []record.Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = fmt.Sprintf("%s:%d:%d %s %s: %s (%s)", f.Path, f.Line, f.Col, f.Severity, f.Rule, f.Message, f.Hint)
	}
	return out
}

func TestIncrementalEqualsFull(t *testing.T) {
	base := generated(t, 300)
	with := func(change func(m map[string]string)) map[string]string {
		m := make(map[string]string, len(base))
		for k, v := range base {
			m[k] = v
		}
		change(m)
		return m
	}
	// A meeting whose action serves a milestone of a timeline (target),
	// and a timeline taken at a meeting that exists (taken, at).
	var user, target, taken, at string
	for _, p := range sortedKeys(base) {
		if m := regexp.MustCompile(`milestone:(\S+-m\d+)`).FindStringSubmatch(base[p]); m != nil && user == "" {
			user, target = p, m[1]
		}
		if m := regexp.MustCompile(`(?m)^meeting: (\S+)$`).FindStringSubmatch(base[p]); m != nil && taken == "" {
			for q, s := range base {
				if strings.Contains(s, "\nid: "+m[1]+"\n") {
					taken, at = p, q
				}
			}
		}
	}
	if user == "" || taken == "" {
		t.Fatal("the generated corpus has no milestone: or meeting: reference to change")
	}
	plan := pathOfID(t, base, target[:strings.LastIndex(target, "-m")])
	// Another timeline, whose first milestone is made to depend on target and
	// on its timeline's first: a cycle then needs only that file to change.
	var other, otherM string
	for _, p := range sortedKeys(base) {
		if m := regexp.MustCompile(`(?m)^  - id: (\S+-m1)$`).FindStringSubmatch(base[p]); m != nil && p != plan {
			other, otherM = p, m[1]
			break
		}
	}
	planM1 := target[:strings.LastIndex(target, "-m")] + "-m1"
	deps := target
	if target != planM1 {
		deps += ", " + planM1
	}
	base[other] = strings.Replace(base[other], "  - id: "+otherM+"\n", "  - id: "+otherM+"\n    depends_on: ["+deps+"]\n", 1)
	// Two more timelines' first milestones chain onto other's (fourth on
	// third on other): a cycle made through them is found only by following
	// depends_on from file to file, as neither names a changed ID.
	var chain []string // paths, then milestone IDs
	for _, p := range sortedKeys(base) {
		if m := regexp.MustCompile(`(?m)^  - id: (\S+-m1)$`).FindStringSubmatch(base[p]); m != nil && p != plan && p != other {
			chain = append(chain, p, m[1])
			if len(chain) == 4 {
				break
			}
		}
	}
	third, thirdM, fourth, fourthM := chain[0], chain[1], chain[2], chain[3]
	base[third] = strings.Replace(base[third], "  - id: "+thirdM+"\n", "  - id: "+thirdM+"\n    depends_on: ["+otherM+"]\n", 1)
	base[fourth] = strings.Replace(base[fourth], "  - id: "+fourthM+"\n", "  - id: "+fourthM+"\n    depends_on: ["+thirdM+"]\n", 1)
	newID := func(m map[string]string, path, from, to string) {
		if !strings.Contains(m[path], "  - id: "+from+"\n") {
			t.Fatalf("%s has no milestone %s", path, from)
		}
		m[path] = strings.Replace(m[path], "  - id: "+from+"\n", "  - id: "+to+"\n", 1)
	}

	tests := []struct {
		name   string
		change func(m map[string]string)
		want   []string // rules and paths that must be among the findings
	}{
		{"new file", func(m map[string]string) {
			m["records/meetings/2030/new.md"] = strings.Replace(base[user], "\nid: ", "\nid: brand-new-2030\nx: ", 1)
		}, nil},
		{"edited file with a duplicate ID", func(m map[string]string) {
			newID(m, plan, target, strings.ToUpper(otherM))
		}, []string{RuleDuplicateID}},
		{"deleted record referenced elsewhere", func(m map[string]string) {
			delete(m, at)
		}, []string{RuleUnknownReference + " " + taken}},
		{"renamed file", func(m map[string]string) {
			delete(m, plan)
			m[strings.Replace(plan, ".md", "-moved.md", 1)] = base[plan]
		}, nil},
		{"milestone ID renamed under its users", func(m map[string]string) {
			newID(m, plan, target, target+"-renamed")
		}, []string{RuleUnknownReference + " " + user, RuleUnknownReference + " " + other}},
		{"dependency cycle through an unchanged file", func(m map[string]string) {
			// The first milestone has no depends_on of its own.
			newID(m, plan, planM1, planM1+"\n    depends_on: ["+otherM+"]")
		}, []string{RuleDependencyCycle}},
		{"dependency cycle through three unchanged files", func(m map[string]string) {
			newID(m, plan, planM1, planM1+"\n    depends_on: ["+fourthM+"]")
		}, []string{RuleDependencyCycle}},
	}
	for _, tc := range tests {
		for _, indexed := range []bool{false, true} {
			name := tc.name
			if indexed {
				name += " (looked up)"
			}
			t.Run(name, func(t *testing.T) {
				after := with(tc.change)
				inc, ok := incremental(base, after, indexed)
				if !ok {
					t.Fatal("incremental run asked for a full one")
				}
				full := fullRun(base, after)
				changed := map[string]bool{}
				for p := range after {
					if base[p] != after[p] {
						changed[p] = true
					}
				}
				var want []record.Finding
				for _, f := range full.Findings {
					if changed[f.Path] || f.Rule == RuleNoRegistry ||
						IsCrossRule(f.Rule) && f.Severity == record.SeverityError && (inc.Touched[f.Path] || f.Rule == RuleDependencyCycle) {
						want = append(want, f)
					}
				}
				got, exp := findingLines(inc.Findings), findingLines(want)
				if strings.Join(got, "\n") != strings.Join(exp, "\n") {
					t.Errorf("incremental findings differ from the full run's\n got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(exp, "\n"))
				}
				all := strings.Join(got, "\n")
				for _, w := range tc.want {
					rule, path, _ := strings.Cut(w, " ")
					if !strings.Contains(all, " "+rule+": ") || path != "" && !strings.Contains(all, path+":") {
						t.Errorf("want a %s finding %s; got:\n%s", rule, path, all)
					}
				}
				if inc.Checked != len(changed) || inc.Files != len(after) {
					t.Errorf("checked %d of %d files, want %d of %d", inc.Checked, inc.Files, len(changed), len(after))
				}
			})
		}
	}
	t.Run("registry change", func(t *testing.T) {
		after := with(func(m map[string]string) { m[RegistryPath] += "\n" })
		if _, ok := incremental(base, after, false); ok {
			t.Error("a registry change was validated incrementally; every name may have changed meaning")
		}
	})
}

func TestSummariesRoundTrip(t *testing.T) {
	// The meeting's items sit far into long lines: a column exceeds the
	// summary's own size.
	for _, p := range []string{"records/registry.md", "records/meetings/2022/2022-03-30-egm.md", "records/meetings/2023/2023-12-18-lp-virtual.md", ""} {
		var rec *record.Record
		if p != "" {
			data, err := os.ReadFile(filepath.Join("../../..", p))
			if err != nil {
				t.Fatal(err)
			}
			rec, _ = parse.File(p, data)
		}
		sum := Summarize(rec)
		data := EncodeSummary(sum)
		back, err := DecodeSummary(data)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if fmt.Sprintf("%+v", *back) != fmt.Sprintf("%+v", *sum) {
			t.Errorf("%s: round trip changed the summary:\n%+v\n%+v", p, *back, *sum)
		}
		for cut := 0; cut < len(data); cut += 7 {
			if _, err := DecodeSummary(data[:cut]); err == nil {
				t.Fatalf("%s: a summary cut at %d bytes of %d was accepted", p, cut, len(data))
			}
		}
	}
}
