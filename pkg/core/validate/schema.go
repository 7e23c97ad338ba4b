package validate

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/igf-records/igf/pkg/core/record"
)

//go:embed schemas/*.json
var schemaFiles embed.FS

// Types lists the record types that have a schema, in the order docs/format.md gives them.
func Types() []string {
	return []string{record.TypeMeeting, record.TypeDecision, record.TypeTimeline, record.TypeRegistry}
}

// Schema is the JSON Schema (draft-07) of a record type's front matter.
func Schema(typ string) ([]byte, bool) {
	b, err := schemaFiles.ReadFile("schemas/" + typ + ".json")
	return b, err == nil
}

type compiled struct {
	schemas map[string]*jsonschema.Schema
	fields  map[string][]string // type -> top-level field names, for "did you mean"
	err     error
}

var compileOnce = sync.OnceValue(func() *compiled {
	c := &compiled{schemas: map[string]*jsonschema.Schema{}, fields: map[string][]string{}}
	comp := jsonschema.NewCompiler()
	comp.DefaultDraft(jsonschema.Draft7)
	for _, t := range Types() {
		b, _ := Schema(t)
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			c.err = fmt.Errorf("schema %s: %w", t, err)
			return c
		}
		url := "mem:///" + t + ".json"
		if err := comp.AddResource(url, doc); err != nil {
			c.err = fmt.Errorf("schema %s: %w", t, err)
			return c
		}
		sch, err := comp.Compile(url)
		if err != nil {
			c.err = fmt.Errorf("schema %s: %w", t, err)
			return c
		}
		c.schemas[t] = sch
	}
	return c
})

// topFields are the top-level fields of each type's schema, read once.
var topFields = sync.OnceValue(func() map[string][]string {
	m := map[string][]string{}
	for _, t := range Types() {
		m[t] = schemaProperties(t, nil)
	}
	return m
})

// schemaProperties lists the property names a schema location allows, for hints.
func schemaProperties(typ string, loc []string) []string {
	b, ok := Schema(typ)
	if !ok {
		return nil
	}
	var doc map[string]any
	if json.Unmarshal(b, &doc) != nil {
		return nil
	}
	node := any(doc)
	for _, tok := range loc {
		m, _ := node.(map[string]any)
		if m == nil {
			return nil
		}
		props, _ := m["properties"].(map[string]any)
		if next, ok := props[tok]; ok {
			node = resolve(doc, next)
			continue
		}
		if items, ok := m["items"]; ok && isIndex(tok) {
			node = resolve(doc, items)
			continue
		}
		return nil
	}
	m, _ := node.(map[string]any)
	props, _ := m["properties"].(map[string]any)
	out := make([]string, 0, len(props))
	for k := range props {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func resolve(doc map[string]any, n any) any {
	for range 5 {
		m, _ := n.(map[string]any)
		ref, _ := m["$ref"].(string)
		if !strings.HasPrefix(ref, "#/definitions/") {
			return n
		}
		defs, _ := doc["definitions"].(map[string]any)
		n = defs[strings.TrimPrefix(ref, "#/definitions/")]
	}
	return n
}

func isIndex(s string) bool { _, err := strconv.Atoi(s); return err == nil }

// plain converts a YAML tree to the values JSON Schema validates: scalars keep
// their YAML type except timestamps, which stay text (dates are text in igf).
// Aliases become nil; the parser reports them and they are never expanded.
func plain(n *yaml.Node) any {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) > 0 {
			return plain(n.Content[0])
		}
		return nil
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = plain(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		s := make([]any, len(n.Content))
		for i, c := range n.Content {
			s[i] = plain(c)
		}
		return s
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return nil
		case "!!bool":
			if b, err := strconv.ParseBool(strings.ToLower(n.Value)); err == nil {
				return b
			}
		case "!!int":
			if i, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64); err == nil {
				return i
			}
		case "!!float":
			if f, err := strconv.ParseFloat(n.Value, 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
				return f
			}
		}
		return n.Value
	}
	return nil
}

