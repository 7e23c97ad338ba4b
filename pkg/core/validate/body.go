package validate

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"

	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/parse"
	"github.com/igf-records/igf/pkg/core/record"
)

// Rules of the body lint: near-misses of the item syntax.
const (
	RuleTaskSyntax    = "task-syntax"
	RuleTokenSyntax   = "token-syntax"
	RuleUntrackedItem = "untracked-item"
	RuleOpenWithDone  = "open-with-done"
)

var (
	// actionPrefix is a line written as a note-taker's action marker:
	// ACTION:, Action item for GS:, **Action 12.3:**, AI:.
	actionPrefix = regexp.MustCompile(`^(?:\*\*|__|\*|_)?(?:ACTIONS?|Actions?|AI)(?:\s+(?:ITEMS?|POINTS?|[Ii]tems?|[Pp]oints?))?(?:\s+\d+(?:\.\d+)*)?(?:\s+(?:for|on)\s+[^:\n]{1,40}?)?\s*(?:\*\*|__|\*|_)?\s*:`)
	// actionTag is a bracketed marker: [ACTION], (Action item).
	actionTag = regexp.MustCompile(`^(?:\*\*|__)?[\[(](?:ACTION|Action|AI)(?:\s+(?:ITEMS?|[Ii]tems?))?[\])]`)
	// actionLabel is a line that only introduces a list of actions: "Actions:".
	actionLabel = regexp.MustCompile(`^(?:\*\*|__)?(?:ACTIONS?|Actions?|ACTION\s+ITEMS|Action\s+[Ii]tems|Action\s+[Pp]oints|ACTION\s+POINTS)\s*(?:\*\*|__)?\s*:?\s*(?:\*\*|__)?$`)
	// actionHeading names a section that lists action items.
	actionHeading = regexp.MustCompile(`(?i)\baction(?:s|\s+items?|\s+points?)?\b`)
	// decisionHeading names a section of decisions only ("Decisions",
	// "Key decisions taken"), not "decision-making bodies" or a mixed one.
	decisionHeading = regexp.MustCompile(`(?i)^[\s\d.)]*(?:(?:key|main|summary\s+of(?:\s+the)?)\s+)?(?:decisions?|agreements?|resolutions?)(?:\s+(?:taken|made|adopted|agreed|reached))?\s*:?$`)
	// deadline is "X to do Y by DATE": someone, to/will, a verb, then "by" and a date.
	deadline = regexp.MustCompile(`(?i)\b(?:to|will|shall|should|must)\s+\w+\b.*\bby\s+(?:the\s+)?(?:end\s+of\s+(?:the\s+)?|mid-?\s*|early\s+|late\s+|this\s+|next\s+|coming\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|\d{4}|\d{1,2}[/.]\d{1,2}|q[1-4]|monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|week|month|year|cob|eod|close\s+of\s+business|(?:next\s+)?meeting)\b`)

	// A line shaped as a task item, a marker and a checkbox.
	taskLine = regexp.MustCompile(`^(?:[-*+]|\d{1,9}[.)])[ \t]+\[[ xX]\](?:[ \t]|$)`)
	// A list marker glued to the checkbox: -[ ].
	gluedMarker = regexp.MustCompile(`^(?:[-*+]|\d{1,9}[.)])\[[ xX]?\]`)
	// A checkbox with no list marker: [ ] text.
	bareBox = regexp.MustCompile(`^\[[ xX]\](?:[ \t]|$)`)
	// What people put in brackets for a checkbox: [], [o], [ x], [✓].
	oddBox = regexp.MustCompile(`^\[([ xXoOvV✓✔✗✘☐☑☒/*+?.-]{0,3})\](?:[ \t]|$)`)
	// A token key, in any case.
	tokenKey = regexp.MustCompile(`^(?i)(due|done|start|milestone|visibility)(:|=)(.*)$`)
)

type section uint8

