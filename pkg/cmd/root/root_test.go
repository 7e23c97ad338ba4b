package root

import (
	"io"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/igf-records/igf/pkg/cmdutil"
)

// Every command a user can reach explains itself: a one-line summary and
// examples in --help, and no flag without a description.
func TestEveryCommandHasHelpAndExamples(t *testing.T) {
	f := &cmdutil.Factory{IO: &cmdutil.IOStreams{In: strings.NewReader(""), Out: io.Discard, ErrOut: io.Discard}}
	var walk func(c *cobra.Command)
	seen := 0
	walk = func(c *cobra.Command) {
		if c.Hidden || c.Name() == "help" {
			return
		}
		seen++
		path := c.CommandPath()
		if strings.TrimSpace(c.Short) == "" {
			t.Errorf("%s: no short description", path)
		}
		if strings.TrimSpace(c.Example) == "" {
			t.Errorf("%s: no examples in --help", path)
		}
		c.LocalFlags().VisitAll(func(fl *pflag.Flag) {
			if strings.TrimSpace(fl.Usage) == "" {
				t.Errorf("%s --%s: flag has no description", path, fl.Name)
			}
		})
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(NewCmdRoot(f))
	if seen < 25 {
		t.Fatalf("walked only %d commands; the tree is not what this test expects", seen)
	}
}