// nodeAt follows a JSON-pointer-like path of tokens through a YAML mapping tree.
// It returns the value node and, for a mapping entry, its key node.
func nodeAt(root *yaml.Node, loc []string) (val, key *yaml.Node) {
	val = root
	for _, tok := range loc {
		switch val.Kind {
		case yaml.MappingNode:
			var found bool
			for i := 0; i+1 < len(val.Content); i += 2 {
				if val.Content[i].Value == tok {
					key, val, found = val.Content[i], val.Content[i+1], true
				}
			}
			if !found {
				return val, key
			}
		case yaml.SequenceNode:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(val.Content) {
				return val, key
			}
			key, val = nil, val.Content[i]
		default:
			return val, key
		}
	}
	return val, key
}

// field names a location for messages: `date`, `milestones[2].status`.
func field(loc []string) string {
	var sb strings.Builder
	for _, tok := range loc {
		if isIndex(tok) {
			sb.WriteString("[" + tok + "]")
			continue
		}
		if sb.Len() > 0 {
			sb.WriteByte('.')
		}
		sb.WriteString(tok)
	}
	return sb.String()
}

var printer = message.NewPrinter(language.English)

// typeWords names JSON types as an editor thinks of them.
var typeWords = map[string]string{
	"string": "text", "number": "a number", "integer": "a whole number", "boolean": "true or false",
	"array": "a list", "object": "a mapping of fields (key: value)", "null": "empty",
}

func words(types []string) string {
	var out []string
	for _, t := range types {
		if w, ok := typeWords[t]; ok {
			out = append(out, w)
		} else {
			out = append(out, t)
		}
	}
	return strings.Join(out, " or ")
}

// definitionHints explain the shapes schemas name by definition.
var definitionHints = map[string]string{
	"id":    "IDs are lower-case letters, digits, - and ., starting with a letter or digit (lp-2023-12-18, iww-3.2)",
	"name":  "write one registry ID, initials or alias per list entry, without spaces (VC, LF, Sect); see records/registry.md",
	"names": "write a list of registry IDs: [VC, LF]",
	"date":  "write a date as text, e.g. date: \"2024-03-01\", \"2024-09\", \"2024-Q3\" or TBD; see igf help dates",
}

// fieldHints say what to write for a missing field.
var fieldHints = map[string]string{
	"id":         "add `id: ...`: an ID people type, unique in the repository (lp-2023-12-18)",
	"type":       "add `type: meeting` (or decision, timeline, registry)",
	"title":      "add `title: ...`, the record's title as the source gives it",
	"body":       "add `body: ...`, the registry ID of the body (LP, MAG, Sect)",
	"date":       "add `date: \"2024-03-01\"` (a day, month, quarter, range or TBD; see igf help dates)",
	"milestones": "add `milestones:` with the timeline's steps (see igf help format, section timeline)",
}

// CheckShape validates a record's front matter against its type's schema and
// maps each error back to the YAML node that caused it.
func CheckShape(path string, doc *yaml.Node, openLine int) []record.Finding {
	if doc == nil {
		return nil
	}
	c := compileOnce()
	if c.err != nil {
		return []record.Finding{record.At(path, record.Pos{Line: openLine}, "internal", c.err.Error(), "")}
	}
	value := plain(doc)
	m, _ := value.(map[string]any)
	typ, _ := m["type"].(string)
	sch := c.schemas[typ]
	if sch == nil {
		typeNode, key := nodeAt(doc, []string{"type"})
		if key == nil {
			return []record.Finding{record.At(path, record.Pos{Line: openLine, Col: 1}, "schema", "missing field `type`", fieldHints["type"])}
		}
		return []record.Finding{record.At(path, pos(typeNode), "schema",
			fmt.Sprintf("`type` must be one of %s (got %q)", strings.Join(Types(), ", "), typeNode.Value),
			"the type says which fields the record has; see igf help format, section Record types")}
	}
	err := sch.Validate(value)
	if err == nil {
		return nil
	}
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return []record.Finding{record.At(path, record.Pos{Line: openLine}, "schema", err.Error(), "")}
	}
	var out []record.Finding
	seen := map[string]bool{}
	for _, leaf := range leaves(ve, nil) {
		// Unknown top-level fields may belong to another tool, which only
		// the registry's passthrough: list says: the cross-record rules
		// report them (RuleUnknownField).
		if _, extra := leaf.ErrorKind.(*kind.AdditionalProperties); extra && len(leaf.InstanceLocation) == 0 {
			continue
		}
		f := describe(path, typ, doc, openLine, leaf)
		k := f.String()
		if !seen[k] {
			seen[k] = true
			out = append(out, f)
		}
	}
	return out
}

