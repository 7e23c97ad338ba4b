package cmdutil

import (
	"github.com/igf-records/igf/internal/store"
)

// WithStore runs fn on the store's snapshot of the records f reads — the
// working tree, or the commit --at or --as-of names — for a query answered
// from the store's rows instead of a loaded Set. A store found damaged half
// way is rebuilt and fn runs again, so fn must print nothing until it
// returns.
func (f *Factory) WithStore(fn func(s *store.Store, snap *store.Snapshot) error) error {
	root, err := f.Root()
	if err != nil {
		return err
	}
	return store.With(root, func(s *store.Store) error {
		var snap *store.Snapshot
		var err error
		if f.Pinned() {
			_, c, cerr := f.Commit()
			if cerr != nil {
				return cerr
			}
			snap, err = s.SyncCommit(c)
		} else {
			snap, err = s.SyncWorktree()
		}
		if err != nil {
			return err
		}
		return fn(s, snap)
	})
}
