// Package list implements `igf timeline list`.
package list

import (
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/igf-records/igf/pkg/cmdutil"
	"github.com/igf-records/igf/pkg/core/report"
	"github.com/igf-records/igf/pkg/output"
	"github.com/igf-records/igf/pkg/view"
)

// NewCmdList builds `igf timeline list`.
func NewCmdList(f *cmdutil.Factory) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List process timelines with their milestones counted",
		Long: `List every timeline record with its span and how many of its milestones are
done, slipped (due date passed, not done) and open on --today.`,
		Example: `  igf timeline list
  igf timeline list --today 2024-06-30 -o json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := output.CheckFormat(format); err != nil {
				return cmdutil.FlagError("%v", err)
			}
			today, err := f.Today()
			if err != nil {
				return cmdutil.FlagError("%v", err)
			}
			l, err := f.LoadWithoutNames()
			if err != nil {
				return err
			}
			ts := report.Timelines(l.Set, today)
			if len(ts) == 0 {
				fmt.Fprintln(f.IO.ErrOut, "no timeline records")
			}
			if format == output.JSON {
				return output.WriteJSON(f.IO.Out, ts)
			}
			t := &output.TableData{Headers: []string{"id", "body", "start", "end", "milestones", "done", "slipped", "open", "title"}}
			for _, s := range ts {
				slipped := output.C(strconv.Itoa(s.Slipped))
				if s.Slipped > 0 {
					slipped.Style = output.Red
				}
				t.Add(output.C(s.ID), output.C(s.Body), output.C(view.HumanDate(s.Start)), output.C(view.HumanDate(s.End)),
					output.C(strconv.Itoa(s.Milestones)), output.C(strconv.Itoa(s.Done)), slipped,
					output.C(strconv.Itoa(s.Open)), output.C(s.Title))
			}
			return t.Write(f.IO.Out, f.IO.TableOptions(format))
		},
	}
	output.AddFormatFlag(cmd, &format)
	return cmd
}
