// Package log implements `igf log`: what happened to a record or item, in
// which commit and by whom.
package log

import (
	"fmt"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/igf-records/igf/pkg/cmdutil"
	"github.com/igf-records/igf/pkg/history"
	"github.com/igf-records/igf/pkg/output"
	"github.com/igf-records/igf/pkg/source"
)

type options struct {
	ids []string
	out cmdutil.ListOutput
}

// NewCmdLog builds `igf log`.
func NewCmdLog(f *cmdutil.Factory) *cobra.Command {
	o := &options{}
	cmd := &cobra.Command{
		Use:   "log [ID...]",
		Short: "Show when records and items were added, closed, reopened or moved, and by whom",
		Long: `Show the history of records and items from git: when each was added, each
change of status (open → done → reopened), moves to another file, and
removal, with the commit, its date and who made the change.

History follows HEAD's first-parent line, so a change made on a branch counts
from the merge that brought it in: the merge commit and its date are shown,
with the author of the branch commit that made the change (JSON has both,
the latter under made_in). Items are
followed by ID, so a renamed or moved file keeps its items' history.

With no ID, every event is listed, newest first. With IDs, each one's events
are listed oldest first. --at and --as-of stop the history at that point.
The first run walks the whole history and caches it under .git/igf/; later
runs only read newer commits.`,
		Example: `  # When was the cover letter action closed, and by whom?
  igf log lp-2023-12-18-a2

  # The history of a whole meeting report, as JSON
  igf log lp-2023-12-18 -o json

  # The last 20 changes to any record
  igf log --limit 20

  # What the history held at the end of 2024-Q1
  igf log iww-1 --as-of 2024-Q1`,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.ids = args
			return run(f, o)
		},
		ValidArgsFunction: f.CompleteIDs(nil),
	}
	o.out = cmdutil.ListOutput{Rows: []history.Event{}, LimitShort: "n"}
	f.AddListFlags(cmd, &o.out)
	return cmd
}

func run(f *cmdutil.Factory, o *options) error {
	h, err := f.History()
	if err != nil {
		return err
	}
	var events []history.Event
	missing := 0
	if len(o.ids) == 0 {
		all := h.Events()
		for i := len(all) - 1; i >= 0; i-- {
			events = append(events, all[i])
		}
	} else {
		for _, id := range o.ids {
			evs := h.For(id)
			if len(evs) == 0 {
				fmt.Fprintf(f.IO.ErrOut, "%s: no history: no commit on this branch ever held that ID (see igf show %s for uncommitted records)\n", id, id)
				missing++
			}
			events = append(events, evs...)
		}
	}
	if events, err = leaveIgnored(f, events); err != nil {
		return err
	}
	events = cmdutil.Cap(f.IO, events, o.out.Limit, "events")
	if err := write(f, o, events); err != nil {
		return err
	}
	if !f.Pinned() {
		noteUncommitted(f, h, o.ids)
	}
	if unreadable(f, h, o.ids) > 0 && missing == 0 {
		return &cmdutil.ExitError{Code: cmdutil.ExitFindings, Err: fmt.Errorf("incomplete: history leaves out the committed file versions above that igf could not read; their items show as removed in those commits\nhint: git show COMMIT:PATH shows such a version; the reason on its line says what is wrong in it")}
	}
	if missing > 0 {
		return cmdutil.Findings()
	}
	return nil
}

// unreadable names on stderr each committed version of a record file that
// could not be read as a record, with the commit that brought it, and counts
// them. With IDs, only versions of the files those IDs have been in are
// named (an ID with no history may be in any of them).
func unreadable(f *cmdutil.Factory, h *history.History, ids []string) int {
	paths := map[string]bool{}
	all := len(ids) == 0
	for _, id := range ids {
		evs := h.For(id)
		if len(evs) == 0 {
			all = true
		}
		for _, e := range evs {
			paths[e.Path] = true
			if e.OldPath != "" {
				paths[e.OldPath] = true
			}
		}
	}
	// Files records/.igfignore names are left out of every listing, history
	// included: their versions are not the records'.
	var ig *source.Ignore
	if root, err := f.Root(); err == nil {
		ig, _ = source.ReadIgnore(root)
	}
	n := 0
	for _, u := range h.Unreadable {
		if !all && !paths[u.Path] {
			continue
		}
		if ig != nil && strings.HasPrefix(ig.Why(u.Path, false), source.IgnoreFile) {
			continue
		}
		n++
		fmt.Fprintf(f.IO.ErrOut, "%s:%d:%d: left out of history: as committed in %s (%s): %s [%s]\n",
			u.Path, u.Line, u.Col, u.Commit.String()[:7], u.Time.UTC().Format("2006-01-02"), u.Reason, u.Rule)
	}
	return n
}

