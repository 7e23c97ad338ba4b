package validate

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/igf-records/igf/internal/check"
	"github.com/igf-records/igf/pkg/cmdutil"
)

// checkFlags turns what was given on the command line into o: refusals are
// usage errors (exit 2).
func checkFlags(cmd *cobra.Command, o *check.Options, alias string, staged stagedMode, args []string) error {
	for _, name := range []string{"at", "as-of"} {
		if fl := cmd.Flag(name); fl != nil && fl.Changed {
			return cmdutil.FlagError("--%s: validate checks the working tree, the PATHs given or --staged, not the past "+
				"(to check a revision: git worktree add /tmp/rev REV && igf validate --dir /tmp/rev)", name)
		}
	}
	if cmd.Flags().Changed("format") {
		if cmd.Flags().Changed("output") && alias != o.Format {
			return cmdutil.FlagError("-o %s and --format %s: give one (--format is an alias of -o)", o.Format, alias)
		}
		o.Format = alias
	}
	switch o.Format {
	case check.FormatText, check.FormatJSON, check.FormatGitHub:
	default:
		return cmdutil.FlagError("-o %q: use text, json or github", o.Format)
	}
	if o.MaxPerRule < 0 {
		return cmdutil.FlagError("--max-per-rule %d: give a number of findings, or 0 for all", o.MaxPerRule)
	}
	o.Staged, o.StagedAuto = staged == stagedOn, staged == stagedAuto
	if o.Staged && len(args) > 0 {
		return cmdutil.FlagError("give --staged or PATHs, not both (--staged=auto takes the files the pre-commit framework names)")
	}
	o.Paths = args
	return nil
}

// stagedMode is the value of --staged: off, on, or auto.
type stagedMode string

const (
	stagedOff  stagedMode = ""
	stagedOn   stagedMode = "true"
	stagedAuto stagedMode = "auto"
)

func (m *stagedMode) String() string {
	if *m == stagedOff {
		return "false"
	}
	return string(*m)
}

func (m *stagedMode) Set(s string) error {
	switch strings.ToLower(s) {
	case "true", "1", "yes":
		*m = stagedOn
	case "false", "0", "no":
		*m = stagedOff
	case "auto":
		*m = stagedAuto
	default:
		return fmt.Errorf("use --staged, --staged=auto or --staged=false")
	}
	return nil
}

func (m *stagedMode) Type() string     { return "bool" }
func (m *stagedMode) IsBoolFlag() bool { return true }
