package record

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// foldKey maps s so that foldKey(a) == foldKey(b) exactly when
// strings.EqualFold(a, b): a map keyed by it finds what a scan comparing
// with EqualFold would. Each rune becomes the least rune of its simple
// case-folding orbit (EqualFold's own equivalence); invalid bytes become
// utf8.RuneError, as EqualFold decodes them.
func foldKey(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		// The least of an ASCII letter's orbit is its upper case ('K'
		// before the Kelvin sign, 'S' before the long s).
		return strings.ToUpper(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			if f < least {
				least = f
			}
		}
		b.WriteRune(least)
	}
	return b.String()
}