// noteUncommitted says on stderr when the working tree holds an item in
// another state than the history's last word on it: history only knows
// commits.
func noteUncommitted(f *cmdutil.Factory, h *history.History, ids []string) {
	if len(ids) == 0 {
		return
	}
	l, err := f.LoadWithoutNames()
	if err != nil {
		return
	}
	for _, id := range ids {
		evs := h.For(id)
		var last *history.Event
		if len(evs) > 0 {
			last = &evs[len(evs)-1]
		}
		it := l.Set.Item(id)
		rec := l.Set.Record(id)
		switch {
		case it == nil && rec == nil:
			if last != nil && last.Change.Change != history.Removed {
				fmt.Fprintf(f.IO.ErrOut, "note: %s is not in the working tree any more; not committed yet\n", id)
			}
		case last == nil || last.Change.Change == history.Removed:
			fmt.Fprintf(f.IO.ErrOut, "note: %s is in the working tree but not committed yet\n", id)
		case it != nil && it.Trackable() && it.Status != last.To:
			fmt.Fprintf(f.IO.ErrOut, "note: %s is %s in the working tree; not committed yet\n", id, it.Status)
		}
	}
}

func write(f *cmdutil.Factory, o *options, events []history.Event) error {
	if events == nil {
		events = []history.Event{}
	}
	return o.out.Emit(cmdutil.List{JSON: events, Table: func(format string) *output.TableData {
		t := &output.TableData{Headers: []string{"date", "commit", "author", "id", "change", "path", "subject"}}
		for _, e := range events {
			date := e.Time.UTC().Format("2006-01-02 15:04")
			if format != output.Table {
				date = e.Time.UTC().Format("2006-01-02T15:04:05Z")
			}
			change, style := Describe(e.Change)
			t.Add(output.C(date), output.Cell{Text: e.Commit[:min(len(e.Commit), 7)], Style: output.Dim}, output.C(e.By()),
				output.C(e.ID), output.Cell{Text: change, Style: style}, output.C(e.Path), output.C(e.Subject))
		}
		return t
	}})
}

// Describe says what a change did in a few words: "added (open)",
// "open → done", "moved from records/a.md".
func Describe(c history.Change) (string, output.Style) {
	switch c.Change {
	case history.Added:
		if c.To != "" {
			return "added (" + c.To + ")", output.Plain
		}
		return "added", output.Plain
	case history.Removed:
		return "removed", output.Red
	case history.Moved:
		return "moved from " + c.OldPath, output.Dim
	case history.Status:
		s := c.From + " → " + c.To
		if c.OldPath != "" {
			s += ", moved from " + c.OldPath
		}
		switch {
		case c.To == "done":
			return "closed (" + s + ")", output.Green
		case c.From == "done":
			return "reopened (" + s + ")", output.Yellow
		}
		return s, output.Plain
	}
	return c.Change, output.Plain
}

// leaveIgnored drops the events of files that records/.igfignore names, as
// every listing leaves those files out, and says on stderr how many it
// dropped and by which pattern. The working tree's .igfignore decides, so
// igf log agrees with the lists and reports run beside it.
func leaveIgnored(f *cmdutil.Factory, events []history.Event) ([]history.Event, error) {
	root, err := f.Root()
	if err != nil {
		return nil, err
	}
	ig, err := source.ReadIgnore(root)
	if err != nil {
		return nil, err
	}
	if ig == nil {
		return events, nil
	}
	kept := make([]history.Event, 0, len(events))
	by := map[string]int{}
	for _, e := range events {
		if why := ig.Why(e.Path, false); strings.HasPrefix(why, source.IgnoreFile) {
			by[why]++
			continue
		}
		kept = append(kept, e)
	}
	if len(by) > 0 {
		whys := make([]string, 0, len(by))
		n := 0
		for why, c := range by {
			whys = append(whys, fmt.Sprintf("%d by %s", c, why))
			n += c
		}
		sort.Strings(whys)
		fmt.Fprintf(f.IO.ErrOut, "note: left out %d %s of files %s names: %s\n",
			n, plural(n, "event", "events"), source.IgnoreFile, strings.Join(whys, "; "))
	}
	return kept, nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
