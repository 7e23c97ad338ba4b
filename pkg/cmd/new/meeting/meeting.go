// Package meeting implements `igf new meeting`: the notes of a meeting,
// started from a template with a fresh ID and the body's members.
package meeting

import (
	"bytes"
	"fmt"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"text/template"

	"github.com/spf13/cobra"

	"github.com/igf-records/igf/internal/editrun"
	"github.com/igf-records/igf/internal/plainfile"
	"github.com/igf-records/igf/pkg/cmd/new/shared"
	"github.com/igf-records/igf/pkg/cmdutil"
	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/parse"
	"github.com/igf-records/igf/pkg/core/query"
	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/edit"
	"github.com/igf-records/igf/pkg/source"
	"github.com/igf-records/igf/pkg/view"
	"github.com/igf-records/igf/templates"
)

// TemplateName is the template's file name (templates.Meeting).
const TemplateName = templates.Meeting

type options struct {
	body, date, title, time, format, location, id, template string
	print, commit                                           bool
	message                                                 string
}

// NewCmdMeeting builds `igf new meeting`.
func NewCmdMeeting(f *cmdutil.Factory) *cobra.Command {
	o := &options{}
	cmd := &cobra.Command{
		Use:   "meeting --body BODY --date DATE",
		Short: "Start the notes of a meeting",
		Long: `Start the notes of a meeting: a new record under records/meetings/YEAR/ with a
fresh unique ID (body-date, e.g. lp-2024-02-26), the body's members on the day
under expected: (never under attendees: the note records no attendance until
the secretary moves each name to attendees or regrets; reports read only
those two), a pointer to the body's previous meeting and a list of the open
items of its earlier meetings. Only a membership whose term the registry dates
to cover the day makes a member expected; the others are named in a comment. When the previous meeting announced
this one (its next_meeting date covers the day) with an empty next_meeting.id,
that ID is filled in, in place.

The template is templates/meeting.md.tmpl at the top of the repository when it
exists (igf init puts a copy there to adapt), else igf's own; --template names
another. The new file is checked to read as a record before it is written, and
an existing file is never replaced.`,
		Example: `  igf new meeting --body LP --date 2024-02-26
  igf new meeting --body LP --date 2024-02-26 --time "09:00-17:00 +03:00" --format in-person --location Riyadh
  igf new meeting --body MAG --date 2024-03-05 --print     # show it, write nothing`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return run(f, o) },
	}
	fl := cmd.Flags()
	fl.StringVar(&o.body, "body", "", "the registry `BODY` that meets (required)")
	fl.StringVar(&o.date, "date", "", "the meeting's day, or a range for several days: a `DATE` (required)")
	fl.StringVar(&o.title, "title", "", "the `TITLE` (default: \"<body name> meeting\")")
	fl.StringVar(&o.time, "time", "", "the `TIME` with its zone, e.g. \"16:00-17:00 UTC\"")
	fl.StringVar(&o.format, "format", "", "how it is held, the `FORMAT`: virtual, in-person or hybrid")
	fl.StringVar(&o.location, "location", "", "the `PLACE` where it is held")
	fl.StringVar(&o.id, "id", "", "the record's `ID` (default: body-date)")
	fl.StringVar(&o.template, "template", "", "a template `FILE` to use instead of meeting.md.tmpl")
	fl.BoolVar(&o.print, "print", false, "print the new record instead of writing it")
	editrun.AddCommitFlags(cmd, &o.commit, &o.message)
	_ = cmd.RegisterFlagCompletionFunc("body", f.CompleteBodies)
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"virtual", "in-person", "hybrid"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// data is what the template sees.
type data struct {
	ID, Title, Body, BodyName, Date, Time, Format, Location string
	// Expected are the body's members on the day, for the expected: field:
	// those whose term the registry knows to cover it. Undated are the
	// members whose term it does not date well enough to tell. Attendees is
	// always empty: a new note records no attendance (templates written
	// before expected: existed list .Attendees).
	Expected, Undated, Attendees []string
	Previous                     *record.Record
	OpenActions                  []*record.Item
	set                          *record.Set
}

