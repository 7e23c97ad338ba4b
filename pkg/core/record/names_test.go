package record

import (
	"strings"
	"testing"
)

func namesFixture() *Set {
	return NewSet([]*Record{{Path: "records/registry.md", Registry: &Registry{
		People: []*Person{
			{ID: "alex-smith", Name: "Alex Smith", Aliases: []string{"Alex"}},
			{ID: "alex-jones", Name: "Alex Jones", Aliases: []string{"alex"}},
			{ID: "LF", Name: "Lise Fuhr", Initials: "LF"},
			{ID: "AB", Name: "Anne Brun"},
			{ID: "ab-2", Name: "Ab Two", Initials: "AB"},
		},
		Bodies: []*Body{{ID: "Sect", Name: "IGF Secretariat"}},
	}}})
}

func TestNamesSharedAreAmbiguous(t *testing.T) {
	s := namesFixture()
	if _, ok := s.Resolve("ALEX"); ok {
		t.Error("a shared alias resolved to one entry")
	}
	if got := strings.Join(s.Candidates("Alex"), ","); got != "alex-smith,alex-jones" {
		t.Errorf("Candidates(Alex) = %s", got)
	}
	if !s.MayMean("Alex", "alex-jones") || !s.MayMean("alex", "alex-smith") || s.MayMean("Alex", "LF") {
		t.Error("MayMean: a shared name may mean each entry sharing it, and no other")
	}
	// An ID beats initials: the exact ID always wins.
	if ref, ok := s.Resolve("ab"); !ok || ref != "AB" {
		t.Errorf("Resolve(ab) = %q, %v; want the ID", ref, ok)
	}
	// A name: matches too, in any case.
	if ref, ok := s.Resolve("igf secretariat"); !ok || ref != "Sect" {
		t.Errorf("Resolve(igf secretariat) = %q, %v", ref, ok)
	}
	if ref, ok := s.Resolve("Lise Fuhr"); !ok || ref != "LF" {
		t.Errorf("Resolve(Lise Fuhr) = %q, %v", ref, ok)
	}
}

func TestSuggestCoversNamesIgnoringCase(t *testing.T) {
	s := namesFixture()
	if got := strings.Join(s.Suggest("Secretariat", 3), "; "); got != "Sect (IGF Secretariat)" {
		t.Errorf("Suggest(Secretariat) = %q", got)
	}
	if got := strings.Join(s.Suggest("lise fuhrr", 3), "; "); got != "LF (Lise Fuhr)" {
		t.Errorf("Suggest(lise fuhrr) = %q", got)
	}
}
