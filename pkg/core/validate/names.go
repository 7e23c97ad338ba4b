package validate

import "github.com/igf-records/igf/pkg/core/record"

// Closest returns up to n candidates nearest to s by edit distance (ignoring
// case), among those close enough to be a plausible typo.
func Closest(s string, candidates []string, n int) []string { return record.Closest(s, candidates, n) }
