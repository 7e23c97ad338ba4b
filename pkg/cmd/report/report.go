// Package report groups the `igf report` commands.
package report

import (
	"github.com/spf13/cobra"

	"github.com/igf-records/igf/pkg/cmd/report/outstanding"
	"github.com/igf-records/igf/pkg/cmd/report/quarterly"
	rangecmd "github.com/igf-records/igf/pkg/cmd/report/range"
	"github.com/igf-records/igf/pkg/cmdutil"
)

// NewCmdReport builds `igf report`.
func NewCmdReport(f *cmdutil.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "report <command>",
		Short: "Write the periodic report to the Secretary-General, or an agenda's carry-forward",
		Example: `  igf report quarterly 2024-Q1 -o report.md
  igf report range --from 2023-12-01 --to 2024-02-29 -o html
  igf report outstanding --body MAG`,
	}
	cmd.AddCommand(quarterly.NewCmdQuarterly(f), rangecmd.NewCmdRange(f), outstanding.NewCmdOutstanding(f))
	return cmd
}
