// Package uninstall implements `igf hook uninstall`.
package uninstall

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/igf-records/igf/internal/hookfile"
	"github.com/igf-records/igf/pkg/cmdutil"
)

// NewCmdUninstall builds `igf hook uninstall`.
func NewCmdUninstall(f *cmdutil.Factory) *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "uninstall",
		Short: "Remove the pre-commit hook that igf installed",
		Long: `Remove the pre-commit hook written by igf hook install. A hook igf did not
write is left alone unless --force.`,
		Example: `  igf hook uninstall`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			root, err := f.Root()
			if err != nil {
				return &cmdutil.ExitError{Code: cmdutil.ExitFailure, Err: err}
			}
			h, exists, ours, err := hookfile.Find(root)
			if err != nil {
				return &cmdutil.ExitError{Code: cmdutil.ExitFailure, Err: err}
			}
			switch {
			case !exists:
				fmt.Fprintf(f.IO.ErrOut, "no pre-commit hook at %s: nothing to remove\n", h.Path)
				return nil
			case !ours && !force:
				return &cmdutil.ExitError{Code: cmdutil.ExitFailure,
					Err: fmt.Errorf("%s was not written by igf; left as is (remove it with --force)", h.Path)}
			}
			if err := os.Remove(h.Path); err != nil {
				return &cmdutil.ExitError{Code: cmdutil.ExitFailure, Err: err}
			}
			fmt.Fprintf(f.IO.ErrOut, "removed %s\n", h.Path)
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "remove the pre-commit hook even if igf did not write it")
	return cmd
}
