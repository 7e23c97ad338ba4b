package validate

import (
	"io"
	"strings"
	"testing"

	"github.com/igf-records/igf/internal/check"
	"github.com/igf-records/igf/pkg/cmdutil"
)

// Flags: -o and its alias --format, --max-per-rule, and the refusals.
func TestFlags(t *testing.T) {
	for _, tt := range []struct {
		args    []string
		format  string
		perRule int
		err     string
	}{
		{nil, "text", 10, ""},
		{[]string{"-o", "json"}, "json", 10, ""},
		{[]string{"--output", "github"}, "github", 10, ""},
		{[]string{"--format", "json"}, "json", 10, ""},
		{[]string{"--format", "json", "-o", "json"}, "json", 10, ""},
		{[]string{"--max-per-rule", "0"}, "text", 0, ""},
		{[]string{"--format", "json", "-o", "github"}, "", 0, "give one"},
		{[]string{"-o", "yaml"}, "", 0, `-o "yaml": use text, json or github`},
		{[]string{"--max-per-rule", "-1"}, "", 0, "0 for all"},
		{[]string{"--staged", "records/x.md"}, "", 0, "not both"},
	} {
		var got *check.Options
		cmd := newCmd(&cmdutil.Factory{}, func(_ *cmdutil.Factory, o *check.Options) error { got = o; return nil })
		cmd.SetArgs(tt.args)
		cmd.SetOut(io.Discard)
		cmd.SetErr(io.Discard)
		err := cmd.Execute()
		switch {
		case tt.err != "":
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%v: error %v, want %q", tt.args, err, tt.err)
			}
		case err != nil:
			t.Errorf("%v: %v", tt.args, err)
		case got.Format != tt.format || got.MaxPerRule != tt.perRule:
			t.Errorf("%v: format %q, max-per-rule %d", tt.args, got.Format, got.MaxPerRule)
		}
	}
}
