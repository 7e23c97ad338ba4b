package parse

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"

	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/record"
)

// markdown is shared: goldmark parsers keep no state between Parse calls.
var markdown = goldmark.New(goldmark.WithExtensions(extension.TaskList, extension.Table, extension.Strikethrough))

// Body parses Markdown into a goldmark document, for readers that need the tree.
func Body(src []byte) ast.Node { return markdown.Parser().Parse(text.NewReader(src)) }

// bodyReader pulls actions, recommendations and decisions out of a body.
type bodyReader struct {
	d      *decoder
	file   []byte // the whole file, for positions
	offset int    // byte offset of the body in file
	src    []byte // the body

	newlines []int // offsets of the file's line ends, made on first use
}

// piece is a run of an item's inline text; off is its byte offset in the
// body, or -1 for text that is not in the source as such (a line break).
type piece struct {
	s    string
	off  int
	code bool
}

func (b *bodyReader) read() ast.Node {
	doc := Body(b.src)
	var parents []*record.Item
	var walk func(n ast.Node, quoted bool)
	walk = func(n ast.Node, quoted bool) {
		if _, ok := n.(*ast.Blockquote); ok {
			quoted = true
		}
		var mine *record.Item
		if li, ok := n.(*ast.ListItem); ok && !quoted {
			mine = b.item(li, parents)
		}
		if p, ok := n.(*ast.Paragraph); ok && !quoted && !(p.Parent().Kind() == ast.KindListItem && p.Parent().FirstChild() == n) {
			b.strayID(p)
		}
		if mine != nil {
			parents = append(parents, mine)
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			walk(c, quoted)
		}
		if mine != nil {
			parents = parents[:len(parents)-1]
		}
	}
	walk(doc, false)
	return doc
}

// item reads one list item; it returns nil unless the item is tracked.
func (b *bodyReader) item(li *ast.ListItem, parents []*record.Item) *record.Item {
	first := li.FirstChild()
	if first == nil || (first.Kind() != ast.KindParagraph && first.Kind() != ast.KindTextBlock) {
		return nil
	}
	var box *extast.TaskCheckBox
	if cb, ok := first.FirstChild().(*extast.TaskCheckBox); ok {
		box = cb
	}
	it := &record.Item{Record: b.d.rec, Status: record.StatusOpen, CheckboxOffset: -1}
	start := -1
	if lines := first.Lines(); lines.Len() > 0 {
		start = lines.At(0).Start
	}
	it.Pos = b.pos(start)
	it.Lines = b.lines(li)
	var title []string
	unread := -1 // the word of an ID written so that it is not read
	ws := Words(first, b.src)
	dated := -1 // the first due: or done: token, which only an action has
	for k, w := range ws {
		if !w.Code && strings.HasPrefix(w.S, "{#") && it.ID != "" {
			b.twoIDs(it, w)
		}
		if dated < 0 && !w.Code && datedToken(w.S) {
			dated = k
		}
		if w.Code || !b.token(it, w.S, w.Off) {
			title = append(title, w.S)
			if w.Code {
				continue
			}
			if unread < 0 && opensID(ws, k) {
				unread = k
			}
			b.spacedToken(it, ws, k)
		}
	}
	it.Title = strings.Join(title, " ")
	if it.ID == "" && unread >= 0 {
		b.unreadID(it, ws[unread], box != nil)
	}
	if box == nil && len(ws) > 0 && !ws[0].Code {
		b.oddCheckbox(it, ws)
	}
	switch {
	case box != nil:
		it.Kind = record.KindAction
		if b.d.rec.ItemKind == record.KindRecommendation {
			it.Kind = record.KindRecommendation
		}
		if box.IsChecked {
			it.Status = record.StatusDone
		}
		if start >= 0 && start+2 < len(b.src) && b.src[start] == '[' && b.src[start+2] == ']' {
			it.CheckboxOffset = b.offset + start
		}
	case it.ID != "":
		it.Kind = record.KindDecision
		it.Status = ""
	default:
		if dated >= 0 {
			b.untracked(it, ws[dated], "this bullet")
		}
		return nil
	}
	if len(parents) > 0 {
		it.Parent = parents[len(parents)-1].ID
	}
	b.d.rec.Items = append(b.d.rec.Items, it)
	return it
}

