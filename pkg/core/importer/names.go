package importer

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/igf-records/igf/pkg/core/record"
)

// Names matches what minutes write for a person or body against the
// registry: whole and ignoring case, by ID, initials, alias or name — never
// by a part of a name or a near spelling, which would be a guess. People an
// import proposes to add (--add-people) join it, so a later file of the same
// run matches them, and IDs it hands out are reserved.
type Names struct {
	refs   map[string]string // lower-cased id, initials, alias or name -> canonical ref
	bodies map[string]bool   // lower-cased canonical refs of bodies
	taken  func(id string) bool
	given  map[string]bool // lower-cased IDs handed out in this run
}

// NewNames indexes the registry of s; taken reports IDs already in use in
// the repository (records, items and registry entries), case-insensitively.
func NewNames(s *record.Set, taken func(id string) bool) *Names {
	n := &Names{refs: map[string]string{}, bodies: map[string]bool{}, taken: taken, given: map[string]bool{}}
	if taken == nil {
		n.taken = func(string) bool { return false }
	}
	if s == nil {
		return n
	}
	// IDs first, then initials, aliases and names: an exact ID always wins.
	for pass := 0; pass < 4; pass++ {
		for _, p := range s.Registry.People {
			for _, k := range personKeys(pass, p) {
				n.add(k, p.ID)
			}
		}
		for _, b := range s.Registry.Bodies {
			if pass == 0 {
				n.bodies[strings.ToLower(b.ID)] = true
			}
			for _, k := range bodyKeys(pass, b) {
				n.add(k, b.ID)
			}
		}
	}
	return n
}

func personKeys(pass int, p *record.Person) []string {
	switch pass {
	case 0:
		return []string{p.ID}
	case 1:
		return []string{p.Initials}
	case 2:
		return p.Aliases
	}
	return []string{p.Name}
}

func bodyKeys(pass int, b *record.Body) []string {
	switch pass {
	case 0:
		return []string{b.ID}
	case 2:
		return b.Aliases
	case 3:
		return []string{b.Name}
	}
	return nil
}

func (n *Names) add(name, ref string) {
	k := key(name)
	if k == "" {
		return
	}
	if _, ok := n.refs[k]; !ok {
		n.refs[k] = ref
	}
}

// key is how names are compared: case, accents' composition and runs of
// blanks do not matter; the letters do.
func key(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(norm.NFC.String(s)), " "))
}

// Resolve is the registry ref for a name as written, trying it as it stands
// and without an honorific ("Ms. Lise Fuhr"), a role after a comma ("Mr.
// Vint Cerf, Chair") or a note in brackets ("Jenna Fung (online)").
func (n *Names) Resolve(written string) (string, bool) {
	for _, c := range candidates(written) {
		if ref, ok := n.refs[key(c)]; ok {
			return ref, true
		}
	}
	return "", false
}

// IsBody reports whether a canonical ref names a body.
func (n *Names) IsBody(ref string) bool { return n.bodies[strings.ToLower(ref)] }

var (
	honorific = regexp.MustCompile(`^(?i:(?:mr|mrs|ms|mx|dr|prof|professor|sir|dame|h\.?\s?e|amb|ambassador)\.?\s+)+`)
	bracketed = regexp.MustCompile(`\s*[(\[][^)\]]*[)\]]`)
	// marks minutes put beside names: "* Participating online", "(chair)".
	nameMarks = " \t*•·–—-:;,."
)

// candidates are the forms of a written name to try, most literal first.
func candidates(written string) []string {
	w := strings.Trim(strings.TrimSpace(written), nameMarks)
	out := []string{w}
	add := func(s string) {
		s = strings.Trim(strings.TrimSpace(s), nameMarks)
		if s != "" && s != out[len(out)-1] {
			out = append(out, s)
		}
	}
	plain := bracketed.ReplaceAllString(w, "")
	add(plain)
	if i := strings.IndexAny(plain, ",–—"); i > 0 {
		plain = plain[:i]
		add(plain)
	}
	if i := strings.Index(plain, " - "); i > 0 {
		plain = plain[:i]
		add(plain)
	}
	add(honorific.ReplaceAllString(plain, ""))
	return out
}

// Clean is a written name without honorific, role or bracketed note, as a
// person entry would name them: "Ms. Lise Fuhr, Chair" -> "Lise Fuhr".
func Clean(written string) string {
	c := candidates(written)
	return c[len(c)-1]
}

// NewPersonID proposes a registry ID for a person the registry does not
// have: initials stay as written (KE), a name becomes lower-case words
// joined by - with accents dropped (Wolfgang Kleinwächter ->
// wolfgang-kleinwachter), as the bundled registry writes them. It is never
// one already in use, in the repository or earlier in this run.
func (n *Names) NewPersonID(name string) string {
	base := slug(name)
	if isInitials(name) {
		base = name
	}
	if base == "" {
		base = "person"
	}
	return n.Reserve(base)
}

// Reserve hands out base, or base-2, base-3..., whichever is free, and keeps
// it from being handed out again in this run.
func (n *Names) Reserve(base string) string {
	id := base
	for i := 2; n.taken(id) || n.given[strings.ToLower(id)]; i++ {
		id = fmt.Sprintf("%s-%d", base, i)
	}
	n.given[strings.ToLower(id)] = true
	return id
}

// Take marks an ID as used (one the text itself writes, {#id}).
func (n *Names) Take(id string) { n.given[strings.ToLower(id)] = true }

// Taken reports whether an ID is in use, in the repository or in this run.
func (n *Names) Taken(id string) bool { return n.taken(id) || n.given[strings.ToLower(id)] }

// Learn adds a person proposed in this run, so later mentions match them.
func (n *Names) Learn(p *record.Person) {
	n.add(p.ID, p.ID)
	n.add(p.Initials, p.ID)
	for _, a := range p.Aliases {
		n.add(a, p.ID)
	}
	n.add(p.Name, p.ID)
}

func isInitials(s string) bool {
	if len(s) < 2 || len(s) > 4 {
		return false
	}
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// slug is the ID form of a name: lower-case ASCII letters and digits, words
// joined by -.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r): // a combining accent: drop it
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		case r == '\'' || r == '’':
		default:
			dash = true
		}
	}
	return b.String()
}

// bodyIn finds the registry body a title names: the longest ID, alias or name
// of a body written in it as whole words (short IDs such as LP as written,
// capitals and all). Two different bodies named at that length are no answer.
func (n *Names) bodyIn(title string) (ref, written string, ok bool) {
	lower := key(title)
	best, bestLen, tie := "", 0, false
	for k, r := range n.refs {
		if !n.bodies[strings.ToLower(r)] || len(k) < bestLen {
			continue
		}
		at := wholeWord(lower, k)
		if at < 0 {
			continue
		}
		if len(k) <= 3 && !strings.Contains(title, strings.ToUpper(k)) && wholeWord(title, k) < 0 {
			continue
		}
		switch {
		case len(k) > bestLen:
			best, bestLen, tie, written = r, len(k), false, k
		case !strings.EqualFold(r, best):
			tie = true
		}
	}
	if best == "" || tie {
		return "", "", false
	}
	return best, written, true
}

// wholeWord is the index of w in s where it stands as whole words, or -1.
func wholeWord(s, w string) int {
	for from := 0; from <= len(s)-len(w); {
		i := strings.Index(s[from:], w)
		if i < 0 {
			return -1
		}
		i += from
		before := i == 0 || !isWordByte(s[i-1])
		after := i+len(w) == len(s) || !isWordByte(s[i+len(w)])
		if before && after {
			return i
		}
		from = i + 1
	}
	return -1
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}
