package store

import (
	"reflect"
	"testing"

	"github.com/igf-records/igf/pkg/source"
)

// A query answered from the store's rows decodes only what it selects, but
// a file whose reading met an error is reported whatever the query reads,
// from a store cold and warm alike.
func TestOmittedReportsEveryFlawedFile(t *testing.T) {
	root := bundledRepo(t)
	write(t, root, "records/broken.md", "---\nid: broken\ntype: meeting\nformat: virtual: oops: [\n---\n")
	write(t, root, "records/partly.md", "---\nid: partly\ntype: meeting\nbody: LP\ndate: \"2024-02-30\"\n---\n- [ ] Draft @LF due:2024-03 {#partly-a1}\n")
	for run := range 3 { // a cold run, then two that read the store
		s, snap := synced(t, root)
		l, err := s.Omitted(snap)
		if err != nil {
			t.Fatal(err)
		}
		got := l.Omissions()
		if len(got) != 2 || got[0].Path != "records/broken.md" || !got[0].Whole || got[1].Path != "records/partly.md" || got[1].Whole {
			t.Fatalf("run %d: omissions %+v, want broken.md (whole) and partly.md (in part)", run, got)
		}
		if l.RegistryProblem() != nil {
			t.Fatalf("run %d: the registry was read, but RegistryProblem says %v", run, l.RegistryProblem())
		}
		s.Close()
	}
}

// LoadWorktree from the store is source.LoadWorktree, a full parse: the
// records, the findings, the files counted and what records/.igfignore left
// out, cold and warm.
func TestLoadWorktreeIsFullParse(t *testing.T) {
	root := bundledRepo(t)
	write(t, root, "records/.igfignore", "drafts/\n")
	write(t, root, "records/drafts/wip.md", "---\nid: wip\ntype: meeting\n---\n")
	write(t, root, "records/broken.md", "---\nid: broken\ntype: meeting\nformat: virtual: oops: [\n---\n")
	want, err := source.LoadWorktree(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(want.Skipped) == 0 {
		t.Fatal("fixture: .igfignore left nothing out")
	}
	for run := range 2 {
		got, err := LoadWorktree(root)
		if err != nil {
			t.Fatal(err)
		}
		if got.Files != want.Files || got.Root != want.Root || !reflect.DeepEqual(got.Skipped, want.Skipped) {
			t.Fatalf("run %d: files %d, root %s, skipped %v; a full parse: %d, %s, %v", run, got.Files, got.Root, got.Skipped, want.Files, want.Root, want.Skipped)
		}
		if !reflect.DeepEqual(nonNil(got.Findings), nonNil(want.Findings)) {
			t.Fatalf("run %d: findings\n%v\nwant\n%v", run, got.Findings, want.Findings)
		}
		if len(got.Set.Records) != len(want.Set.Records) {
			t.Fatalf("run %d: %d records, a full parse %d", run, len(got.Set.Records), len(want.Set.Records))
		}
		for i := range want.Set.Records {
			if d := diffRecord(got.Set.Records[i], want.Set.Records[i]); d != "" {
				t.Fatalf("run %d: %s: %s", run, want.Set.Records[i].Path, d)
			}
		}
	}
}
