// Package validate checks records: each file against its type's JSON Schema
// and the per-record rules, then the whole set against the cross-record rules
// (unique IDs, registry names, references, acyclic dependencies). It is pure:
// it takes bytes and parsed records, never files or git.
package validate

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"go.yaml.in/yaml/v3"

	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/parse"
	"github.com/igf-records/igf/pkg/core/record"
)

// Rule names. They are stable: scripts, CI filters and docs/validate.md use them.
const (
	RuleSchema           = "schema"
	RuleDuplicateID      = "duplicate-id"
	RuleIDFormat         = "id-format"
	RuleMissingID        = "missing-id"
	RuleUnknownPerson    = "unknown-person"
	RuleUnknownOwner     = "unknown-owner"
	RuleUnknownBody      = "unknown-body"
	RuleReservedName     = "reserved-name"
	RuleUnknownReference = "unknown-reference"
	RuleDateOrder        = "date-order"
	RuleDependencyCycle  = "dependency-cycle"
	RuleDate             = "date"
	RuleNoRegistry       = "no-registry"
	RuleUnknownField     = "unknown-field"
	RuleVisibility       = "visibility"
	// Warnings.
	RuleNoOwner           = "action-no-owner"
	RuleNoDue             = "action-no-due"
	RuleOwnerTermEnded    = "owner-term-ended"
	RuleCheckpointOutside = "checkpoint-outside"
	RuleUntrackedAction   = "untracked-action"
)

// crossRules are the rules whose findings depend on other files: a change to
// one file can raise them in another, so --staged reports them everywhere.
var crossRules = map[string]bool{
	RuleDuplicateID: true, RuleUnknownPerson: true, RuleUnknownOwner: true, RuleUnknownBody: true,
	RuleReservedName: true, RuleUnknownReference: true, RuleDependencyCycle: true, RuleAmbiguousName: true,
	// The registry's passthrough: list decides which fields are unknown.
	RuleUnknownField: true,
}

// IsCrossRule reports whether a rule looks across records.
func IsCrossRule(rule string) bool { return crossRules[rule] }

// File reads and checks one record file on its own: bytes, YAML, schema,
// dates and the per-record rules. It returns the record (nil when the file
// is not a record at all) for the cross-record rules; the YAML tree is
// dropped here so that a large repository is not held in memory twice.
func File(path string, data []byte) (*record.Record, []record.Finding) {
	rec, det, findings := parse.FileDetailed(path, data)
	findings, aliases := collapseAliases(findings)
	nParse := len(findings)
	// Aliases stand for values the schema would see as empty: one finding
	// says all that needs saying.
	if det != nil && rec != nil && aliases == 0 {
		findings = append(findings, CheckShape(path, det.Front, rec.Pos.Line)...)
		findings = append(findings, registryDates(path, det.Front)...)
		findings = append(findings, hiddenText(path, det.Front)...)
	}
	if rec != nil {
		findings = append(findings, recordRules(rec, det.Body)...)
	}
	return rec, withoutRestated(findings, nParse)
}

// withoutRestated drops an error of the parser's (the first nParse
// findings) where the body rules found an error on the same line: theirs
// names the mistake and the fix in more words.
func withoutRestated(fs []record.Finding, nParse int) []record.Finding {
	said := map[int]bool{}
	for _, f := range fs[nParse:] {
		if f.Severity == record.SeverityError && restatable[f.Rule] {
			said[f.Line] = true
		}
	}
	out := fs[:0]
	for i, f := range fs {
		if i < nParse && f.Severity == record.SeverityError && restatable[f.Rule] && said[f.Line] {
			continue
		}
		out = append(out, f)
	}
	return out
}

// restatable are the parser's rules that the body rules restate.
var restatable = map[string]bool{parse.RuleUnreadID: true, RuleTokenSyntax: true, RuleTaskSyntax: true, RuleUntrackedItem: true}

// collapseAliases keeps the first yaml-alias finding and counts the rest in
// it: a file built on aliases would otherwise get one line per use.
func collapseAliases(fs []record.Finding) ([]record.Finding, int) {
	out := fs[:0:0]
	first, n := -1, 0
	for _, f := range fs {
		if f.Rule != "yaml-alias" {
			out = append(out, f)
			continue
		}
		n++
		if first < 0 {
			first = len(out)
			out = append(out, f)
		}
	}
	if n > 1 {
		out[first].Message += fmt.Sprintf(" (%d uses of aliases; this is the first)", n)
	}
	return out, n
}

// RuleYAMLComment: text after " #" in a plain value is a YAML comment.
const RuleYAMLComment = "yaml-comment"

