package cmdutil

import (
	"fmt"
	"io"
	"strings"

	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/render"
)

// LinkOptions are the render options for --link-base and a target file:
// links relative to the file inside the repository, none (with a note) for a
// file outside it, where they would point into this machine's files.
func LinkOptions(linkBase, root, path string) (render.Options, error) {
	if linkBase != "" {
		if err := render.CheckLinkBase(linkBase); err != nil {
			return render.Options{}, FlagError("%v", err)
		}
		if !strings.HasSuffix(linkBase, "/") {
			linkBase += "/"
		}
		return render.Options{LinkBase: linkBase}, nil
	}
	base, inside := render.RelativeBase(root, path)
	return render.Options{LinkBase: base, NoLinks: !inside}, nil
}

// NoteNoLinks says on stderr that a file gets no record links, and why.
func NoteNoLinks(w io.Writer, o render.Options, path string) {
	if o.NoLinks {
		fmt.Fprintf(w, "note: %s is outside the repository, so its IDs are not linked to their records (a relative link would point into this machine's files); --link-base https://github.com/ORG/REPO/blob/main/ links them\n", path)
	}
}

// NoteDayless says on stderr which meetings a calendar leaves out because
// their records do not give the day: an event on the first day of a year
// or a month-long event would invent a date.
func NoteDayless(w io.Writer, meetings []*record.Record) {
	if len(meetings) == 0 {
		return
	}
	var ids []string
	for _, r := range meetings {
		ids = append(ids, r.ID+" ("+r.Date.Human()+")")
	}
	what := "1 meeting whose day is not recorded is"
	if len(ids) > 1 {
		what = fmt.Sprintf("%d meetings whose day is not recorded are", len(ids))
	}
	fmt.Fprintf(w, "note: %s not on the calendar: %s\n", what, strings.Join(ids, ", "))
}

// InBodies reports whether body is one of want (all when want is empty).
func InBodies(s *record.Set, body string, want []string) bool {
	if len(want) == 0 {
		return true
	}
	for _, w := range want {
		if strings.EqualFold(s.Canonical(w), s.Canonical(body)) {
			return true
		}
	}
	return false
}
