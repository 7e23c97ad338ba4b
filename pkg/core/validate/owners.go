package validate

import (
	"fmt"
	"strings"

	"github.com/igf-records/igf/pkg/core/record"
)

// ownerToken is how an owner is written after @: @LF, or @"Lise Fuhr" for a
// name with spaces.
func ownerToken(o string) string {
	if strings.ContainsAny(o, " \t") {
		return `@"` + o
	}
	return "@" + o
}

// spacedOwner reports an unknown owner that is the first word of a
// registry name written with spaces after @ ("@Lise Fuhr" reads as the
// owner Lise): the hint names the quoted form and the ID. It reports
// whether it did.
func (c *checker) spacedOwner(r *record.Record, p record.Pos, owner string) bool {
	if c.noNames || strings.ContainsAny(owner, " \t") {
		return false
	}
	if _, ok := c.s.Resolve(owner); ok {
		return false
	}
	line := lineAt(r, p.Line)
	_, after, ok := strings.Cut(line, "@"+owner)
	if !ok {
		return false
	}
	words := strings.Fields(after)
	for n := min(3, len(words)); n > 0; n-- {
		name := owner + " " + strings.TrimRight(strings.Join(words[:n], " "), ".,;:)")
		if ref, ok := c.s.Resolve(name); ok {
			c.errAt(r.Path, p, RuleUnknownOwner,
				fmt.Sprintf("unknown owner %q: the owner ends at the space, so \"@%s\" is read as @%s", owner, name, owner),
				fmt.Sprintf(`write a name with spaces in quotes, @"%s", or the registry ID, @%s`, name, ref))
			return true
		}
	}
	return false
}

// lineAt is the text of a file line in the record's body, or "".
func lineAt(r *record.Record, line int) string {
	if line < r.BodyLine {
		return ""
	}
	text := r.Text
	for l := r.BodyLine; l < line; l++ {
		i := strings.IndexByte(text, '\n')
		if i < 0 {
			return ""
		}
		text = text[i+1:]
	}
	if i := strings.IndexByte(text, '\n'); i >= 0 {
		text = text[:i]
	}
	return text
}
