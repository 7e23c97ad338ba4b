// Package quarterly implements `igf report quarterly`.
package quarterly

import (
	"github.com/spf13/cobra"

	"github.com/igf-records/igf/pkg/cmd/report/shared"
	"github.com/igf-records/igf/pkg/cmdutil"
	"github.com/igf-records/igf/pkg/core/dates"
)

// NewCmdQuarterly builds `igf report quarterly PERIOD`.
func NewCmdQuarterly(f *cmdutil.Factory) *cobra.Command {
	o := &shared.Options{}
	cmd := &cobra.Command{
		Use:   "quarterly PERIOD",
		Short: "Report a quarter (or any period) to the Secretary-General",
		Long: `Report a period to the Secretary-General: meetings held, with attendance and
regrets against the body's membership; decisions taken; action items opened,
completed, still open and overdue at the period's end, by owner; timeline
milestones due in the period (met, slipped, open) and in the next one;
recommendations and their status. Every line links to its record line.

PERIOD is a quarter (2024-Q1 or 2024Q1), a half (2024-H2), a month (2024-03),
a year, or any date form igf reads.

The report says what happened in the period, from the records as they are now
(the working tree: minutes approved and committed after the quarter count).
Every status is decided on the period's last day (or on --today while the
period runs) from the records' own dates: a meeting is held in the period of
its date, an action is completed in the period of its done: date, and an item
ticked without a done: date takes the date of the commit that ticked it, from
git history ("closed by commit 1a2b3c4 on 10 April 2024"). --as-of DATE reads
instead what the records said on that day: the last commit made by its end.
The header says what the report was made from: the commit, uncommitted
changes, --at or --as-of, the day taken as today and igf's version.

-o takes a format (md, html, json) or a file name whose ending picks one; a
file is written whole or not at all, and its links are relative to it.`,
		Example: `  # The report the secretariat sends at quarter end
  igf report quarterly 2024-Q1 -o report.md

  # The same, as one printable HTML page and as JSON
  igf report quarterly 2024Q1 -o report.html
  igf report quarterly 2024-Q1 -o json

  # What the records said on 15 January 2024, with links for GitHub
  igf report quarterly 2023-Q4 --as-of 2024-01-15 --link-base https://github.com/ORG/REPO/blob/main/`,
		Args: cobra.ExactArgs(1),
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return nil, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			period, err := dates.ParsePeriod(args[0])
			if err != nil {
				return cmdutil.FlagError("PERIOD %q: give a quarter such as 2024-Q1 or 2024Q1, a half (2024-H2), a month (2024-03) or a year", args[0])
			}
			return shared.Run(f, o, period)
		},
	}
	shared.AddFlags(cmd, o)
	return cmd
}
