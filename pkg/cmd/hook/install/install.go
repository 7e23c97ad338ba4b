// Package install implements `igf hook install`.
package install

import (
	"github.com/spf13/cobra"

	"github.com/igf-records/igf/internal/hookfile"
	"github.com/igf-records/igf/pkg/cmdutil"
)

// NewCmdInstall builds `igf hook install`.
func NewCmdInstall(f *cmdutil.Factory) *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "install",
		Short: "Install the pre-commit hook that runs igf validate --staged",
		Long: `Write the repository's pre-commit hook so that git refuses a commit whose
staged records have errors (igf validate --staged), with every finding's
file:line:col and a hint. The hook goes where git looks for it: core.hooksPath
when the git config sets it, else .git/hooks. A hook igf did not write is left
alone unless --force; reinstalling igf's own hook is always allowed.

The hook runs igf from where it is now, recorded in the hook, so git GUIs
and shells without igf on PATH still find it; PATH is the fallback. If igf
cannot be found at all, a commit that stages no record goes through and one
that does is refused with the command that fixes it. Run igf hook install
again after moving igf.

For the pre-commit framework instead, docs/validate.md gives the
.pre-commit-config.yaml to put in the records repository.`,
		Example: `  igf hook install
  igf hook install --force   # replace another pre-commit hook`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			root, err := f.Root()
			if err != nil {
				return &cmdutil.ExitError{Code: cmdutil.ExitFailure, Err: err}
			}
			if err := hookfile.Install(f.IO.ErrOut, root, force); err != nil {
				return &cmdutil.ExitError{Code: cmdutil.ExitFailure, Err: err}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "replace a pre-commit hook that igf did not write")
	return cmd
}
