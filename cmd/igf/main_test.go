package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/rogpeppe/go-internal/testscript"
	"github.com/rogpeppe/go-internal/txtar"
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
	src := filepath.Dir(records) // igf's own sources, for scripts that use its files
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
			env.Setenv("IGF_SRC", src)
			// The Go caches this test runs with, for scripts that build igf
			// (the pre-commit framework's golang hook) without the network.
			for k, v := range goCaches() {
				env.Setenv("IGF_"+k, v)
			}
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

// goCaches are `go env GOMODCACHE GOCACHE` of the test's own environment.
var goCaches = sync.OnceValue(func() map[string]string {
	out, err := exec.Command("go", "env", "GOMODCACHE", "GOCACHE").Output()
	m := map[string]string{}
	if lines := strings.Split(strings.TrimSpace(string(out)), "\n"); err == nil && len(lines) == 2 {
		m["GOMODCACHE"], m["GOCACHE"] = lines[0], lines[1]
	}
	return m
})

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

// TestPreCommitConfigIsDocumented: the .pre-commit-config.yaml that
// docs/validate.md gives a records repository is the one the pre-commit
// script runs through the real framework.
func TestPreCommitConfigIsDocumented(t *testing.T) {
	ar, err := txtar.ParseFile("../../testdata/script/precommit_framework.txtar")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile("../../docs/validate.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ar.Files {
		if f.Name == "pre-commit-config.yaml" {
			if !strings.Contains(string(doc), "```yaml\n"+string(f.Data)+"```\n") {
				t.Errorf("docs/validate.md does not show the configuration the script tests:\n%s", f.Data)
			}
			return
		}
	}
	t.Fatal("the script has no pre-commit-config.yaml")
}
