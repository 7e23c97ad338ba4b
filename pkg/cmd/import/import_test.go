package importcmd

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/igf-records/igf/pkg/cmdutil"
)

func TestFlags(t *testing.T) {
	cases := []struct {
		args []string
		want Options
		err  string
	}{
		{[]string{"minutes/"}, Options{Paths: []string{"minutes/"}, Format: "table"}, ""},
		{[]string{"--body", "LP", "--dry-run", "--add-people", "-o", "json", "a.md", "b.txt"},
			Options{Paths: []string{"a.md", "b.txt"}, Body: "LP", DryRun: true, AddPeople: true, Format: "json"}, ""},
		{[]string{"-o", "csv", "a.md"}, Options{}, "-o csv: import writes text or json"},
		{[]string{"-o", "xml", "a.md"}, Options{}, `-o "xml"`},
		{[]string{}, Options{}, "requires at least 1 arg"},
	}
	for _, c := range cases {
		var got *Options
		var out bytes.Buffer
		f := &cmdutil.Factory{IO: &cmdutil.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &out}}
		cmd := NewCmdImport(f, func(o *Options) error { got = o; return nil })
		cmd.SetArgs(c.args)
		cmd.SetOut(&out)
		cmd.SetErr(&out)
		err := cmd.Execute()
		switch {
		case c.err != "":
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%v: error %v, want %q", c.args, err, c.err)
			}
		case err != nil:
			t.Errorf("%v: %v", c.args, err)
		case !reflect.DeepEqual(*got, c.want):
			t.Errorf("%v: options %+v, want %+v", c.args, *got, c.want)
		}
	}
}
