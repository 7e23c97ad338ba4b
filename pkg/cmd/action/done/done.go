// Package done implements `igf action done ID...`.
package done

import (
	"github.com/spf13/cobra"

	"github.com/igf-records/igf/internal/editrun"
	"github.com/igf-records/igf/pkg/cmd/action/shared"
	"github.com/igf-records/igf/pkg/cmdutil"
	"github.com/igf-records/igf/pkg/core/record"
)

// NewCmdDone builds `igf action done`.
func NewCmdDone(f *cmdutil.Factory) *cobra.Command {
	o := &shared.Options{Done: true}
	cmd := &cobra.Command{
		Use:   "done ID...",
		Short: "Mark actions, recommendations or milestones done, in place",
		Long: `Mark items done by editing their record file in place: an action's checkbox
becomes [x]; a timeline milestone's status: becomes done. Nothing else in the
file changes — line endings, byte-order mark, spacing and every other byte are
kept. The file is replaced atomically, and igf refuses if it changed on disk
while it was being edited.

--date adds done:DATE to an action (or replaces the one it has). --commit
commits the change with git, as the user git is configured for.

A record file igf could not read is named on stderr and the command exits 1:
the items found elsewhere are still edited, and an item not found is said to
be perhaps in that file (igf validate says what is wrong with it).`,
		Example: `  igf action done lp-2023-12-18-a2
  igf action done lp-2023-12-18-a2 --date 2024-01-10 --commit
  igf action done iww-1 iww-2`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.IDs = args
			return shared.Run(f, o)
		},
		ValidArgsFunction: f.CompleteIDs(func(r *record.Record, it *record.Item) bool {
			return it != nil && it.Trackable() && it.Status != record.StatusDone
		}),
	}
	cmd.Flags().StringVar(&o.Date, "date", "", "also write done:`DATE` on the action (2024-01-10; any date form)")
	editrun.AddCommitFlags(cmd, &o.Commit, &o.Message)
	return cmd
}
