// Package list implements `igf action list`.
package list

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/igf-records/igf/internal/store"
	"github.com/igf-records/igf/pkg/cmdutil"
	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/query"
	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/core/report"
	"github.com/igf-records/igf/pkg/output"
	"github.com/igf-records/igf/pkg/render"
	"github.com/igf-records/igf/pkg/source"
	"github.com/igf-records/igf/pkg/view"
)

type options struct {
	// parse answers from a Set loaded by the Factory's loader, never from
	// the store's rows: the full parse the store's answers are tested
	// against.
	parse     bool
	query     query.Actions
	dueBefore string
	dueAfter  string
	out       cmdutil.ListOutput
	closed    closedOptions
}

// NewCmdList builds `igf action list`.
func NewCmdList(f *cmdutil.Factory) *cobra.Command { return newCmdList(f, &options{}) }

func newCmdList(f *cmdutil.Factory, o *options) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List actions, recommendations and milestones, soonest due first",
		Long: `List every trackable item — actions from meeting notes, recommendations
addressed to bodies, and milestones of process timelines — sorted by due date.

Owners match whole IDs, initials or aliases from the registry, case-insensitively:
--owner lf finds @LF, --owner L finds nothing. A fuzzy due date such as 2024-09
is overdue only once the whole month has passed.`,
		Example: `  # Everything still open for Lise Fuhr
  igf action list --owner LF

  # What LF and GS must deliver before April 2024, as JSON
  igf action list --owner LF --owner GS --due-before 2024-04 -o json

  # Also what the minutes ask of the bodies LF belongs to (the Panel)
  igf action list --owner LF --via-bodies

  # Overdue items of the Secretariat on a given day
  igf action list --owner Sect --overdue --today 2024-06-30

  # Recommendations the Expert Group Meeting addressed to the MAG, as CSV
  igf action list --kind recommendation --owner MAG -o csv

  # What was closed in the first quarter of 2024, when and by whom (git history)
  igf action list --closed-after 2023 --closed-before 2024-Q2 --with-history`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return run(f, o) },
	}
	fl := cmd.Flags()
	fl.StringArrayVar(&o.query.Owners, "owner", nil, "only items of this `OWNER`: an ID, initials or alias (repeatable; whole names only)")
	fl.BoolVar(&o.query.ViaBodies, "via-bodies", false, "with --owner: also items owned by a body the owner is a member of (e.g. @LP for a Panel member)")
	fl.StringVar(&o.query.Status, "status", query.StatusOpen, "only items with this `STATUS`: open, done or all")
	fl.StringVar(&o.dueBefore, "due-before", "", "only items due before this `DATE` (any date form: 2024-04, 2024-Q2)")
	fl.StringVar(&o.dueAfter, "due-after", "", "only items due after this `DATE`")
	fl.BoolVar(&o.query.Overdue, "overdue", false, "only open items whose due date has passed (see --today)")
	fl.StringArrayVar(&o.query.Bodies, "body", nil, "only items from records of this `BODY` (repeatable)")
	fl.StringArrayVar(&o.query.Records, "record", nil, "only items from the record with this `ID` (repeatable)")
	fl.StringArrayVar(&o.query.Tags, "tag", nil, "only items from records with this `TAG` (repeatable; any of them)")
	fl.StringArrayVar(&o.query.Kinds, "kind", nil, "only items of this `KIND`: action, recommendation or milestone (repeatable; default all)")
	addClosedFlags(cmd, &o.closed)
	o.out = cmdutil.ListOutput{Extra: []string{render.FormatICS}, ExtraExts: map[string]string{".ics": render.FormatICS}, Rows: []closedItem{}}
	f.AddListFlags(cmd, &o.out)
	_ = cmd.RegisterFlagCompletionFunc("owner", f.CompleteOwners)
	_ = cmd.RegisterFlagCompletionFunc("body", f.CompleteBodies)
	_ = cmd.RegisterFlagCompletionFunc("status", cobra.FixedCompletions([]string{"open", "done", "all"}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("kind", cobra.FixedCompletions([]string{"action", "recommendation", "milestone"}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("record", f.CompleteIDs(nil))
	return cmd
}

func run(f *cmdutil.Factory, o *options) error {
	if err := o.query.Validate(); err != nil {
		return cmdutil.FlagError("%v", err)
	}
	var err error
	if o.query.DueBefore, err = flagDate("--due-before", o.dueBefore); err != nil {
		return err
	}
	if o.query.DueAfter, err = flagDate("--due-after", o.dueAfter); err != nil {
		return err
	}
	closedAfter, closedBefore, err := o.closed.prepare(&o.query)
	if err != nil {
		return err
	}
	if o.query.Today, err = f.Today(); err != nil {
		return cmdutil.FlagError("%v", err)
	}
	a, err := answer(f, o)
	if err != nil {
		return err
	}
	l := a.loaded
	cmdutil.NoteUnknownOwners(f.IO.ErrOut, l.Set, o.query.Owners)
	items, err := o.closed.apply(f, a.items, closedAfter, closedBefore)
	if err != nil {
		return err
	}
	noteLeftOut(f, l.Set, o, items, a.viaBodies, a.bodies)
	if len(items) == 0 {
		fmt.Fprintln(f.IO.ErrOut, "no items match")
	}
	items = cmdutil.Cap(f.IO, items, o.out.Limit, "items")
	var rows any
	if o.closed.active() {
		rows = o.closed.jsonItems(l.Set, items, o.query.Today)
	} else {
		list := make([]view.Item, 0, len(items))
		for _, it := range items {
			list = append(list, view.NewItem(l.Set, it, o.query.Today))
		}
		rows = list
	}
	return o.out.Emit(cmdutil.List{
		JSON: rows,
		Table: func(string) *output.TableData {
			t := view.ItemTable(l.Set, items, o.query.Today)
			if o.closed.active() {
				o.closed.addColumns(t, items)
			}
			return t
		},
		Other: map[string]func(io.Writer) error{render.FormatICS: func(w io.Writer) error {
			return render.ICS(w, "IGF items", report.ItemEntries(l.Set, items, o.query.Today), o.query.Today.Start, render.Options{Made: f.MadeRef()})
		}},
	})
}

// noteLeftOut says on stderr what the answer leaves out that its asker may
// be after: items of bodies the owners belong to (--via-bodies adds them),
// and owners written as a name registry entries share, which match each.
func noteLeftOut(f *cmdutil.Factory, s *record.Set, o *options, items, extra []*record.Item, bodies []string) {
	if !o.closed.active() {
		if len(extra) > 0 {
			what := "items"
			switch o.query.Status {
			case "", query.StatusOpen:
				what = "open items"
			case query.StatusDone:
				what = "done items"
			}
			if len(extra) == 1 {
				what = strings.TrimSuffix(what, "s")
			}
			named := make([]string, len(bodies))
			for i, b := range bodies {
				named[i] = b
				if d := s.DisplayName(b); d != b {
					named[i] = b + " (" + d + ")"
				}
			}
			fmt.Fprintf(f.IO.ErrOut, "note: %d more %s %s owned by %s, which %s %s to; --via-bodies lists them too\n",
				len(extra), what, plural(len(extra), "is", "are"), strings.Join(named, ", "), strings.Join(o.query.Owners, ", "),
				plural(len(o.query.Owners), "belongs", "belong"))
		}
	}
	amb := query.AmbiguousOwners(s, items)
	names := make([]string, 0, len(amb))
	for n := range amb {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(f.IO.ErrOut, "note: owner %q is shared by registry entries %s; its items are listed for each (igf validate reports them)\n",
			n, strings.Join(amb[n], ", "))
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func flagDate(name, s string) (dates.Date, error) {
	if s == "" {
		return dates.Date{}, nil
	}
	d, err := dates.Parse(s)
	if err != nil {
		return d, cmdutil.FlagError("%s: %v", name, err)
	}
	return d, nil
}

// answered is a query's answer: the items, what --via-bodies would add
// and the bodies that adds them by, and the load they came from (for a
// store query, its registry and what it left out).
type answered struct {
	loaded    *source.Loaded
	items     []*record.Item
	viaBodies []*record.Item
	bodies    []string
}

// answer runs the query. Items come from the store's indexes (see
// store.Items), with the registry and a report of what could not be read,
// never the whole repository; the calendar feed and the history columns
// look at more than the matching items, so they load everything.
func answer(f *cmdutil.Factory, o *options) (*answered, error) {
	if o.parse || o.out.Format == render.FormatICS || o.closed.active() {
		l, err := f.Load()
		if err != nil {
			return nil, err
		}
		a := &answered{loaded: l, items: o.query.Run(l.Set)}
		a.viaBodies, a.bodies = o.query.ViaBodiesAdds(l.Set)
		return a, nil
	}
	var a *answered
	err := f.WithStore(func(s *store.Store, snap *store.Snapshot) error {
		a = &answered{}
		var err error
		if a.loaded, err = s.Omitted(snap); err != nil {
			return err
		}
		reg, err := s.Registry(snap)
		if err != nil {
			return err
		}
		a.loaded.Set = mergeSets(a.loaded.Set, reg)
		if err := s.Items(snap, o.query, reg, func(it *record.Item) error { a.items = append(a.items, it); return nil }); err != nil {
			return err
		}
		// With no items, the registry alone says which bodies the
		// owners belong to.
		if _, a.bodies = o.query.ViaBodiesAdds(reg); len(a.bodies) == 0 {
			return nil
		}
		got := map[string]bool{}
		for _, it := range a.items {
			got[itemKey(it)] = true
		}
		// What --via-bodies would add is the bodies' items that are not
		// already the owners' own: ask for the bodies alone rather than
		// decode every one of the owners' items a second time.
		via := o.query
		via.Owners = a.bodies
		return s.Items(snap, via, reg, func(it *record.Item) error {
			if !got[itemKey(it)] {
				a.viaBodies = append(a.viaBodies, it)
			}
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	f.Omitted(a.loaded)
	if err := cmdutil.RequireRegistry(a.loaded); err != nil {
		return nil, err
	}
	return a, nil
}

// mergeSets is the stubs of what a store query read, with the registry
// records in full in place of their stubs: names resolve, and the
// omissions are those of every file.
func mergeSets(stubs, reg *record.Set) *record.Set {
	full := map[string]bool{}
	recs := append([]*record.Record(nil), reg.Records...)
	for _, r := range reg.Records {
		full[r.Path] = true
	}
	for _, r := range stubs.Records {
		if !full[r.Path] {
			recs = append(recs, r)
		}
	}
	return record.NewSet(recs)
}

// itemKey names an item within one answer.
func itemKey(it *record.Item) string {
	return it.Record.Path + ":" + strconv.Itoa(it.Pos.Line) + ":" + strconv.Itoa(it.Pos.Col) + ":" + it.ID
}
