// Package rangecmd implements `igf report range` ("range" is a Go keyword).
package rangecmd

import (
	"github.com/spf13/cobra"

	"github.com/igf-records/igf/pkg/cmd/report/shared"
	"github.com/igf-records/igf/pkg/cmdutil"
)

// NewCmdRange builds `igf report range --from DATE --to DATE`.
func NewCmdRange(f *cmdutil.Factory) *cobra.Command {
	o := &shared.Options{}
	var from, to string
	cmd := &cobra.Command{
		Use:   "range --from DATE --to DATE",
		Short: "Report any window of days, as the quarterly report does",
		Long: `Report the days from --from to --to, both included, with the same sections as
igf report quarterly. Either end may be any date form: --from 2024-02 starts on
1 February, --to 2024-Q2 ends on 30 June. "Coming next" is the window of the
same length that follows.`,
		Example: `  igf report range --from 2023-12-01 --to 2024-02-29
  igf report range --from 2024-02 --to 2024-Q2 -o report.html`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			window, err := cmdutil.RequiredWindow(from, to)
			if err != nil {
				return err
			}
			return shared.Run(f, o, window)
		},
	}
	cmd.Flags().StringVar(&from, "from", "", "first day of the window: a `DATE` in any form (required)")
	cmd.Flags().StringVar(&to, "to", "", "last day of the window: a `DATE` in any form (required)")
	_ = cmd.MarkFlagRequired("from")
	_ = cmd.MarkFlagRequired("to")
	shared.AddFlags(cmd, o)
	return cmd
}