const (
	sectionOther section = iota
	sectionActions
	sectionDecisions
)

// quiet marks what an item's near-miss finding already says, so the generic
// rule (missing-id, action-no-due, action-no-owner) does not say it again.
type quiet struct{ id, due, owner bool }

// bodyLint walks a record's Markdown once for text that would be lost or
// misread: near-misses of the task and token syntax, items written where
// they are not tracked, and text that reads as an action but is not one.
// Code blocks, HTML blocks and block quotes are quotations, not the
// record's own words, and are skipped.
type bodyLint struct {
	r       *record.Record
	src     []byte
	out     []record.Finding
	ids     *idSuggester
	quiet   map[record.Pos]quiet // by the position parse gives the item
	section section
	heading string
	label   bool // the previous block was an "Actions:" label
}

func newBodyLint(r *record.Record, ids *idSuggester) *bodyLint {
	return &bodyLint{r: r, ids: ids, quiet: map[record.Pos]quiet{}}
}

// run lints a body already parsed (doc may be nil: the body is parsed here).
func (l *bodyLint) run(doc ast.Node) {
	r := l.r
	if r.Type == record.TypeRegistry || r.Text == "" {
		return
	}
	l.src = []byte(r.Text)
	if doc == nil {
		doc = parse.Body(l.src)
	}
	l.blocks(doc, nil)
}

// itemCtx is what a list item knows of the item it is nested in.
type itemCtx struct {
	tracked bool // the parent is an action or a decision
	lead    bool // the parent introduces a list ("the Panel decided the following:")
}

func (l *bodyLint) blocks(n ast.Node, parent *itemCtx) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		label := l.label
		l.label = false
		switch t := c.(type) {
		case *ast.Heading:
			text := string(lineText(t, l.src))
			l.heading = text
			switch {
			case actionHeading.MatchString(text):
				l.section = sectionActions
			case decisionHeading.MatchString(text):
				l.section = sectionDecisions
			default:
				l.section = sectionOther
			}
		case *ast.Blockquote, *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
		case *ast.List:
			for li := t.FirstChild(); li != nil; li = li.NextSibling() {
				if item, ok := li.(*ast.ListItem); ok {
					l.item(item, parent, label)
				}
			}
		case *ast.Paragraph:
			l.label = l.paragraph(t, parent)
		default:
			l.blocks(c, parent)
		}
	}
}

// item lints one list item and what it holds.
func (l *bodyLint) item(li *ast.ListItem, parent *itemCtx, labelled bool) {
	first := li.FirstChild()
	ctx := &itemCtx{}
	if first != nil && (first.Kind() == ast.KindParagraph || first.Kind() == ast.KindTextBlock) {
		ctx = l.itemText(li, first, parent, labelled)
		first = first.NextSibling()
	}
	for c := first; c != nil; c = c.NextSibling() {
		switch t := c.(type) {
		case *ast.List:
			for x := t.FirstChild(); x != nil; x = x.NextSibling() {
				if item, ok := x.(*ast.ListItem); ok {
					l.item(item, ctx, false)
				}
			}
		case *ast.Paragraph:
			l.paragraph(t, ctx)
		case *ast.Blockquote, *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
		default:
			l.blocks(c, ctx)
		}
	}
}

