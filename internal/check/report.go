package check

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/output"
)

// githubCap is how many annotations of each severity GitHub Actions shows
// per step; the rest would be dropped silently, so they are counted instead.
const githubCap = 10

// report writes findings (already sorted by path and position) in a
// format; text shows at most perRule findings of each rule (0: all).
func report(w io.Writer, format string, fs []record.Finding, perRule int) error {
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
		writeText(bw, fs, perRule)
	}
	return bw.Flush()
}

// writeText prints "path:line:col: severity: message [rule]" and an indented
// hint, with a blank line between files. File names and messages quote
// what records hold, so each finding is made visible (output.Visible): a
// newline in a file name can never start a line of its own, such as a
// forged "::error" command for GitHub Actions.
//
// A rule that fires more than perRule times shows its first perRule
// findings, in path order, and a closing line counts the rest; a hint the
// finding above gave already is not repeated.
func writeText(w io.Writer, fs []record.Finding, perRule int) {
	shown := map[string]int{}
	var capped []string
	last, lastHint, hinted := "", "", false
	for _, f := range fs {
		if perRule > 0 && shown[f.Rule] >= perRule {
			if shown[f.Rule] == perRule {
				capped = append(capped, f.Rule)
			}
			shown[f.Rule]++
			continue
		}
		shown[f.Rule]++
		// The same hint as the finding just above is said once; files are
		// apart by a blank line, unless both are one line each.
		hint := f.Hint != "" && f.Hint != lastHint
		if last != "" && last != f.Path && (hint || hinted) {
			fmt.Fprintln(w)
		}
		last, lastHint, hinted = f.Path, f.Hint, hint
		fmt.Fprintln(w, output.Visible(f.String()))
		if hint {
			fmt.Fprintf(w, "    hint: %s\n", output.Visible(f.Hint))
		}
	}
	if len(capped) > 0 {
		fmt.Fprintln(w)
	}
	for _, rule := range capped {
		fmt.Fprintf(w, "… and %d more `%s` (--max-per-rule 0 shows all)\n", shown[rule]-perRule, rule)
	}
}

// byRule is the closing count of findings by rule, most frequent first:
// "by rule: 400 no-front-matter, 2 unknown-owner"; "" when there are none.
func byRule(fs []record.Finding) string {
	n := map[string]int{}
	for _, f := range fs {
		n[f.Rule]++
	}
	if len(n) == 0 {
		return ""
	}
	rules := make([]string, 0, len(n))
	for r := range n {
		rules = append(rules, r)
	}
	sort.Slice(rules, func(i, j int) bool {
		if n[rules[i]] != n[rules[j]] {
			return n[rules[i]] > n[rules[j]]
		}
		return rules[i] < rules[j]
	})
	parts := make([]string, len(rules))
	for i, r := range rules {
		parts[i] = fmt.Sprintf("%d %s", n[r], r)
	}
	return "by rule: " + strings.Join(parts, ", ")
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
