package root

import (
	"io"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/igf-records/igf/pkg/cmdutil"
)

// Words that say how igf is built rather than what a command does; they
// have no place in the first lines of --help.
var implementationWords = []string{"stringArray", "blob hash", "text/template", "Go template", "goldmark", "cobra", "go-git", "struct"}

// Placeholders pflag prints when a flag's usage names none: a Go type.
var typePlaceholders = map[string]bool{"string": true, "stringArray": true, "strings": true, "int": true, "uint": true,
	"float": true, "duration": true, "stringToString": true, "ints": true}

// Every command a user can reach explains itself: a one-line summary and
// examples in --help, no flag without a description, a placeholder that
// says what goes after each flag (--owner OWNER, not --owner stringArray),
// and first lines free of implementation words.
func TestEveryCommandHasHelpAndExamples(t *testing.T) {
	f := &cmdutil.Factory{IO: &cmdutil.IOStreams{In: strings.NewReader(""), Out: io.Discard, ErrOut: io.Discard}}
	var walk func(c *cobra.Command)
	seen := 0
	walk = func(c *cobra.Command) {
		if c.Hidden || c.Name() == "help" {
			return
		}
		path := c.CommandPath()
		if strings.TrimSpace(c.Short) == "" {
			t.Errorf("%s: no short description", path)
		}
		first := c.Short + "\n" + strings.SplitN(c.Long, "\n\n", 2)[0]
		for _, w := range implementationWords {
			if strings.Contains(first, w) {
				t.Errorf("%s: the first lines of --help say %q", path, w)
			}
		}
		if c.IsAdditionalHelpTopicCommand() {
			return
		}
		seen++
		if strings.TrimSpace(c.Example) == "" {
			t.Errorf("%s: no examples in --help", path)
		}
		check := func(fl *pflag.Flag) {
			if strings.TrimSpace(fl.Usage) == "" {
				t.Errorf("%s --%s: flag has no description", path, fl.Name)
			}
			name, usage := pflag.UnquoteUsage(fl)
			if typePlaceholders[name] {
				t.Errorf("%s --%s %s: name what goes there (--owner `OWNER` in the usage text)", path, fl.Name, name)
			}
			for _, w := range implementationWords {
				if strings.Contains(usage, w) {
					t.Errorf("%s --%s: its description says %q", path, fl.Name, w)
				}
			}
		}
		c.LocalFlags().VisitAll(check)
		c.InheritedFlags().VisitAll(check)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(NewCmdRoot(f))
	if seen < 25 {
		t.Fatalf("walked only %d commands; the tree is not what this test expects", seen)
	}
}
