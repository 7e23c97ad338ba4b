package view

import (
	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/core/report"
)

// Owner is how every JSON output names a person or body: {"id", "name",
// "known", and "unexpanded" when the sources give only initials} — the
// same object in lists, show and reports.
type Owner = report.Name

// NewOwner names ref as the registry knows it.
func NewOwner(s *record.Set, ref string) Owner { return report.NameOf(s, ref) }

// Owners names every ref, never nil, so JSON says [] rather than null.
func Owners(s *record.Set, refs []string) []Owner {
	out := make([]Owner, 0, len(refs))
	for _, r := range refs {
		out = append(out, NewOwner(s, r))
	}
	return out
}

// OwnerIDs are the canonical IDs of refs, never nil.
func OwnerIDs(s *record.Set, refs []string) []string {
	out := make([]string, 0, len(refs))
	for _, r := range refs {
		out = append(out, NewOwner(s, r).Ref)
	}
	return out
}
