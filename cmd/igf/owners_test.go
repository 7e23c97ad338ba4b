package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/igf-records/igf/pkg/cmd/root"
	"github.com/igf-records/igf/pkg/cmdutil"
)

// jsonRuns are the arguments each command that writes JSON is run with
// below, so that its output holds owners; a command with -o that is not
// here fails the test until it is added.
var jsonRuns = map[string][]string{
	"igf action list":        {"--status", "all", "-o", "json"},
	"igf action show":        {"iww-1", "-o", "json"},
	"igf decision list":      {"-o", "json"},
	"igf decision show":      {"lp-2023-12-18-d1", "-o", "json"},
	"igf meeting list":       {"-o", "json"},
	"igf meeting show":       {"lp-2023-12-18", "-o", "json"},
	"igf people list":        {"-o", "json"},
	"igf people show":        {"LF", "-o", "json"},
	"igf show":               {"LF", "-o", "json"},
	"igf timeline list":      {"-o", "json"},
	"igf timeline show":      {"iww-2024", "-o", "json"},
	"igf report quarterly":   {"2024-Q1", "--today", "2024-04-15", "-o", "json"},
	"igf report range":       {"--from", "2023-12", "--to", "2024-03", "--today", "2024-04-15", "-o", "json"},
	"igf report outstanding": {"--body", "LP", "--today", "2024-01-15", "-o", "json"},
	"igf log":                {"-o", "json"},
	"igf id assign":          {"--dry-run", "-o", "json"},
	"igf validate":           {"--format", "json"},
	"igf calendar":           nil, // iCalendar only
	"igf new meeting":        nil, // writes a record
	"igf new decision":       nil,
	"igf new timeline":       nil,
	"igf new person":         nil,
	"igf search":             {"cover letter", "-o", "json"},
	"igf site build":         nil, // writes a directory
	"igf site serve":         nil,
	"igf import":             nil,
}

// TestEveryJSONOutputHasOneOwnerShape runs every command that writes JSON
// on the bundled records and checks that owners look the same everywhere:
// "owners" a list of objects with an id and a name, "owner" one such
// object, "owner_ids" a list of strings.
func TestEveryJSONOutputHasOneOwnerShape(t *testing.T) {
	dir := t.TempDir()
	records, _ := filepath.Abs("../../records")
	if err := os.CopyFS(filepath.Join(dir, "records"), os.DirFS(records)); err != nil {
		t.Fatal(err)
	}
	if err := commitAll(dir, "Import the bundled records"); err != nil {
		t.Fatal(err)
	}
	owners := 0
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			walk(sub)
		}
		if c.Flags().Lookup("output") == nil && c.Flags().Lookup("format") == nil {
			return
		}
		args, listed := jsonRuns[c.CommandPath()]
		if !listed {
			t.Errorf("%s writes output but is not in jsonRuns: add the arguments that make it print JSON with owners", c.CommandPath())
			return
		}
		if args == nil {
			return
		}
		full := append(strings.Fields(strings.TrimPrefix(c.CommandPath(), "igf ")), args...)
		cmd := exec.Command("igf", full...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "NO_COLOR=1")
		out, err := cmd.Output()
		if err != nil {
			if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
				t.Errorf("igf %s: %v\n%s", strings.Join(full, " "), err, out)
				return
			}
		}
		var v any
		if err := json.Unmarshal(out, &v); err != nil {
			t.Errorf("igf %s: not JSON: %v", strings.Join(full, " "), err)
			return
		}
		owners += checkOwners(t, "igf "+strings.Join(full, " "), "$", v)
	}
	walk(root.NewCmdRoot(cmdutil.New()))
	if owners < 100 {
		t.Errorf("saw only %d owners in all the JSON; the runs do not reach them", owners)
	}
}

// checkOwners checks the owner fields of v and below, and counts the owners.
func checkOwners(t *testing.T, run, at string, v any) int {
	n := 0
	switch x := v.(type) {
	case []any:
		for i, e := range x {
			n += checkOwners(t, run, fmt.Sprintf("%s[%d]", at, i), e)
		}
	case map[string]any:
		for k, e := range x {
			path := at + "." + k
			switch k {
			case "owners":
				list, ok := e.([]any)
				if !ok {
					t.Errorf("%s: %s is %T, want a list of owners", run, path, e)
					continue
				}
				for i, o := range list {
					n += checkOwner(t, run, fmt.Sprintf("%s[%d]", path, i), o)
				}
			case "owner":
				n += checkOwner(t, run, path, e)
			case "owner_ids":
				list, ok := e.([]any)
				if !ok {
					t.Errorf("%s: %s is %T, want a list of IDs", run, path, e)
				}
				for i, o := range list {
					if _, ok := o.(string); !ok {
						t.Errorf("%s: %s[%d] is %T, want an ID", run, path, i, o)
					}
				}
			default:
				n += checkOwners(t, run, path, e)
			}
		}
	}
	return n
}

func checkOwner(t *testing.T, run, at string, o any) int {
	m, ok := o.(map[string]any)
	if !ok {
		t.Errorf("%s: %s is %v, want an object with id and name", run, at, o)
		return 0
	}
	for _, k := range []string{"id", "name"} {
		if s, ok := m[k].(string); !ok || s == "" {
			t.Errorf("%s: %s has no %s: %v", run, at, k, m)
		}
	}
	for k := range m {
		if k != "id" && k != "name" && k != "known" && k != "unexpanded" {
			t.Errorf("%s: %s has a field %q an owner elsewhere lacks", run, at, k)
		}
	}
	return 1
}