// itemText lints a list item's first paragraph: the one parse reads items from.
func (l *bodyLint) itemText(li *ast.ListItem, block ast.Node, parent *itemCtx, labelled bool) *itemCtx {
	lines := block.Lines()
	if lines.Len() == 0 {
		return &itemCtx{}
	}
	start := lines.At(0).Start
	box, task := block.FirstChild().(*extast.TaskCheckBox)
	raw := l.line(lines.At(0))
	slipped, _ := l.lines(block, true)
	text := lineText(block, l.src)
	// Most items are well written: split them into words (what costs) only
	// when their bytes hold something a check below could find.
	var ws []parse.Word
	hasID, wellFormed := idsIn(text)
	id := -1
	plainDated := !task && (bytes.Contains(text, []byte("due:")) || bytes.Contains(text, []byte("done:")))
	if !wellFormed || plainDated || suspectTokens(text, task && !box.IsChecked) {
		ws = parse.Words(block, l.src)
		id = idWord(ws)
		hasID = id >= 0
	}
	ctx := &itemCtx{tracked: task || hasID}
	if !task && !slipped {
		if inner := oddBoxAt(raw); inner != nil && isText(block.FirstChild()) {
			l.oddCheckbox(start, inner[1], hasID)
			slipped = true
		}
	}
	if task && len(raw) > 3 && raw[3] != ' ' && raw[3] != '\t' {
		l.warn(start+3, RuleTaskSyntax, "no space after the checkbox: GitHub shows this line as text, not a checkbox",
			fmt.Sprintf("write %q", raw[:3]+" "+short(raw[3:])))
	}
	if ws != nil && (ctx.tracked || slipped) {
		// Keyed as parse places the item: at its ID, else where its text starts.
		key := l.pos(start)
		if id >= 0 && ws[id].Off >= 0 {
			key = l.pos(ws[id].Off)
		}
		q := l.tokens(ws, task && !box.IsChecked, hasID)
		if old, ok := l.quiet[key]; ok {
			q = quiet{q.id || old.id, q.due || old.due, q.owner || old.owner}
		}
		l.quiet[key] = q
	}
	if slipped || ctx.tracked {
		return ctx
	}
	// A plain bullet: read as nothing at all.
	if ws != nil && (l.untrackedTokens(ws, "this bullet", "make it a task item: - [ ] "+short(string(text))) || l.badID(ws)) {
		return ctx
	}
	ctx.lead = bytes.HasSuffix(bytes.TrimSpace(text), []byte(":")) || hasNestedList(li)
	if l.section == sectionDecisions && !ctx.lead && (parent == nil || parent.lead) && !l.r.Restates(string(text)) {
		l.err(start, RuleMissingID, fmt.Sprintf("this bullet under %q is not recorded: a decision needs an ID", short(l.heading)),
			fmt.Sprintf("add {#%s} at the end of the item if it is a decision; if it is an action, write - [ ] ... @OWNER due:DATE {#ID}", l.ids.next(record.KindDecision)))
		return ctx
	}
	if labelled {
		l.warn(start, RuleUntrackedAction, fmt.Sprintf("%q, listed under an actions label, is not written as an action item", short(string(text))),
			"write it as a task-list item so igf tracks it: - [ ] what @OWNER due:DATE {#ID}")
		return ctx
	}
	l.untrackedAction(start, text)
	return ctx
}

// paragraph lints a paragraph that is not an item's first: its words are
// never read for items. It reports whether it is an "Actions:" label.
func (l *bodyLint) paragraph(p *ast.Paragraph, parent *itemCtx) bool {
	lines := p.Lines()
	if lines.Len() == 0 {
		return false
	}
	if _, any := l.lines(p, false); any {
		return false
	}
	text := lineText(p, l.src)
	if bytes.Contains(text, []byte("{#")) || bytes.Contains(text, []byte("due:")) || bytes.Contains(text, []byte("done:")) {
		ws := parse.Words(p, l.src)
		if id := idWord(ws); id >= 0 && ws[id].Off >= 0 {
			l.err(ws[id].Off, RuleUntrackedItem, fmt.Sprintf("%s is in a paragraph, not a list item: it is not recorded", ws[id].S),
				"a decision is a list item: start the line with - (and an action with - [ ])")
			return false
		}
		if l.untrackedTokens(ws, "this paragraph", "write it as a task item: - [ ] "+short(string(text))) {
			return false
		}
	}
	if len(text) > 1 && bytes.IndexByte([]byte("A*_"), text[0]) >= 0 && actionLabel.Match(text) {
		return true
	}
	l.untrackedAction(lines.At(0).Start, text)
	return false
}

