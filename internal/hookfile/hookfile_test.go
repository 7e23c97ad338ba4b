package hookfile

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The hook quotes what it was given for sh: a prefix and an igf path with
// spaces, quotes and dollars reach igf (or the message) exactly as they are.
func TestScriptQuotes(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh here")
	}
	dir := filepath.Join(t.TempDir(), "it's $HOME")
	bin := filepath.Join(dir, "bin")
	if err := os.MkdirAll(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	// A stand-in igf that prints its arguments, one a line, and a stand-in
	// git whose exit status says whether records are staged.
	igf := filepath.Join(dir, "i g'f")
	write := func(p, s string) {
		if err := os.WriteFile(p, []byte(s), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write(igf, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n")
	write(filepath.Join(bin, "git"), "#!/bin/sh\nexit $STAGED\n")
	hook := filepath.Join(dir, "pre-commit")
	run := func(script []byte, staged string) (string, error) {
		write(hook, string(script))
		cmd := exec.Command("sh", hook)
		cmd.Env = []string{"PATH=" + bin + ":/usr/bin:/bin", "STAGED=" + staged}
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	out, err := run(Script("gov 'x' $y", igf), "1")
	if err != nil || out != "--dir\ngov 'x' $y\nvalidate\n--staged\n" {
		t.Errorf("with igf: %v\n%s", err, out)
	}
	missing := filepath.Join(dir, "gone $x 'igf'")
	if out, err := run(Script("", missing), "0"); err != nil || out != "" {
		t.Errorf("igf gone, nothing staged: %v\n%s", err, out)
	}
	out, err = run(Script("", missing), "1")
	if err == nil || !strings.Contains(out, "igf is not at "+missing+" (where it was when the hook was installed) or on PATH") ||
		!strings.Contains(out, InstallCommand) {
		t.Errorf("igf gone, records staged: %v\n%s", err, out)
	}
	if out, err = run(Script("", ""), "1"); err == nil || !strings.Contains(out, "igf is not on PATH") {
		t.Errorf("no igf recorded: %v\n%s", err, out)
	}
}

// A temporary build (go run) is not recorded: it is gone by the next commit.
func TestExecutableSkipsTemporaryBuilds(t *testing.T) {
	tmp := filepath.Join(os.TempDir(), "go-build1234", "b001", "exe")
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(filepath.Join(os.TempDir(), "go-build1234"))
	exe := filepath.Join(tmp, "igf")
	if err := os.WriteFile(exe, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if got := Executable(exe); got != "" {
		t.Errorf("Executable(%s) = %q, want none", exe, got)
	}
	kept := filepath.Join(t.TempDir(), "igf")
	if err := os.WriteFile(kept, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if got := Executable(kept); got != kept {
		t.Errorf("Executable(%s) = %q", kept, got)
	}
}