// RuleUnreadID is the parse error of an item whose ID is written so that it
// is not read ({# x-a10 }, {#x-a10 }, text{#x-a10}, an unclosed {#x-a10):
// the item has no ID, and an item without a checkbox is a decision only by
// its ID, so every answer is told. validate's body rules say the same thing
// with the fix, and keep theirs in its place.
const RuleUnreadID = "unread-id"

// opensID reports whether ws[k] starts an ID the token reader did not take.
func opensID(ws []Word, k int) bool {
	s := ws[k].S
	if strings.Contains(s, "{#") {
		return true
	}
	return s == "{" && k+1 < len(ws) && !ws[k+1].Code && strings.HasPrefix(ws[k+1].S, "#")
}

// unreadID records the error of an item whose written ID was not read.
func (b *bodyReader) unreadID(it *record.Item, w Word, action bool) {
	p := it.Pos
	if w.Off >= 0 {
		off := w.Off
		if i := strings.Index(w.S, "{#"); i > 0 {
			off += i
		}
		p = b.pos(off)
	}
	what := "the decision is left out: an item without a checkbox is a decision only by its ID"
	if action {
		what = "the action is read without an ID"
	}
	b.d.findings = append(b.d.findings, record.At(b.d.path, p, RuleUnreadID,
		"the item's ID is written so that it cannot be read; "+what,
		"write the ID as {#ID}: after a space, with no spaces inside, closed with }"))
}

// strayID records the error of an ID in text that is not a list item's:
// "-[ ] ...", "[ ] ...", a task line right under a paragraph or indented
// under one are all text to Markdown, so the item they meant is not read.
func (b *bodyReader) strayID(p *ast.Paragraph) {
	lines := p.Lines()
	found := false
	for i := 0; i < lines.Len() && !found; i++ {
		seg := lines.At(i)
		v := seg.Value(b.src)
		found = bytes.Contains(v, []byte("{#")) || bytes.Contains(v, []byte("due:")) || bytes.Contains(v, []byte("done:"))
	}
	if !found {
		return
	}
	ws := Words(p, b.src)
	defer func() {
		for _, w := range ws {
			if !w.Code && w.Off >= 0 && datedToken(w.S) {
				b.untracked(&record.Item{}, w, "this paragraph")
				return
			}
		}
	}()
	for _, w := range ws {
		t := strings.TrimRight(w.S, ".,;:")
		if w.Code || w.Off < 0 || !strings.HasPrefix(t, "{#") || !strings.HasSuffix(t, "}") || len(t) <= 3 {
			continue
		}
		b.d.findings = append(b.d.findings, record.At(b.d.path, b.pos(w.Off), "task-syntax",
			fmt.Sprintf("the ID %s is in text, not in a list item, so the item it ends is not read", t),
			"write the item as a list item of its own: a blank line before it, then - [ ] TEXT @OWNER due:DATE "+t))
		ws = nil // said once
		return
	}
}

// datedToken reports a due: or done: token with a value, as only an action
// carries.
func datedToken(s string) bool {
	return (strings.HasPrefix(s, "due:") && len(s) > 4) || (strings.HasPrefix(s, "done:") && len(s) > 5)
}

// untracked records the error of text with a due or done date but no
// checkbox: it is no action, so every answer leaves it out.
func (b *bodyReader) untracked(it *record.Item, w Word, what string) {
	b.d.findings = append(b.d.findings, record.At(b.d.path, b.wordPos(it, w), "untracked-item",
		fmt.Sprintf("%s has %s but no checkbox, so it is not read as an action", what, strings.TrimRight(w.S, ".,;:)")),
		"write it as a task item: - [ ] TEXT @OWNER due:DATE {#ID}"))
}

// twoIDs records the error of an item with a second ID: the second wins
// and the first is lost, as when a line "-[ ] ..." (no space after the
// dash) joins the item above it.
func (b *bodyReader) twoIDs(it *record.Item, w Word) {
	b.d.findings = append(b.d.findings, record.At(b.d.path, b.wordPos(it, w), "token-syntax",
		fmt.Sprintf("the item has a second ID after {#%s}; the first is lost", it.ID),
		"give each item one ID; a line that should be an item of its own starts with \"- [ ] \" (a space after the dash)"))
}

// spacedKey matches a token key whose value was cut off by a space or
// written with "=": "due: 2024-03-10", "due=2024-03-10".
var spacedKey = map[string]string{"due": "due date", "done": "done date", "start": "start date",
	"milestone": "milestone", "visibility": "visibility"}