// idsIn is a cheap look at a block's bytes for {#ID} tokens: whether one is
// written as parse takes it, and whether every {# is.
func idsIn(text []byte) (has, wellFormed bool) {
	wellFormed = true
	for i := 0; ; {
		j := bytes.Index(text[i:], []byte("{"))
		if j < 0 {
			return has, wellFormed
		}
		i += j
		if i+1 < len(text) && (text[i+1] == '#' || text[i+1] == ' ') {
			end := i + 2
			for end < len(text) && text[end] != '}' && text[end] != ' ' && text[end] != '\t' && text[end] != '{' {
				end++
			}
			after := end + 1
			for after < len(text) && bytes.IndexByte([]byte(".,;:)"), text[after]) >= 0 {
				after++
			}
			ok := text[i+1] == '#' && end > i+2 && end < len(text) && text[end] == '}' &&
				(i == 0 || text[i-1] == ' ' || text[i-1] == '\t') && (after == len(text) || text[after] == ' ' || text[after] == '\t')
			if ok {
				has = true
			} else if text[i+1] == '#' || (i+2 < len(text) && text[i+2] == '#') {
				wellFormed = false
			}
		}
		i++
	}
}

// suspectTokens is a cheap look at an item's bytes for what tokens and
// checks would find: a token key not written key:value in lower case, an @
// followed by a space or a quote, and done: in an open item. Plain
// due:2024-03 and @LF pass.
func suspectTokens(text []byte, open bool) bool {
	if open && bytes.Contains(text, []byte("done:")) {
		return true
	}
	for i := 0; i < len(text); i++ {
		switch c := text[i]; c {
		case '@':
			if i+1 >= len(text) || text[i+1] == ' ' || text[i+1] == '"' || text[i+1] == 0xe2 || text[i+1] == '\t' {
				return true
			}
		case ':', '=':
			// The key before it, and what follows.
			k := i
			for k > 0 && (text[k-1]|0x20) >= 'a' && (text[k-1]|0x20) <= 'z' {
				k--
			}
			key := string(text[k:i])
			switch strings.ToLower(key) {
			case "due", "done", "start", "milestone", "visibility":
				if c == '=' || key != strings.ToLower(key) || i+1 >= len(text) || text[i+1] == ' ' || text[i+1] == '\t' {
					return true
				}
			}
		}
	}
	return false
}

// lines checks each line of a block for a task item Markdown did not read
// as one; first says the block is a list item's first paragraph. It reports
// whether the block's first line was such a slip, and whether any was.
func (l *bodyLint) lines(block ast.Node, first bool) (firstSlipped, anySlipped bool) {
	lines := block.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		raw := l.line(seg)
		lead := len(raw)
		raw = strings.TrimLeft(raw, " \t")
		lead -= len(raw)
		off := seg.Start + lead
		if raw == "" || bytes.IndexByte([]byte("-*+[0123456789"), raw[0]) < 0 {
			continue // the expressions below all need one of these first
		}
		switch {
		case i > 0 && taskLine.MatchString(raw):
			l.err(off, RuleTaskSyntax, "this task item is read as text of the line above, not as an item",
				"put a blank line before it, and indent it no deeper than its list")
		case gluedMarker.MatchString(raw):
			m := raw[:strings.IndexByte(raw, '[')]
			box := gluedMarker.FindString(raw)
			joined := ""
			if i > 0 {
				joined = ", so Markdown joins the line to the one above"
			}
			l.err(off, RuleTaskSyntax, fmt.Sprintf("`%s` is not read as a task item: no space between the list marker and the checkbox%s", box, joined),
				fmt.Sprintf("write `%s [ ]`, with a space after the %s", m, markerName(m)))
		case bareBox.MatchString(raw) && !(first && i == 0):
			l.err(off, RuleTaskSyntax, "a checkbox without a list marker is text, not a task item",
				"start the line with a dash: - "+short(raw))
		default:
			continue
		}
		anySlipped = true
		if i == 0 {
			firstSlipped = true
		}
	}
	return firstSlipped, anySlipped
}

