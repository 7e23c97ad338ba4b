package validate

import (
	"fmt"
	"strings"

	"github.com/igf-records/igf/pkg/core/record"
)

// IDs become parts of file names and links (record.CheckID): every ID a
// record defines is held to the grammar, the registry's people and bodies
// included, so that no ID from the data can lead a path out of records/
// ("../../outside") or pass for another ID (a look-alike letter).

// badID reports an invalid record or item ID: record.CheckID's grammar, in
// lower case.
func badID(id string) (msg, hint string, bad bool) {
	if nonASCII(id) || strings.Contains(id, "..") {
		msg, hint = record.CheckID(id)
		if ascii, ok := record.Lookalike(id); ok && nonASCII(id) {
			hint = "IDs are ASCII only, so that no ID can pass for another: write " + strings.ToLower(ascii)
		}
		return msg, hint, true
	}
	if !itemID.MatchString(id) {
		return fmt.Sprintf("%q is not a valid ID", id), definitionHints["id"], true
	}
	return "", "", false
}

func nonASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return true
		}
	}
	return false
}

// idFindings checks the IDs the schema's pattern lets through: a record ID
// with "..", and the IDs of the registry's people and bodies, which keep
// the case they are written in (LP, WG-Strategy) but not any character.
func idFindings(r *record.Record) []record.Finding {
	var out []record.Finding
	// (The schema's pattern refuses the rest of a bad record ID.)
	if strings.Contains(r.ID, "..") && itemID.MatchString(r.ID) {
		msg, hint := record.CheckID(r.ID)
		out = append(out, record.At(r.Path, r.FieldAt("/id"), RuleIDFormat, msg, hint))
	}
	if r.Registry == nil {
		return out
	}
	check := func(kind string, i int, id string) {
		if id == "" {
			return
		}
		if msg, hint := record.CheckID(id); msg != "" {
			out = append(out, record.At(r.Path, r.FieldAt(fmt.Sprintf("/%s/%d/id", kind, i)), RuleIDFormat,
				fmt.Sprintf("registry ID: %s", msg), hint))
		}
	}
	for i, p := range r.Registry.People {
		check("people", i, p.ID)
	}
	for i, b := range r.Registry.Bodies {
		check("bodies", i, b.ID)
	}
	return out
}
