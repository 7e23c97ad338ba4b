package store

import (
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/source"
)

// Loaded is the snapshot as a full parse of its files gives it: every
// record indexed, and every finding.
func (s *Store) Loaded(snap *Snapshot) (*source.Loaded, error) {
	set, err := s.Set(snap)
	if err != nil {
		return nil, err
	}
	findings, err := s.Findings(snap)
	if err != nil {
		return nil, err
	}
	return &source.Loaded{Set: set, Findings: findings, Files: snap.Files, Root: s.root, Skipped: snap.Skipped}, nil
}

// Omitted is what a query answered from the snapshot's rows leaves out, as
// a load reports it (source.Loaded.Omissions and RegistryProblem): every
// finding of the snapshot's files, and a record for each file that parsed
// as one — empty but for its path and, for a registry, its entries.
func (s *Store) Omitted(snap *Snapshot) (*source.Loaded, error) {
	findings, read, registries, err := s.Omissions(snap)
	if err != nil {
		return nil, err
	}
	reg, err := s.Registry(snap)
	if err != nil {
		return nil, err
	}
	var stubs []*record.Record
	for p, ok := range read {
		if ok {
			r := &record.Record{Path: p}
			if registries[p] {
				r.Registry = &record.Registry{}
			}
			stubs = append(stubs, r)
		}
	}
	for _, r := range reg.Records {
		if !read[r.Path] {
			stubs = append(stubs, &record.Record{Path: r.Path, Registry: r.Registry})
		}
	}
	return &source.Loaded{Set: record.NewSet(stubs), Findings: findings, Files: snap.Files, Root: s.root, Skipped: snap.Skipped}, nil
}

// LoadWorktree is source.LoadWorktree answered from the store of the
// repository whose top is root: only the files the store does not hold are
// read and parsed.
func LoadWorktree(root string) (*source.Loaded, error) {
	var l *source.Loaded
	err := With(root, func(s *Store) error {
		snap, err := s.SyncWorktree()
		if err != nil {
			return err
		}
		l, err = s.Loaded(snap)
		return err
	})
	return l, err
}

// LoadCommit is source.Repo.LoadCommit answered from the store: a commit
// looked at before costs no parse at all, and one that shares most of its
// blobs with the working tree or another commit costs the parse of the
// rest.
func LoadCommit(root string, c *object.Commit) (*source.Loaded, error) {
	var l *source.Loaded
	err := With(root, func(s *Store) error {
		snap, err := s.SyncCommit(c)
		if err != nil {
			return err
		}
		l, err = s.Loaded(snap)
		return err
	})
	return l, err
}
