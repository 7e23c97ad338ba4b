package render

import (
	"fmt"
	"strings"

	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/core/report"
)

// notIncludedLead says, in a sentence, what a document lacks.
func notIncludedLead(os []record.Omission, what string) string {
	files, holds := "1 record file", "it holds"
	if len(os) != 1 {
		files, holds = fmt.Sprintf("%d record files", len(os)), "they hold"
	}
	return fmt.Sprintf("igf could not read %s in full, so this %s lacks what %s; igf validate says what is wrong and how to fix it.", files, what, holds)
}

// omissionWhat is "left out" or "read in part", with the count of further errors.
func omissionWhat(o record.Omission) string {
	s := "left out"
	if !o.Whole {
		s = "read in part"
	}
	switch {
	case o.More == 1:
		s += ", 1 more error"
	case o.More > 1:
		s += fmt.Sprintf(", %d more errors", o.More)
	}
	return s
}

// NotIncludedMarkdown is a document's "Not included" section in Markdown,
// each file linked at the line of its first error, without a final line
// end; "" when nothing is left out.
func (o Options) NotIncludedMarkdown(os []record.Omission, what string) string {
	if len(os) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("## Not included\n\n**" + Markdown(notIncludedLead(os, what)) + "**\n\n")
	for _, m := range os {
		at := Markdown(fmt.Sprintf("%s:%d:%d", m.Path, m.Line, m.Col))
		if u := o.LinkURL(report.Link{Path: m.Path, Line: m.Line}); u != "" {
			at = "[" + at + "](" + u + ")"
		}
		fmt.Fprintf(&b, "- %s (%s): %s\n", at, omissionWhat(m), Markdown(m.Reason))
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// NotIncludedLines are the "Not included" notes in plain text, one per file,
// for formats without sections (calendars, chart comments).
func NotIncludedLines(os []record.Omission) []string {
	out := make([]string, len(os))
	for i, o := range os {
		out[i] = o.String()
	}
	return out
}

// MadeFrom says in a sentence what a document was made from: "the records
// in the working tree, as committed in 1a2b3c4 (2 January 2024); today
// taken as 15 April 2024; igf v1.2.0".
func MadeFrom(p report.Provenance, today dates.Date) string {
	var s string
	day := p.CommitDate.Human()
	switch {
	case p.Reading == report.ReadRevision:
		s = fmt.Sprintf("the records as committed in %s on %s, read with --at %s", p.Commit, day, p.At)
	case p.Reading == report.ReadAsOf:
		as := p.AsOf
		if d, err := dates.Parse(p.AsOf); err == nil {
			as = dates.OfTime(d.End).Human()
		}
		s = fmt.Sprintf("the records as they stood at the end of %s (--as-of %s): commit %s of %s", as, p.AsOf, p.Commit, day)
	case p.Commit == "" && p.GitError != "":
		s = "the records in the working tree; the commit they are those of could not be read from git (" + p.GitError + ")"
	case p.Commit == "":
		s = "the records in the working tree (not in a git repository, or before its first commit)"
	case p.Uncommitted == nil:
		s = fmt.Sprintf("the records in the working tree at commit %s of %s; whether they have uncommitted changes could not be told", p.Commit, day)
	case *p.Uncommitted:
		s = fmt.Sprintf("the records in the working tree: commit %s of %s, with uncommitted changes", p.Commit, day)
	default:
		s = fmt.Sprintf("the records in the working tree, as committed in %s on %s (no uncommitted changes)", p.Commit, day)
	}
	switch {
	case p.Commit != "" && p.GitError != "":
		s += "; whether a commit before it last changed them could not be read from git (" + p.GitError + ")"
	case p.CommitMayBeEarlier:
		s += "; they may be older than that commit: the history before it was not read (a shallow clone, or 10,000 commits without a change to them)"
	}
	if !today.IsZero() {
		s += "; today taken as " + today.Human()
	}
	if p.Version != "" {
		s += "; igf " + p.Version
	}
	return s
}
