package parse

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// The YAML parser reports where it gave up, which is often the start of the
// whole mapping or the end of the block, worded for YAML's authors. An
// editor needs the line that opened the broken construct — the unbalanced
// quote, the [ that starts a plain value, the list never closed, the list
// item without its space — and what to write instead. findSlip reads the
// front matter line by line, the way the common slips look, and is only
// consulted once the YAML parser has failed: it never makes valid YAML
// invalid.

// slip is the culprit of a YAML error: a 1-based line of the block and a
// 1-based column (in runes), what is wrong and how to fix it.
type slip struct {
	line, col int
	msg, hint string
}

// level is an open block collection: its indentation and whether it is a
// sequence ("- " items) or a mapping.
type level struct {
	indent int
	seq    bool
}

type slipFinder struct {
	lines []string
	found *slip

	levels []level
	// The previous content line opened a nested block ("key:" with no value,
	// or "- " with nothing after it).
	opened bool
	// Indentation of the key whose value is a plain scalar that may continue
	// on more deeply indented lines; -1 when none.
	plainKey int

	// A quoted scalar spanning lines: its quote, where it opened.
	quote               byte
	quoteLine, quoteCol int
	quoteIndent         int
	// Flow collections spanning lines: the openers, and the indentation of
	// the line they opened on.
	flow       []opener
	flowIndent int
	// A block scalar (| or >): the indentation its text must exceed.
	block int
}

type opener struct {
	c         byte
	line, col int
}

// findSlip returns the first slip in a front-matter block, or nil.
func findSlip(block []byte) *slip {
	text := strings.ReplaceAll(string(block), "\r\n", "\n")
	f := &slipFinder{lines: strings.Split(text, "\n"), plainKey: -1, block: -1}
	for i, line := range f.lines {
		if f.found != nil {
			return f.found
		}
		f.line(i+1, line)
	}
	if f.found == nil {
		switch {
		case f.quote != 0:
			f.report(f.quoteLine, f.quoteCol, "the quote opened here is never closed",
				fmt.Sprintf("end the value with %c on the line it starts", f.quote))
		case len(f.flow) > 0:
			o := f.flow[0]
			f.report(o.line, o.col, fmt.Sprintf("the %s opened here is never closed", flowName(o.c)),
				fmt.Sprintf("close it with %c at the end of the value", closer(o.c)))
		}
	}
	return f.found
}

func (f *slipFinder) report(line, col int, msg, hint string) {
	if f.found == nil {
		f.found = &slip{line: line, col: col, msg: msg, hint: hint}
	}
}

// col is the 1-based rune column of byte offset off in a line.
func col(line string, off int) int {
	off = min(max(off, 0), len(line))
	return 1 + utf8.RuneCountInString(line[:off])
}

func flowName(c byte) string {
	if c == '{' {
		return "mapping {"
	}
	return "list ["
}

func closer(c byte) byte {
	if c == '{' {
		return '}'
	}
	return ']'
}

