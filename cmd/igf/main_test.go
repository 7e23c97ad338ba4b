package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"igf": func() { os.Exit(run()) },
	})
}

// TestScript runs the end-to-end scripts in testdata/script: the real igf
// binary on a copy of the bundled records/, committed to a real git
// repository at $WORK/repo.
func TestScript(t *testing.T) {
	testscript.Run(t, Params(t, "../../testdata/script"))
}

// Params are the testscript settings every script suite shares.
func Params(t *testing.T, dir string) testscript.Params {
	records, err := filepath.Abs("../../records")
	if err != nil {
		t.Fatal(err)
	}
	testdata, err := filepath.Abs("../../testdata")
	if err != nil {
		t.Fatal(err)
	}
	return testscript.Params{
		Dir:                 dir,
		RequireExplicitExec: true,
		// IGF_UPDATE_GOLDEN=1 go test ./cmd/igf rewrites the goldens that cmp
		// compares with, for a change that means to change them.
		UpdateScripts: os.Getenv("IGF_UPDATE_GOLDEN") != "",
		Cmds:          scriptCmds,
		// [root]: file modes do not stop root from reading, so tests of
		// unreadable files skip their mode-000 part there.
		Condition: func(cond string) (bool, error) {
			if cond == "root" {
				return os.Geteuid() == 0, nil
			}
			if c, ok := scriptConds[cond]; ok {
				return c(), nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Setup: func(env *testscript.Env) error {
			repo := filepath.Join(env.WorkDir, "repo")
			if err := os.CopyFS(filepath.Join(repo, "records"), os.DirFS(records)); err != nil {
				return err
			}
			if err := commitAll(repo, "Import the bundled records"); err != nil {
				return err
			}
			env.Setenv("REPO", repo)
			env.Setenv("IGF_TESTDATA", testdata)
			env.Setenv("NO_COLOR", "1")
			env.Setenv("HOME", env.WorkDir)
			env.Setenv("GIT_AUTHOR_NAME", "Test Secretary")
			env.Setenv("GIT_AUTHOR_EMAIL", "secretary@example.org")
			env.Setenv("GIT_COMMITTER_NAME", "Test Secretary")
			env.Setenv("GIT_COMMITTER_EMAIL", "secretary@example.org")
			return nil
		},
	}
}

// scriptCmds are the custom testscript commands; other test files in this
// package add theirs from init().
var scriptCmds = map[string]func(ts *testscript.TestScript, neg bool, args []string){"exits": exits, "jsonarray": jsonArray}

// scriptConds are the custom [conditions] scripts may test; other test files
// add theirs from init().
var scriptConds = map[string]func() bool{}

// jsonarray N checks that the last command's stdout is a JSON array of N
// elements, so scripts need no jq to know the output parses.
func jsonArray(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: jsonarray N")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("jsonarray: %q is not a number", args[0])
	}
	var got []json.RawMessage
	if err := json.Unmarshal([]byte(ts.ReadFile("stdout")), &got); err != nil {
		ts.Fatalf("stdout is not a JSON array: %v", err)
	}
	if len(got) != want {
		ts.Fatalf("JSON array has %d elements, want %d", len(got), want)
	}
}

// exits N PROG ARGS... runs PROG and fails unless it exits with status N, so
// scripts pin igf's exit codes (0 ok, 1 findings, 2 usage or internal error).
func exits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits N program [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: %q is not a number", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("exits: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited %d, want %d", args[1], got, want)
	}
}

// commitAll makes dir a git repository with everything in it committed.
func commitAll(dir, msg string) error {
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		return err
	}
	wt, err := repo.Worktree()
	if err != nil {
		return err
	}
	if err := wt.AddGlob("records"); err != nil {
		return err
	}
	sig := &object.Signature{Name: "Test Secretary", Email: "secretary@example.org", When: time.Date(2024, 1, 2, 10, 0, 0, 0, time.UTC)}
	_, err = wt.Commit(msg, &git.CommitOptions{Author: sig, Committer: sig})
	return err
}