func oddBoxAt(raw string) []string {
	if raw == "" || raw[0] != '[' {
		return nil
	}
	return oddBox.FindStringSubmatch(raw)
}

func markerName(m string) string {
	switch m {
	case "-":
		return "dash"
	case "*", "+":
		return "`" + m + "`"
	}
	return "number"
}

// oddCheckbox reports brackets that are not a checkbox: [], [o], [ x].
func (l *bodyLint) oddCheckbox(off int, inner string, hasID bool) {
	became := "is not recorded"
	if hasID {
		became = "is read as a decision, not an action"
	}
	hint := "a checkbox is [ ] (open) or [x] (done)"
	switch strings.TrimSpace(inner) {
	case "":
		if inner == "" {
			hint = "write [ ], with a space inside the brackets"
		} else {
			hint = "write [ ], with one space inside the brackets"
		}
	case "x", "X":
		hint = "write [x], with nothing else inside the brackets"
	}
	l.err(off, RuleTaskSyntax, fmt.Sprintf("%q is not a checkbox, so this item %s", "["+inner+"]", became), hint)
}

// tokens checks an item's words for tokens spelt so that parse does not take
// them; it returns what the findings already say.
func (l *bodyLint) tokens(ws []parse.Word, open bool, hasID bool) quiet {
	var q quiet
	for k := 0; k < len(ws); k++ {
		w := ws[k]
		if w.Code || w.Off < 0 {
			continue
		}
		next := ""
		if k+1 < len(ws) && !ws[k+1].Code {
			next = ws[k+1].S
		}
		if m := tokenKey.FindStringSubmatch(w.S); m != nil {
			key, sep, val := m[1], m[2], m[3]
			lower := strings.ToLower(key)
			switch {
			case key == lower && sep == ":" && val != "":
				if lower == "done" && open {
					l.err(w.Off, RuleOpenWithDone, fmt.Sprintf("the item is open ([ ]) but says %s", w.S),
						"tick it (- [x]) if it is done, or remove "+w.S)
				}
				continue
			case val == "" && next == "":
				continue
			}
			value := val
			if value == "" {
				value = tokenValue(ws[k+1:], lower)
			}
			lost := "its " + lower + " date is lost"
			switch lower {
			case "milestone":
				lost = "its milestone is lost"
			case "visibility":
				lost = "the item is not marked and shows in public outputs"
			}
			why := fmt.Sprintf("`%s%s` takes no space", lower, sep)
			if key != lower {
				why = fmt.Sprintf("`%s%s` is not read: tokens are lower case", key, sep)
			} else if sep == "=" {
				why = fmt.Sprintf("`%s=` is not read: a token is written with a colon", lower)
			}
			l.err(w.Off, RuleTokenSyntax, why+"; "+lost, fmt.Sprintf("write %s:%s", lower, value))
			if lower == "due" {
				q.due = true
			}
			continue
		}
		switch {
		case w.S == "@" && next != "" && isName(next):
			l.err(w.Off, RuleTokenSyntax, fmt.Sprintf("`@ %s` is not read as an owner: a space follows the @", next),
				"write the owner right after the @: @"+strings.TrimRight(next, ".,;:)"))
			q.owner = true
		case strings.HasPrefix(w.S, `@"`) || strings.HasPrefix(w.S, "@\u201c"):
			if _, ok := parse.QuotedOwner(w.S); !ok {
				l.err(w.Off, RuleTokenSyntax, fmt.Sprintf("`%s` is not read as an owner: the quotes are not closed", short(w.S)),
					`write a name with spaces in straight quotes, closed: @"Lise Fuhr" (or the registry ID: @LF)`)
				q.owner = true
			}
		}
	}
	if !hasID && l.badID(ws) {
		q.id = true
	}
	return q
}

