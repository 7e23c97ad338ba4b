package cmdutil

import (
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/spf13/cobra"

	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/history"
	"github.com/igf-records/igf/pkg/source"
)

// pin is the past point --at or --as-of asks to read records at.
type pin struct {
	rev  string     // --at
	asOf dates.Date // --as-of (zero when not given)
	// todayFromAsOf is set when --as-of, not --today, fixed today's date.
	todayFromAsOf bool
}

func (p *pin) String() string {
	if p.rev != "" {
		return "--at " + p.rev
	}
	return "--as-of " + p.asOf.String()
}

// pins keeps each factory's pin beside it, so the Factory struct stays as the
// commands know it.
var pins sync.Map // *Factory -> *pin

func (f *Factory) pin() *pin {
	if p, ok := pins.Load(f); ok {
		return p.(*pin)
	}
	return nil
}

// AddHistoryFlags adds the persistent --at and --as-of flags: every command
// that reads records through f.Load then reads them from that revision.
func AddHistoryFlags(cmd *cobra.Command, f *Factory) {
	fl := cmd.PersistentFlags()
	fl.Var(&atFlag{f: f}, "at", "read the records as committed at this git revision (hash, tag, branch, HEAD~3)")
	fl.Var(&asOfFlag{f: f}, "as-of", "read what the records said at the end of this day or period (2024-03-31, 2024-Q1): the last commit made by then; also sets --today")
}

type atFlag struct {
	f   *Factory
	rev string
}

func (a *atFlag) String() string { return a.rev }
func (a *atFlag) Type() string   { return "REV" }
func (a *atFlag) Set(s string) error {
	if s == "" {
		return fmt.Errorf("give a revision: a commit hash, tag, branch or HEAD~N")
	}
	if p := a.f.pin(); p != nil && p.rev == "" {
		return fmt.Errorf("give --at or --as-of, not both")
	}
	a.rev = s
	a.f.AtRevision(s)
	return nil
}

type asOfFlag struct {
	f    *Factory
	text string
}

func (a *asOfFlag) String() string { return a.text }
func (a *asOfFlag) Type() string   { return "DATE" }
func (a *asOfFlag) Set(s string) error {
	d, err := dates.ParsePeriod(s)
	if err != nil {
		return err
	}
	if p := a.f.pin(); p != nil && p.rev != "" {
		return fmt.Errorf("give --at or --as-of, not both")
	}
	a.text = s
	a.f.AsOf(d)
	// What was overdue then is judged on that day, unless --today says otherwise.
	if a.f.TodayFlag == "" {
		a.f.TodayFlag = d.End.Format("2006-01-02")
		a.f.pin().todayFromAsOf = true
	}
	return nil
}

// AtRevision makes f read records from a git revision (hash, tag, branch, HEAD~3).
func (f *Factory) AtRevision(rev string) {
	pins.Store(f, &pin{rev: rev})
	f.Loader = loadPinned
}

// AsOf makes f read records as they stood at the end of the period d: from the
// last commit on HEAD's first-parent line made on or before d's last day (UTC).
func (f *Factory) AsOf(d dates.Date) {
	pins.Store(f, &pin{asOf: d})
	f.Loader = loadPinned
}

// Pinned reports whether f reads records from a past revision (--at, --as-of).
func (f *Factory) Pinned() bool { return f.pin() != nil }

// PeriodToday is today's date for a report on period. When --as-of alone set
// today, and it reaches the period's last day, the records read are those at
// the period's end, so the period counts as over: today is the day after it.
func (f *Factory) PeriodToday(period dates.Date) (dates.Date, error) {
	today, err := f.Today()
	if err != nil {
		return today, err
	}
	if p := f.pin(); p != nil && p.todayFromAsOf && !p.asOf.End.Before(period.End) {
		return dates.OfTime(cutoff(period)), nil
	}
	return today, nil
}

// cutoff is the first instant after a period: midnight UTC after its last day.
func cutoff(d dates.Date) time.Time { return d.End.AddDate(0, 0, 1) }

// Repo opens the git repository holding the records.
func (f *Factory) Repo() (*source.Repo, error) {
	root, err := f.Root()
	if err != nil {
		// Records may exist only in history (deleted from the work tree):
		// then the current directory names the repository.
		if root, err = os.Getwd(); err != nil {
			return nil, err
		}
		if f.Dir != "" {
			root = f.Dir
		}
	}
	return source.OpenRepo(root)
}

// Commit is the commit f reads records from: the pinned revision, or HEAD
// when reading the working tree (the newest history there is).
func (f *Factory) Commit() (*source.Repo, *object.Commit, error) {
	repo, err := f.Repo()
	if err != nil {
		return nil, nil, err
	}
	p := f.pin()
	var c *object.Commit
	switch {
	case p == nil:
		c, err = repo.Head()
	case p.rev != "":
		c, err = repo.Resolve(p.rev)
	default:
		c, err = repo.AsOf(cutoff(p.asOf))
		if err != nil {
			err = fmt.Errorf("--as-of %s: %v", p.asOf, err)
		}
	}
	if err != nil {
		return nil, nil, err
	}
	return repo, c, nil
}

// loadPinned is the loader --at and --as-of install.
func loadPinned(f *Factory) (*source.Loaded, error) {
	repo, c, err := f.Commit()
	if err != nil {
		return nil, err
	}
	l, err := repo.LoadCommit(c)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", f.pin(), err)
	}
	l.Root, _ = f.Root()
	return l, nil
}

// RefusePinned is for commands that change files: they act on the working
// tree only, so --at and --as-of make no sense there.
func (f *Factory) RefusePinned(verb string) error {
	if p := f.pin(); p != nil {
		return FlagError("%s cannot be used with %s: it changes the working tree, not history", p, verb)
	}
	return nil
}

// History is the provenance of every record and item up to the commit f reads
// from (see Commit): cached under .git/igf/, so only new commits are walked.
// In a shallow clone it says once, on stderr, where the history stops.
func (f *Factory) History() (*history.History, error) {
	var h *history.History
	if !f.Pinned() {
		// HEAD's hash is enough: a cached history then reads no git object.
		repo, err := f.Repo()
		if err != nil {
			return nil, err
		}
		if h, err = history.Load(repo, plumbing.ZeroHash); err != nil {
			return nil, err
		}
	} else {
		repo, c, err := f.Commit()
		if err != nil {
			return nil, err
		}
		if h, err = history.Load(repo, c.Hash); err != nil {
			return nil, err
		}
	}
	if !h.Shallow.IsZero() && f.IO != nil {
		if _, said := shallowSaid.LoadOrStore(f, true); !said {
			fmt.Fprintf(f.IO.ErrOut, "note: this is a shallow clone: its history stops at commit %s, whose records count as added there; git fetch --unshallow fetches the rest\n", h.Shallow.String()[:7])
		}
	}
	return h, nil
}

// shallowSaid keeps the shallow-clone note to once per command.
var shallowSaid sync.Map // *Factory -> bool
