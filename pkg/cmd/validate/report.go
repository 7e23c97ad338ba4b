package validate

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/output"
)

// githubCap is how many annotations of each severity GitHub Actions shows
// per step; the rest would be dropped silently, so they are counted instead.
const githubCap = 10

// report writes findings (already sorted by path and position) in a format.
func report(w io.Writer, format string, fs []record.Finding) error {
	bw := bufio.NewWriter(w)
	switch format {
	case FormatJSON:
		if fs == nil {
			fs = []record.Finding{}
		}
		enc := json.NewEncoder(bw)
		enc.SetIndent("", "  ")
		if err := enc.Encode(fs); err != nil {
			return err
		}
	case FormatGitHub:
		writeGitHub(bw, fs)
	default:
		writeText(bw, fs)
	}
	return bw.Flush()
}

// writeText prints "path:line:col: severity: message [rule]" and an indented
// hint, with a blank line between files. File names and messages quote
// what records hold, so each finding is made visible (output.Visible): a
// newline in a file name can never start a line of its own, such as a
// forged "::error" command for GitHub Actions.
func writeText(w io.Writer, fs []record.Finding) {
	for i, f := range fs {
		if i > 0 && fs[i-1].Path != f.Path {
			fmt.Fprintln(w)
		}
		fmt.Fprintln(w, output.Visible(f.String()))
		if f.Hint != "" {
			fmt.Fprintf(w, "    hint: %s\n", output.Visible(f.Hint))
		}
	}
}

// writeGitHub prints workflow commands that GitHub turns into annotations.
func writeGitHub(w io.Writer, fs []record.Finding) {
	shown := map[string]int{}
	hidden := map[string]int{}
	for _, f := range fs {
		if shown[f.Severity] >= githubCap {
			hidden[f.Severity]++
			continue
		}
		shown[f.Severity]++
		msg := f.Message
		if f.Hint != "" {
			msg += "\nhint: " + f.Hint
		}
		fmt.Fprintf(w, "::%s file=%s,line=%d,col=%d,title=%s::%s\n", f.Severity,
			escapeProperty(f.Path), f.Line, f.Col, escapeProperty("igf "+f.Rule), escapeData(msg))
	}
	if hidden[record.SeverityError]+hidden[record.SeverityWarning] > 0 {
		fmt.Fprintf(w, "::notice title=igf validate::%d more %s and %d more %s not annotated (GitHub shows %d of each per step); run igf validate for the full list\n",
			hidden[record.SeverityError], plural(hidden[record.SeverityError], "error", "errors"),
			hidden[record.SeverityWarning], plural(hidden[record.SeverityWarning], "warning", "warnings"), githubCap)
	}
}

// Escaping as the GitHub Actions toolkit does it (toolkit/packages/core/src/command.ts).
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