// spacedToken records the error of a token written so that it is not read
// and whose value the item then lacks: "due: 2024-03-10", "Due:2024-03",
// "@ VC".
func (b *bodyReader) spacedToken(it *record.Item, ws []Word, k int) {
	w := ws[k]
	if strings.HasPrefix(w.S, `@"`) || strings.HasPrefix(w.S, "@\u201c") {
		// Not taken as an owner: the quotes are not closed.
		b.d.findings = append(b.d.findings, record.At(b.d.path, b.wordPos(it, w), "token-syntax",
			fmt.Sprintf("`%s` is not read as an owner: the quotes are not closed", w.S),
			`write a name with spaces in straight quotes, closed: @"Lise Fuhr" (or the registry ID: @LF)`))
		return
	}
	if w.S == "@" {
		if k+1 < len(ws) && !ws[k+1].Code && len(ws[k+1].S) > 0 && isNameStart(ws[k+1].S[0]) {
			b.d.findings = append(b.d.findings, record.At(b.d.path, b.wordPos(it, w), "token-syntax",
				fmt.Sprintf("`@ %s` is not read as an owner: a space follows the @", ws[k+1].S),
				"write the owner right after the @: @"+strings.TrimRight(ws[k+1].S, ".,;:)")))
		}
		return
	}
	i := strings.IndexAny(w.S, ":=")
	if i <= 0 {
		return
	}
	key, sep, val := w.S[:i], w.S[i], w.S[i+1:]
	what, ok := spacedKey[strings.ToLower(key)]
	if !ok || (sep == ':' && key == strings.ToLower(key) && val != "") || (val == "" && k+1 >= len(ws)) {
		return
	}
	b.d.findings = append(b.d.findings, record.At(b.d.path, b.wordPos(it, w), "token-syntax",
		fmt.Sprintf("`%s` is not read as a token, so the item's %s is lost", w.S, what),
		"write the token in lower case, a colon and the value with no space: "+strings.ToLower(key)+":VALUE"))
}

// oddBox matches brackets at an item's start that are not a checkbox.
var oddBox = regexp.MustCompile(`^\[[ xXoOvV\x{2713}\x{2714}\x{2717}\x{2718}\x{2610}\x{2611}\x{2612}/*+?.-]{0,3}\]$`)

// oddCheckbox records the error of an item that starts with brackets that
// are not a checkbox ("[]", "[ x]"): it is read as a decision, or not at all.
func (b *bodyReader) oddCheckbox(it *record.Item, ws []Word) {
	w := ws[0]
	// "[ x]" and "[x ]" are two words.
	if strings.HasPrefix(w.S, "[") && !strings.Contains(w.S, "]") && len(ws) > 1 && !ws[1].Code && strings.HasSuffix(ws[1].S, "]") {
		w.S += " " + ws[1].S
	}
	if !oddBox.MatchString(w.S) {
		return
	}
	became := "is not recorded"
	if it.ID != "" {
		became = "is read as a decision, not an action"
	}
	b.d.findings = append(b.d.findings, record.At(b.d.path, b.wordPos(it, w), "task-syntax",
		fmt.Sprintf("%q is not a checkbox, so this item %s", w.S, became),
		"a checkbox is [ ] (open) or [x] (done)"))
}

func (b *bodyReader) wordPos(it *record.Item, w Word) record.Pos {
	if w.Off < 0 {
		return it.Pos
	}
	return b.pos(w.Off)
}

// collect gathers an inline subtree's text. Code spans are kept whole and
// never read for tokens; a line break becomes a space.
func collect(n ast.Node, src []byte, out *[]piece, code bool) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch t := c.(type) {
		case *ast.Text:
			seg := t.Segment
			*out = append(*out, piece{s: string(seg.Value(src)), off: seg.Start, code: code})
			if t.SoftLineBreak() || t.HardLineBreak() {
				*out = append(*out, piece{s: " ", off: -1, code: code})
			}
		case *ast.String:
			*out = append(*out, piece{s: string(t.Value), off: -1, code: code})
		case *ast.CodeSpan:
			var inner []piece
			collect(t, src, &inner, true)
			var sb strings.Builder
			for _, p := range inner {
				sb.WriteString(p.s)
			}
			*out = append(*out, piece{s: "`" + sb.String() + "`", off: -1, code: true})
		case *ast.RawHTML:
			for i := 0; i < t.Segments.Len(); i++ {
				seg := t.Segments.At(i)
				*out = append(*out, piece{s: string(seg.Value(src)), off: seg.Start, code: true})
			}
		case *ast.AutoLink:
			*out = append(*out, piece{s: string(t.URL(src)), off: -1, code: true})
		default:
			collect(c, src, out, code)
		}
	}
}

