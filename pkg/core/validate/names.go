package validate

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// Closest returns up to n candidates nearest to s by edit distance (ignoring
// case), among those close enough to be a plausible typo.
func Closest(s string, candidates []string, n int) []string {
	type scored struct {
		name string
		d    int
	}
	ls := strings.ToLower(s)
	limit := max(2, utf8.RuneCountInString(s)/3)
	var near []scored
	seen := map[string]bool{}
	for _, c := range candidates {
		lc := strings.ToLower(c)
		if seen[lc] || c == "" {
			continue
		}
		seen[lc] = true
		if abs(len(lc)-len(ls)) > limit {
			continue
		}
		if d := distance(ls, lc); d <= limit {
			near = append(near, scored{c, d})
		}
	}
	sort.SliceStable(near, func(i, j int) bool {
		if near[i].d != near[j].d {
			return near[i].d < near[j].d
		}
		return near[i].name < near[j].name
	})
	// Only the closest: a one-letter slip should not list every three-letter name.
	out := make([]string, 0, n)
	for i := 0; i < len(near) && i < n && near[i].d == near[0].d; i++ {
		out = append(out, near[i].name)
	}
	return out
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// distance is the Levenshtein distance between two strings, by runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
