package main

import (
	"bytes"
	"os"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// Script commands for the history and editing scripts.
func init() {
	scriptCmds["crlfbom"] = crlfBOM
	scriptCmds["replaced"] = replaced
}

// crlfbom FILE rewrites a file as a Windows editor saves it: a byte-order
// mark, CRLF line endings, and trailing blanks on its first heading line.
func crlfBOM(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: crlfbom FILE")
	}
	p := ts.MkAbs(args[0])
	data, err := os.ReadFile(p)
	ts.Check(err)
	s := strings.ReplaceAll(string(data), "\n", "\r\n")
	if i := strings.Index(s, "\r\n# "); i >= 0 {
		if j := strings.Index(s[i+2:], "\r\n"); j >= 0 {
			at := i + 2 + j
			s = s[:at] + "  \t" + s[at:]
		}
	}
	ts.Check(os.WriteFile(p, append([]byte("\xef\xbb\xbf"), s...), 0o644))
}

// replaced OLD NEW FROM TO [FROM TO...] checks, byte for byte, that file NEW
// is file OLD with each FROM replaced once by its TO, and nothing else changed.
func replaced(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 4 || len(args)%2 != 0 {
		ts.Fatalf("usage: replaced OLD NEW FROM TO [FROM TO...]")
	}
	old, err := os.ReadFile(ts.MkAbs(args[0]))
	ts.Check(err)
	got, err := os.ReadFile(ts.MkAbs(args[1]))
	ts.Check(err)
	want := old
	for i := 2; i < len(args); i += 2 {
		from, to := unescape(args[i]), unescape(args[i+1])
		if !bytes.Contains(want, []byte(from)) {
			ts.Fatalf("%s does not contain %q", args[0], from)
		}
		want = bytes.Replace(want, []byte(from), []byte(to), 1)
	}
	if !bytes.Equal(got, want) {
		for i := 0; i < min(len(got), len(want)); i++ {
			if got[i] != want[i] {
				lo := max(0, i-30)
				ts.Fatalf("%s differs from the expected edit at byte %d:\nwant %q\n got %q", args[1], i, want[lo:min(len(want), i+30)], got[lo:min(len(got), i+30)])
			}
		}
		ts.Fatalf("%s is %d bytes, want %d", args[1], len(got), len(want))
	}
}

// unescape turns \r and \n written in a script into the bytes.
func unescape(s string) string {
	return strings.NewReplacer(`\r`, "\r", `\n`, "\n", `\t`, "\t").Replace(s)
}