// Word is a white-space separated word of an item's first paragraph.
type Word struct {
	S    string
	Off  int  // body offset of the word, -1 when not known
	Code bool // a code span, raw HTML or a link's URL: never a token
}

// Words splits a block's inline text on white space, as the item reader
// takes tokens from it: runs that goldmark split into several text nodes
// are joined, code and raw HTML stay whole words, and an owner written with
// spaces in quotes (@"Lise Fuhr") is one word.
func Words(block ast.Node, src []byte) []Word {
	var pieces []piece
	collect(block, src, &pieces, false)
	return quotedOwners(words(pieces))
}

// quotedOwners joins the words of @"Two Words" into one.
func quotedOwners(ws []Word) []Word {
	out := ws[:0]
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		if !w.Code && opensQuote(w.S) && !closesQuote(w.S[1:]) {
			for j := i + 1; j < len(ws) && j < i+8 && !ws[j].Code; j++ {
				if closesQuote(ws[j].S) {
					parts := make([]string, 0, j-i+1)
					for _, x := range ws[i : j+1] {
						parts = append(parts, x.S)
					}
					w.S = strings.Join(parts, " ")
					i = j
					break
				}
			}
		}
		out = append(out, w)
	}
	return out
}

func opensQuote(s string) bool {
	return strings.HasPrefix(s, `@"`) || strings.HasPrefix(s, "@\u201c")
}

// closesQuote: the word ends a quoted name, perhaps before punctuation.
func closesQuote(s string) bool {
	s = strings.TrimRight(s, ".,;:)")
	return len(s) > 1 && (strings.HasSuffix(s, `"`) || strings.HasSuffix(s, "\u201d"))
}

// QuotedOwner reads @"Lise Fuhr" (straight or curly quotes) as the name
// inside, white space folded; ok is false for any other word.
func QuotedOwner(tok string) (name string, ok bool) {
	var rest string
	switch {
	case strings.HasPrefix(tok, `@"`):
		rest = tok[2:]
	case strings.HasPrefix(tok, "@\u201c"):
		rest = tok[len("@\u201c"):]
	default:
		return "", false
	}
	rest = strings.TrimRight(rest, ".,;:)")
	rest, ok = strings.CutSuffix(rest, `"`)
	if !ok {
		rest, ok = strings.CutSuffix(rest, "\u201d")
	}
	name = strings.Join(strings.Fields(rest), " ")
	if !ok || name == "" || strings.ContainsAny(name, "\"\u201c\u201d") {
		return "", false
	}
	return name, true
}

func words(pieces []piece) []Word {
	var out []Word
	var cur strings.Builder
	off := -1
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, Word{S: cur.String(), Off: off})
			cur.Reset()
		}
	}
	for _, p := range pieces {
		if p.code {
			flush()
			out = append(out, Word{S: p.s, Off: -1, Code: true})
			continue
		}
		s := p.s
		for i := 0; i < len(s); {
			r, n := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				flush()
				i += n
				continue
			}
			if cur.Len() == 0 {
				// A word that ends inside this piece is a substring of it:
				// no copy, rune by rune, into a builder.
				if j, ok := wordEnd(s, i); ok {
					o := -1
					if p.off >= 0 {
						o = p.off + i
					}
					out = append(out, Word{S: s[i:j], Off: o})
					i = j
					continue
				}
				off = -1
				if p.off >= 0 {
					off = p.off + i
				}
			}
			cur.WriteRune(r)
			i += n
		}
	}
	flush()
	return out
}

// wordEnd finds the end of the word starting at s[i]: ok when white space
// follows it within s and it holds only valid UTF-8 (which WriteRune would
// otherwise rewrite).
func wordEnd(s string, i int) (int, bool) {
	for j := i; j < len(s); {
		r, n := utf8.DecodeRuneInString(s[j:])
		if unicode.IsSpace(r) {
			return j, true
		}
		if r == utf8.RuneError {
			return 0, false
		}
		j += n
	}
	return 0, false
}

