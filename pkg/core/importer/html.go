package importer

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlBlocks reads HTML with golang.org/x/net/html's tokenizer (the parser
// of the Go project, which follows the HTML5 tokenization rules): headings,
// paragraphs and list items become blocks, table rows become paragraphs of
// their cells joined by " | ", <br> a new line. Scripts, styles, code and
// block quotes are left out, as in Markdown. The tokenizer, unlike the tree
// builder, gives each token's bytes, so every block knows its input line.
func htmlBlocks(src []byte) []block {
	h := &htmlReader{lines: newLineOffsets(src)}
	z := html.NewTokenizer(bytes.NewReader(src))
	z.SetMaxBuf(len(src) + 1)
	off := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		at := off
		off += len(raw)
		switch tt {
		case html.TextToken:
			if h.skip == 0 {
				h.text(string(z.Text()), at)
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			h.start(atom.Lookup(name), tt == html.SelfClosingTagToken, at)
		case html.EndTagToken:
			name, _ := z.TagName()
			h.end(atom.Lookup(name))
		}
	}
	h.flush()
	if !h.sawHeading && h.title != "" {
		h.out = append([]block{{kind: heading, level: 1, text: h.title, line: h.titleLine, parent: -1}}, h.out...)
		for i := range h.out[1:] {
			if h.out[i+1].parent >= 0 {
				h.out[i+1].parent++
			}
		}
	}
	return h.out
}

type htmlReader struct {
	lines lineOffsets
	out   []block

	cur        *block
	buf        strings.Builder
	allStrong  bool // every word of cur so far is in <strong> or <b>
	strong     int
	skip       int // depth inside script, style, code, quotes
	lists      []htmlList
	inTitle    bool
	title      string
	titleLine  int
	cells      int // cells of the current table row so far
	sawHeading bool
}

type htmlList struct {
	ordered bool
	next    int
	item    int // index of the open item's block, -1
}

var htmlHeadings = map[atom.Atom]int{atom.H1: 1, atom.H2: 2, atom.H3: 3, atom.H4: 4, atom.H5: 5, atom.H6: 6}

func (h *htmlReader) start(a atom.Atom, selfClosing bool, off int) {
	switch a {
	case atom.Script, atom.Style, atom.Pre, atom.Code, atom.Blockquote, atom.Template, atom.Noscript, atom.Svg:
		if !selfClosing {
			h.flush()
			h.skip++
		}
	case atom.Title:
		h.inTitle = !selfClosing
		h.titleLine = h.lines.line(off)
	case atom.Br:
		h.buf.WriteByte('\n')
	case atom.B, atom.Strong:
		h.strong++
	case atom.Ul, atom.Ol:
		h.flush()
		h.lists = append(h.lists, htmlList{ordered: a == atom.Ol, next: 1, item: -1})
	case atom.Li:
		h.flush()
		parent := -1
		if n := len(h.lists); n > 1 {
			parent = h.lists[n-2].item
		}
		b := &block{kind: item, level: max(0, len(h.lists)-1), parent: parent}
		if n := len(h.lists); n > 0 {
			if h.lists[n-1].ordered {
				b.num = h.lists[n-1].next
				h.lists[n-1].next++
			}
			h.lists[n-1].item = len(h.out)
		}
		h.open(b, off)
	case atom.Tr:
		h.flush()
		h.open(&block{kind: para, parent: -1}, off)
		h.cells = 0
	case atom.Td, atom.Th:
		if h.cur == nil {
			h.open(&block{kind: para, parent: -1}, off)
		}
		if h.cells > 0 {
			h.buf.WriteString(" | ")
		}
		h.cells++
	default:
		if lvl, ok := htmlHeadings[a]; ok {
			h.flush()
			h.open(&block{kind: heading, level: lvl, parent: -1}, off)
			return
		}
		switch a {
		case atom.P, atom.Div, atom.Dt, atom.Dd, atom.Section, atom.Article, atom.Header, atom.Footer, atom.Table, atom.Hr, atom.Main, atom.Body:
			if h.cur == nil || h.cur.kind != item {
				h.flush()
			} else {
				h.buf.WriteByte('\n') // a paragraph inside a list item
			}
		}
	}
}

func (h *htmlReader) end(a atom.Atom) {
	switch a {
	case atom.Script, atom.Style, atom.Pre, atom.Code, atom.Blockquote, atom.Template, atom.Noscript, atom.Svg:
		if h.skip > 0 {
			h.skip--
		}
	case atom.Title:
		h.inTitle = false
	case atom.B, atom.Strong:
		if h.strong > 0 {
			h.strong--
		}
	case atom.Ul, atom.Ol:
		h.flush()
		if n := len(h.lists); n > 0 {
			h.lists = h.lists[:n-1]
		}
	case atom.Li, atom.Tr, atom.P, atom.Div, atom.Dt, atom.Dd, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		if a == atom.P || a == atom.Div {
			if h.cur != nil && h.cur.kind == item {
				return
			}
		}
		h.flush()
	}
}

func (h *htmlReader) open(b *block, off int) {
	b.line = h.lines.line(off)
	h.cur = b
	h.buf.Reset()
	h.allStrong = true
}

func (h *htmlReader) text(s string, off int) {
	if h.inTitle {
		h.title += s
		return
	}
	if strings.TrimSpace(s) == "" {
		if h.buf.Len() > 0 {
			h.buf.WriteByte(' ')
		}
		return
	}
	if h.cur == nil {
		h.open(&block{kind: para, parent: -1}, off)
	}
	if h.strong == 0 {
		h.allStrong = false
	}
	h.buf.WriteString(s)
}

// flush ends the open block: white space collapsed as a browser shows it,
// lines from <br> kept.
func (h *htmlReader) flush() {
	if h.cur == nil {
		return
	}
	var lines []string
	for _, l := range strings.Split(h.buf.String(), "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			lines = append(lines, l)
		}
	}
	b := *h.cur
	h.cur = nil
	h.buf.Reset()
	if len(lines) == 0 && b.kind != item {
		return
	}
	b.text = strings.Join(lines, "\n")
	if b.kind == para && h.allStrong && b.text != "" {
		b.kind, b.level = heading, 6
	}
	if b.kind == heading {
		h.sawHeading = true
	}
	h.out = append(h.out, b)
}
