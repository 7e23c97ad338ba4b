// Package parse reads one record file — YAML front matter and a Markdown body —
// into the record model, with the file position of every field and item.
// It takes bytes and a path and touches no file system, so every source (the
// working tree, the git index, a past revision) shares it.
package parse

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"unicode/utf8"

	"github.com/adrg/frontmatter"
	"go.yaml.in/yaml/v3"

	"github.com/igf-records/igf/pkg/core/record"
)

// MaxFileSize bounds one record file; a real meeting report is a few KB.
const MaxFileSize = 4 << 20

// maxNodes bounds the YAML tree of one front matter: records have tens of
// fields, so anything far larger is a mistake or an attack.
const maxNodes = 20000

var bom = []byte("\xef\xbb\xbf")

// frontMatter is the located YAML block of a file.
type frontMatter struct {
	node      *yaml.Node // the document's root mapping
	openLine  int        // file line of the opening ---
	bodyStart int        // byte offset of the body in the file
	bodyLine  int        // file line of the body's first line
}

// checkBytes rejects what is not a text record, before any parsing.
func checkBytes(path string, data []byte) *record.Finding {
	fail := func(p record.Pos, rule, msg, hint string) *record.Finding {
		f := record.At(path, p, rule, msg, hint)
		return &f
	}
	if len(data) > MaxFileSize {
		return fail(record.Pos{}, "file-too-large", fmt.Sprintf("file is %d bytes; a record is at most %d", len(data), MaxFileSize),
			"split the text into several records, or move attachments out of records/")
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return fail(posOf(data, i), "binary-file", "file holds binary data (a NUL byte)", "only Markdown text records belong under records/")
	}
	if !utf8.Valid(data) {
		i := 0
		for i < len(data) {
			r, n := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			i += n
		}
		return fail(posOf(data, i), "encoding", fmt.Sprintf("byte 0x%02x is not UTF-8", data[i]), "save the file as UTF-8")
	}
	return nil
}

// posOf turns a byte offset into a 1-based line and (rune) column.
func posOf(data []byte, off int) record.Pos {
	off = min(max(off, 0), len(data))
	line := 1 + bytes.Count(data[:off], []byte{'\n'})
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	return record.Pos{Line: line, Col: 1 + utf8.RuneCount(data[start:off])}
}

var errNoFrontMatter = errors.New("no front matter")

// locate finds the --- lines the way adrg/frontmatter does (blank lines may
// come first), because that library reports an unclosed block as "no front
// matter" and we want to say which.
func locate(path string, data []byte) (open, closeStart, closeEnd int, f *record.Finding) {
	fail := func(off int, rule, msg, hint string) (int, int, int, *record.Finding) {
		x := record.At(path, posOf(data, off), rule, msg, hint)
		return 0, 0, 0, &x
	}
	i := 0
	open = -1
	for i < len(data) {
		end := bytes.IndexByte(data[i:], '\n')
		if end < 0 {
			end = len(data) - i
		}
		line := bytes.TrimSpace(data[i : i+end])
		next := i + end + 1
		if open < 0 {
			if len(line) == 0 {
				i = next
				continue
			}
			if !bytes.Equal(line, []byte("---")) {
				return fail(i, "no-front-matter", "the file has no front matter",
					"start the file with a line ---, the record's YAML fields (id, type, title, ...), and a closing ---; "+
						"for minutes written without them, igf import FILE writes the front matter from the text")
			}
			open = i
		} else if bytes.Equal(line, []byte("---")) {
			return open, i, min(next, len(data)), nil
		}
		i = next
	}
	if open < 0 {
		return fail(0, "no-front-matter", "the file is empty", "a record starts with --- front matter ---; see igf help format")
	}
	return fail(open, "unterminated-front-matter", "the front matter opened here is never closed",
		"add a line --- after the last YAML field")
}

var yamlLine = regexp.MustCompile(`line (\d+)(?:, column (\d+))?: (.*)`)

