// Package outstanding implements `igf report outstanding`.
package outstanding

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/igf-records/igf/pkg/cmd/report/shared"
	"github.com/igf-records/igf/pkg/cmdutil"
	"github.com/igf-records/igf/pkg/core/report"
	"github.com/igf-records/igf/pkg/render"
)

// NewCmdOutstanding builds `igf report outstanding --body BODY`.
func NewCmdOutstanding(f *cmdutil.Factory) *cobra.Command {
	o := &shared.Options{}
	var body string
	cmd := &cobra.Command{
		Use:   "outstanding --body BODY",
		Short: "The \"actions from previous meetings\" section of a body's next agenda",
		Long: `Print every item still open from the body's meetings held up to --today, by
owner, with its age in days since the meeting that opened it and whether it is
overdue: the "actions from previous meetings" section of the next agenda.
An item is open on --today unless its done: date is on or before it; an item
ticked without a done: date is done from the day of the commit that ticked it
(from git history), as in igf report quarterly.
--template replaces the bundled outstanding.md.tmpl.`,
		Example: `  igf report outstanding --body MAG
  igf report outstanding --body LP --today 2024-02-20 -o agenda-items.md`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			today, err := shared.Today(f)
			if err != nil {
				return err
			}
			p, l, err := shared.PrepareAndLoad(f, o)
			if err != nil {
				return err
			}
			ref, ok := l.Set.Resolve(body)
			if !ok || l.Set.Body(ref) == nil {
				return cmdutil.FlagError("--body %q is not a body in the registry\nhint: igf people list shows the bodies; --body takes an ID or alias such as LP or MAG", body)
			}
			out := report.NewOutstandingFrom(l.Set, ref, today, report.Options{Closed: shared.Closings(f)})
			out.Provenance = f.Provenance()
			err = render.Emit(p.Target, f.IO.Out, func(w io.Writer) error {
				switch p.Target.Format {
				case shared.JSON:
					return render.JSON(w, render.WithWithheld(out, p.WithheldJSON()))
				case shared.HTML:
					return render.OutstandingHTML(w, out, p.Render, p.Custom)
				}
				return render.OutstandingMarkdown(w, out, p.Render, p.Custom)
			})
			return shared.Done(f, p, err)
		},
	}
	cmd.Flags().StringVar(&body, "body", "", "the `BODY` whose meetings' open items to carry forward (required)")
	_ = cmd.MarkFlagRequired("body")
	_ = cmd.RegisterFlagCompletionFunc("body", f.CompleteBodies)
	shared.AddFlags(cmd, o)
	return cmd
}
