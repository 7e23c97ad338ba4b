package validate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/igf-records/igf/pkg/core/record"
)

// A huge file is refused from its size alone: a sparse 8 GB file would take
// minutes and all memory to read.
func TestReadFileRefusesBySize(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "records"), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(root, "records", "huge.md"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(8 << 30); err != nil {
		t.Skipf("no sparse files here: %v", err)
	}
	f.Close()
	data, finding := readFile(root, "records/huge.md")
	if data != nil || finding == nil || finding.Rule != "file-too-large" || !strings.Contains(finding.Message, "8589934592 bytes") {
		t.Fatalf("got %d bytes, finding %v", len(data), finding)
	}
}

func TestGitHubEscapes(t *testing.T) {
	var sb strings.Builder
	writeGitHub(&sb, []record.Finding{{Path: "records/a,b.md", Line: 3, Col: 4, Severity: "error", Rule: "schema", Message: "100% wrong: a\nb", Hint: "fix it"}})
	want := "::error file=records/a%2Cb.md,line=3,col=4,title=igf schema::100%25 wrong: a%0Ab%0Ahint: fix it\n"
	if sb.String() != want {
		t.Fatalf("got  %q\nwant %q", sb.String(), want)
	}
}
