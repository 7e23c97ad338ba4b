// Package meeting groups the `igf meeting` commands.
package meeting

import (
	"github.com/spf13/cobra"

	"github.com/igf-records/igf/internal/showcmd"
	"github.com/igf-records/igf/pkg/cmd/meeting/list"
	"github.com/igf-records/igf/pkg/cmdutil"
	"github.com/igf-records/igf/pkg/core/record"
)

// NewCmdMeeting builds `igf meeting`.
func NewCmdMeeting(f *cmdutil.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "meeting <command>",
		Aliases: []string{"meetings"},
		Short:   "List and show meetings",
		Example: `  igf meeting list --body LP
  igf meeting show lp-2023-12-18`,
	}
	cmd.AddCommand(list.NewCmdList(f),
		showcmd.New(f, "show ID", "Show one meeting with its decisions and actions", showcmd.Filter{Noun: "meeting", RecordTypes: []string{record.TypeMeeting}, List: "igf meeting list"}, "  igf meeting show lp-2023-12-18"))
	return cmd
}
