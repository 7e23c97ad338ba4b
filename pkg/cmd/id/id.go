// Package id groups the `igf id` commands.
package id

import (
	"github.com/spf13/cobra"

	"github.com/igf-records/igf/pkg/cmd/id/assign"
	"github.com/igf-records/igf/pkg/cmdutil"
)

// NewCmdID builds `igf id`.
func NewCmdID(f *cmdutil.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "id <command>",
		Short:   "Manage the IDs of records and items",
		Example: `  igf id assign`,
	}
	cmd.AddCommand(assign.NewCmdAssign(f))
	return cmd
}
