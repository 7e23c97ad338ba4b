// Package timeline groups the `igf timeline` commands.
package timeline

import (
	"github.com/spf13/cobra"

	"github.com/igf-records/igf/pkg/cmd/timeline/list"
	"github.com/igf-records/igf/pkg/cmd/timeline/show"
	"github.com/igf-records/igf/pkg/cmdutil"
)

// NewCmdTimeline builds `igf timeline`.
func NewCmdTimeline(f *cmdutil.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "timeline <command>",
		Aliases: []string{"timelines"},
		Short:   "List process timelines; draw one as a chart or a calendar",
		Example: `  igf timeline list
  igf timeline show iww-2024 -o mermaid
  igf timeline show iww-2024 -o iww-2024.ics`,
	}
	cmd.AddCommand(list.NewCmdList(f), show.NewCmdShow(f))
	return cmd
}
