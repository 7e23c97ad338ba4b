package check

import (
	"fmt"
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

// A rule firing more often than the cap shows the first findings and counts
// the rest; other rules are shown whole; 0 shows everything.
func TestTextCapsEachRule(t *testing.T) {
	var fs []record.Finding
	for i := 0; i < 12; i++ {
		fs = append(fs, record.Finding{Path: fmt.Sprintf("records/n%02d.md", i), Line: 1, Col: 1, Severity: "error", Rule: "no-front-matter", Message: "the file has no front matter", Hint: "start the file with ---"})
	}
	fs = append(fs, record.Finding{Path: "records/z.md", Line: 3, Col: 4, Severity: "error", Rule: "date", Message: "invalid date"})
	var sb strings.Builder
	writeText(&sb, fs, 10)
	out := sb.String()
	if strings.Count(out, "[no-front-matter]") != 10 || strings.Count(out, "[date]") != 1 ||
		!strings.HasSuffix(out, "\n\n… and 2 more `no-front-matter` (--max-per-rule 0 shows all)\n") || strings.Contains(out, "n10.md") {
		t.Errorf("capped output:\n%s", out)
	}
	sb.Reset()
	writeText(&sb, fs, 0)
	if strings.Count(sb.String(), "[no-front-matter]") != 12 || strings.Contains(sb.String(), "more") {
		t.Errorf("uncapped output:\n%s", sb.String())
	}
	if got := byRule(fs); got != "by rule: 12 no-front-matter, 1 date" {
		t.Errorf("byRule = %q", got)
	}
}
