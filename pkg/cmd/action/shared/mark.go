// Package shared is the work `igf action done` and `igf action reopen`
// share: find the items, edit their files in place, write or commit.
package shared

import (
	"fmt"
	"io"
	"strings"

	"github.com/igf-records/igf/internal/editrun"
	"github.com/igf-records/igf/internal/store"
	"github.com/igf-records/igf/pkg/cmdutil"
	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/parse"
	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/edit"
)

// Options are what done and reopen share.
type Options struct {
	IDs     []string
	Done    bool   // close (true) or reopen
	Date    string // --date: written as done:DATE
	Commit  bool   // --commit
	Message string // --message, for --commit
}

// change is one file's edit.
type change struct {
	path  string // slash path from the repository top
	data  []byte
	items []string
}

// Run closes or reopens the items named by o.IDs.
func Run(f *cmdutil.Factory, o *Options) error {
	verb := "action done"
	if !o.Done {
		verb = "action reopen"
	}
	if err := f.RefusePinned(verb); err != nil {
		return err
	}
	if o.Date != "" {
		d, err := dates.Parse(o.Date)
		if err != nil {
			return cmdutil.FlagError("--date %q: %v", o.Date, err)
		}
		if d.IsTBD() {
			return cmdutil.FlagError("--date TBD: give the day it was done, e.g. 2024-01-10")
		}
	}
	root, err := f.Root()
	if err != nil {
		return err
	}
	l, err := store.LoadWorktree(root)
	if err != nil {
		return err
	}
	// A file igf could not read is named on stderr and the command exits 1
	// (see cmdutil.Factory.Incomplete). The items found are still edited:
	// IDs are unique, so an item found in a readable file is the one meant;
	// an item not found may be in an unreadable file, and is said to be.
	f.Omitted(l)
	unread := len(l.Omissions()) > 0
	// Group the items by file, so each file is read and written once.
	var order []string
	byPath := map[string][]string{}
	missing := 0
	for _, id := range o.IDs {
		it := l.Set.Item(id)
		if it == nil {
			if r := l.Set.Record(id); r != nil {
				return cmdutil.FlagError("%s is a %s record, not an item; give the ID of an action, recommendation or milestone", id, r.Type)
			}
			if unread {
				fmt.Fprintf(f.IO.ErrOut, "%s: no such action, recommendation or milestone among the files igf could read; it may be in a file named above: %s\n", id, cmdutil.ValidateHint)
			} else {
				fmt.Fprintf(f.IO.ErrOut, "%s: no such action, recommendation or milestone\n", id)
			}
			missing++
			continue
		}
		if !it.Trackable() {
			return cmdutil.FlagError("%s is a decision: decisions have no open or done status", it.ID)
		}
		p := it.Record.Path
		if _, seen := byPath[p]; !seen {
			order = append(order, p)
		}
		byPath[p] = append(byPath[p], it.ID)
	}
	tx, err := edit.Begin(root)
	if err != nil {
		return err
	}
	defer tx.Close()
	var changes []change
	for _, p := range order {
		read, err := tx.Read(p)
		if err != nil {
			return cmdutil.EditError(err)
		}
		c, err := editFile(f.IO.ErrOut, p, read, byPath[p], o)
		if err != nil {
			return err
		}
		if len(c.items) > 0 {
			if err := tx.Replace(p, c.data); err != nil {
				return err
			}
			changes = append(changes, c)
		}
	}
	if len(changes) == 0 && o.Commit && len(order) > 0 {
		// Nothing to change is not yet "committed": a lock or an
		// uncommitted edit of the same file would make that untrue.
		if err := tx.CheckCommit(); err != nil {
			return cmdutil.EditError(err)
		}
	}
	if len(changes) > 0 {
		var ids []string
		for _, c := range changes {
			ids = append(ids, c.items...)
		}
		msg := o.Message
		if msg == "" {
			what := "Close"
			if !o.Done {
				what = "Reopen"
			}
			msg = what + " " + strings.Join(ids, ", ")
		}
		if err := editrun.Apply(f, root, tx, o.Commit, msg); err != nil {
			return err
		}
		// Said only now that it is written.
		for _, c := range changes {
			for _, id := range c.items {
				if o.Done {
					fmt.Fprintf(f.IO.ErrOut, "%s: done (%s)\n", id, c.path)
				} else {
					fmt.Fprintf(f.IO.ErrOut, "%s: reopened (%s)\n", id, c.path)
				}
			}
		}
	}
	if missing > 0 {
		return cmdutil.Findings()
	}
	return nil
}

// editFile reads one record afresh, finds each item in what was just read (so
// offsets match the bytes edited) and changes its status.
func editFile(messages io.Writer, p string, read []byte, ids []string, o *Options) (change, error) {
	c := change{path: p, data: read}
	for _, id := range ids {
		rec, findings := parse.File(p, c.data)
		if rec == nil {
			return change{}, fmt.Errorf("%s: cannot be read as a record: %s", p, parse.ErrorSummary(findings))
		}
		var it *record.Item
		for _, x := range rec.Items {
			if strings.EqualFold(x.ID, id) {
				it = x
				break
			}
		}
		if it == nil {
			return change{}, fmt.Errorf("%s: %s is no longer in the file; run the command again", p, id)
		}
		want := record.StatusOpen
		if o.Done {
			want = record.StatusDone
		}
		if it.Status == want && (o.Date == "" || it.DoneDate.String() == o.Date) {
			fmt.Fprintf(messages, "%s: already %s\n", it.ID, want)
			continue
		}
		data, err := edit.SetStatus(c.data, it, o.Done, o.Date)
		if err != nil {
			return change{}, cmdutil.FlagError("%v", err)
		}
		// The edit must read back as intended, or nothing is written.
		back, _ := parse.File(p, data)
		if back == nil || itemStatus(back, it.ID) != want {
			return change{}, fmt.Errorf("%s: the edit of %s did not read back as %s; the file is left as it was", p, it.ID, want)
		}
		c.data = data
		c.items = append(c.items, it.ID)
	}
	return c, nil
}

func itemStatus(rec *record.Record, id string) string {
	for _, it := range rec.Items {
		if strings.EqualFold(it.ID, id) {
			return it.Status
		}
	}
	return ""
}
