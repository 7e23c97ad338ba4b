// Package calendar implements `igf calendar`: meetings and due dates as one
// iCalendar feed.
package calendar

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/igf-records/igf/pkg/cmdutil"
	"github.com/igf-records/igf/pkg/core/report"
	"github.com/igf-records/igf/pkg/render"
)

// NewCmdCalendar builds `igf calendar`.
func NewCmdCalendar(f *cmdutil.Factory) *cobra.Command {
	var from, to, out, linkBase string
	var owners []string
	cmd := &cobra.Command{
		Use:   "calendar --from DATE --to DATE [--owner OWNER...]",
		Short: "Meetings and open items' due dates as an iCalendar (.ics) feed",
		Long: `Write every meeting, and the due date of every open action, recommendation and
milestone, that falls in the window as one iCalendar file (RFC 5545). A due date
is an all-day event over the days it covers: "2024-09" spans September, a
milestone with a start spans from its start. A meeting whose time has a zone is
a timed event. Each event's UID is its ID followed by @igf, so re-importing the
feed updates events instead of duplicating them.

--owner keeps the items that owner holds and the meetings of the bodies they
belong to; repeat it for several owners. An owner the registry does not know is
matched as written, with a note, as igf action list does. belong to. -o names a file (written whole or not at all); without it the
calendar goes to stdout.`,
		Example: `  igf calendar --from 2024-01 --to 2024-12 -o igf-2024.ics
  igf calendar --from 2024-Q1 --to 2024-Q2 --owner LF > lise.ics`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			var target render.Target
			if out != "" && out != "ics" {
				var err error
				if target, err = render.ParseTarget(out, []string{"ics"}, map[string]string{".ics": "ics"}); err != nil {
					return cmdutil.FlagError("%v", err)
				}
			}
			window, err := cmdutil.RequiredWindow(from, to)
			if err != nil {
				return err
			}
			today, err := f.Today()
			if err != nil {
				return cmdutil.FlagError("%v", err)
			}
			l, err := f.Load()
			if err != nil {
				return err
			}
			cmdutil.NoteUnknownOwners(f.IO.ErrOut, l.Set, owners)
			entries := report.CalendarOf(l.Set, window, owners, today)
			cmdutil.NoteDayless(f.IO.ErrOut, report.DaylessMeetings(l.Set, window, owners))
			if len(entries) == 0 {
				fmt.Fprintln(f.IO.ErrOut, "no meetings or due dates in the window")
			}
			name := "IGF records, " + window.Human()
			for i, o := range owners {
				sep := ", "
				if i > 0 {
					sep = " and "
				}
				name += sep + l.Set.DisplayName(o)
			}
			if err := render.CheckLinkBase(linkBase); err != nil {
				return cmdutil.FlagError("%v", err)
			}
			o := render.Options{LinkBase: linkBase, Made: f.MadeRef()}
			if linkBase != "" && !strings.HasSuffix(linkBase, "/") {
				o.LinkBase += "/"
			}
			err = render.Emit(target, f.IO.Out, func(w io.Writer) error {
				return render.ICS(w, name, entries, today.Start, o)
			})
			if err != nil {
				return &cmdutil.ExitError{Code: cmdutil.ExitFailure, Err: err}
			}
			if target.Path != "" {
				fmt.Fprintf(f.IO.ErrOut, "wrote %s (%d events)\n", target.Path, len(entries))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&from, "from", "", "first day of the window: a `DATE` in any form (required)")
	cmd.Flags().StringVar(&to, "to", "", "last day of the window: a `DATE` in any form (required)")
	cmd.Flags().StringArrayVar(&owners, "owner", nil, "only this `OWNER`'s items and their bodies' meetings (repeatable)")
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to this `FILE`, ending .ics (default: stdout)")
	cmd.Flags().StringVar(&linkBase, "link-base", "", "put this `URL` before record paths to link each event to its record, e.g. https://github.com/ORG/REPO/blob/main/")
	_ = cmd.MarkFlagRequired("from")
	_ = cmd.MarkFlagRequired("to")
	_ = cmd.RegisterFlagCompletionFunc("owner", f.CompleteOwners)
	return cmd
}
