package query

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/parse"
	"github.com/igf-records/igf/pkg/core/record"
)

// bundled parses the real records/ into a set.
func bundled(t *testing.T) *record.Set {
	t.Helper()
	var recs []*record.Record
	err := filepath.WalkDir("../../../records", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		r, _ := parse.File(p, data)
		recs = append(recs, r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return record.NewSet(recs)
}

func ids(items []*record.Item) string {
	var out []string
	for _, it := range items {
		out = append(out, it.ID)
	}
	return strings.Join(out, " ")
}

func TestOwnerMatchesWholeNames(t *testing.T) {
	s := bundled(t)
	want := "iww-1 iww-2 iww-5 iww-6 iww-3 iww-3.2"
	for _, name := range []string{"LF", "lf", "Lise Fuhr", "LF,"} {
		if got := ids(Actions{Owners: []string{name}}.Run(s)); got != want {
			t.Errorf("--owner %q: %s; want %s", name, got, want)
		}
	}
	for _, name := range []string{"L", "F", "Lise", "LFX"} {
		if got := (Actions{Owners: []string{name}}).Run(s); len(got) != 0 {
			t.Errorf("--owner %q matched %s", name, ids(got))
		}
	}
}

func TestStatusKindAndDue(t *testing.T) {
	s := bundled(t)
	if got := ids(Actions{Status: StatusDone}.Run(s)); got != "lp-2023-12-18-a1" {
		t.Errorf("done: %s", got)
	}
	all := Actions{Status: StatusAll}.Run(s)
	open := Actions{}.Run(s)
	if len(all) != len(open)+1 {
		t.Errorf("all %d, open %d", len(all), len(open))
	}
	for _, it := range all {
		if !it.Trackable() {
			t.Errorf("decision %s listed as trackable", it.ID)
		}
	}
	recs := Actions{Kinds: []string{record.KindRecommendation}, Owners: []string{"DESA"}}.Run(s)
	if len(recs) == 0 {
		t.Fatal("no recommendations to DESA")
	}
	q := Actions{DueBefore: dates.MustParse("2024-03"), DueAfter: dates.MustParse("2023-12-19")}
	if got := ids(q.Run(s)); got != "lp-2023-12-18-a3 lp-2023-12-18-a4 iww-5a" {
		t.Errorf("due window: %s", got)
	}
}

func TestOverdueUsesTheSpanEnd(t *testing.T) {
	s := bundled(t)
	q := Actions{Owners: []string{"LF"}, Overdue: true, Today: dates.MustParse("2024-05-31")}
	if got := ids(q.Run(s)); got != "iww-1 iww-2" {
		t.Errorf("overdue on 31 May 2024: %s (the WSIS+20 week ends that day)", got)
	}
	q.Today = dates.MustParse("2024-06-01")
	if got := ids(q.Run(s)); got != "iww-1 iww-2 iww-5" {
		t.Errorf("overdue on 1 June 2024: %s", got)
	}
}

func TestSortByDueTBDLast(t *testing.T) {
	s := bundled(t)
	items := Actions{Status: StatusAll}.Run(s)
	for i := 1; i < len(items); i++ {
		if dates.Compare(items[i-1].Due, items[i].Due) > 0 {
			t.Fatalf("%s (%s) sorts after %s (%s)", items[i-1].ID, items[i-1].Due, items[i].ID, items[i].Due)
		}
	}
	if last := items[len(items)-1]; !last.Due.IsTBD() {
		t.Errorf("last item %s has a due date", last.ID)
	}
}

func TestViaBodies(t *testing.T) {
	s := bundled(t)
	got := ids(Actions{Owners: []string{"LF"}, ViaBodies: true, Kinds: []string{record.KindAction}}.Run(s))
	if got != "lp-2023-12-18-a3 lp-2023-12-18-a4" {
		t.Errorf("via bodies: %s", got)
	}
}

func TestValidate(t *testing.T) {
	if (Actions{Status: "maybe"}).Validate() == nil || (Actions{Kinds: []string{"task"}}).Validate() == nil {
		t.Error("bad filters accepted")
	}
}

// Every owner token of every matching item is among the spellings, in
// lower case: a loader that skips files naming none of them loses nothing.
func TestOwnerSpellingsCoverEveryMatch(t *testing.T) {
	s := bundled(t)
	for _, q := range []Actions{
		{Owners: []string{"LF"}, Status: StatusAll},
		{Owners: []string{"lise fuhr"}, Status: StatusAll},
		{Owners: []string{"LF"}, ViaBodies: true, Status: StatusAll},
		{Owners: []string{"Sect,MAG"}, Status: StatusAll},
		{Owners: []string{"nobody"}, Status: StatusAll},
	} {
		spellings, ok := q.OwnerSpellings(s)
		if !ok {
			t.Fatalf("%v: no spellings", q.Owners)
		}
		matched := 0
		for _, it := range q.Run(s) {
			found := false
			for _, o := range it.Owners {
				found = found || spellings[strings.ToLower(strings.TrimSpace(o))]
			}
			if !found {
				t.Fatalf("%v: %s matches with owners %v, none among %v", q.Owners, it.ID, it.Owners, spellings)
			}
			matched++
		}
		if q.Owners[0] != "nobody" && matched == 0 {
			t.Fatalf("fixture: %v matches nothing", q.Owners)
		}
	}
	if _, ok := (Actions{}).OwnerSpellings(s); ok {
		t.Fatal("spellings without an owner filter")
	}
	if _, ok := (Actions{Owners: []string{"\u212Aim"}}).OwnerSpellings(s); ok {
		t.Fatal("spellings for a name outside ASCII")
	}
}