// readFrontMatter locates and decodes the YAML block through adrg/frontmatter,
// decoding with go.yaml.in/yaml's node API so positions and types survive.
func readFrontMatter(path string, data []byte) (*frontMatter, []record.Finding) {
	open, closeStart, closeEnd, f := locate(path, data)
	if f != nil {
		return nil, []record.Finding{*f}
	}
	openLine := posOf(data, open).Line
	var root yaml.Node
	var yamlErr error
	format := frontmatter.NewFormat("---", "---", func(b []byte, v any) error {
		yamlErr = yaml.Unmarshal(b, &root)
		return nil // report our own error, with file positions
	})
	if _, err := frontmatter.Parse(bytes.NewReader(data[:closeEnd]), &root, format); err != nil {
		return nil, []record.Finding{record.At(path, record.Pos{Line: openLine}, "front-matter", err.Error(), "check the --- lines")}
	}
	if yamlErr != nil {
		return nil, []record.Finding{yamlFinding(path, openLine, yamlErr, data[open:closeStart])}
	}
	fm := &frontMatter{openLine: openLine, bodyStart: closeEnd, bodyLine: posOf(data, closeStart).Line + 1}
	if root.Kind == 0 || len(root.Content) == 0 {
		return nil, []record.Finding{record.At(path, record.Pos{Line: openLine}, "empty-front-matter", "the front matter is empty",
			"write at least id, type and title between the --- lines")}
	}
	doc := root.Content[0]
	var findings []record.Finding
	count := 0
	shift(doc, openLine, &count)
	if count > maxNodes {
		return nil, []record.Finding{record.At(path, record.Pos{Line: openLine}, "yaml-too-large",
			fmt.Sprintf("the front matter has over %d YAML nodes", maxNodes), "move long text into the Markdown body")}
	}
	findings = append(findings, checkTree(path, doc)...)
	if doc.Kind != yaml.MappingNode {
		findings = append(findings, record.At(path, pos(doc), "front-matter-shape", "the front matter must be a mapping of fields",
			"write fields as `key: value` lines"))
		return nil, findings
	}
	fm.node = doc
	return fm, findings
}

// yamlFinding reports a YAML error at its culprit when the line that opened
// the broken construct can be found, else where the parser gave up. head is
// the block from the opening --- to the closing one.
func yamlFinding(path string, openLine int, err error, head []byte) record.Finding {
	block := head[bytes.IndexByte(head, '\n')+1:] // the lines after the opening ---
	if s := findSlip(block); s != nil {
		return record.At(path, record.Pos{Line: openLine + s.line, Col: s.col}, "yaml", "invalid YAML: "+s.msg, s.hint)
	}
	msg := err.Error()
	p := record.Pos{Line: openLine + 1, Col: 1}
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		p.Line = openLine + n
		if m[2] != "" {
			p.Col, _ = strconv.Atoi(m[2])
		}
		msg = m[3]
	}
	return record.At(path, p, "yaml", "invalid YAML: "+msg, "check indentation, colons and quotes on this line; quote values that contain ': ' or start with a special character")
}

// shift turns block-relative lines into file lines and counts nodes.
func shift(n *yaml.Node, openLine int, count *int) {
	*count++
	if *count > maxNodes {
		return
	}
	n.Line += openLine
	for _, c := range n.Content {
		shift(c, openLine, count)
	}
}

// checkTree rejects aliases (a bomb needs them; records never do) and
// duplicate keys (yaml's node API keeps both silently).
func checkTree(path string, n *yaml.Node) []record.Finding {
	var out []record.Finding
	switch n.Kind {
	case yaml.AliasNode:
		return []record.Finding{record.At(path, pos(n), "yaml-alias", "YAML aliases (*name) are not allowed in records",
			"write the value out in full")}
	case yaml.MappingNode:
		seen := map[string]*yaml.Node{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind == yaml.ScalarNode {
				if first, dup := seen[k.Value]; dup {
					out = append(out, record.At(path, pos(k), "duplicate-key",
						fmt.Sprintf("key %q is given twice (first at line %d)", k.Value, first.Line), "keep one of the two"))
				} else {
					seen[k.Value] = k
				}
			}
			out = append(out, checkTree(path, n.Content[i+1])...)
		}
	default:
		for _, c := range n.Content {
			out = append(out, checkTree(path, c)...)
		}
	}
	return out
}

func pos(n *yaml.Node) record.Pos { return record.Pos{Line: n.Line, Col: n.Column} }
