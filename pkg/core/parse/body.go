package parse

import (
	"bytes"
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

func (b *bodyReader) read() {
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
	var pieces []piece
	collect(first, b.src, &pieces, false)
	it := &record.Item{Record: b.d.rec, Status: record.StatusOpen, CheckboxOffset: -1}
	start := -1
	if lines := first.Lines(); lines.Len() > 0 {
		start = lines.At(0).Start
	}
	it.Pos = b.pos(start)
	it.Lines = b.lines(li)
	var title []string
	for _, w := range words(pieces) {
		if w.code || !b.token(it, w.s, w.off) {
			title = append(title, w.s)
		}
	}
	it.Title = strings.Join(title, " ")
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
		return nil
	}
	if len(parents) > 0 {
		it.Parent = parents[len(parents)-1].ID
	}
	b.d.rec.Items = append(b.d.rec.Items, it)
	return it
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

type word struct {
	s    string
	off  int // body offset of the word, -1 when not known
	code bool
}

// words splits an item's text on white space, joining runs that goldmark
// split into several text nodes. Code and raw HTML stay whole words.
func words(pieces []piece) []word {
	var out []word
	var cur strings.Builder
	off := -1
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, word{s: cur.String(), off: off})
			cur.Reset()
		}
	}
	for _, p := range pieces {
		if p.code {
			flush()
			out = append(out, word{s: p.s, off: -1, code: true})
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
					out = append(out, word{s: s[i:j], off: o})
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
	case strings.HasPrefix(tok, "{#") && strings.HasSuffix(tok, "}") && len(tok) > 3:
		it.ID = tok[2 : len(tok)-1]
		it.Pos = at()
		return true
	case len(tok) > 1 && tok[0] == '@' && isNameStart(tok[1]):
		it.Owners = append(it.Owners, strings.TrimRight(tok[1:], ".,;:)"))
		return true
	}
	key, val, ok := strings.Cut(tok, ":")
	if !ok || val == "" {
		return false
	}
	val = strings.TrimRight(val, ",;)")
	read := func() dates.Date {
		d, err := dates.Parse(val)
		if err != nil {
			b.d.findings = append(b.d.findings, record.At(b.d.path, at(), "date", err.Error(),
				"dates are written 2024-03-01, 2024-09, 2024-Q3, 2024-04-mid, 2024-05-27/2024-05-31 or TBD; see docs/format.md#dates"))
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
