package cache

import (
	"reflect"
	"testing"

	"github.com/igf-records/igf/pkg/core/parse"
	"github.com/igf-records/igf/pkg/core/record"
)

// A summary names every owner token of a record's trackable items with the
// statuses it appears with, and survives its encoding.
func TestSummaryOfRealRecords(t *testing.T) {
	owners := 0
	for path, data := range realRecords(t) {
		rec, _ := parse.File(path, data)
		s := SummaryOf(rec)
		if !s.Record || s.Registry != (rec.Registry != nil) {
			t.Fatalf("%s: summary %+v", path, s)
		}
		want := map[string]StatusMask{}
		for _, it := range rec.Items {
			if it.Trackable() {
				for _, o := range it.Owners {
					want[OwnerKey(o)] |= StatusOf(it.Status)
				}
			}
		}
		got := map[string]StatusMask{}
		for _, o := range s.Owners {
			if _, dup := got[o.Name]; dup {
				t.Fatalf("%s: token %q twice", path, o.Name)
			}
			got[o.Name] = o.Status
		}
		if len(want) > 0 && !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: owners %v, want %v", path, got, want)
		}
		owners += len(got)
		back, ok := decodeSummary(encodeSummary(nil, s))
		if !ok || !reflect.DeepEqual(back, s) {
			t.Fatalf("%s: summary %+v decodes as %+v", path, s, back)
		}
	}
	if owners == 0 {
		t.Fatal("fixture: no owner in the bundled records")
	}
}

// An owner outside ASCII makes the summary unsure: "\u212Aim" (Kelvin
// sign) equals "kim" under case folding but not once lower-cased.
func TestSummaryUnsureOutsideASCII(t *testing.T) {
	rec := &record.Record{Items: []*record.Item{
		{Kind: record.KindAction, Status: record.StatusOpen, Owners: []string{" LF ", "\u212Aim"}},
		{Kind: record.KindDecision, Status: record.StatusOpen, Owners: []string{"GS"}},
	}}
	s := SummaryOf(rec)
	if !s.Unsure || len(s.Owners) != 2 || s.Owners[0].Name != "lf" || s.Owners[0].Status != StatusOpen {
		t.Fatalf("summary %+v", s)
	}
	if SummaryOf(nil).Record {
		t.Fatal("no record, yet the summary says one")
	}
	if _, ok := decodeSummary([]byte{0, 5, 1}); ok {
		t.Fatal("a truncated summary decoded")
	}
}
