package store

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ncruces/go-sqlite3"

	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/record"
)

func TestMatchExpr(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`cover letter`, `"cover" "letter"`},
		{`"cover letter"`, `"cover letter"`},
		{`lett*`, `"lett"*`},
		{`"cover lett"*`, `"cover lett"*`},
		{`@LF due:2024-03`, `"@LF" "due:2024-03"`},
		{`Lise's report`, `"Lise's" "report"`},
		{`budget OR funding`, `"budget" OR "funding"`},
		{`(budget OR funding) NOT trust`, `( "budget" OR "funding" ) NOT "trust"`},
		{`say "hi"there`, `"say" "hi" "there"`},
		{`a "" b`, `"a" "b"`},
		{`or and`, `"or" "and"`},
	} {
		got, err := MatchExpr(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("MatchExpr(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{``, `   `, `"cover letter`, `*`, `— …`, `"" ()`} {
		if got, err := MatchExpr(bad); err == nil {
			t.Errorf("MatchExpr(%q) = %q, want an error", bad, got)
		} else {
			var qe *QueryError
			if !errors.As(err, &qe) {
				t.Errorf("MatchExpr(%q): %T, want a QueryError", bad, err)
			}
		}
	}
}

func TestBodyUnits(t *testing.T) {
	text := "# Minutes\n\nOpening words\nrun on.\n\n- [ ] @LF to draft\n  continued here\n- [x] @GS done\n\n```\n- not an item\n\ncode\n```\nAfter.\n"
	var got []string
	for _, u := range bodyUnits(text, 10) {
		got = append(got, strings.ReplaceAll(text[u.off:u.off+u.len], "\n", "|")+"@"+itoa(u.line))
	}
	want := []string{
		"# Minutes@10",
		"Opening words|run on.@12",
		"- [ ] @LF to draft|  continued here@15",
		"- [x] @GS done@17",
		"```|- not an item||code|```@19",
		"After.@24",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("units:\n got %q\nwant %q", got, want)
	}
}

func search(t *testing.T, s *Store, snap *Snapshot, q SearchQuery) []Hit {
	t.Helper()
	reg, err := s.Registry(snap)
	if err != nil {
		t.Fatal(err)
	}
	var out []Hit
	if err := s.Search(snap, q, reg, func(h Hit) error { out = append(out, h); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

// Hits point at the line the words are on, and every filter holds.
func TestSearchBundledRecords(t *testing.T) {
	root := bundledRepo(t)
	s, snap := synced(t, root)
	lines := func(h Hit) []string {
		b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(h.Path)))
		if err != nil {
			t.Fatal(err)
		}
		return strings.Split(string(b), "\n")
	}
	hits := search(t, s, snap, SearchQuery{Text: `"cover letter"`})
	if len(hits) == 0 {
		t.Fatal(`no hit for "cover letter"`)
	}
	for _, h := range hits {
		if line := lines(h)[h.Line-1]; !strings.Contains(strings.ToLower(line), "cover letter") &&
			!strings.Contains(strings.ToLower(strings.Join(lines(h)[h.Line-1:h.Line+2], " ")), "cover letter") {
			t.Errorf("%s:%d does not say cover letter: %q", h.Path, h.Line, line)
		}
		if !strings.Contains(h.Snippet, SnippetOpen) {
			t.Errorf("%s:%d: snippet %q marks no match", h.Path, h.Line, h.Snippet)
		}
	}
	for i := 1; i < len(hits); i++ {
		if hits[i].Score > hits[i-1].Score {
			t.Errorf("hits not ranked best first: %v then %v", hits[i-1].Score, hits[i].Score)
		}
	}
	// The best N, looked up one by one, are the first N of every hit,
	// found by one join: the same order, ties included.
	for _, text := range []string{"panel", "lett*", `"cover letter"`, "draft OR report"} {
		all := search(t, s, snap, SearchQuery{Text: text})
		for _, n := range []int{1, 3, 10, len(all)} {
			best := search(t, s, snap, SearchQuery{Text: text, Limit: n})
			if !reflect.DeepEqual(best, all[:min(n, len(all))]) {
				t.Errorf("%s: best %d differ from the first %d of all %d hits", text, n, n, len(all))
			}
		}
	}
	// A title outranks body text for the same words.
	if top := search(t, s, snap, SearchQuery{Text: "Leadership Panel virtual meeting", Limit: 1}); len(top) != 1 || top[0].Kind != HitTitle {
		t.Errorf("top hit for a title's words: %+v", top)
	}
	// Prefix, limit, kinds, bodies, window.
	if n := len(search(t, s, snap, SearchQuery{Text: "lett*"})); n < len(hits) {
		t.Errorf("lett* found %d, fewer than \"cover letter\" (%d)", n, len(hits))
	}
	if n := len(search(t, s, snap, SearchQuery{Text: "lett*", Limit: 2})); n != 2 {
		t.Errorf("--limit 2 gave %d hits", n)
	}
	for _, h := range search(t, s, snap, SearchQuery{Text: "draft*", Kinds: []string{record.KindAction}}) {
		if h.Kind != record.KindAction || h.Item == "" {
			t.Errorf("--kind action gave %+v", h)
		}
	}
	milestones := search(t, s, snap, SearchQuery{Text: "consultation", Kinds: []string{record.KindMilestone}})
	if len(milestones) == 0 {
		t.Errorf("no milestone of the IWW timeline mentions a consultation")
	}
	for _, h := range search(t, s, snap, SearchQuery{Text: "panel", Bodies: []string{"lp"}}) {
		if h.Body != "LP" {
			t.Errorf("--body lp gave a hit in body %q", h.Body)
		}
	}
	window := dates.MustParse("2023")
	for _, h := range search(t, s, snap, SearchQuery{Text: "panel", Window: window}) {
		if !strings.Contains(h.Path, "2023") && h.Type != record.TypeTimeline {
			t.Errorf("--from 2023 --to 2023 gave %s", h.Path)
		}
	}
	// The index follows edits.
	write(t, root, "records/meetings/2024/new.md", "---\nid: new-2024\ntype: meeting\nbody: LP\ndate: 2024-05-02\ntitle: Call\n---\nThe zanzibar question.\n")
	s2, snap2 := synced(t, root)
	if got := search(t, s2, snap2, SearchQuery{Text: "zanzibar"}); len(got) != 1 || got[0].Line != 8 || got[0].Path != "records/meetings/2024/new.md" {
		t.Errorf("a new file's words: %+v", got)
	}
	os.Remove(filepath.Join(root, "records/meetings/2024/new.md"))
	s3, snap3 := synced(t, root)
	if got := search(t, s3, snap3, SearchQuery{Text: "zanzibar"}); len(got) != 0 {
		t.Errorf("a deleted file's words are still found: %+v", got)
	}
	// A query the engine cannot read is a QueryError.
	reg, _ := s3.Registry(snap3)
	err := s3.Search(snap3, SearchQuery{Text: "OR budget"}, reg, func(Hit) error { return nil })
	var qe *QueryError
	if !errors.As(err, &qe) {
		t.Errorf("OR budget: %v, want a QueryError", err)
	}
}

// The full-text index reads each unit's text out of the record's body by
// byte offsets; the slice is exactly the unit, whatever characters precede it.
func TestUnitTextIsTheUnit(t *testing.T) {
	root := bundledRepo(t)
	s, _ := synced(t, root)
	if err := s.IndexText(); err != nil {
		t.Fatal(err)
	}
	n := 0
	err := s.rows(`SELECT u.off, u.len, t.body, r.text FROM units u JOIN unit_text t ON t.id = u.id
		JOIN records r ON r.blob = u.blob WHERE u.len > 0`, nil, func(st *sqlite3.Stmt) error {
		off, length, body, text := st.ColumnInt(0), st.ColumnInt(1), st.ColumnText(2), st.ColumnText(3)
		if want := text[off : off+length]; body != want {
			t.Errorf("unit at byte %d: %q, want %q", off, body, want)
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 100 {
		t.Errorf("only %d body units in the bundled records", n)
	}
}
