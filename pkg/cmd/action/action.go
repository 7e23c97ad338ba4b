// Package action groups the `igf action` commands.
package action

import (
	"github.com/spf13/cobra"

	"github.com/igf-records/igf/pkg/cmd/action/done"
	"github.com/igf-records/igf/pkg/cmd/action/list"
	"github.com/igf-records/igf/pkg/cmd/action/reopen"
	"github.com/igf-records/igf/pkg/cmd/action/show"
	"github.com/igf-records/igf/pkg/cmdutil"
)

// NewCmdAction builds `igf action`.
func NewCmdAction(f *cmdutil.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "action <command>",
		Aliases: []string{"actions"},
		Short:   "List and show actions, recommendations and milestones",
		Example: `  igf action list --owner LF
  igf action show lp-2023-12-18-a2`,
	}
	cmd.AddCommand(list.NewCmdList(f), show.NewCmdShow(f), done.NewCmdDone(f), reopen.NewCmdReopen(f))
	return cmd
}
