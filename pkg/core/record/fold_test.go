package record

import (
	"strings"
	"testing"
)

// FuzzFoldKeyIsEqualFold holds the membership index to the scan it
// replaced: two strings share a key exactly when EqualFold says they match.
func FuzzFoldKeyIsEqualFold(f *testing.F) {
	for _, p := range [][2]string{
		{"MAG", "mag"}, {"LP", "lp"}, {"K", "\u212a"}, {"s", "\u017f"}, {"SS", "ß"},
		{"\xff", "\xfe"}, {"\xff", "\ufffd"}, {"Σ", "ς"}, {"σ", "ς"}, {"İ", "i"},
		{"ǅ", "ǆ"}, {"MAG ", "MAG"}, {"", ""}, {"igf-secretariat", "IGF-Secretariat"},
	} {
		f.Add(p[0], p[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if eq, same := strings.EqualFold(a, b), foldKey(a) == foldKey(b); eq != same {
			t.Fatalf("EqualFold(%q, %q) = %v but keys %q, %q", a, b, eq, foldKey(a), foldKey(b))
		}
		// Every string matches its own key's case variants both ways.
		for _, v := range []string{strings.ToUpper(a), strings.ToLower(a), foldKey(a)} {
			if strings.EqualFold(a, v) != (foldKey(a) == foldKey(v)) {
				t.Fatalf("%q and its variant %q: EqualFold and the key disagree", a, v)
			}
		}
	})
}