func (f *slipFinder) line(n int, line string) {
	indent := len(line) - len(strings.TrimLeft(line, " "))
	rest := line[indent:]
	// Inside a block scalar: text, until a line indented no deeper than its key.
	if f.block >= 0 {
		if strings.TrimSpace(line) == "" {
			return
		}
		if indent > f.block {
			f.opened = false
			return
		}
		if f.opened && !looksLikeKey(rest) && !strings.HasPrefix(rest, "- ") {
			f.report(n, 1, "the text of a | or > block must be indented under its key",
				"indent the text by two spaces more than the key, or write the value on the key's line")
			return
		}
		f.block, f.opened = -1, false
	}
	// Inside a quoted scalar or a flow collection opened on an earlier line.
	if f.quote != 0 {
		if indent <= f.quoteIndent && looksLikeKey(rest) {
			f.report(f.quoteLine, f.quoteCol, "the quote opened here is never closed",
				fmt.Sprintf("end the value with %c on the line it starts", f.quote))
			return
		}
		end := closeQuote(line, 0, f.quote)
		if end < 0 {
			return
		}
		f.quote = 0
		f.after(n, line, end+1, f.quoteLine, f.quoteCol)
		return
	}
	if len(f.flow) > 0 {
		if indent <= f.flowIndent && looksLikeKey(rest) {
			o := f.flow[0]
			f.report(o.line, o.col, fmt.Sprintf("the %s opened here is never closed", flowName(o.c)),
				fmt.Sprintf("close it with %c before the next field", closer(o.c)))
			return
		}
		f.scanFlow(n, line, 0)
		return
	}
	trimmed := strings.TrimSpace(line)
	if trimmed == "" || strings.HasPrefix(trimmed, "#") || trimmed == "---" || trimmed == "..." {
		return
	}
	if t := strings.IndexByte(line, '\t'); t >= 0 && strings.TrimLeft(line[:t], " ") == "" {
		f.report(n, col(line, t), "a tab in the indentation: YAML indents with spaces only",
			"replace the tab with spaces, lined up with the fields above")
		return
	}
	opened := f.opened
	f.opened = false

	// Where the line sits among the open collections.
	popped := -1
	for len(f.levels) > 0 && f.levels[len(f.levels)-1].indent > indent {
		popped = f.levels[len(f.levels)-1].indent
		f.levels = f.levels[:len(f.levels)-1]
	}
	isItem := rest == "-" || strings.HasPrefix(rest, "- ")
	top := -1
	if len(f.levels) > 0 {
		top = f.levels[len(f.levels)-1].indent
	}
	switch {
	case top == indent:
		// A sibling; a "- " item may follow its key at the same indentation.
		if isItem && !f.levels[len(f.levels)-1].seq && !opened {
			f.report(n, indent+1, "a list item where a field belongs",
				"put the item under a key (attendees:) and indent it as the items above")
			return
		}
		if isItem && opened {
			f.levels = append(f.levels, level{indent, true})
		}
	case indent > top && popped > indent:
		f.report(n, indent+1, "this line is lined up with no field above it",
			fmt.Sprintf("indent it as its siblings, %d spaces in", popped))
		return
	case indent > top:
		if !opened && top >= 0 {
			if f.plainKey >= 0 && indent > f.plainKey && !looksLikeKey(rest) && !isItem {
				return // a plain value continued on the next line
			}
			where := fmt.Sprintf("%d spaces in", top)
			if top == 0 {
				where = "at the start of the line"
			}
			f.report(n, indent+1, "this line is indented deeper than the line above, as if it belonged to it",
				fmt.Sprintf("line it up with the field above (%s), or quote the value above if this is its text", where))
			return
		}
		f.levels = append(f.levels, level{indent, isItem})
	default:
		f.report(n, indent+1, "this line is lined up with no field above it",
			fmt.Sprintf("indent it as its siblings (%s)", indents(f.levels)))
		return
	}
	f.plainKey = -1

	off := indent
	for strings.HasPrefix(line[off:], "- ") || line[off:] == "-" {
		// A sequence item; "- key: value" opens a mapping inside it.
		off += 2
		for off < len(line) && line[off] == ' ' {
			off++
		}
		if off >= len(line) {
			f.opened = true
			return
		}
		f.levels = append(f.levels, level{off, strings.HasPrefix(line[off:], "- ")})
	}
	rest = line[off:]
	if rest != "" && rest[0] == '-' && len(rest) > 1 && rest[1] != ' ' && (isAlnum(rest[1]) || rest[1] == '"' || rest[1] == '\'' || rest[1] == '[') &&
		(f.seqAt(indent) || opened) {
		f.report(n, off+1, fmt.Sprintf("%q is not a list item: a space must follow the dash", short(rest)),
			"write - "+rest[1:])
		return
	}
	key, value, ok := splitKey(rest)
	if !ok {
		if off > indent {
			f.value(n, line, off, "") // a sequence item's value
			return
		}
		if m := missingSpace(rest); m > 0 {
			f.report(n, off+m+1, fmt.Sprintf("no space after the colon of %q", rest[:m]),
				fmt.Sprintf("write %s: %s", rest[:m], rest[m+1:]))
			return
		}
		f.report(n, off+1, fmt.Sprintf("%q is not a field: a field is written key: value", short(rest)),
			"add the colon after the field's name (title: ...), or indent the line if it continues the value above")
		return
	}
	vstart := off + len(key) + 1
	for vstart < len(line) && line[vstart] == ' ' {
		vstart++
	}
	if strings.TrimSpace(value) == "" || strings.HasPrefix(strings.TrimSpace(value), "#") {
		f.opened = true
		return
	}
	f.value(n, line, vstart, key)
}

