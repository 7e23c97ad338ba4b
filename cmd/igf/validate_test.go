package main

import (
	"os"
	"strconv"

	"github.com/rogpeppe/go-internal/testscript"
)

func init() {
	scriptCmds["bigfile"] = bigFile
}

// bigfile PATH MB writes a valid-looking record of MB megabytes, for the
// size limit, without keeping a large fixture in the repository.
func bigFile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: bigfile PATH MB")
	}
	mb, err := strconv.Atoi(args[1])
	if err != nil {
		ts.Fatalf("bigfile: %q is not a number", args[1])
	}
	f, err := os.Create(ts.MkAbs(args[0]))
	ts.Check(err)
	defer f.Close()
	_, err = f.WriteString("---\nid: big\ntype: meeting\ntitle: Big\nbody: LP\ndate: \"2024-01-01\"\n---\n")
	ts.Check(err)
	line := []byte("The Panel discussed the report at length and agreed on nothing in particular.\n")
	for written := 0; written < mb<<20; written += len(line) {
		_, err = f.Write(line)
		ts.Check(err)
	}
}
