package source

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func mkRepo(t *testing.T) string {
	t.Helper()
	top := t.TempDir()
	for _, d := range []string{"records/meetings/2023", "docs"} {
		if err := os.MkdirAll(filepath.Join(top, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(top, "records", "registry.md"), []byte("---\ntype: registry\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return top
}

func TestFindRootWalksUpLikeGit(t *testing.T) {
	top := mkRepo(t)
	for _, from := range []string{top, filepath.Join(top, "docs"), filepath.Join(top, "records"), filepath.Join(top, "records", "meetings", "2023")} {
		got, err := FindRoot(from)
		if err != nil || got != top {
			t.Errorf("FindRoot(%s) = %q, %v; want %q", from, got, err, top)
		}
	}
}

func TestFindRootOutsideAnyRepository(t *testing.T) {
	if _, err := FindRoot(t.TempDir()); !errors.Is(err, ErrNoRecords) {
		t.Fatalf("got %v, want ErrNoRecords", err)
	}
}

func TestResolveDirTakesTopOrRecords(t *testing.T) {
	top := mkRepo(t)
	for _, d := range []string{top, filepath.Join(top, "records")} {
		if got, err := ResolveDir(d); err != nil || got != top {
			t.Errorf("ResolveDir(%s) = %q, %v", d, got, err)
		}
	}
	if _, err := ResolveDir(filepath.Join(top, "docs")); err == nil {
		t.Error("a directory without records/ accepted")
	}
	if _, err := ResolveDir(filepath.Join(top, "nope")); err == nil {
		t.Error("a missing directory accepted")
	}
}

func TestIsRecordPath(t *testing.T) {
	for p, want := range map[string]bool{
		"records/meetings/2023/2023-12-18-lp-virtual.md": true,
		"records/README.md":   false,
		"records/notes.txt":   false,
		"docs/format.md":      false,
		"records/registry.md": true,
	} {
		if IsRecordPath(p) != want {
			t.Errorf("IsRecordPath(%q) = %v", p, !want)
		}
	}
}

func TestListWorktreeReportsSymlinkOutOfRepository(t *testing.T) {
	top := mkRepo(t)
	outside := filepath.Join(t.TempDir(), "secret.md")
	if err := os.WriteFile(outside, []byte("---\ntype: meeting\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(top, "records", "meetings", "leak.md")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	paths, findings, err := ListWorktree(top)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		if p == "records/meetings/leak.md" {
			t.Fatal("followed a symlink out of the repository")
		}
	}
	if len(findings) != 1 || findings[0].Path != "records/meetings/leak.md" {
		t.Fatalf("findings: %+v", findings)
	}
}