// tokenValue guesses what a spaced-out token meant: the date the next words
// write, or the next word.
func tokenValue(ws []parse.Word, key string) string {
	if key != "milestone" && key != "visibility" {
		for n := min(4, len(ws)); n > 0; n-- {
			var parts []string
			for _, w := range ws[:n] {
				parts = append(parts, w.S)
			}
			if m, ok := dates.Recognize(strings.Join(parts, " "), dates.Date{}); ok && m.Confidence <= dates.Likely {
				return m.Readings[0].Text
			}
		}
	}
	return strings.TrimRight(ws[0].S, ".,;)")
}

// badID reports an ID written so that parse does not take it: {# x-a10 },
// {#x-a10 }, { #x-a10}, an unclosed {#x-a10.
func (l *bodyLint) badID(ws []parse.Word) bool {
	for k, w := range ws {
		if w.Code || w.Off < 0 {
			continue
		}
		if i := strings.Index(w.S, "{#"); i > 0 {
			id := w.S[i:]
			if j := strings.IndexByte(id, '}'); j > 0 {
				id = id[:j+1]
			}
			l.err(w.Off+i, RuleTokenSyntax, fmt.Sprintf("the ID %s is glued to the text before it; the item has no ID", id),
				"write a space before it: "+w.S[:i]+" "+id)
			return true
		}
		open := strings.HasPrefix(w.S, "{#") || (w.S == "{" && k+1 < len(ws) && strings.HasPrefix(ws[k+1].S, "#"))
		if t := strings.TrimRight(w.S, ".,;:"); !open || (strings.HasPrefix(t, "{#") && strings.HasSuffix(t, "}") && len(t) > 3) {
			continue
		}
		var id strings.Builder
		closed := false
		for _, x := range ws[k:min(len(ws), k+4)] {
			s := x.S
			if i := strings.IndexByte(s, '}'); i >= 0 {
				id.WriteString(s[:i])
				closed = true
				break
			}
			id.WriteString(s)
		}
		written := strings.TrimLeft(id.String(), "{# ")
		if written == "" {
			l.err(w.Off, RuleTokenSyntax, "an empty {#} is not an ID; the item has no ID", "write the item's ID inside: {#ID}")
			return true
		}
		if !closed {
			l.err(w.Off, RuleTokenSyntax, fmt.Sprintf("the ID {#%s is not closed; the item has no ID", written), "close it: {#"+written+"}")
		} else {
			l.err(w.Off, RuleTokenSyntax, fmt.Sprintf("the ID is written with spaces; the item has no ID"), "write it with no spaces: {#"+written+"}")
		}
		return true
	}
	return false
}

// untrackedTokens reports an owner and due date written in text that is not
// an item: they would be dropped without a word.
func (l *bodyLint) untrackedTokens(ws []parse.Word, what, hint string) bool {
	first, owner, date := -1, false, false
	for k, w := range ws {
		if w.Code || w.Off < 0 {
			continue
		}
		if m := tokenKey.FindStringSubmatch(w.S); m != nil && (m[1] == "due" || m[1] == "done") && m[2] == ":" && m[3] != "" {
			date = true
		} else if len(w.S) > 1 && w.S[0] == '@' && isName(w.S[1:]) {
			owner = true
		} else {
			continue
		}
		if first < 0 {
			first = k
		}
	}
	if first < 0 || !date {
		return false
	}
	kind := "a due date"
	if owner {
		kind = "an owner and a due date"
	}
	l.err(ws[first].Off, RuleUntrackedItem, fmt.Sprintf("%s has %s but no checkbox: it is not tracked", what, kind), hint)
	return true
}

