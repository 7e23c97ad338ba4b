package store

import (
	"encoding/json"
	"errors"
	"sync"

	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/igf-records/igf/pkg/source"
)

// keptCommits is how many commit snapshots the store keeps besides the
// working tree's, oldest dropped first: a few revisions looked at again
// and again (--at HEAD~1, a quarter's end) cost one parse of what changed.
const keptCommits = 8

// SyncCommit makes a snapshot of the records as committed in c. A commit
// never changes, so a snapshot once written is used as it is; the blobs it
// shares with the working tree or other commits are parsed once.
func (s *Store) SyncCommit(c *object.Commit) (*Snapshot, error) {
	if s.repo == nil {
		return nil, errors.New("the records are not in a git repository")
	}
	name := "commit:" + c.Hash.String()
	if snap, err := s.storedSnapshot(name); err != nil || snap != nil {
		return snap, err
	}
	files, err := s.commitFiles(c)
	if err != nil {
		return nil, err
	}
	snap := &Snapshot{Files: len(files)}
	// go-git's object storage is not safe for concurrent reads: the blobs
	// are read one at a time and parsed on every core.
	var mu sync.Mutex
	err = s.write(name, snap, files, func(f *listed) ([]byte, error) {
		mu.Lock()
		defer mu.Unlock()
		return source.ReadBlob(s.repo.Git, f.oid)
	})
	if err != nil {
		return nil, err
	}
	if len(snap.Findings) > 0 {
		notes, err := json.Marshal(snap.Findings)
		if err != nil {
			return nil, err
		}
		if err := s.run(`UPDATE snapshots SET notes = ? WHERE id = ?`, string(notes), snap.ID); err != nil {
			return nil, err
		}
	}
	return snap, nil
}

// storedSnapshot is a written snapshot as it stands, or nil.
func (s *Store) storedSnapshot(name string) (*Snapshot, error) {
	id, digest, err := s.snapshot(name)
	if err != nil || id == 0 || len(digest) == 0 {
		return nil, err
	}
	snap := &Snapshot{ID: id}
	if snap.Files, err = s.int(`SELECT count(*) FROM files WHERE snapshot = ?`, id); err != nil {
		return nil, err
	}
	notes, err := s.text(`SELECT notes FROM snapshots WHERE id = ?`, id)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(notes), &snap.Findings); err != nil {
		return nil, corrupt(err)
	}
	snap.Files += len(snap.Findings)
	return snap, nil
}

// commitFiles lists the record files of a commit's tree as LoadCommit does.
func (s *Store) commitFiles(c *object.Commit) ([]listed, error) {
	cl, err := s.repo.ListCommit(c)
	if err != nil {
		return nil, err
	}
	files := make([]listed, len(cl.Paths))
	for i, p := range cl.Paths {
		files[i] = listed{path: p, oid: cl.Hashes[i]}
	}
	return files, nil
}