// hiddenText warns of a plain value cut short by " #": "title: IGF #1
// call" is the title "IGF" and a comment "#1 call". A comment written as one
// ("# the body that met", a space after the #) is left alone.
func hiddenText(path string, n *yaml.Node) []record.Finding {
	var out []record.Finding
	var walk func(key string, item bool, n *yaml.Node)
	walk = func(key string, item bool, n *yaml.Node) {
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				walk(n.Content[i].Value, false, n.Content[i+1])
			}
		case yaml.SequenceNode:
			for _, c := range n.Content {
				walk(key, true, c)
			}
		case yaml.ScalarNode:
			c := n.LineComment
			if n.Style != 0 || len(c) < 2 || c[0] != '#' || c[1] == ' ' || c[1] == '\t' || c[1] == '#' || n.Value == "" {
				return
			}
			whole := fmt.Sprintf("%s: %q", key, n.Value+" "+c)
			what := "`" + key + "`"
			if item {
				whole = fmt.Sprintf("- %q", n.Value+" "+c)
				what = "an item of `" + key + "`"
			}
			out = append(out, record.Warn(path, pos(n), RuleYAMLComment,
				fmt.Sprintf("%q is read as a YAML comment, so %s is %q", c, what, n.Value),
				"quote the value to keep the rest: "+whole))
		}
	}
	walk("", false, n)
	return out
}

// registryDates checks membership terms, which the parser decodes without reading.
func registryDates(path string, doc *yaml.Node) []record.Finding {
	people, _ := nodeAt(doc, []string{"people"})
	if people == nil || people.Kind != yaml.SequenceNode {
		return nil
	}
	var out []record.Finding
	for _, p := range people.Content {
		ms, key := nodeAt(p, []string{"memberships"})
		if key == nil || ms.Kind != yaml.SequenceNode {
			continue
		}
		for _, m := range ms.Content {
			var values []*yaml.Node
			for _, k := range []string{"from", "to"} {
				if v, kn := nodeAt(m, []string{k}); kn != nil {
					values = append(values, v)
				}
			}
			if seen, kn := nodeAt(m, []string{"seen"}); kn != nil && seen.Kind == yaml.SequenceNode {
				values = append(values, seen.Content...)
			}
			for _, v := range values {
				if v.Kind != yaml.ScalarNode || v.Value == "" {
					continue
				}
				if _, err := dates.Parse(v.Value); err != nil {
					msg, hint := dates.Explain(err)
					out = append(out, record.At(path, pos(v), RuleDate, msg, hint))
				}
			}
		}
	}
	return out
}