// untrackedAction warns of text that reads as an action but is not written as one.
func (l *bodyLint) untrackedAction(off int, text []byte) {
	if bytes.Contains(text, []byte("{#")) {
		return // an item with an ID: a decision
	}
	// Cheap tests first: the expressions are most of the lint's time.
	marker := len(text) > 1 && bytes.IndexByte([]byte("A*_[("), text[0]) >= 0
	switch {
	case !(marker && (actionPrefix.Match(text) || actionTag.Match(text))) && !(l.section == sectionActions && hasBy(text) && deadline.Match(text)):
	case l.r.Restates(string(text)):
		// A task or decision item of the record says it again, word for word
		// (as igf import restates the prose it reads): it is tracked.
	case marker && (actionPrefix.Match(text) || actionTag.Match(text)):
		l.warn(off, RuleUntrackedAction, fmt.Sprintf("%q looks like an action item but is not written as one", short(string(text))),
			"write it as a task-list item so igf tracks it: - [ ] what @OWNER due:DATE {#ID}")
	case l.section == sectionActions && hasBy(text) && deadline.Match(text):
		l.warn(off, RuleUntrackedAction, fmt.Sprintf("%q reads like an action with a deadline but is not a task item", short(string(text))),
			"if it is an action, write it as - [ ] what @OWNER due:DATE {#ID}; if it is a decision, end it with {#ID}")
	}
}

// hasBy reports whether text holds the word "by", as a deadline needs.
func hasBy(text []byte) bool {
	for i := 0; i+2 < len(text); i++ {
		if (text[i]|0x20) == 'b' && (text[i+1]|0x20) == 'y' && text[i+2] == ' ' && (i == 0 || text[i-1] == ' ') {
			return true
		}
	}
	return false
}

// idWord is the index of the word parse takes as the item's ID, or -1.
func idWord(ws []parse.Word) int {
	id := -1
	for k, w := range ws {
		t := strings.TrimRight(w.S, ".,;:")
		if !w.Code && strings.HasPrefix(t, "{#") && strings.HasSuffix(t, "}") && len(t) > 3 {
			id = k
		}
	}
	return id
}

func isName(s string) bool {
	return s != "" && (s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z' || s[0] >= '0' && s[0] <= '9')
}

func isText(n ast.Node) bool { _, ok := n.(*ast.Text); return ok }

// hasNestedList reports whether a list item holds a nested list: it
// introduces the items there rather than being one.
func hasNestedList(li *ast.ListItem) bool {
	for c := li.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() == ast.KindList {
			return true
		}
	}
	return false
}

func (l *bodyLint) line(seg text.Segment) string {
	return strings.TrimRight(string(seg.Value(l.src)), "\r\n")
}

func (l *bodyLint) pos(off int) record.Pos { return bodyPos(l.r, l.src, off) }

func (l *bodyLint) err(off int, rule, msg, hint string) {
	l.out = append(l.out, record.At(l.r.Path, l.pos(off), rule, msg, hint))
}

func (l *bodyLint) warn(off int, rule, msg, hint string) {
	l.out = append(l.out, record.Warn(l.r.Path, l.pos(off), rule, msg, hint))
}

// lineText is a block's source text, its lines joined by spaces.
func lineText(n ast.Node, src []byte) []byte {
	lines := n.Lines()
	var b bytes.Buffer
	for i := 0; i < lines.Len(); i++ {
		if i > 0 {
			b.WriteByte(' ')
		}
		seg := lines.At(i)
		b.Write(bytes.TrimSpace(seg.Value(src)))
	}
	return b.Bytes()
}

// bodyPos maps a byte offset in the body to a file position.
func bodyPos(r *record.Record, body []byte, off int) record.Pos {
	off = min(max(off, 0), len(body))
	line := r.BodyLine + bytes.Count(body[:off], []byte{'\n'})
	start := bytes.LastIndexByte(body[:off], '\n') + 1
	return record.Pos{Line: line, Col: 1 + utf8.RuneCount(body[start:off])}
}