// value checks a field's value starting at byte off of the line.
func (f *slipFinder) value(n int, line string, off int, key string) {
	v := line[off:]
	quoteIt := func(s string) string {
		q := `"` + strings.ReplaceAll(strings.TrimSpace(s), `"`, `\"`) + `"`
		if key != "" {
			return "quote the value: " + key + ": " + q
		}
		return "quote the value: " + q
	}
	switch c := v[0]; c {
	case '\'', '"':
		end := closeQuote(line, off+1, c)
		if end < 0 {
			if c == '"' {
				if bad := badEscape(line, off+1, len(line)); bad >= 0 {
					f.badEscape(n, line, bad)
					return
				}
			}
			f.quote, f.quoteLine, f.quoteCol = c, n, col(line, off)
			f.quoteIndent = len(line) - len(strings.TrimLeft(line, " "))
			return
		}
		if c == '"' {
			if bad := badEscape(line, off+1, end); bad >= 0 {
				f.badEscape(n, line, bad)
				return
			}
		}
		f.after(n, line, end+1, n, col(line, off))
	case '[', '{':
		f.flowIndent = len(line) - len(strings.TrimLeft(line, " "))
		f.scanFlow(n, line, off)
	case '@':
		hint := quoteIt(v)
		if key == "owners" || isPeopleField(key) {
			hint = fmt.Sprintf("front matter names people without @: %s: [%s]", key, strings.TrimPrefix(strings.TrimSpace(v), "@"))
		}
		f.report(n, col(line, off), "a value cannot start with @ in YAML", hint)
	case '`':
		f.report(n, col(line, off), "a value cannot start with ` in YAML", quoteIt(v))
	case '%':
		f.report(n, col(line, off), "a value cannot start with % in YAML", quoteIt(v))
	case '*':
		f.report(n, col(line, off), "a value starting with * is read as a YAML alias", quoteIt(v))
	case '|', '>':
		if strings.TrimRight(strings.TrimLeft(strings.Fields(v)[0], "|>"), "+-0123456789") == "" {
			f.block = len(line) - len(strings.TrimLeft(line, " "))
			f.opened = true
			return
		}
		f.report(n, col(line, off), fmt.Sprintf("a value cannot start with %c unless it opens a block of text", c), quoteIt(v))
	default:
		if i := strings.Index(v, " #"); i >= 0 {
			v = v[:i] // a comment
		}
		if i := strings.Index(v, ": "); i >= 0 || strings.HasSuffix(v, ":") {
			if i < 0 {
				i = len(v) - 1
			}
			f.report(n, col(line, off+i), "a colon and a space inside a value start a new field",
				quoteIt(v))
			return
		}
		f.plainKey = len(line) - len(strings.TrimLeft(line, " "))
	}
}

