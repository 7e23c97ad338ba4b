package record

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

// Suggest lists up to n registry entries a name the registry does not know
// may have meant, as "Sect (IGF Secretariat)": those with an ID, initials,
// alias or name closest to it by edit distance, and those whose name or
// alias holds it as whole words ("Secretariat" in "IGF Secretariat"), all
// ignoring case.
func (s *Set) Suggest(name string, n int) []string {
	all := s.nameKeys()
	near := Closest(name, all, n)
	words := " " + strings.Join(strings.Fields(NameKey(name)), " ") + " "
	if len(words) > 3 {
		for _, k := range all {
			if strings.Contains(" "+strings.Join(strings.Fields(k), " ")+" ", words) && !slicesContain(near, k) {
				near = append(near, k)
			}
		}
	}
	var out []string
	seen := map[string]bool{}
	for _, k := range near {
		for _, ref := range s.names[k] {
			if seen[strings.ToLower(ref)] || len(out) >= n {
				continue
			}
			seen[strings.ToLower(ref)] = true
			if disp := s.DisplayName(ref); disp != ref {
				out = append(out, ref+" ("+disp+")")
			} else {
				out = append(out, ref)
			}
		}
	}
	return out
}

// nameKeys are the registry's names as NameKey writes them, sorted; built
// once per Set.
func (s *Set) nameKeys() []string {
	s.keysOnce.Do(func() {
		for k := range s.names {
			s.keys = append(s.keys, k)
		}
		sort.Strings(s.keys)
	})
	return s.keys
}

func slicesContain(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
