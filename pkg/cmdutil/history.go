package cmdutil

import (
	"fmt"
	"os"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/spf13/cobra"

	"github.com/igf-records/igf/internal/store"
	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/history"
	"github.com/igf-records/igf/pkg/source"
)

// pin is the past point --at or --as-of asks to read records at.
type pin struct {
	rev  string     // --at
	asOf dates.Date // --as-of (zero when not given)
}

func (p *pin) String() string {
	if p.rev != "" {
		return "--at " + p.rev
	}
	return "--as-of " + p.asOf.String()
}

// AddHistoryFlags adds the persistent --at and --as-of flags: every command
// that reads records through f.Load then reads them from that revision.
// Parsing only records what each flag says; Resolve, run once after all
// flags are parsed, decides what they mean together, so the order they
// are given in changes nothing.
func AddHistoryFlags(cmd *cobra.Command, f *Factory) {
	fl := cmd.PersistentFlags()
	fl.Var(&atFlag{f: f}, "at", "read the records as committed at this git revision (hash, tag, branch, HEAD~3)")
	fl.Var(&asOfFlag{f: f}, "as-of", "read what the records said at the end of this day or period (2024-03-31, 2024-Q1): the last commit made by then; also sets --today")
}

type atFlag struct{ f *Factory }

func (a *atFlag) String() string { return a.f.AtFlag }
func (a *atFlag) Type() string   { return "REV" }
func (a *atFlag) Set(s string) error {
	if s == "" {
		return fmt.Errorf("give a revision: a commit hash, tag, branch or HEAD~N")
	}
	a.f.AtFlag = s
	return nil
}

type asOfFlag struct{ f *Factory }

func (a *asOfFlag) String() string { return a.f.AsOfFlag }
func (a *asOfFlag) Type() string   { return "DATE" }
func (a *asOfFlag) Set(s string) error {
	if _, err := dates.ParsePeriod(s); err != nil {
		return err
	}
	a.f.AsOfFlag = s
	return nil
}

// Resolve turns the cross-cutting flags (--at, --as-of, --today) into what
// the command reads and which day it takes as today, once, after every flag
// is parsed: the root command runs it before any command does. --today,
// when given, is today whatever its place on the command line; --as-of
// alone also sets today, to its last day.
func (f *Factory) Resolve() error {
	if f.resolved {
		return f.resolveErr
	}
	f.resolved = true
	if f.IO != nil {
		// A store discarded as damaged or foreign is said once, here.
		store.Notes = f.IO.ErrOut
	}
	f.resolveErr = f.resolve()
	return f.resolveErr
}

func (f *Factory) resolve() error {
	if f.AtFlag != "" && f.AsOfFlag != "" {
		return FlagError("give --at or --as-of, not both")
	}
	switch {
	case f.AtFlag != "":
		f.AtRevision(f.AtFlag)
	case f.AsOfFlag != "":
		d, err := dates.ParsePeriod(f.AsOfFlag)
		if err != nil {
			return FlagError("--as-of %q: %v", f.AsOfFlag, err)
		}
		f.AsOf(d)
	}
	if f.TodayFlag != "" {
		if _, err := f.Today(); err != nil {
			return FlagError("%v", err)
		}
	}
	return nil
}

// AtRevision makes f read records from a git revision (hash, tag, branch, HEAD~3).
func (f *Factory) AtRevision(rev string) { f.pinned = &pin{rev: rev} }

// AsOf makes f read records as they stood at the end of the period d: from the
// last commit on HEAD's first-parent line made on or before d's last day (UTC).
// Unless --today is given, today is then d's last day.
func (f *Factory) AsOf(d dates.Date) { f.pinned = &pin{asOf: d} }

func (f *Factory) pin() *pin { return f.pinned }

// Pinned reports whether f reads records from a past revision (--at, --as-of).
func (f *Factory) Pinned() bool { return f.pinned != nil }

// todayFromAsOf reports whether --as-of, not --today, fixes today's date.
func (f *Factory) todayFromAsOf() bool {
	return f.TodayFlag == "" && f.pinned != nil && f.pinned.rev == ""
}

// PeriodToday is today's date for a report on period. When --as-of alone set
// today, and it reaches the period's last day, the records read are those at
// the period's end, so the period counts as over: today is the day after it.
func (f *Factory) PeriodToday(period dates.Date) (dates.Date, error) {
	today, err := f.Today()
	if err != nil {
		return today, err
	}
	if p := f.pin(); p != nil && f.todayFromAsOf() && !p.asOf.End.Before(period.End) {
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
	var l *source.Loaded
	if root, rerr := f.Root(); rerr == nil {
		l, err = store.LoadCommit(root, c)
	} else {
		// No records in the working tree, so no store to keep them in.
		l, err = repo.LoadCommit(c)
	}
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
// from (see Commit): kept in the store under .git/igf/, so only new commits
// are walked.
// In a shallow clone it says once, on stderr, where the history stops.
func (f *Factory) History() (*history.History, error) {
	var repo *source.Repo
	target := plumbing.ZeroHash
	var err error
	if !f.Pinned() {
		// HEAD's hash is enough: a cached history then reads no git object.
		repo, err = f.Repo()
	} else {
		var c *object.Commit
		if repo, c, err = f.Commit(); err == nil {
			target = c.Hash
		}
	}
	if err != nil {
		return nil, err
	}
	var h *history.History
	err = store.WithRepo(repo, func(s *store.Store) error {
		var kept history.Cache = s
		if s.InMemory() {
			// Rows kept for this run only would cost their writing and
			// the connection's memory, and save nothing.
			kept = nil
		}
		var err error
		h, err = history.Load(repo, target, kept)
		return err
	})
	if err != nil {
		return nil, err
	}
	if !h.Shallow.IsZero() && f.IO != nil {
		if !f.shallowSaid {
			f.shallowSaid = true
			fmt.Fprintf(f.IO.ErrOut, "note: this is a shallow clone: its history stops at commit %s, whose records count as added there; git fetch --unshallow fetches the rest\n", h.Shallow.String()[:7])
		}
	}
	return h, nil
}
