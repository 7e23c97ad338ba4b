package importer

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"

	"github.com/igf-records/igf/pkg/core/parse"
)

// markdownBlocks reads Markdown through goldmark's syntax tree, as igf reads
// records: code blocks, HTML blocks and block quotes are quotations, not the
// minutes' own words, and are left out. A paragraph that is all bold
// ("**Decisions and action items**") is taken for the heading it stands as
// in Word and web exports.
func markdownBlocks(src []byte) []block {
	m := &mdReader{src: src, lines: newLineOffsets(src)}
	m.children(parse.Body(src), 0, -1)
	return m.out
}

type mdReader struct {
	src   []byte
	lines lineOffsets
	out   []block
}

func (m *mdReader) children(n ast.Node, depth, parent int) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		m.visit(c, depth, parent)
	}
}

func (m *mdReader) visit(n ast.Node, depth, parent int) {
	switch t := n.(type) {
	case *ast.Heading:
		m.out = append(m.out, block{kind: heading, level: t.Level, text: inline(t, m.src), line: m.lineOf(t), parent: -1})
	case *ast.Paragraph, *ast.TextBlock:
		text := inline(t, m.src)
		if strings.TrimSpace(text) == "" {
			return
		}
		b := block{kind: para, text: text, line: m.lineOf(t), parent: -1}
		if allStrong(t, m.src) {
			b.kind, b.level = heading, 6
		}
		m.out = append(m.out, b)
	case *ast.List:
		num := t.Start
		for li := t.FirstChild(); li != nil; li = li.NextSibling() {
			at := len(m.out)
			b := block{kind: item, level: depth, line: m.lineOf(li), parent: parent}
			if t.IsOrdered() {
				b.num = num
				num++
			}
			m.out = append(m.out, b)
			for sub := li.FirstChild(); sub != nil; sub = sub.NextSibling() {
				switch sub.Kind() {
				case ast.KindParagraph, ast.KindTextBlock:
					text := inline(sub, m.src)
					if _, task := sub.FirstChild().(*extast.TaskCheckBox); task && sub == li.FirstChild() {
						m.out[at].tracked = true
					}
					if m.out[at].text == "" {
						m.out[at].text = text
						if m.out[at].line == 0 {
							m.out[at].line = m.lineOf(sub)
						}
					} else {
						m.out[at].text += "\n" + text
					}
				default:
					m.visit(sub, depth+1, at)
				}
			}
		}
	case *extast.Table:
		for row := t.FirstChild(); row != nil; row = row.NextSibling() {
			var cells []string
			for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
				cells = append(cells, strings.TrimSpace(inline(cell, m.src)))
			}
			m.out = append(m.out, block{kind: para, text: strings.Join(cells, " | "), line: m.lineOf(row), parent: -1})
		}
	case *ast.Blockquote, *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock, *ast.ThematicBreak:
	default:
		m.children(n, depth, parent)
	}
}

// lineOf is the 1-based input line a node starts on (0 when it has no text).
func (m *mdReader) lineOf(n ast.Node) int {
	if l := n.Lines(); l != nil && l.Len() > 0 {
		return m.lines.line(l.At(0).Start)
	}
	var found int
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			found = m.lines.line(t.Segment.Start)
			return ast.WalkStop, nil
		}
		if c != n && entering && c.Type() == ast.TypeBlock {
			if l := c.Lines(); l != nil && l.Len() > 0 {
				found = m.lines.line(l.At(0).Start)
				return ast.WalkStop, nil
			}
		}
		return ast.WalkContinue, nil
	})
	return found
}

// inline is a node's visible text: emphasis, links and code marks gone, a
// line break kept as a new line.
func inline(n ast.Node, src []byte) string {
	var b strings.Builder
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch t := c.(type) {
			case *ast.Text:
				b.Write(unescape(t.Segment.Value(src)))
				if t.SoftLineBreak() || t.HardLineBreak() {
					b.WriteByte('\n')
				}
			case *ast.String:
				b.Write(t.Value)
			case *ast.CodeSpan:
				walk(t)
			case *ast.RawHTML:
				// <sup>st</sup>, <br>: the words stay, the tags go.
			case *ast.AutoLink:
				b.Write(t.URL(src))
			case *extast.TaskCheckBox:
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return strings.TrimSpace(b.String())
}

// allStrong reports whether a paragraph's text is all inside bold.
func allStrong(n ast.Node, src []byte) bool {
	seen := false
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch t := c.(type) {
		case *ast.Emphasis:
			if t.Level < 2 {
				return false
			}
			seen = true
		case *ast.Text:
			if strings.TrimSpace(string(t.Segment.Value(src))) != "" {
				return false
			}
		default:
			return false
		}
	}
	return seen
}

// unescape drops the backslash of a Markdown escape (\*, \_, \[).
func unescape(b []byte) []byte {
	if !bytes.ContainsRune(b, '\\') {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] == '\\' && i+1 < len(b) && strings.ContainsRune("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", rune(b[i+1])) {
			i++
		}
		out = append(out, b[i])
	}
	return out
}