// after checks what follows a closed quoted value: only a comment may.
func (f *slipFinder) after(n int, line string, end, openLine, openCol int) {
	tail := strings.TrimSpace(line[end:])
	if tail == "" || strings.HasPrefix(tail, "#") || tail[0] == ',' || tail[0] == ']' || tail[0] == '}' || tail[0] == ':' {
		if tail != "" && (tail[0] == ',' || tail[0] == ']' || tail[0] == '}') && len(f.flow) > 0 {
			f.scanFlow(n, line, end)
		}
		return
	}
	if looksLikeKey(tail) {
		key, _, _ := splitKey(tail)
		f.report(n, col(line, strings.Index(line[end:], tail)+end), fmt.Sprintf("a second field, %s, on the same line", key),
			fmt.Sprintf("put %s: on a line of its own", key))
		return
	}
	q := line[end-1]
	// The quote that ended the value early; the value as written.
	whole := line[col0(line, openLine, n, openCol):]
	inner := strings.TrimSpace(whole)
	if len(inner) >= 2 && inner[len(inner)-1] == q {
		inner = inner[1 : len(inner)-1]
	} else if len(inner) >= 1 {
		inner = inner[1:]
	}
	hint := fmt.Sprintf("write the value in double quotes: \"%s\"", inner)
	if q == '\'' && strings.Contains(inner, `"`) {
		hint = fmt.Sprintf("double the quote inside: '%s'", strings.ReplaceAll(inner, "'", "''"))
	} else if q == '"' {
		hint = fmt.Sprintf("write the value in single quotes, '%s', or put \\ before each inner \"", strings.ReplaceAll(inner, "'", "''"))
	}
	f.report(n, col(line, end-1), "a quote inside a quoted value ends it early", hint)
}

// col0 is the byte offset of the opening quote when it is on this line, else 0.
func col0(line string, openLine, n, openCol int) int {
	if openLine != n {
		return 0
	}
	off := 0
	for c := 1; c < openCol && off < len(line); c++ {
		_, size := utf8.DecodeRuneInString(line[off:])
		off += size
	}
	return off
}

// scanFlow follows brackets and quotes of a flow collection from byte off.
func (f *slipFinder) scanFlow(n int, line string, off int) {
	for i := off; i < len(line); i++ {
		switch c := line[i]; c {
		case '[', '{':
			f.flow = append(f.flow, opener{c, n, col(line, i)})
		case ']', '}':
			if len(f.flow) == 0 || closer(f.flow[len(f.flow)-1].c) != c {
				f.report(n, col(line, i), fmt.Sprintf("this %c closes no %s", c, map[byte]string{']': "list [", '}': "mapping {"}[c]),
					"remove it, or quote the value if the brackets are part of the text")
				return
			}
			first := f.flow[0]
			f.flow = f.flow[:len(f.flow)-1]
			if len(f.flow) == 0 {
				tail := strings.TrimSpace(line[i+1:])
				v := strings.TrimSpace(line[col0(line, first.line, n, first.col):])
				switch {
				case tail == "" || strings.HasPrefix(tail, "#"):
				case tail[0] == ']' || tail[0] == '}':
					at := i + 1 + strings.Index(line[i+1:], tail[:1])
					f.report(n, col(line, at), fmt.Sprintf("this %c closes no %s", tail[0], flowName(map[byte]byte{']': '[', '}': '{'}[tail[0]])),
						"remove it")
				case tail[0] == ',' && first.c == '[':
					f.report(first.line, first.col, "a field holds one list, and a second one follows it",
						"write one list: ["+strings.Join(listItems(v), ", ")+"]")
				default:
					f.report(first.line, first.col, fmt.Sprintf("a value starting with %c is read as a %s, and text follows it", first.c, strings.Fields(flowName(first.c))[0]),
						fmt.Sprintf("quote the value: \"%s\"", strings.ReplaceAll(v, `"`, `\"`)))
				}
				return
			}
		case '\'', '"':
			// A quote opens a scalar only where one starts: an apostrophe
			// inside a plain scalar (Secretary-General's) is text.
			if prev := strings.TrimRight(line[:i], " "); prev != "" && !strings.ContainsRune("[{,:", rune(prev[len(prev)-1])) {
				continue
			}
			end := closeQuote(line, i+1, c)
			if end < 0 {
				f.quote, f.quoteLine, f.quoteCol = c, n, col(line, i)
				f.quoteIndent = f.flowIndent
				return
			}
			i = end
		case '#':
			if i == 0 || line[i-1] == ' ' {
				return
			}
		}
	}
}