func run(f *cmdutil.Factory, o *options) error {
	if err := f.RefusePinned("new meeting"); err != nil {
		return err
	}
	if o.body == "" || o.date == "" {
		return cmdutil.FlagError("give --body and --date, e.g. igf new meeting --body LP --date 2024-02-26")
	}
	day, err := dates.Parse(o.date)
	if err != nil {
		return cmdutil.FlagError("--date %q: %v", o.date, err)
	}
	switch o.format {
	case "", "virtual", "in-person", "hybrid":
	default:
		return cmdutil.FlagError("--format %q: use virtual, in-person or hybrid", o.format)
	}
	if o.time != "" {
		if _, err := dates.ParseClock(o.time); err != nil {
			return cmdutil.FlagError("--time %q: %v", o.time, err)
		}
	}
	root, err := f.Root()
	if err != nil {
		return err
	}
	l, err := f.Load()
	if err != nil {
		return err
	}
	s := l.Set
	body, ok := s.Resolve(o.body)
	if !ok || s.Body(body) == nil {
		return cmdutil.FlagError("--body %s: not a body in the registry (see igf people list, or records/registry.md)", o.body)
	}
	d := &data{Body: body, BodyName: s.DisplayName(body), Date: day.String(), Time: o.time, Format: o.format,
		Location: o.location, Title: o.title, set: s}
	if d.Title == "" {
		d.Title = d.BodyName + " meeting"
	}
	for _, other := range sameDay(s, body, day) {
		fmt.Fprintf(f.IO.ErrOut, "note: %s already has a meeting on %s: %s (%s); this one is made beside it\n",
			body, view.HumanDate(other.Date), other.ID, other.Path)
	}
	known, unknown := s.Membership(body, dates.OfTime(day.Start))
	for _, p := range known {
		d.Expected = append(d.Expected, p.ID)
	}
	for _, p := range unknown {
		d.Undated = append(d.Undated, p.ID)
	}
	d.Previous, d.OpenActions = previous(s, body, day)
	// The body's ID becomes part of a file name: it must be a valid ID
	// (validate refuses others in the registry too), and what is made of
	// it must still lie in records/ (edit.Tx.Create checks that).
	bodyPart, err := record.PathID(body)
	if err != nil {
		return &cmdutil.ExitError{Code: cmdutil.ExitFailure, Err: fmt.Errorf("--body %s: the registry's ID for it cannot name a file: %v; fix the registry (igf validate shows where)", o.body, err)}
	}
	d.ID = o.id
	if d.ID == "" {
		d.ID = shared.FreeID(s, bodyPart+"-"+dayName(day))
	} else if problem, hint := record.CheckID(d.ID); problem != "" || d.ID != strings.ToLower(d.ID) {
		if problem == "" {
			problem, hint = fmt.Sprintf("%q has capital letters", d.ID), "a record's ID is written in lower case"
		}
		return cmdutil.FlagError("--id: %s: %s", problem, hint)
	} else if s.Record(d.ID) != nil || s.Item(d.ID) != nil {
		return cmdutil.FlagError("--id %s is taken; IDs are unique across the repository", d.ID)
	}
	out, err := render(root, o.template, d)
	if err != nil {
		return err
	}
	year := "undated"
	if !day.IsTBD() {
		year = day.Start.Format("2006")
	}
	rel := shared.FreePath(root, path.Join(source.RecordsDir, "meetings", year, dayName(day)+"-"+bodyPart+".md"))
	rec, findings := parse.File(rel, out)
	for _, fd := range findings {
		if fd.Severity == record.SeverityError {
			return fmt.Errorf("the template made a record igf cannot read (%s); nothing was written", fd)
		}
	}
	if rec == nil || rec.ID != d.ID || rec.Type != record.TypeMeeting {
		return fmt.Errorf("the template did not make a meeting record with id %s; nothing was written", d.ID)
	}
	if o.print {
		_, err := f.IO.Out.Write(out)
		return err
	}
	tx, err := edit.Begin(root)
	if err != nil {
		return err
	}
	defer tx.Close()
	if err := tx.Create(rel, out); err != nil {
		return &cmdutil.ExitError{Code: cmdutil.ExitFailure, Err: err}
	}
	linked := link(f, tx, d.Previous, d.ID, day)
	msg := o.message
	if msg == "" {
		msg = "Start the notes of " + d.ID
	}
	if err := editrun.Apply(f, root, tx, o.commit, msg); err != nil {
		return err
	}
	fmt.Fprintf(f.IO.ErrOut, "created %s (%s)\n", rel, d.ID)
	if linked {
		fmt.Fprintf(f.IO.ErrOut, "linked %s: next_meeting.id is now %s\n", d.Previous.ID, d.ID)
	}
	fmt.Fprintln(f.IO.Out, rel)
	return nil
}

