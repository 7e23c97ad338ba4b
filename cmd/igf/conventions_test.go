package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/creack/pty"
	"github.com/mattn/go-runewidth"
	"github.com/rogpeppe/go-internal/testscript"
	"github.com/spf13/cobra"

	"github.com/igf-records/igf/pkg/cmd/root"
	"github.com/igf-records/igf/pkg/cmdutil"
)

// Script commands for the conventions scripts: a build from a clone, and the
// shells' own completion machinery.
func init() {
	scriptCmds["stdoutfile"] = stdoutFile
	scriptCmds["gobuildenv"] = goBuildEnv
	scriptCmds["manpages"] = manPages
	scriptCmds["pty"] = ptyRun
	scriptCmds["maxwidth"] = maxWidth
	scriptConds["bashcompletion"] = func() bool { _, err := os.Stat(bashCompletion); return err == nil }
	scriptConds["gobuild"] = func() bool { readGoEnv(); return goEnv.vals != nil && goEnv.src != "" }
}

// manpages DIR checks that DIR holds a manual page for every command a user
// can run.
func manPages(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: manpages DIR")
	}
	var walk func(c *cobra.Command)
	n := 0
	walk = func(c *cobra.Command) {
		if !c.IsAvailableCommand() || c.IsAdditionalHelpTopicCommand() {
			return
		}
		page := strings.ReplaceAll(c.CommandPath(), " ", "-") + ".1"
		if _, err := os.Stat(filepath.Join(ts.MkAbs(args[0]), page)); err != nil {
			ts.Fatalf("no manual page for %s: %v", c.CommandPath(), err)
		}
		n++
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root.NewCmdRoot(cmdutil.New()))
	if n < 25 {
		ts.Fatalf("only %d commands walked", n)
	}
}

// stdoutfile FILE checks that the last command's stdout holds the text of
// FILE (trimmed), so a script can compare output with a value it computed.
func stdoutFile(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: stdoutfile FILE")
	}
	want := strings.TrimSpace(ts.ReadFile(args[0]))
	if want == "" {
		ts.Fatalf("stdoutfile: %s is empty", args[0])
	}
	got := strings.Contains(ts.ReadFile("stdout"), want)
	if got == neg {
		ts.Fatalf("stdout holds %q: %v, want %v", want, got, !neg)
	}
}

// bashCompletion is the bash-completion package's loader, which cobra's bash
// scripts need.
const bashCompletion = "/usr/share/bash-completion/bash_completion"

var goEnv struct {
	once sync.Once
	vals map[string]string
	src  string
}

// gobuildenv sets what `go build` needs to reuse this machine's module and
// build caches from inside a script (whose HOME is $WORK), and $IGFSRC to the
// top of the source tree. [gobuild] says whether both are there.
func goBuildEnv(ts *testscript.TestScript, neg bool, args []string) {
	readGoEnv()
	if goEnv.vals == nil || goEnv.src == "" {
		ts.Fatalf("gobuildenv: no go command or no git clone of the source; guard with [gobuild]")
	}
	for k, v := range goEnv.vals {
		ts.Setenv(k, v)
	}
	ts.Setenv("IGFSRC", goEnv.src)
}

func readGoEnv() {
	goEnv.once.Do(func() {
		out, err := exec.Command("go", "env", "GOCACHE", "GOMODCACHE", "GOPATH", "GOPROXY", "GOTOOLCHAIN").Output()
		if err != nil {
			return
		}
		lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
		goEnv.vals = map[string]string{}
		for i, k := range []string{"GOCACHE", "GOMODCACHE", "GOPATH", "GOPROXY", "GOTOOLCHAIN"} {
			if i < len(lines) {
				goEnv.vals[k] = lines[i]
			}
		}
		if top, err := filepath.Abs("../.."); err == nil {
			if _, err := os.Stat(filepath.Join(top, ".git")); err == nil {
				goEnv.src = top
			}
		}
	})
}

// pty COLS FILE PROG ARGS... runs PROG with its stdout on a pseudo-terminal
// COLS columns wide, as a person's terminal, and saves what it printed to
// FILE (line ends as the program wrote them).
func ptyRun(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 3 {
		ts.Fatalf("usage: pty COLS FILE PROG [ARGS...]")
	}
	cols, err := strconv.Atoi(args[0])
	ts.Check(err)
	cmd := exec.Command(args[2], args[3:]...)
	cmd.Dir = ts.MkAbs(".")
	for _, k := range []string{"PATH", "HOME", "NO_COLOR", "TERM", "COLUMNS"} {
		if v := ts.Getenv(k); v != "" {
			cmd.Env = append(cmd.Env, k+"="+v)
		}
	}
	ptmx, tty, err := pty.Open()
	ts.Check(err)
	ts.Check(pty.Setsize(ptmx, &pty.Winsize{Cols: uint16(cols), Rows: 50}))
	// No \n to \r\n translation: the file holds what the program wrote.
	ts.Check(exec.Command("stty", "-F", tty.Name(), "-onlcr").Run())
	cmd.Stdout, cmd.Stderr = tty, tty
	ts.Check(cmd.Start())
	tty.Close()
	var out bytes.Buffer
	_, _ = io.Copy(&out, ptmx) // ends with EIO once the program has exited
	err = cmd.Wait()
	ptmx.Close()
	if (err != nil) != neg {
		ts.Fatalf("pty %s: %v\n%s", args[2], err, out.String())
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), out.Bytes(), 0o644))
}

// maxwidth FILE N fails unless every line of FILE, colours left out, takes
// at most N terminal columns (! maxwidth: unless one takes more).
func maxWidth(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: [!] maxwidth FILE N")
	}
	n, err := strconv.Atoi(args[1])
	ts.Check(err)
	sgr := regexp.MustCompile("\x1b\\[[0-9;]*m")
	widest, at := 0, ""
	for _, line := range strings.Split(ts.ReadFile(args[0]), "\n") {
		line = sgr.ReplaceAllString(strings.TrimRight(line, "\r"), "")
		if w := runewidth.StringWidth(line); w > widest {
			widest, at = w, line
		}
	}
	if (widest > n) != neg {
		ts.Fatalf("the widest line is %d columns (limit %d): %q", widest, n, at)
	}
}