// listItems are the items of "[a, b], [c]" as written, brackets dropped.
func listItems(v string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == '[' || r == ']' }) {
		if part = strings.TrimSpace(part); part != "" && !strings.HasPrefix(part, "#") {
			out = append(out, part)
		}
	}
	return out
}

// closeQuote finds the byte offset of the quote closing a scalar opened
// before from, or -1. In single quotes ” is a quote; in double, \ escapes.
func closeQuote(line string, from int, q byte) int {
	for i := from; i < len(line); i++ {
		switch {
		case q == '"' && line[i] == '\\':
			i++
		case line[i] == q:
			if q == '\'' && i+1 < len(line) && line[i+1] == '\'' {
				i++
				continue
			}
			return i
		}
	}
	return -1
}

// badEscape finds a backslash escape YAML's double quotes do not know.
func badEscape(line string, from, to int) int {
	for i := from; i < to && i < len(line); i++ {
		if line[i] != '\\' {
			continue
		}
		if i+1 >= len(line) || !strings.ContainsRune(`0abt	nvfre "/\N_LPxuU`, rune(line[i+1])) {
			return i
		}
		i++
	}
	return -1
}

func (f *slipFinder) badEscape(n int, line string, at int) {
	esc := line[at:min(at+2, len(line))]
	f.report(n, col(line, at), fmt.Sprintf("%s is not an escape YAML knows inside double quotes", esc),
		`write \\ for a backslash, or put the value in single quotes`)
}

// splitKey splits "key: value" (or "key:"), the key a plain word.
func splitKey(rest string) (key, value string, ok bool) {
	if rest == "" || strings.ContainsRune("'\"[{#&*!|>%@`", rune(rest[0])) {
		return "", "", false
	}
	for i := 0; i < len(rest); i++ {
		if rest[i] == ':' && (i+1 == len(rest) || rest[i+1] == ' ') {
			return rest[:i], rest[i+1:], i > 0
		}
		if rest[i] == ' ' && i+1 < len(rest) && rest[i+1] == '#' {
			break
		}
	}
	return "", "", false
}

// looksLikeKey reports whether a line starts a field: "key:" or "key: ...".
func looksLikeKey(rest string) bool {
	key, _, ok := splitKey(rest)
	return ok && !strings.ContainsAny(key, " ,[]{}")
}

// missingSpace finds "key:value": the offset of the colon, or 0.
func missingSpace(rest string) int {
	i := 0
	for i < len(rest) && (isAlnum(rest[i]) || rest[i] == '_' || rest[i] == '-') {
		i++
	}
	if i > 0 && i+1 < len(rest) && rest[i] == ':' && rest[i+1] != ' ' && rest[i+1] != '/' {
		return i
	}
	return 0
}

// seqAt reports whether a sequence is open at this indentation.
func (f *slipFinder) seqAt(indent int) bool {
	for _, l := range f.levels {
		if l.indent == indent && l.seq {
			return true
		}
	}
	return false
}

func indents(levels []level) string {
	var parts []string
	for _, l := range levels {
		parts = append(parts, fmt.Sprintf("%d spaces", l.indent))
	}
	if len(parts) == 0 {
		return "no spaces"
	}
	return strings.Join(parts, ", or ")
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

var peopleFields = map[string]bool{"chair": true, "moderators": true, "host": true, "attendees": true, "regrets": true,
	"advisors": true, "secretariat": true, "speakers": true, "organisers": true, "rapporteur": true,
	"expected": true}

func isPeopleField(key string) bool { return peopleFields[key] }

func short(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:37]) + "..."
	}
	return s
}
