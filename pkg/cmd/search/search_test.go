package search

import (
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/igf-records/igf/pkg/cmdutil"
)

// Flags land in Options as given; the words of the query are joined.
func TestFlagsIntoOptions(t *testing.T) {
	f := &cmdutil.Factory{IO: &cmdutil.IOStreams{In: strings.NewReader(""), Out: io.Discard, ErrOut: io.Discard}}
	var got *Options
	cmd := NewCmdSearch(f, func(o *Options) error { got = o; return nil })
	cmd.SetArgs([]string{"cover", "letter", "--body", "LP", "--body", "MAG", "--from", "2024", "--to", "2024-Q2",
		"--kind", "action", "-L", "5", "-o", "json"})
	cmd.SetOut(io.Discard)
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.Out.Limit != 5 || got.Out.Format != "json" {
		t.Errorf("--limit 5 -o json gave limit %d, format %q", got.Out.Limit, got.Out.Format)
	}
	want := Options{Query: "cover letter", Bodies: []string{"LP", "MAG"}, From: "2024", To: "2024-Q2", Kinds: []string{"action"}}
	got.IO, got.Root, got.Commit, got.Omitted, got.Out = nil, nil, nil, nil, nil
	if !reflect.DeepEqual(*got, want) {
		t.Errorf("options:\n got %+v\nwant %+v", *got, want)
	}
	// Without --limit, the best 30.
	cmd = NewCmdSearch(f, func(o *Options) error { got = o; return nil })
	cmd.SetArgs([]string{"letter"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.Out.Limit != defaultLimit || got.Out.Format != "table" {
		t.Errorf("defaults: limit %d, format %q", got.Out.Limit, got.Out.Format)
	}
}

func TestSnippet(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"] Draft a \x02cover\x03 letter", "Draft a <cover> letter"},
		{"line one\n\n  line\ttwo\x1b[31m", "line one line two[31m"},
		{"…the \x02panel\x03…", "…the <panel>…"},
	} {
		if got := snippet(tc.in, "<", ">"); got != tc.want {
			t.Errorf("snippet(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