// link fills in the previous meeting's next_meeting.id with the new record's
// ID, as part of tx, when that meeting announced this one (its next_meeting
// date covers the day) and left the ID empty. A failure is reported and
// leaves the previous record as it was.
func link(f *cmdutil.Factory, tx *edit.Tx, prev *record.Record, id string, day dates.Date) bool {
	if prev == nil || prev.NextMeeting == nil || prev.NextMeeting.ID != "" || prev.NextMeeting.Date.IsTBD() {
		return false
	}
	nd := prev.NextMeeting.Date
	if day.Start.After(nd.End) || day.End.Before(nd.Start) {
		return false
	}
	read, err := tx.Read(prev.Path)
	if err == nil {
		var rec *record.Record
		if rec, _ = parse.File(prev.Path, read); rec == nil {
			err = fmt.Errorf("cannot be read as a record")
		} else {
			var data []byte
			if data, err = edit.SetNextMeetingID(read, rec, id); err == nil {
				if back, _ := parse.File(prev.Path, data); back == nil || back.NextMeeting == nil || back.NextMeeting.ID != id {
					err = fmt.Errorf("the edit did not read back")
				} else {
					err = tx.Replace(prev.Path, data)
				}
			}
		}
	}
	if err != nil {
		fmt.Fprintf(f.IO.ErrOut, "note: %s announced this meeting, but its next_meeting.id was not filled in: %v\n", prev.ID, err)
		return false
	}
	return true
}

// dayName is how a meeting's date goes into its ID and file name: the day
// (2024-02-26), the first day of a range, the date as written for a vaguer
// one (2024-03, 2024-Q2), or "tbd".
func dayName(d dates.Date) string {
	switch {
	case d.IsTBD():
		return "tbd"
	case d.Precision == dates.Day || d.Precision == dates.Range:
		return d.Start.Format("2006-01-02")
	}
	return strings.ToLower(d.String())
}

// sameDay lists the body's meetings whose date overlaps day.
func sameDay(s *record.Set, body string, day dates.Date) []*record.Record {
	if day.IsTBD() {
		return nil
	}
	var out []*record.Record
	for _, r := range s.Records {
		if r.Type == record.TypeMeeting && strings.EqualFold(s.Canonical(r.Body), body) && !r.Date.IsTBD() && r.Date.Overlaps(day) {
			out = append(out, r)
		}
	}
	return out
}

// previous is the body's last meeting before day, and the open items of all
// its meetings before day.
func previous(s *record.Set, body string, day dates.Date) (*record.Record, []*record.Item) {
	var last *record.Record
	var open []*record.Item
	for _, r := range s.Records {
		if r.Type != record.TypeMeeting || !strings.EqualFold(s.Canonical(r.Body), body) || r.Date.IsTBD() || !r.Date.Start.Before(day.Start) {
			continue
		}
		if last == nil || last.Date.Start.Before(r.Date.Start) {
			last = r
		}
		for _, it := range r.Items {
			if it.Trackable() && it.Open() && it.ID != "" {
				open = append(open, it)
			}
		}
	}
	query.SortByDue(open)
	return last, open
}

// render fills the template: --template, else the repository's own, else igf's.
func render(root, file string, d *data) ([]byte, error) {
	var text []byte
	var err error
	name := TemplateName
	switch {
	case file != "":
		name = file
		text, err = plainfile.Read(file, shared.MaxTemplateSize)
	case shared.Exists(filepath.Join(root, "templates", TemplateName)):
		name = filepath.Join("templates", TemplateName)
		text, err = plainfile.Read(filepath.Join(root, name), shared.MaxTemplateSize)
	default:
		text, err = templates.FS.ReadFile(TemplateName)
	}
	if err != nil {
		return nil, &cmdutil.ExitError{Code: cmdutil.ExitFailure, Err: fmt.Errorf("template: %v", err)}
	}
	t, err := template.New(name).Option("missingkey=error").Funcs(template.FuncMap{
		"yaml":   shared.YAMLScalar,
		"quote":  strconv.Quote,
		"list":   func(refs []string) string { return "[" + strings.Join(refs, ", ") + "]" },
		"join":   strings.Join,
		"owners": func(it *record.Item) string { return ownerList(d.set, it) },
	}).Parse(string(text))
	if err != nil {
		return nil, fmt.Errorf("template %s: %v", name, err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, d); err != nil {
		return nil, fmt.Errorf("template %s: %v", name, err)
	}
	return b.Bytes(), nil
}

func ownerList(s *record.Set, it *record.Item) string {
	var refs []string
	for _, o := range it.Owners {
		refs = append(refs, "@"+s.Canonical(o))
	}
	if len(refs) == 0 {
		return "no owner"
	}
	return strings.Join(refs, " ")
}
