package parse

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/igf-records/igf/pkg/core/record"
)

// readersTold are validate's rules for a slip that changes what the parser
// reads (an item lost, turned into a decision, or without its ID, date or
// owner). Where validate reports one as an error, the parser must report an
// error in the same file too: read commands say a file was read in part only
// from the parser's findings.
var readersTold = map[string]bool{"task-syntax": true, "token-syntax": true, "untracked-item": true}

var wantError = regexp.MustCompile(`^[^ ]+:(\d+):\d+: error: .* \[([a-z-]+)\]$`)

// TestNearMissesReachReaders holds the parser to validate's goldens: every
// near-miss file of testdata/invalid whose slip changes what is read gives
// a parse error (so action list and the rest exit 1 and name the file), and
// one whose slip igf reads as meant gives none.
func TestNearMissesReachReaders(t *testing.T) {
	wants, err := filepath.Glob("../../../testdata/invalid/nearmiss-*.want")
	if err != nil || len(wants) == 0 {
		t.Fatalf("no near-miss goldens: %v", err)
	}
	for _, w := range wants {
		name := strings.TrimSuffix(filepath.Base(w), ".want")
		want, _ := os.ReadFile(w)
		data, err := os.ReadFile(strings.TrimSuffix(w, ".want") + ".md")
		if err != nil {
			t.Fatal(err)
		}
		told := false
		for _, l := range strings.Split(string(want), "\n") {
			if m := wantError.FindStringSubmatch(l); m != nil && readersTold[m[2]] {
				told = true
			}
		}
		_, findings := File("records/meetings/2024/"+name+".md", data)
		var errs []string
		for _, f := range findings {
			if f.Severity == record.SeverityError {
				errs = append(errs, f.String())
			}
		}
		switch {
		case told && len(errs) == 0:
			t.Errorf("%s: validate reports a slip that changes what is read, but the parser reports no error, so read commands would not say so", name)
		case !told && len(errs) > 0:
			t.Errorf("%s: igf reads what was meant, but the parser reports %q", name, errs)
		}
	}
}
