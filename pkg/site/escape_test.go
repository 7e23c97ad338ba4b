package site

import (
	"html/template"
	"strings"
	"testing"
)

// textTmpl is what escapeText stands in for: a value in a text node.
var textTmpl = template.Must(template.New("t").Parse(`{{.}}`))

func escapedByTemplate(t *testing.T, s string) string {
	var b strings.Builder
	if err := textTmpl.Execute(&b, s); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

var escapeSeeds = []string{
	"", "Draft the cover letter", `"quoted" & 'single'`, "a+b <i>x</i>", "\x00nul",
	"é ü 中文", "\xff\xfe bad utf-8 <", "&amp; already", "1 > 0 + 1",
}

func TestEscapeTextIsHTMLTemplates(t *testing.T) {
	for _, s := range escapeSeeds {
		if got, want := escapeText(s), escapedByTemplate(t, s); got != want {
			t.Errorf("escapeText(%q)\n got %q\nwant %q", s, got, want)
		}
	}
}

func FuzzEscapeText(f *testing.F) {
	for _, s := range escapeSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := escapeText(s), escapedByTemplate(t, s); got != want {
			t.Errorf("escapeText(%q) = %q, want %q", s, got, want)
		}
	})
}
