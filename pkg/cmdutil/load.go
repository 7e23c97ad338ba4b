package cmdutil

import (
	"errors"
	"fmt"
	"sync"

	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/spf13/cobra"

	"github.com/igf-records/igf/internal/build"
	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/core/report"
	"github.com/igf-records/igf/pkg/source"
)

// ValidateHint is where every "could not read" message sends the user.
const ValidateHint = "run igf validate to see what is wrong in these files and how to fix it"

// Load reads the records through the configured loader. A file it could
// not read in full is named on stderr (path:line:col and the reason) and
// makes the command exit 1 however it ends otherwise (see Incomplete): an
// answer without what the file holds is never given as whole. A registry
// that cannot be read is an error (exit 2): names of people and bodies
// cannot be resolved without it.
func (f *Factory) Load() (*source.Loaded, error) {
	l, err := f.LoadWithoutNames()
	if err != nil {
		return nil, err
	}
	if err := RequireRegistry(l); err != nil {
		return nil, err
	}
	return l, nil
}

// LoadWithoutNames is Load for a command whose answer resolves no name of a
// person or body: an unreadable registry is then only one more file left
// out.
func (f *Factory) LoadWithoutNames() (*source.Loaded, error) {
	l, err := f.load()
	if err != nil {
		return nil, err
	}
	f.Omitted(l)
	return l, nil
}

// LoadQuietly is Load without a word on stderr and without changing the
// exit code, for shell completion, which must print nothing but candidates.
// Completion runs no command, so the flags are resolved here.
func (f *Factory) LoadQuietly() (*source.Loaded, error) {
	if err := f.Resolve(); err != nil {
		return nil, err
	}
	return f.load()
}

// load reads from the pinned revision (--at, --as-of), else through Loader.
func (f *Factory) load() (*source.Loaded, error) {
	switch {
	case f.Pinned():
		return loadPinned(f)
	case f.Loader != nil:
		return f.Loader(f)
	}
	return LoadWorktree(f)
}

// RequireRegistry is the error (exit 2) of a load from which names cannot
// be resolved.
func RequireRegistry(l *source.Loaded) error {
	o := l.RegistryProblem()
	if o == nil {
		return nil
	}
	return &ExitError{Code: ExitFailure, Err: fmt.Errorf("the registry could not be read, so names of people and bodies cannot be resolved: %s\n"+
		"hint: run igf validate to see what is wrong in it and how to fix it", o)}
}

// Omitted names on stderr, once per run, each file of l that could not be
// read in full, and keeps it for Incomplete.
func (f *Factory) Omitted(l *source.Loaded) {
	for _, o := range l.Omissions() {
		if f.reported == nil {
			f.reported = map[string]bool{}
		}
		if f.reported[o.Path] {
			continue
		}
		f.reported[o.Path] = true
		f.omitted = append(f.omitted, o)
		if f.IO != nil && f.IO.ErrOut != nil {
			fmt.Fprintln(f.IO.ErrOut, o.String())
		}
	}
}

// Omissions are the files the command's loads could not read in full.
func (f *Factory) Omissions() []record.Omission { return f.omitted }

// Incomplete is the error a command that otherwise succeeded ends with when
// a load left something out: exit 1, saying how much and where to look.
func (f *Factory) Incomplete() error {
	n := len(f.omitted)
	if n == 0 {
		return nil
	}
	what := "1 record file could not be read in full, so the answer leaves out what it holds"
	if n > 1 {
		what = fmt.Sprintf("%d record files could not be read in full, so the answer leaves out what they hold", n)
	}
	return &ExitError{Code: ExitFindings, Err: fmt.Errorf("incomplete: %s\nhint: %s", what, ValidateHint)}
}

// ExitIncomplete makes cmd (the root) end with Incomplete after any command
// that succeeded.
func ExitIncomplete(cmd *cobra.Command, f *Factory) {
	cmd.PersistentPostRunE = func(*cobra.Command, []string) error { return f.Incomplete() }
}

// Provenance is what a document made by this command says of its making:
// where the records came from (the working tree, --at or --as-of), the
// commit they are those of and whether the working tree differs from it,
// igf's version, and the files the command's loads could not read.
func (f *Factory) Provenance() report.Provenance { return f.StartProvenance()() }

// StartProvenance starts reading from git what Provenance says of the
// commit, so that a command can load the records meanwhile; the function it
// returns waits for git and gives the Provenance. Call that after the
// loads, whose omissions it names. Walking back to the commit that last
// changed the records and comparing the working tree with HEAD took a
// quarter of a site build of the bundled records, one after the other and
// after the load; each runs on its own repository handle, as go-git's
// object storage is not safe to share between goroutines.
func (f *Factory) StartProvenance() func() report.Provenance {
	pin := f.pin()
	var (
		commit, dirty sync.WaitGroup
		c             *object.Commit
		cerr          error
		uncommitted   *bool
	)
	exact := true
	var walkErr error
	commit.Go(func() {
		var repo *source.Repo
		if repo, c, cerr = f.Commit(); cerr == nil {
			var rc *object.Commit
			if rc, exact, walkErr = repo.RecordsCommit(c); walkErr == nil {
				c = rc
			}
		}
	})
	if pin == nil {
		dirty.Go(func() {
			root, err := f.Root()
			if err != nil {
				return
			}
			repo, err := f.Repo()
			if err != nil {
				return
			}
			if d, err := repo.Uncommitted(root); err == nil {
				uncommitted = &d
			}
		})
	}
	return func() report.Provenance {
		p := report.NewProvenance(f.Omissions())
		p.Version = build.Read().Short()
		if pin != nil && pin.rev != "" {
			p.Reading, p.At = report.ReadRevision, pin.rev
		} else if pin != nil {
			p.Reading, p.AsOf = report.ReadAsOf, pin.asOf.String()
		}
		commit.Wait()
		dirty.Wait()
		if errors.Is(cerr, source.ErrNoHistory) {
			return p
		}
		if cerr != nil {
			// History is there but unreadable: say so, never "no repository".
			p.GitError = cerr.Error()
			f.sayGit(cerr)
			return p
		}
		p.Commit = c.Hash.String()[:7]
		p.CommitDate = dates.OfTime(c.Committer.When.UTC())
		p.Uncommitted = uncommitted
		p.CommitMayBeEarlier = !exact
		if walkErr != nil {
			// The commit read is known; the one that last changed the
			// records is not: say so rather than name the first as it.
			p.GitError = walkErr.Error()
			f.sayGit(walkErr)
		}
		return p
	}
}

// sayGit notes on stderr, once, that git could not tell which commit the
// records are those of.
func (f *Factory) sayGit(err error) {
	if !f.gitSaid {
		f.gitSaid = true
		fmt.Fprintf(f.IO.ErrOut, "note: the commit the records are those of could not be read from git (%v); the document says so\n", err)
	}
}

// MadeRef is Provenance, for render.Options.
func (f *Factory) MadeRef() *report.Provenance {
	p := f.Provenance()
	return &p
}
