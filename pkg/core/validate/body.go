package validate

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"

	"github.com/igf-records/igf/pkg/core/parse"
	"github.com/igf-records/igf/pkg/core/record"
)

var (
	// actionPrefix is a line written as a note-taker's action marker.
	actionPrefix = regexp.MustCompile(`^(?:\*\*|__)?(?:ACTION|Action|AI)(?:\*\*|__)?\s*:`)
	// actionHeading names a section that lists action items.
	actionHeading = regexp.MustCompile(`(?i)\baction(?:s|\s+items?|\s+points?)?\b`)
	// deadline is "X to do Y by DATE": someone, to/will, a verb, then "by" and a date.
	deadline = regexp.MustCompile(`(?i)\b(?:to|will|shall|should)\s+\w+\b.*\bby\s+(?:the\s+)?(?:end\s+of\s+|mid-?\s*|early\s+|late\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|\d{4}|\d{1,2}[/.]\d{1,2}|q[1-4]|next\s+(?:week|month|meeting))\b`)
)

// untrackedActions finds text that reads as an action item but is not written
// as one (a task-list item), so it would never be tracked. Code blocks and
// block quotes are quotations, not the record's own words, and are skipped.
func untrackedActions(r *record.Record) []record.Finding {
	if r.Type == record.TypeRegistry || r.Text == "" || !mayHoldActions(r.Text) {
		return nil
	}
	src := []byte(r.Text)
	doc := parse.Body(src)
	var out []record.Finding
	underActions := false
	var visit func(n ast.Node)
	visit = func(n ast.Node) {
		switch t := n.(type) {
		case *ast.Heading:
			underActions = actionHeading.Match(lineText(t, src))
			return
		case *ast.Blockquote, *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
			return
		case *ast.ListItem:
			if first := t.FirstChild(); first != nil && (first.Kind() == ast.KindParagraph || first.Kind() == ast.KindTextBlock) {
				out = append(out, check(r, src, first, underActions)...)
			}
			for c := t.FirstChild(); c != nil; c = c.NextSibling() {
				if c.Kind() == ast.KindList {
					visit(c)
				}
			}
			return
		case *ast.Paragraph:
			out = append(out, check(r, src, t, underActions)...)
			return
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			visit(c)
		}
	}
	visit(doc)
	return out
}

// mayHoldActions is a cheap line scan that says whether a body needs the
// second, goldmark reading at all: only a line starting with an action
// marker, or a plain line with " by " under an action heading, can raise a
// finding. On a large repository this halves the time of a full validation.
func mayHoldActions(text string) bool {
	under := false
	for len(text) > 0 {
		line := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		line = strings.TrimLeft(line, " \t>")
		if strings.HasPrefix(line, "#") {
			under = actionHeading.MatchString(line)
			continue
		}
		line = strings.TrimLeft(line, "-*+0123456789.) ")
		if strings.HasPrefix(line, "[ ]") || strings.HasPrefix(line, "[x]") || strings.HasPrefix(line, "[X]") {
			continue // a task item: an action already
		}
		if actionPrefix.MatchString(line) || under && strings.Contains(strings.ToLower(" "+line), " by ") {
			return true
		}
	}
	return false
}

func check(r *record.Record, src []byte, block ast.Node, underActions bool) []record.Finding {
	if _, ok := block.FirstChild().(*extast.TaskCheckBox); ok {
		return nil // a real action
	}
	text := lineText(block, src)
	if bytes.Contains(text, []byte("{#")) {
		return nil // an item with an ID: a decision
	}
	lines := block.Lines()
	if lines.Len() == 0 {
		return nil
	}
	p := bodyPos(r, src, lines.At(0).Start)
	switch {
	case actionPrefix.Match(text):
		return []record.Finding{record.Warn(r.Path, p, RuleUntrackedAction,
			fmt.Sprintf("%q looks like an action item but is not written as one", short(string(text))),
			"write it as a task-list item so igf tracks it: - [ ] what @OWNER due:DATE {#ID}")}
	case underActions && deadline.Match(text):
		return []record.Finding{record.Warn(r.Path, p, RuleUntrackedAction,
			fmt.Sprintf("%q reads like an action with a deadline but is not a task item", short(string(text))),
			"if it is an action, write it as - [ ] what @OWNER due:DATE {#ID}; if it is a decision, end it with {#ID}")}
	}
	return nil
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
