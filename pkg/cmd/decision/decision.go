// Package decision groups the `igf decision` commands.
package decision

import (
	"github.com/spf13/cobra"

	"github.com/igf-records/igf/internal/showcmd"
	"github.com/igf-records/igf/pkg/cmd/decision/list"
	"github.com/igf-records/igf/pkg/cmdutil"
	"github.com/igf-records/igf/pkg/core/record"
)

// NewCmdDecision builds `igf decision`.
func NewCmdDecision(f *cmdutil.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "decision <command>",
		Aliases: []string{"decisions"},
		Short:   "List and show decisions",
		Example: `  igf decision list --body LP
  igf decision show lp-2023-12-18-d1`,
	}
	cmd.AddCommand(list.NewCmdList(f),
		showcmd.New(f, "show ID", "Show one decision", showcmd.Filter{Noun: "decision", Items: true, Kinds: []string{record.KindDecision}, RecordTypes: []string{record.TypeDecision},
			List: "igf decision list"},
			"  igf decision show lp-2023-12-18-d1"))
	return cmd
}
