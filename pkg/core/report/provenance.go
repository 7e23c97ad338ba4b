package report

import "github.com/igf-records/igf/pkg/core/record"

// Provenance is what a document says of its own making. Every report,
// timeline and calendar carries it, so a reader of the document itself —
// not only whoever ran the command — learns what it could not include.
type Provenance struct {
	// NotIncluded lists the record files igf could not read in full: the
	// document lacks what they hold (or the part that could not be read).
	NotIncluded []record.Omission `json:"not_included"`
}

// NewProvenance is the provenance of a document made from records whose
// load could not read the files in left.
func NewProvenance(left []record.Omission) Provenance {
	if left == nil {
		left = []record.Omission{}
	}
	return Provenance{NotIncluded: left}
}