func leaves(e *jsonschema.ValidationError, out []*jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(e.Causes) == 0 {
		return append(out, e)
	}
	for _, c := range e.Causes {
		out = leaves(c, out)
	}
	return out
}

func pos(n *yaml.Node) record.Pos { return record.Pos{Line: n.Line, Col: n.Column} }

// describe turns one schema error into a finding a person can act on.
func describe(path, typ string, doc *yaml.Node, openLine int, e *jsonschema.ValidationError) record.Finding {
	loc := e.InstanceLocation
	val, key := nodeAt(doc, loc)
	at := pos(val)
	name := "`" + field(loc) + "`"
	def := ""
	if i := strings.LastIndex(e.SchemaURL, "/definitions/"); i >= 0 {
		def = strings.SplitN(e.SchemaURL[i+len("/definitions/"):], "/", 2)[0]
	}
	hint := definitionHints[def]
	var msg string
	switch k := e.ErrorKind.(type) {
	case *kind.Required:
		var names []string
		for _, m := range k.Missing {
			names = append(names, "`"+m+"`")
		}
		msg = "missing field " + strings.Join(names, ", ")
		if len(loc) > 0 {
			msg += " in " + name
		} else {
			at = record.Pos{Line: openLine, Col: 1}
		}
		if len(k.Missing) == 1 && len(loc) == 0 {
			hint = fieldHints[k.Missing[0]]
		} else if len(k.Missing) == 1 {
			hint = fmt.Sprintf("add `%s: ...` to this entry", k.Missing[0])
		}
		if hint == "" {
			hint = "see igf help format, section " + typ
		}
	case *kind.AdditionalProperties:
		var names []string
		for _, p := range k.Properties {
			names = append(names, "`"+p+"`")
		}
		msg = "unknown field " + strings.Join(names, ", ")
		if len(loc) > 0 {
			msg += " in " + name
		}
		if len(k.Properties) > 0 {
			_, kn := nodeAt(doc, append(append([]string{}, loc...), k.Properties[0]))
			if kn != nil {
				at = pos(kn)
			}
			known := schemaProperties(typ, loc)
			if near := Closest(k.Properties[0], known, 1); len(near) > 0 {
				hint = "did you mean `" + near[0] + "`?"
			} else {
				hint = "a " + typ + " has the fields " + strings.Join(known, ", ") + "; see igf help format, section " + typ
				if len(loc) > 0 {
					hint = name + " takes the fields " + strings.Join(known, ", ") + "; see igf help format, section " + typ
				}
			}
		}
	case *kind.Enum:
		var want []string
		for _, w := range k.Want {
			want = append(want, fmt.Sprint(w))
		}
		msg = fmt.Sprintf("%s must be one of %s (got %q)", name, strings.Join(want, ", "), fmt.Sprint(k.Got))
		hint = "write one of the values exactly as listed"
		if k.Got == nil {
			msg = fmt.Sprintf("%s has no value: write one of %s", name, strings.Join(want, ", "))
			hint = "give a value, or remove the line"
		}
	case *kind.Const:
		msg = fmt.Sprintf("%s must be %v (got %q)", name, k.Want, fmt.Sprint(k.Got))
	case *kind.Type:
		msg = fmt.Sprintf("%s must be %s, not %s", name, words(k.Want), words([]string{k.Got}))
		if k.Got == "null" {
			hint = "give a value, or remove the line"
		} else if hint == "" && slicesContains(k.Want, "string") {
			hint = "quote the value: \"...\""
		}
	case *kind.Pattern:
		msg = fmt.Sprintf("%s: %q is not a valid %s", name, k.Got, orWord(def, "value"))
	case *kind.MinLength:
		msg = name + " must not be empty"
		if hint == "" {
			hint = "write a value, or remove the line"
		}
	default:
		msg = fmt.Sprintf("%s: %s", name, e.ErrorKind.LocalizedString(printer))
	}
	if key != nil && at.Line == 0 {
		at = pos(key)
	}
	return record.At(path, at, "schema", msg, hint)
}

func orWord(s, def string) string {
	switch s {
	case "id":
		return "ID"
	case "name":
		return "registry name"
	case "":
		return def
	}
	return s
}

func slicesContains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
