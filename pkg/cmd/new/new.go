// Package newcmd groups the `igf new` commands, which start new records.
package newcmd

import (
	"github.com/spf13/cobra"

	"github.com/igf-records/igf/pkg/cmd/new/meeting"
	"github.com/igf-records/igf/pkg/cmdutil"
)

// NewCmdNew builds `igf new`.
func NewCmdNew(f *cmdutil.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "new <command>",
		Short:   "Start a new record from a template",
		Example: `  igf new meeting --body LP --date 2024-02-26`,
	}
	cmd.AddCommand(meeting.NewCmdMeeting(f))
	return cmd
}
