// Package timeline implements `igf new timeline`: a process timeline record.
package timeline

import (
	"fmt"
	"path"
	"strings"

	"github.com/spf13/cobra"

	"github.com/igf-records/igf/pkg/cmd/new/shared"
	"github.com/igf-records/igf/pkg/cmdutil"
	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/source"
)

// TemplateName is the template's file name, looked for in the repository's
// templates/ first.
const TemplateName = "timeline.md.tmpl"

type options struct {
	body, title, start, end, meeting, id string
	owners                               []string
	out                                  shared.Output
}

// NewCmdTimeline builds `igf new timeline`.
func NewCmdTimeline(f *cmdutil.Factory) *cobra.Command {
	o := &options{}
	cmd := &cobra.Command{
		Use:   "timeline --body BODY --title TITLE",
		Short: "Start a process timeline with its first milestone",
		Long: `Start a process timeline under records/timelines/: a record with the body that
owns it, its span (--start, --end, any date form) and a first milestone to
copy for the next ones (ID-1, owned by --owner, TBD when none is given). The
ID defaults to body-year-timeline (the year of --start, or of today). The new
file is checked to read as a record before it is written, and an existing file
is never replaced.`,
		Example: `  igf new timeline --body LP --title "The Internet We Want (IWW) process" --id iww-2025 --start 2025-03 --end 2025-12
  igf new timeline --body MAG --title "IGF 2025 programme" --owner Sect --meeting mag-2025-01-10 --print`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return run(f, o) },
	}
	fl := cmd.Flags()
	fl.StringVar(&o.body, "body", "", "the `BODY` that owns the process (required)")
	fl.StringVar(&o.title, "title", "", "the process's `TITLE` (required)")
	fl.StringVar(&o.start, "start", "", "when it starts: a `DATE` in any form")
	fl.StringVar(&o.end, "end", "", "when it ends: a `DATE` in any form")
	fl.StringVar(&o.meeting, "meeting", "", "the `ID` of the meeting that adopted it")
	fl.StringArrayVar(&o.owners, "owner", nil, "an `OWNER` of the first milestone (repeatable; default TBD)")
	fl.StringVar(&o.id, "id", "", "the record's `ID` (default: body-year-timeline)")
	shared.AddOutputFlags(cmd, &o.out)
	_ = cmd.RegisterFlagCompletionFunc("body", f.CompleteBodies)
	_ = cmd.RegisterFlagCompletionFunc("owner", f.CompleteOwners)
	_ = cmd.RegisterFlagCompletionFunc("meeting", f.CompleteIDs(func(r *record.Record, it *record.Item) bool {
		return it == nil && r.Type == record.TypeMeeting
	}))
	return cmd
}

type data struct {
	ID, Title, Body, BodyName, Meeting, Start, End, First string
	Owners                                                []string
}

func run(f *cmdutil.Factory, o *options) error {
	if o.body == "" || strings.TrimSpace(o.title) == "" {
		return cmdutil.FlagError("give --body and --title, e.g. igf new timeline --body LP --title \"The Internet We Want (IWW) process\"")
	}
	var start, end dates.Date
	var err error
	if o.start != "" {
		if start, err = dates.Parse(o.start); err != nil {
			return cmdutil.FlagError("--start %q: %v", o.start, err)
		}
	}
	if o.end != "" {
		if end, err = dates.Parse(o.end); err != nil {
			return cmdutil.FlagError("--end %q: %v", o.end, err)
		}
	}
	if !start.IsTBD() && !end.IsTBD() && end.End.Before(start.Start) {
		return cmdutil.FlagError("--end %s ends before --start %s starts", o.end, o.start)
	}
	today, err := f.Today()
	if err != nil {
		return cmdutil.FlagError("%v", err)
	}
	root, s, err := shared.Load(f, "new timeline")
	if err != nil {
		return err
	}
	body, err := shared.Body(s, o.body)
	if err != nil {
		return err
	}
	d := &data{Body: body, BodyName: s.DisplayName(body), Title: o.title, Start: start.String(), End: end.String()}
	if o.start == "" {
		d.Start = ""
	}
	if o.end == "" {
		d.End = ""
	}
	if d.Meeting, err = shared.Meeting(s, o.meeting); err != nil {
		return err
	}
	for _, name := range o.owners {
		ref, ok := s.Resolve(name)
		if !ok && !strings.EqualFold(name, record.TBD) {
			return cmdutil.FlagError("--owner %s: not in the registry\nhint: igf people list lists the people; igf new person adds one", name)
		}
		if !ok {
			ref = record.TBD
		}
		d.Owners = append(d.Owners, ref)
	}
	if len(d.Owners) == 0 {
		d.Owners = []string{record.TBD}
	}
	year := today.Start.Format("2006")
	if o.start != "" && !start.IsTBD() {
		year = start.Start.Format("2006")
	}
	// The body's ID becomes part of the new ID and of the file name.
	bodyPart, err := record.PathID(body)
	if err != nil {
		return &cmdutil.ExitError{Code: cmdutil.ExitFailure, Err: fmt.Errorf("the registry's ID of the body cannot name a file: %v; fix the registry (igf validate shows where)", err)}
	}
	d.ID = o.id
	if d.ID == "" {
		d.ID = shared.FreeID(s, bodyPart+"-"+year+"-timeline")
	} else if problem, hint := record.CheckID(d.ID); problem != "" {
		return cmdutil.FlagError("--id: %s: %s", problem, hint)
	} else if shared.Taken(s, d.ID) {
		return cmdutil.FlagError("--id %s is taken; IDs are unique across the repository", d.ID)
	}
	d.First = shared.FreeID(s, d.ID+"-1")
	out, err := shared.Render(root, TemplateName, d)
	if err != nil {
		return err
	}
	rel := shared.FreePath(root, path.Join(source.RecordsDir, "timelines", d.ID+".md"))
	if err := shared.Check(rel, out, record.TypeTimeline, d.ID); err != nil {
		return err
	}
	return o.out.Create(f, root, rel, d.ID, out)
}
