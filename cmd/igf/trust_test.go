package main

import (
	"os"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/rogpeppe/go-internal/testscript"
)

// Script commands for the scripts that break records on purpose.
func init() {
	scriptCmds["replace"] = replace
	scriptCmds["githead"] = gitHead
}

// githead VAR sets $VAR to the short hash of the repository's HEAD (in the
// current directory), so a script can look for it in a report's header.
func gitHead(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: githead VAR")
	}
	repo, err := git.PlainOpenWithOptions(ts.MkAbs("."), &git.PlainOpenOptions{DetectDotGit: true})
	ts.Check(err)
	head, err := repo.Head()
	ts.Check(err)
	ts.Setenv(args[0], head.Hash().String()[:7])
}

// replace OLD NEW FILE replaces the first OLD in FILE by NEW (\n, \r and \t
// written as such), and fails when FILE does not hold OLD: a script that
// breaks a record says exactly which bytes it changes.
func replace(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: replace OLD NEW FILE")
	}
	p := ts.MkAbs(args[2])
	data, err := os.ReadFile(p)
	ts.Check(err)
	old, new := unescape(args[0]), unescape(args[1])
	if !strings.Contains(string(data), old) {
		ts.Fatalf("%s does not contain %q", args[2], old)
	}
	ts.Check(os.WriteFile(p, []byte(strings.Replace(string(data), old, new, 1)), 0o644))
}
