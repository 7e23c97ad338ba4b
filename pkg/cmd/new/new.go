// Package newcmd groups the `igf new` commands, which start new records.
package newcmd

import (
	"github.com/spf13/cobra"

	"github.com/igf-records/igf/pkg/cmd/new/decision"
	"github.com/igf-records/igf/pkg/cmd/new/meeting"
	"github.com/igf-records/igf/pkg/cmd/new/person"
	"github.com/igf-records/igf/pkg/cmd/new/timeline"
	"github.com/igf-records/igf/pkg/cmdutil"
)

// NewCmdNew builds `igf new`.
func NewCmdNew(f *cmdutil.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "new <command>",
		Short: "Start a new meeting, decision or timeline, or add a person to the registry",
		Example: `  igf new meeting --body LP --date 2024-02-26
  igf new decision --body LP --date 2024-02-15 --title "Joint submission with the MAG"
  igf new timeline --body LP --title "The Internet We Want (IWW) process" --id iww-2025
  igf new person --id LF --name "Lise Fuhr" --member LP:member`,
	}
	cmd.AddCommand(meeting.NewCmdMeeting(f), decision.NewCmdDecision(f), timeline.NewCmdTimeline(f), person.NewCmdPerson(f))
	return cmd
}
