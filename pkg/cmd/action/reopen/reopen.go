// Package reopen implements `igf action reopen ID...`.
package reopen

import (
	"github.com/spf13/cobra"

	"github.com/igf-records/igf/internal/editrun"
	"github.com/igf-records/igf/pkg/cmd/action/shared"
	"github.com/igf-records/igf/pkg/cmdutil"
	"github.com/igf-records/igf/pkg/core/record"
)

// NewCmdReopen builds `igf action reopen`.
func NewCmdReopen(f *cmdutil.Factory) *cobra.Command {
	o := &shared.Options{Done: false}
	cmd := &cobra.Command{
		Use:   "reopen ID...",
		Short: "Mark done actions, recommendations or milestones open again, in place",
		Long: `Mark items open again by editing their record file in place: an action's
checkbox becomes [ ] and its done:DATE, if any, is dropped (it is no longer
true); a milestone's status: becomes open. Every other byte of the file is
kept, and the file is replaced atomically.

A record file igf could not read is named on stderr and the command exits 1,
as for igf action done.`,
		Example: `  igf action reopen lp-2023-12-18-a1
  igf action reopen iww-1 --commit -m "Reopen iww-1: the consultation is extended"`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.IDs = args
			return shared.Run(f, o)
		},
		ValidArgsFunction: f.CompleteIDs(func(r *record.Record, it *record.Item) bool {
			return it != nil && it.Trackable() && it.Status != record.StatusOpen
		}),
	}
	editrun.AddCommitFlags(cmd, &o.Commit, &o.Message)
	return cmd
}
