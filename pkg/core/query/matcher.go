package query

import "github.com/igf-records/igf/pkg/core/record"

// Matcher is the test of one item that Run applies, for a source that
// picks candidate items itself (an index): an item passes exactly when Run
// would return it. s needs to hold only the registry; it.Record must carry
// the record's ID, body and tags.
func (q Actions) Matcher(s *record.Set) func(it *record.Item) bool {
	owners := q.ownerRefs(s)
	bodies := canonical(s, q.Bodies)
	return func(it *record.Item) bool {
		r := it.Record
		if len(bodies) > 0 && !containsFold(bodies, s.Canonical(r.Body)) {
			return false
		}
		if len(q.Records) > 0 && !containsFold(q.Records, r.ID) {
			return false
		}
		if !HasTag(r, q.Tags) {
			return false
		}
		return q.match(s, it, owners)
	}
}
