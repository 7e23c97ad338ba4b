// Package hook groups the `igf hook` commands: the git pre-commit hook that
// runs igf validate --staged.
package hook

import (
	"github.com/spf13/cobra"

	"github.com/igf-records/igf/pkg/cmd/hook/install"
	"github.com/igf-records/igf/pkg/cmd/hook/uninstall"
	"github.com/igf-records/igf/pkg/cmdutil"
)

// NewCmdHook builds `igf hook`.
func NewCmdHook(f *cmdutil.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "hook <command>",
		Short: "Install or remove the git pre-commit hook that validates records",
		Example: `  igf hook install
  igf hook uninstall`,
	}
	cmd.AddCommand(install.NewCmdInstall(f), uninstall.NewCmdUninstall(f))
	return cmd
}
