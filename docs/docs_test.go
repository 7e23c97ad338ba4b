package docs

import (
	"strings"
	"testing"
)

func TestSections(t *testing.T) {
	for title, want := range map[string]string{
		"Dates":        "`2024-Q3`",
		"Owners":       "`--owner L` finds nothing",
		"Action items": "`due:DATE`",
	} {
		s := Section(Format, title)
		if !strings.HasPrefix(s, "## "+title+"\n") || !strings.Contains(s, want) {
			t.Errorf("Section(%q) = %.80q…, want it to start with its heading and hold %q", title, s, want)
		}
		if strings.Contains(s[3:], "\n## ") {
			t.Errorf("Section(%q) runs into the next section", title)
		}
	}
	// A subsection ends at the next heading of its level or above; a
	// heading in a code block is text.
	page := "# A\n## B\nb\n```\n# not a heading\n```\n### C\nc\n## D\nd\n"
	if got := Section(page, "B"); got != "## B\nb\n```\n# not a heading\n```\n### C\nc\n" {
		t.Errorf("Section(B) = %q", got)
	}
	if got := Section(page, "D"); got != "## D\nd\n" {
		t.Errorf("Section(D) = %q", got)
	}
	if Section(page, "nope") != "" {
		t.Error("a missing section is not empty")
	}
}
