package view

import "github.com/igf-records/igf/pkg/core/record"

// Owner is how every JSON output names a person or body: its registry ID
// (the name as written when the registry does not know it) and the name a
// person reads.
type Owner struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// NewOwner names ref as the registry knows it.
func NewOwner(s *record.Set, ref string) Owner {
	return Owner{ID: s.Canonical(ref), Name: s.DisplayName(ref)}
}

// Owners names every ref, never nil, so JSON says [] rather than null.
func Owners(s *record.Set, refs []string) []Owner {
	out := make([]Owner, 0, len(refs))
	for _, r := range refs {
		out = append(out, NewOwner(s, r))
	}
	return out
}