// token takes an inline token into the item, reporting whether it was one.
func (b *bodyReader) token(it *record.Item, tok string, off int) bool {
	// The position is needed only for an ID or a bad date: most words are
	// neither, and working it out for each was most of a body's parse time.
	at := func() record.Pos {
		if off < 0 {
			return it.Pos
		}
		return b.pos(off)
	}
	switch {
	case strings.HasPrefix(tok, "{#") && strings.HasSuffix(strings.TrimRight(tok, ".,;:"), "}") && len(strings.TrimRight(tok, ".,;:")) > 3:
		// A full stop after the ID ends the sentence, as after any token.
		t := strings.TrimRight(tok, ".,;:")
		it.ID = t[2 : len(t)-1]
		it.Pos = at()
		return true
	case len(tok) > 2 && tok[0] == '@' && (tok[1] == '"' || strings.HasPrefix(tok, "@\u201c")):
		name, ok := QuotedOwner(tok)
		if ok {
			it.Owners = append(it.Owners, name)
		}
		return ok
	case len(tok) > 1 && tok[0] == '@' && isNameStart(tok[1]):
		// @Sect,@HC is two owners written without a space: read both, and
		// say so, since nothing else in the syntax joins names with commas.
		names := strings.Split(strings.TrimRight(tok[1:], ".,;:)"), ",@")
		for _, n := range names {
			if n = strings.TrimRight(n, ".,;:)"); n != "" {
				it.Owners = append(it.Owners, n)
			}
		}
		if len(names) > 1 {
			b.d.findings = append(b.d.findings, record.Warn(b.d.path, at(), "token-syntax",
				fmt.Sprintf("%q is read as %d owners written without spaces", tok, len(names)),
				"separate owners with spaces: @"+strings.Join(names, " @")))
		}
		return true
	}
	key, val, ok := strings.Cut(tok, ":")
	if !ok || val == "" {
		return false
	}
	// A full stop or comma after a token ends the sentence; no date ends so.
	val = strings.TrimRight(val, ".,;)")
	read := func() dates.Date {
		d, err := dates.ParseNear(val, b.d.rec.Date)
		if err != nil {
			msg, hint := dates.Explain(err)
			b.d.findings = append(b.d.findings, record.At(b.d.path, at(), "date", msg, hint))
		}
		return d
	}
	switch key {
	case "due":
		it.DueText = val
		it.Due = read()
	case "done":
		it.DoneDate = read()
	case "start":
		it.Start = read()
	case "milestone":
		it.Milestone = strings.TrimRight(val, ".")
	case "visibility":
		it.Visibility = strings.TrimRight(val, ".")
	default:
		return false
	}
	return true
}

func isNameStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// lines are the first and last file lines of a list entry and everything
// nested in it.
func (b *bodyReader) lines(li *ast.ListItem) [2]int {
	first, last := -1, -1
	_ = ast.Walk(li, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() != ast.TypeBlock {
			return ast.WalkContinue, nil
		}
		if ls := n.Lines(); ls != nil && ls.Len() > 0 {
			if s := ls.At(0).Start; first < 0 || s < first {
				first = s
			}
			if e := ls.At(ls.Len() - 1).Stop; e > last {
				last = e
			}
		}
		return ast.WalkContinue, nil
	})
	if first < 0 {
		return [2]int{}
	}
	// Stop is just past the last byte, usually its newline.
	return [2]int{b.pos(first).Line, b.pos(max(last-1, first)).Line}
}

// pos maps a body offset to a file position.
func (b *bodyReader) pos(off int) record.Pos {
	if off < 0 {
		return record.Pos{Line: b.d.rec.BodyLine, Col: 1}
	}
	off = min(b.offset+off, len(b.file))
	if b.newlines == nil {
		b.newlines = make([]int, 0, bytes.Count(b.file, []byte{'\n'}))
		for i, c := range b.file {
			if c == '\n' {
				b.newlines = append(b.newlines, i)
			}
		}
	}
	// As posOf, from an index of the file's line ends instead of a scan.
	before := sort.SearchInts(b.newlines, off) // newlines at offsets < off
	start := 0
	if before > 0 {
		start = b.newlines[before-1] + 1
	}
	return record.Pos{Line: 1 + before, Col: 1 + utf8.RuneCount(b.file[start:off])}
}
