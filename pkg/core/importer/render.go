package importer

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/igf-records/igf/pkg/core/record"
)

var bom = []byte("\xef\xbb\xbf")

// Restated is the sentence that introduces the items import adds below the
// original text; records made by hand say the same in their own words.
const Restated = "Restated by igf import from the text above; owners and due dates are those the text gives, TBD where it gives none."

// render writes the record: front matter with what was inferred (and, as
// comments, what was not), the original bytes unchanged, then the action
// items and decisions as tracked items.
func render(p *Proposal, original []byte) []byte {
	nl := "\n"
	if bytes.Contains(original, []byte("\r\n")) {
		nl = "\r\n"
	}
	var b bytes.Buffer
	body := original
	if bytes.HasPrefix(body, bom) {
		// A byte-order mark belongs at the start of the file.
		b.Write(bom)
		body = body[len(bom):]
	}
	line := func(format string, args ...any) {
		b.WriteString(fmt.Sprintf(format, args...))
		b.WriteString(nl)
	}
	line("---")
	line("id: %s", p.ID)
	line("type: meeting")
	line("title: %s", scalar(p.Title))
	line("body: %s", scalar(p.Body))
	line("date: %q", p.Date)
	if p.Time != "" {
		line("time: %q", p.Time)
	}
	line("attendees: %s", flow(p.Attendees))
	line("regrets: %s", flow(p.Regrets))
	line("sources:")
	line("  - title: %s", scalar(p.Source))
	line("    note: %s", scalar("imported by igf import; sha256 "+p.Hash))
	for _, m := range p.Unmatched {
		if m.Role == "owner" {
			continue // said with the action
		}
		line("# igf import: %q (line %d) is not in the registry, so not listed in %s", comment(m.Written), m.Line, m.Role)
	}
	for _, n := range p.Missed {
		if n.Line > 0 {
			line("# igf import: line %d: %s", n.Line, comment(n.What))
		} else {
			line("# igf import: %s", comment(n.What))
		}
	}
	line("---")
	b.Write(complete(body, p.Actions))
	restated := 0
	for _, a := range p.Actions {
		if !a.InPlace {
			restated++
		}
	}
	if restated == 0 && len(p.Decisions) == 0 {
		return b.Bytes()
	}
	if len(body) > 0 && body[len(body)-1] != '\n' {
		b.WriteString(nl)
	}
	if len(p.Decisions) > 0 {
		line("")
		line("## Decisions")
		line("")
		line("*%s*", Restated)
		line("")
		for _, d := range p.Decisions {
			line("- %s {#%s}", leading(d.Title), d.ID)
		}
	}
	if restated > 0 {
		line("")
		line("## Action items")
		line("")
		line("*%s*", Restated)
		line("")
		for _, a := range p.Actions {
			if a.InPlace {
				continue
			}
			var tokens []string
			for _, o := range a.Owners {
				tokens = append(tokens, "@"+o)
			}
			tokens = append(tokens, "due:"+a.Due, "{#"+a.ID+"}")
			line("- [ ] %s %s", a.Title, strings.Join(tokens, " "))
		}
	}
	return b.Bytes()
}

// scalar writes a string as YAML would, quoting only when it must.
func scalar(s string) string {
	out, err := yaml.Marshal(s)
	if err != nil {
		return fmt.Sprintf("%q", s)
	}
	out = bytes.TrimSuffix(out, []byte("\n"))
	if bytes.ContainsAny(out, "\n") {
		return fmt.Sprintf("%q", s)
	}
	return string(out)
}

// flow writes a list of refs as [A, B]; refs are registry IDs, names
// without blanks, or quoted when YAML needs it.
func flow(refs []string) string {
	out := make([]string, len(refs))
	for i, r := range refs {
		if strings.ContainsAny(r, ",[]{}:#&*!|>'\"%@` ") {
			out[i] = fmt.Sprintf("%q", r)
		} else {
			out[i] = r
		}
	}
	return "[" + strings.Join(out, ", ") + "]"
}

// comment keeps a note on one comment line.
func comment(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// PersonYAML writes a proposed registry entry as the registry's people list
// holds it, indented by indent spaces before the dash.
func PersonYAML(p *record.Person, indent int, nl string) string {
	pad := strings.Repeat(" ", indent)
	var b strings.Builder
	b.WriteString(pad + "- id: " + scalar(p.ID) + nl)
	if p.Name != "" {
		b.WriteString(pad + "  name: " + scalar(p.Name) + nl)
	}
	if p.Initials != "" {
		b.WriteString(pad + "  initials: " + scalar(p.Initials) + nl)
	}
	if len(p.Aliases) > 0 {
		b.WriteString(pad + "  aliases: " + flow(p.Aliases) + nl)
	}
	if p.Expanded != nil {
		b.WriteString(fmt.Sprintf("%s  expanded: %v%s", pad, *p.Expanded, nl))
	}
	if p.Note != "" {
		b.WriteString(pad + "  note: " + scalar(p.Note) + nl)
	}
	return b.String()
}

var (
	blockStart = regexp.MustCompile(`^[#>+*=|~<\-\[]`)
	listStart  = regexp.MustCompile(`^(\d+)([.)])`)
)

// leading escapes what would make a list item's text start a block of its
// own (a heading, a quote, HTML, a nested list) or read as a task box, or a
// near miss of one ("[]"), instead of a paragraph.
func leading(title string) string {
	if m := listStart.FindStringSubmatchIndex(title); m != nil {
		return title[:m[3]] + "\\" + title[m[3]:]
	}
	if blockStart.MatchString(title) {
		return "\\" + title
	}
	return title
}

// complete writes the owner, due and ID tokens of the text's own task items
// at the end of each one's first line; every other byte stays.
func complete(body []byte, actions []Action) []byte {
	var out []byte
	last := 0
	for _, a := range actions {
		if !a.InPlace {
			continue
		}
		var tokens []string
		if !strings.Contains(" "+string(body[lineStart(body, a.at):a.at]), " @") {
			for _, o := range a.Owners {
				tokens = append(tokens, "@"+o)
			}
		}
		if !strings.Contains(string(body[lineStart(body, a.at):a.at]), "due:") {
			tokens = append(tokens, "due:"+a.Due)
		}
		tokens = append(tokens, "{#"+a.ID+"}")
		out = append(out, body[last:a.at]...)
		out = append(out, " "+strings.Join(tokens, " ")...)
		last = a.at
	}
	if out == nil {
		return body
	}
	return append(out, body[last:]...)
}

func lineStart(b []byte, at int) int { return bytes.LastIndexByte(b[:at], '\n') + 1 }
