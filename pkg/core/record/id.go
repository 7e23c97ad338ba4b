package record

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// IDs name records, items, people and bodies, and become parts of file
// names (records/meetings/2024/2024-02-26-lp.md) and links. So every ID is
// held to one grammar, safe in both: ASCII letters, digits, "-" and ".",
// starting with a letter or digit, with no "..". Case does not tell IDs
// apart (LP and lp are one ID), and only ASCII letters have case: an ID
// with a letter from another script (a Cyrillic "а", a Turkish "İ", a
// Kelvin sign) is refused, because it would look like an ID it is not.

// FoldID is the form IDs are compared in: ASCII letters lower-cased, every
// other byte as it is. Unicode case folding would make "{#Kw-1}" (with a
// Kelvin sign) the same ID as "kw-1" and let it take that ID's place.
func FoldID(id string) string {
	for i := 0; i < len(id); i++ {
		if c := id[i]; c >= 'A' && c <= 'Z' {
			b := []byte(id)
			for j := i; j < len(b); j++ {
				if b[j] >= 'A' && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return id
}

// CheckID reports what is wrong with an ID, and how to write it instead;
// "" when it is a valid ID.
func CheckID(id string) (problem, hint string) {
	const grammar = "an ID is ASCII letters, digits, - and ., starting with a letter or digit (lp-2023-12-18, iww-3.2, WG-Strategy)"
	if id == "" {
		return "the ID is empty", grammar
	}
	for i, r := range id {
		if r >= utf8.RuneSelf {
			if ascii, ok := Lookalike(id); ok {
				return fmt.Sprintf("%q has %q (U+%04X), a letter from outside ASCII that looks like one in it", id, r, r),
					fmt.Sprintf("IDs are ASCII only, so that no ID can pass for another: write %s", ascii)
			}
			return fmt.Sprintf("%q has %q (U+%04X), which is not ASCII", id, r, r), grammar
		}
		c := byte(r)
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || (i > 0 && (c == '-' || c == '.'))
		if !ok {
			return fmt.Sprintf("%q has %q at position %d", id, r, i+1), grammar
		}
	}
	if strings.Contains(id, "..") {
		return fmt.Sprintf("%q has \"..\"", id), grammar + "; \"..\" would climb out of a folder where the ID names a file"
	}
	return "", ""
}

// PathID is an ID as it goes into a file name: checked, lower-cased. An ID
// that fails CheckID never becomes part of a path.
func PathID(id string) (string, error) {
	if problem, hint := CheckID(id); problem != "" {
		return "", fmt.Errorf("%s: %s", problem, hint)
	}
	return FoldID(id), nil
}

// Lookalike writes id with each non-ASCII letter that looks like an ASCII
// one replaced by it; ok is false when some character has no look-alike.
func Lookalike(id string) (string, bool) {
	var b strings.Builder
	for _, r := range id {
		switch {
		case r < utf8.RuneSelf:
			b.WriteRune(r)
		case r >= 0xff01 && r <= 0xff5e: // fullwidth forms
			b.WriteRune(r - 0xff01 + '!')
		default:
			a, ok := confusables[r]
			if !ok {
				return "", false
			}
			b.WriteString(a)
		}
	}
	return b.String(), true
}

// confusables are the letters of other scripts, and signs, that are read
// as ASCII in IDs (from Unicode's confusables for the characters IDs allow).
var confusables = map[rune]string{
	// Latin with marks and special forms
	'İ': "I", 'ı': "i", 'ſ': "s", 'ℓ': "l", 'K': "K", 'Å': "A", 'à': "a", 'á': "a", 'â': "a", 'ä': "a",
	'é': "e", 'è': "e", 'ê': "e", 'ë': "e", 'í': "i", 'ì': "i", 'î': "i", 'ï': "i", 'ó': "o", 'ò': "o",
	'ô': "o", 'ö': "o", 'ú': "u", 'ù': "u", 'û': "u", 'ü': "u", 'ç': "c", 'ñ': "n",
	// Cyrillic
	'а': "a", 'е': "e", 'о': "o", 'р': "p", 'с': "c", 'у': "y", 'х': "x", 'і': "i", 'ј': "j", 'ѕ': "s",
	'ԁ': "d", 'ӏ': "l", 'һ': "h", 'ԛ': "q", 'ԝ': "w", 'А': "A", 'В': "B", 'Е': "E", 'К': "K", 'М': "M",
	'Н': "H", 'О': "O", 'Р': "P", 'С': "C", 'Т': "T", 'Х': "X", 'І': "I", 'Ј': "J", 'Ѕ': "S",
	// Greek
	'α': "a", 'ο': "o", 'ι': "i", 'ν': "v", 'κ': "k", 'τ': "t", 'ρ': "p", 'υ': "u", 'Α': "A", 'Β': "B",
	'Ε': "E", 'Ζ': "Z", 'Η': "H", 'Ι': "I", 'Κ': "K", 'Μ': "M", 'Ν': "N", 'Ο': "O", 'Ρ': "P", 'Τ': "T",
	'Υ': "Y", 'Χ': "X",
	// Digits and punctuation
	'‐': "-", '‑': "-", '‒': "-", '–': "-", '—': "-", '−': "-", '·': ".", '․': ".", '٠': "0", '۰': "0",
	'\u0307': "", // the dot of a decomposed İ
}