var itemID = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]*$`)

// Record applies the rules that need only the record itself.
func Record(r *record.Record) []record.Finding { return recordRules(r, nil) }

// recordRules is Record with the body's Markdown tree when the parser kept it.
func recordRules(r *record.Record, body ast.Node) []record.Finding {
	var out []record.Finding
	ids := newIDSuggester(r)
	lint := newBodyLint(r, ids)
	lint.run(body)
	errAt := func(p record.Pos, rule, msg, hint string) { out = append(out, record.At(r.Path, p, rule, msg, hint)) }
	warnAt := func(p record.Pos, rule, msg, hint string) { out = append(out, record.Warn(r.Path, p, rule, msg, hint)) }

	if r.Type == record.TypeTimeline && isSet(r.Start) && isSet(r.End) && r.End.End.Before(r.Start.Start) {
		errAt(r.FieldAt("/end"), RuleDateOrder, fmt.Sprintf("the timeline ends (%s) before it starts (%s)", r.End, r.Start),
			"check start and end; a range end is its last day")
	}
	out = append(out, expectedPending(r)...)
	if nm := r.NextMeeting; nm != nil && isSet(nm.Date) && isSet(r.Date) && !nm.Date.End.After(r.Date.Start) {
		errAt(r.FieldAt("/next_meeting/date"), RuleDateOrder,
			fmt.Sprintf("the next meeting (%s) is not after this meeting (%s)", nm.Date, r.Date),
			"next_meeting.date is the date of the following meeting; use TBD if it is not known")
	}
	for i, it := range r.Items {
		switch it.Kind {
		case record.KindMilestone:
			mp := fmt.Sprintf("/milestones/%d", i)
			if isSet(it.Start) && isSet(it.Due) && it.Due.End.Before(it.Start.Start) {
				errAt(r.FieldAt(mp+"/due"), RuleDateOrder, fmt.Sprintf("milestone %s is due (%s) before it starts (%s)", it.ID, it.Due, it.Start),
					"check start and due")
			}
			for j, cp := range it.Checkpoints {
				if !isSet(cp.Date) {
					continue
				}
				early := isSet(it.Start) && cp.Date.End.Before(it.Start.Start)
				late := isSet(it.Due) && it.Due.End.Before(cp.Date.Start)
				if early || late {
					warnAt(r.FieldAt(fmt.Sprintf("%s/checkpoints/%d/date", mp, j)), RuleCheckpointOutside,
						fmt.Sprintf("checkpoint %q (%s) lies outside milestone %s (%s to %s)", cp.Label, cp.Date, it.ID, orDash(it.Start), orDash(it.Due)),
						"move the checkpoint, or the milestone's start or due date")
				}
			}
		case record.KindAction, record.KindRecommendation:
			q := lint.quiet[it.Pos]
			if it.ID == "" && !q.id {
				errAt(it.Pos, RuleMissingID, fmt.Sprintf("%s %q has no ID", it.Kind, short(it.Title)),
					fmt.Sprintf("add {#%s} at the end of the item; IDs are never computed, so they survive edits", ids.next(it.Kind)))
			} else if msg, hint, bad := badID(it.ID); it.ID != "" && bad {
				errAt(it.Pos, RuleIDFormat, msg, hint)
			}
			if !it.Open() {
				continue
			}
			if len(it.Owners) == 0 && !q.owner {
				warnAt(it.Pos, RuleNoOwner, fmt.Sprintf("open %s %s has no owner", it.Kind, orQuote(it)),
					"add @ID for who must do it (a person or body from the registry), or @TBD when the source leaves it open")
			}
			// A due date written but unreadable is reported as a date error already.
			if it.Due.IsZero() && it.DueText == "" && it.Kind == record.KindAction && !q.due {
				warnAt(it.Pos, RuleNoDue, fmt.Sprintf("open %s %s has no due date", it.Kind, orQuote(it)),
					"add due:DATE (due:2024-03, due:2024-Q2), or due:TBD when the source gives none")
			}
		case record.KindDecision:
			if msg, hint, bad := badID(it.ID); bad {
				errAt(it.Pos, RuleIDFormat, msg, hint)
			}
		}
	}
	out = append(out, lint.out...)
	out = append(out, visibility(r)...)
	out = append(out, idFindings(r)...)
	return out
}

// visibility checks what the front-matter schema cannot: the visibility
// token of body items and the restricted passages of the body. A misspelt
// value or an unclosed passage is withheld from public outputs all the same
// (igf fails closed), but the writer should know.
func visibility(r *record.Record) []record.Finding {
	var out []record.Finding
	for _, it := range r.Items {
		if it.Kind == record.KindMilestone || it.Visibility == "" || it.Visibility == record.VisibilityPublic ||
			it.Visibility == record.VisibilityRestricted {
			continue
		}
		out = append(out, record.At(r.Path, it.Pos, RuleVisibility,
			fmt.Sprintf("visibility:%s on %s is neither public nor restricted", it.Visibility, orQuote(it)),
			"write visibility:restricted to leave the item out of public outputs, or remove the token; the item is withheld until then"))
	}
	if r.Type == record.TypeRegistry {
		return out
	}
	_, unclosed, stray := r.RestrictedBlocks()
	if unclosed != 0 {
		out = append(out, record.At(r.Path, record.Pos{Line: unclosed, Col: 1}, RuleVisibility,
			"this restricted passage is never closed, so the rest of the body is withheld from public outputs",
			"add a line "+record.RestrictedClose+" where the restricted text ends"))
	}
	if stray != 0 {
		out = append(out, record.At(r.Path, record.Pos{Line: stray, Col: 1}, RuleVisibility,
			record.RestrictedClose+" closes no restricted passage",
			"add "+record.RestrictedOpen+" where the restricted text starts, or remove this line"))
	}
	return out
}

func isSet(d dates.Date) bool { return !d.IsZero() && !d.IsTBD() }

func orDash(d dates.Date) string {
	if d.IsZero() {
		return "-"
	}
	return d.String()
}

func orQuote(it *record.Item) string {
	if it.ID != "" {
		return it.ID
	}
	return fmt.Sprintf("%q", short(it.Title))
}

func short(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:57]) + "..."
	}
	return s
}

// idSuggester proposes free item IDs in a record's own series, each once:
// a file with several items lacking IDs gets a different one for each.
type idSuggester struct {
	base string
	used map[string]bool
}

func newIDSuggester(r *record.Record) *idSuggester {
	s := &idSuggester{base: strings.ToLower(r.ID), used: map[string]bool{strings.ToLower(r.ID): true}}
	if s.base == "" {
		s.base = "id"
	}
	for _, x := range r.Items {
		s.used[strings.ToLower(x.ID)] = true
	}
	return s
}

// next is the next free ID for an item of a kind: -a1 for actions, -r1 for
// recommendations, -d1 for decisions.
func (s *idSuggester) next(kind string) string {
	prefix := "a"
	switch kind {
	case record.KindRecommendation:
		prefix = "r"
	case record.KindDecision:
		prefix = "d"
	}
	for n := 1; ; n++ {
		id := fmt.Sprintf("%s-%s%d", s.base, prefix, n)
		if !s.used[id] {
			s.used[id] = true
			return id
		}
	}
}
