package render

import "unicode"

// arialWidths are the advance widths of printable ASCII in Arial and
// Helvetica (which share metrics; Debian's Liberation Sans matches them), in
// thousandths of an em, from ' ' (0x20) to '~' (0x7e).
var arialWidths = [...]int{
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // ' ' to '/'
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // '0' to '?'
	1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // '@' to 'O'
	667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // 'P' to '_'
	333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // '`' to 'o'
	556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // 'p' to '~'
}

// TextWidth estimates how wide s is drawn in a sans-serif font of size
// units, erring wide: charts clip labels by it, so an estimate too narrow
// would let a label run out of its box. Bold text is about 10% wider.
func TextWidth(s string, size float64, bold bool) float64 {
	em := 0
	for _, r := range s {
		switch {
		case r >= 0x20 && r <= 0x7e:
			em += arialWidths[r-0x20]
		case unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hangul, r) || unicode.Is(unicode.Hiragana, r) ||
			unicode.Is(unicode.Katakana, r) || r == '…' || r == '—' || r == '\u2003':
			em += 1000
		case unicode.IsMark(r):
		case unicode.IsUpper(r):
			em += 778
		default:
			em += 611
		}
	}
	w := float64(em) / 1000 * size * 1.04
	if bold {
		w *= 1.1
	}
	return w
}

// fitText shortens s, marking the cut with "…", until it is at most width
// units wide in the given font.
func fitText(s string, width, size float64, bold bool) string {
	if TextWidth(s, size, bold) <= width {
		return s
	}
	r := []rune(s)
	for n := len(r) - 1; n > 0; n-- {
		t := trimRight(string(r[:n])) + "…"
		if TextWidth(t, size, bold) <= width {
			return t
		}
	}
	return ""
}

func trimRight(s string) string {
	r := []rune(s)
	for len(r) > 0 && unicode.IsSpace(r[len(r)-1]) {
		r = r[:len(r)-1]
	}
	return string(r)
}
