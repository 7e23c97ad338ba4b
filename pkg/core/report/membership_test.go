package report

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/record"
)

// scanMembership is Set.Membership as it was before the index: a scan of
// the whole registry comparing canonical bodies with EqualFold.
func scanMembership(s *record.Set, body string, day dates.Date) (known, unknown []*record.Person) {
	body = s.Canonical(body)
	for _, p := range s.Registry.People {
		best := record.TermOutside
		for _, m := range p.Memberships {
			if !strings.EqualFold(s.Canonical(m.Body), body) {
				continue
			}
			if c := m.Term(day); c == record.TermCovers || c == record.TermUnknown && best == record.TermOutside {
				best = c
			}
		}
		switch best {
		case record.TermCovers:
			known = append(known, p)
		case record.TermUnknown:
			unknown = append(unknown, p)
		}
	}
	return known, unknown
}

// TestMembershipIsTheScan holds the index to the scan on the real records:
// every body as the registry and the meetings write it, in other cases too,
// on every meeting's day and on days with no meeting.
func TestMembershipIsTheScan(t *testing.T) {
	s := bundled(t)
	compareToScan(t, s)
	// The real registry names bodies by their IDs; people added to it name
	// them as minutes do, by alias and name in any case, and name bodies
	// the registry does not know in two cases and two scripts.
	var extra []*record.Person
	for i, b := range s.Registry.Bodies {
		written := append([]string{strings.ToUpper(b.Name), strings.ToLower(b.ID)}, b.Aliases...)
		for j, w := range written {
			extra = append(extra, &record.Person{ID: fmt.Sprintf("x-%d-%d", i, j), Memberships: []record.Membership{
				{Body: w, From: "2020-01", To: "2021-06"},
				{Body: strings.ToLower(w), Seen: []string{"2023-12-18"}},
			}})
		}
	}
	for i, w := range []string{"Dynamic Coalition on Ξ", "dynamic coalition on ξ", "DYNAMIC COALITION ON Σ", "dynamic coalition on ς", "Kelvin \u212a", "kelvin k"} {
		extra = append(extra, &record.Person{ID: fmt.Sprintf("y-%d", i), Memberships: []record.Membership{{Body: w}}})
	}
	extra = append(extra, extra[0]) // one person listed twice
	recs := append([]*record.Record{{Path: "records/zz-extra.md", Registry: &record.Registry{People: extra}}}, s.Records...)
	compareToScan(t, record.NewSet(recs))
}

func compareToScan(t *testing.T, s *record.Set) {
	t.Helper()
	var bodies []string
	for _, b := range s.Registry.Bodies {
		bodies = append(bodies, b.ID, b.Name, strings.ToLower(b.ID), strings.ToUpper(b.Name))
		bodies = append(bodies, b.Aliases...)
	}
	for _, p := range s.Registry.People {
		for _, m := range p.Memberships {
			bodies = append(bodies, m.Body)
		}
	}
	days := []dates.Date{{}, mustDay(t, "2019-01-01"), mustDay(t, "2031-06-30")}
	for _, r := range s.Records {
		if r.Type == record.TypeMeeting {
			bodies = append(bodies, r.Body)
			days = append(days, r.Date)
		}
	}
	checked, found := 0, 0
	for _, b := range append(bodies, "no-such-body", "") {
		for _, d := range days {
			k, u := s.Membership(b, d)
			wk, wu := scanMembership(s, b, d)
			if names(k) != names(wk) || names(u) != names(wu) {
				t.Fatalf("Membership(%q, %s): known %s unknown %s; the scan: known %s unknown %s",
					b, d, names(k), names(u), names(wk), names(wu))
			}
			checked++
			found += len(k) + len(u)
		}
	}
	if found == 0 {
		t.Fatalf("%d lookups found nobody: the comparison says nothing", checked)
	}
}

func mustDay(t *testing.T, s string) dates.Date {
	t.Helper()
	d, err := dates.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func names(ps []*record.Person) string {
	var ids []string
	for _, p := range ps {
		ids = append(ids, p.ID)
	}
	return strings.Join(ids, ",")
}

// TestItemsByDueIsSortByDue holds the set's due order, made once and
// shared by every report, to sortByDue's order of the same items' lines on
// the real records.
func TestItemsByDueIsSortByDue(t *testing.T) {
	s := bundled(t)
	items := s.Items()
	lines := make([]Line, len(items))
	for i, it := range items {
		lines[i] = Line{ID: fmt.Sprint(i), Due: it.Due, Link: Link{Path: it.Record.Path, Line: it.Pos.Line}}
	}
	sortByDue(lines)
	byDue := s.ItemsByDue()
	if len(byDue) != len(items) || len(items) < 50 {
		t.Fatalf("%d items by due, %d items", len(byDue), len(items))
	}
	moved := 0
	for i, l := range lines {
		at, _ := strconv.Atoi(l.ID)
		want := items[at]
		if byDue[i] != want {
			t.Fatalf("place %d: %s (due %s), sortByDue puts %s (due %s) there", i, byDue[i].ID, byDue[i].Due, want.ID, want.Due)
		}
		if byDue[i] != items[i] {
			moved++
		}
	}
	if moved == 0 {
		t.Fatal("the records are already in due order: the comparison says nothing")
	}
	if &s.ItemsByDue()[0] != &byDue[0] || &s.Items()[0] != &items[0] {
		t.Error("the lists are made again on each call")
	}
}
