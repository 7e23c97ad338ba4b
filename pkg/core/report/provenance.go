package report

import (
	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/record"
)

// Where records are read from.
const (
	ReadWorktree = "worktree" // the working tree, as it is now
	ReadRevision = "revision" // a commit named with --at
	ReadAsOf     = "as-of"    // the last commit of a day, with --as-of
)

// Provenance is what a document says of its own making: which records it was
// made from and by which igf, and which files it could not include. Every
// report, timeline and calendar carries it, so a reader of the document
// itself — not only whoever ran the command — can tell.
type Provenance struct {
	// Reading is where the records came from: ReadWorktree, ReadRevision or
	// ReadAsOf.
	Reading string `json:"reading"`
	// Commit is the commit the records are those of (short hash): the one
	// read, or for the working tree the last commit that changed records/
	// on HEAD's line. Empty outside a git repository.
	Commit     string     `json:"commit,omitempty"`
	CommitDate dates.Date `json:"commit_date,omitzero"` // its committer date (UTC)
	// Uncommitted says whether the working tree's records differ from that
	// commit; nil when it could not be told (or records were not read from
	// the working tree).
	Uncommitted *bool `json:"uncommitted_changes,omitempty"`
	// CommitMayBeEarlier says the records may be older than Commit: the
	// walk back to the change stopped at a shallow clone's boundary, or
	// after 10,000 commits without one.
	CommitMayBeEarlier bool `json:"commit_may_be_earlier,omitempty"`
	// GitError is why the commit could not be read from a git repository
	// that has history (a damaged object, say), or, with Commit set, why the
	// commit that last changed the records could not be: the document then
	// claims neither that there is no repository nor that Commit is the one.
	GitError string `json:"git_error,omitempty"`
	At       string `json:"at,omitempty"`    // the --at revision as given
	AsOf     string `json:"as_of,omitempty"` // the --as-of date as given
	Version  string `json:"igf_version"`
	// NotIncluded lists the record files igf could not read in full: the
	// document lacks what they hold (or the part that could not be read).
	NotIncluded []record.Omission `json:"not_included"`
}

// NewProvenance is the provenance of a document made from records whose
// load could not read the files in left, with nothing known of the source.
func NewProvenance(left []record.Omission) Provenance {
	if left == nil {
		left = []record.Omission{}
	}
	return Provenance{Reading: ReadWorktree, NotIncluded: left}
}
