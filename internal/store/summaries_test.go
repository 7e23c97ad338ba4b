package store

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/igf-records/igf/pkg/core/parse"
	"github.com/igf-records/igf/pkg/core/validate"
)

// TestSummariesLookedUpByID: the bundled records' summaries, put in the
// store, are found by every ID they define or reference, and only by those.
func TestSummariesLookedUpByID(t *testing.T) {
	root := bundledRepo(t)
	s, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	put := map[validate.Key]*validate.Summary{}
	err = filepath.WalkDir(filepath.Join(root, "records"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".md" {
			return err
		}
		data, err := os.ReadFile(p)
		rec, _ := parse.File(p, data)
		put[validate.Key(blobHash(data))] = validate.Summarize(rec)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(put) < 5 {
		t.Fatalf("only %d records", len(put))
	}
	tree := [20]byte{7}
	if ok, _ := s.Summarised(tree); ok {
		t.Fatal("an empty store says the tree is summarised")
	}
	if err := s.PutSummaries(put, nil, &tree); err != nil {
		t.Fatal(err)
	}
	if ok, err := s.Summarised(tree); !ok || err != nil {
		t.Fatalf("summarised = %v, %v", ok, err)
	}
	have, err := s.SummaryKeys()
	if err != nil || len(have) != len(put) {
		t.Fatalf("%d keys (%v), want %d", len(have), err, len(put))
	}
	var registry validate.Key
	for k, sum := range put {
		if sum.Registry {
			registry = k
		}
	}
	if registry == (validate.Key{}) {
		t.Fatal("no registry among the bundled records")
	}
	for k, want := range put {
		got, err := s.Summary(k)
		if err != nil || got == nil || got.ID != want.ID || len(got.Items) != len(want.Items) {
			t.Fatalf("summary of %x: %+v, %v; want %+v", k, got, err, want)
		}
		for id, defines := range summaryIDs(want) {
			ids := map[string]bool{id: true}
			touching, err := s.SummariesTouching(ids, false)
			if err != nil || !slices.Contains(touching, k) || !slices.Contains(touching, registry) {
				t.Fatalf("%q: touching %d blobs (%v), not %x", id, len(touching), err, k)
			}
			defining, _ := s.SummariesTouching(ids, true)
			if slices.Contains(defining, k) != defines {
				t.Fatalf("%q: defined by %x is %v, want %v", id, k, !defines, defines)
			}
		}
	}
	if none, _ := s.SummariesTouching(map[string]bool{"no-such-id": true}, true); len(none) != 0 {
		t.Errorf("an ID nobody defines found %d blobs", len(none))
	}
	// Dropping rows makes the tree unsummarised.
	var k validate.Key
	for k = range put {
		break
	}
	if err := s.PutSummaries(nil, []validate.Key{k}, nil); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Summary(k); got != nil {
		t.Error("a dropped summary is still served")
	}
	if ok, _ := s.Summarised(tree); ok {
		t.Error("a tree with a dropped summary still counts as summarised")
	}
}
