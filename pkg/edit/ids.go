package edit

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"

	"github.com/igf-records/igf/pkg/core/parse"
	"github.com/igf-records/igf/pkg/core/record"
)

// Missing is an item written without an {#ID}: a task item, or a plain list
// item in a section headed "Decisions".
type Missing struct {
	Kind  string // action, recommendation or decision
	Line  int    // file line
	Start int    // byte offset in the file of the item's first text ('[' for a task)
	Title string // the item's first line, for messages
}

// MissingIDs lists the items of rec (parsed from data) that carry no ID, in
// file order. Decisions are recognised only under a heading that says
// "decision", so ordinary bullet points elsewhere are left alone.
func MissingIDs(data []byte, rec *record.Record) []Missing {
	var out []Missing
	for _, it := range rec.Items {
		if it.ID == "" && it.CheckboxOffset >= 0 {
			s, e := firstLine(data, it.CheckboxOffset)
			title := strings.TrimSpace(string(data[s+min(3, e-s) : e]))
			out = append(out, Missing{Kind: it.Kind, Line: it.Pos.Line, Start: it.CheckboxOffset, Title: title})
		}
	}
	if rec.Type == record.TypeMeeting {
		out = append(out, undecided(data, rec)...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// undecided finds plain list items without an ID that are decisions: those in
// a list where a sibling already carries an ID, and those in a top-level list
// right under a heading that reads "Decisions". Bullets that introduce nested
// decisions ("the Panel decided the following:") are left alone.
func undecided(data []byte, rec *record.Record) []Missing {
	body := []byte(rec.Text)
	offset := len(data) - len(body)
	if offset < 0 || !bytes.Equal(data[offset:], body) {
		return nil
	}
	doc := parse.Body(body)
	var out []Missing
	var visit func(list *ast.List, decisions bool)
	visit = func(list *ast.List, decisions bool) {
		var plain []ast.Node
		for li := list.FirstChild(); li != nil; li = li.NextSibling() {
			first := li.FirstChild()
			if first != nil && first.Lines().Len() > 0 {
				if _, task := first.FirstChild().(*extast.TaskCheckBox); !task {
					switch text := paragraphText(first, body); {
					case bytes.Contains(text, []byte("{#")):
						decisions = true
					case !rec.Restates(string(text)):
						plain = append(plain, first) // a decision item restating it has the ID
					}
				}
			}
			for c := li.FirstChild(); c != nil; c = c.NextSibling() {
				if sub, ok := c.(*ast.List); ok {
					visit(sub, false)
				}
			}
		}
		if !decisions {
			return
		}
		for _, first := range plain {
			seg := first.Lines().At(0)
			start := offset + seg.Start
			out = append(out, Missing{Kind: record.KindDecision, Line: 1 + bytes.Count(data[:start], []byte{'\n'}),
				Start: start, Title: strings.TrimRight(string(body[seg.Start:seg.Stop]), "\r\n")})
		}
	}
	underDecisions := false
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Heading:
			underDecisions = strings.EqualFold(strings.TrimSpace(string(headingText(n, body))), "decisions")
		case *ast.List:
			visit(n, underDecisions)
		}
	}
	return out
}

func headingText(h *ast.Heading, src []byte) []byte {
	var b bytes.Buffer
	for i := 0; i < h.Lines().Len(); i++ {
		seg := h.Lines().At(i)
		b.Write(seg.Value(src))
	}
	return b.Bytes()
}

func paragraphText(n ast.Node, src []byte) []byte {
	var b bytes.Buffer
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		b.Write(seg.Value(src))
	}
	return b.Bytes()
}

// Suffix letters of generated IDs, as the bundled records write them
// (lp-2023-12-18-a2, egm-2022-r8, lp-2023-12-18-d4).
var suffix = map[string]string{record.KindAction: "a", record.KindRecommendation: "r", record.KindDecision: "d"}

// NewIDs names each missing item recordID-<letter><n>, counting on from the
// highest number that record already uses for that letter, and skipping any
// ID taken anywhere (taken reports, case-insensitively).
func NewIDs(recordID string, existing []*record.Item, missing []Missing, taken func(id string) bool) []string {
	next := map[string]int{}
	for letter := range invert(suffix) {
		re := regexp.MustCompile("^" + regexp.QuoteMeta(strings.ToLower(recordID)) + "-" + letter + `(\d+)$`)
		for _, it := range existing {
			if m := re.FindStringSubmatch(strings.ToLower(it.ID)); m != nil {
				if n, _ := strconv.Atoi(m[1]); n > next[letter] {
					next[letter] = n
				}
			}
		}
	}
	given := map[string]bool{}
	out := make([]string, len(missing))
	for i, m := range missing {
		letter := suffix[m.Kind]
		if letter == "" {
			letter = "a"
		}
		for {
			next[letter]++
			id := fmt.Sprintf("%s-%s%d", recordID, letter, next[letter])
			if !given[strings.ToLower(id)] && !taken(id) {
				given[strings.ToLower(id)] = true
				out[i] = id
				break
			}
		}
	}
	return out
}

func invert(m map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		out[v] = k
	}
	return out
}

// AssignIDs writes ids (one per missing item, as NewIDs gives them) into data.
// It edits from the end of the file backwards so earlier offsets stay true.
func AssignIDs(data []byte, missing []Missing, ids []string) []byte {
	order := make([]int, len(missing))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return missing[order[a]].Start > missing[order[b]].Start })
	for _, i := range order {
		data = AddID(data, missing[i].Start, ids[i])
	}
	return data
}
