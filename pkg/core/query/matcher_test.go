package query

import (
	"testing"

	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/record"
)

// Matcher, judging against the registry alone, passes exactly the items
// Run returns.
func TestMatcherAgreesWithRun(t *testing.T) {
	s := bundled(t)
	var regs []*record.Record
	for _, r := range s.Records {
		if r.Registry != nil {
			regs = append(regs, r)
		}
	}
	registry := record.NewSet(regs)
	for _, q := range []Actions{
		{},
		{Owners: []string{"LF"}, ViaBodies: true, Status: StatusAll},
		{Owners: []string{"lise fuhr"}},
		{Bodies: []string{"LP"}, Status: StatusDone},
		{Records: []string{"IWW-2024"}, Kinds: []string{record.KindMilestone}},
		{Overdue: true, Today: dates.MustParse("2024-06-30")},
	} {
		want := map[*record.Item]bool{}
		for _, it := range q.Run(s) {
			want[it] = true
		}
		match := q.Matcher(registry)
		for _, it := range s.Items() {
			if match(it) != want[it] {
				t.Errorf("%+v: Matcher says %v for %s, Run %v", q, match(it), it.ID, want[it])
			}
		}
	}
}
