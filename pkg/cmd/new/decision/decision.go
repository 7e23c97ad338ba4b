// Package decision implements `igf new decision`: a standalone decision record.
package decision

import (
	"fmt"
	"path"
	"regexp"
	"strconv"
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
const TemplateName = "decision.md.tmpl"

type options struct {
	body, date, title, meeting, id, text string
	supersedes, tags                     []string
	out                                  shared.Output
}

// NewCmdDecision builds `igf new decision`.
func NewCmdDecision(f *cmdutil.Factory) *cobra.Command {
	o := &options{}
	cmd := &cobra.Command{
		Use:   "decision --body BODY --date DATE --title TITLE",
		Short: "Record a decision that stands on its own",
		Long: `Record a decision as its own record under records/decisions/, with a fresh ID
(body-year-NNN, e.g. lp-2024-001, the next number free for that body and
year). --meeting names the meeting it was taken at, --supersedes the
decisions it replaces; both must exist. A decision taken in a meeting can
also be a list item with an ID in that meeting's notes (igf help format).
The new file is checked to read as a record before it is written, and an
existing file is never replaced.`,
		Example: `  igf new decision --body LP --date 2024-02-15 --title "Joint submission with the MAG to the WSIS+20 consultation"
  igf new decision --body LP --date 2024-03 --title "Adopt the IWW timeline" --meeting lp-2023-12-18 --commit
  igf new decision --body MAG --date 2024-03-05 --title "New terms of reference" --supersedes mag-2023-004 --print`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return run(f, o) },
	}
	fl := cmd.Flags()
	fl.StringVar(&o.body, "body", "", "the deciding `BODY` (required)")
	fl.StringVar(&o.date, "date", "", "when it was decided: a `DATE` in any form (required)")
	fl.StringVar(&o.title, "title", "", "the decision in one line: its `TITLE` (required)")
	fl.StringVar(&o.text, "text", "", "the decision's full `TEXT` (default: the title)")
	fl.StringVar(&o.meeting, "meeting", "", "the `ID` of the meeting it was taken at")
	fl.StringArrayVar(&o.supersedes, "supersedes", nil, "the `ID` of a decision this one replaces (repeatable)")
	fl.StringArrayVar(&o.tags, "tag", nil, "a `TAG` for the record (repeatable)")
	fl.StringVar(&o.id, "id", "", "the record's `ID` (default: body-year-NNN)")
	shared.AddOutputFlags(cmd, &o.out)
	_ = cmd.RegisterFlagCompletionFunc("body", f.CompleteBodies)
	_ = cmd.RegisterFlagCompletionFunc("meeting", f.CompleteIDs(func(r *record.Record, it *record.Item) bool {
		return it == nil && r.Type == record.TypeMeeting
	}))
	_ = cmd.RegisterFlagCompletionFunc("supersedes", f.CompleteIDs(func(r *record.Record, it *record.Item) bool {
		return (it == nil && r.Type == record.TypeDecision) || (it != nil && it.Kind == record.KindDecision)
	}))
	return cmd
}

type data struct {
	ID, Title, Body, BodyName, Date, Meeting, Text string
	Supersedes, Tags                               []string
}

func run(f *cmdutil.Factory, o *options) error {
	if o.body == "" || o.date == "" || strings.TrimSpace(o.title) == "" {
		return cmdutil.FlagError("give --body, --date and --title, e.g. igf new decision --body LP --date 2024-02-15 --title \"...\"")
	}
	day, err := dates.Parse(o.date)
	if err != nil {
		return cmdutil.FlagError("--date %q: %v", o.date, err)
	}
	root, s, err := shared.Load(f, "new decision")
	if err != nil {
		return err
	}
	body, err := shared.Body(s, o.body)
	if err != nil {
		return err
	}
	d := &data{Body: body, BodyName: s.DisplayName(body), Date: day.String(), Title: o.title, Text: o.text,
		Supersedes: []string{}, Tags: o.tags}
	if d.Tags == nil {
		d.Tags = []string{}
	}
	if d.Meeting, err = shared.Meeting(s, o.meeting); err != nil {
		return err
	}
	for _, id := range o.supersedes {
		r, it := s.Record(id), s.Item(id)
		switch {
		case r != nil && r.Type == record.TypeDecision:
			d.Supersedes = append(d.Supersedes, r.ID)
		case it != nil && it.Kind == record.KindDecision:
			d.Supersedes = append(d.Supersedes, it.ID)
		default:
			return cmdutil.FlagError("--supersedes %s: no decision has that ID\nhint: igf decision list lists them", id)
		}
	}
	year := "undated"
	if !day.IsTBD() {
		year = day.Start.Format("2006")
	}
	// The body's ID becomes part of the new ID and of the file name.
	bodyPart, err := record.PathID(body)
	if err != nil {
		return &cmdutil.ExitError{Code: cmdutil.ExitFailure, Err: fmt.Errorf("the registry's ID of the body cannot name a file: %v; fix the registry (igf validate shows where)", err)}
	}
	d.ID = o.id
	if d.ID == "" {
		d.ID = nextNumber(s, bodyPart+"-"+year+"-")
	} else if problem, hint := record.CheckID(d.ID); problem != "" {
		return cmdutil.FlagError("--id: %s: %s", problem, hint)
	} else if shared.Taken(s, d.ID) {
		return cmdutil.FlagError("--id %s is taken; IDs are unique across the repository", d.ID)
	}
	out, err := shared.Render(root, TemplateName, d)
	if err != nil {
		return err
	}
	rel := shared.FreePath(root, path.Join(source.RecordsDir, "decisions", d.ID+".md"))
	if err := shared.Check(rel, out, record.TypeDecision, d.ID); err != nil {
		return err
	}
	return o.out.Create(f, root, rel, d.ID, out)
}

// nextNumber is prefix followed by the next three-digit number no record
// or item with that prefix has yet: lp-2024-001, lp-2024-002...
func nextNumber(s *record.Set, prefix string) string {
	re := regexp.MustCompile("^" + regexp.QuoteMeta(prefix) + `(\d+)$`)
	n := 0
	note := func(id string) {
		if m := re.FindStringSubmatch(strings.ToLower(id)); m != nil {
			if k, err := strconv.Atoi(m[1]); err == nil && k > n {
				n = k
			}
		}
	}
	for _, r := range s.Records {
		note(r.ID)
		for _, it := range r.Items {
			note(it.ID)
		}
	}
	return shared.FreeID(s, fmt.Sprintf("%s%03d", prefix, n+1))
}
