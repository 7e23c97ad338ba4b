package parse

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
	"go.yaml.in/yaml/v3"

	"github.com/igf-records/igf/pkg/core/record"
)

// File reads one record file. It returns the record (nil when the file cannot
// be read as a record at all) and every finding the reading met. It never
// panics, whatever the bytes.
func File(path string, data []byte) (*record.Record, []record.Finding) {
	rec, _, findings := FileDetailed(path, data)
	return rec, findings
}

// Detail is what validators read beyond the record: the front matter's
// YAML mapping with file lines, and the body's Markdown tree. Callers should
// drop it once done with the file: it is far larger than the record.
type Detail struct {
	Front *yaml.Node
	Body  ast.Node // the body's goldmark tree; nil for a registry
	Src   []byte   // the body, which Body's segments index
}

// FileDetailed is File that also returns the trees it read, for validators
// that check the front matter's shape and the body's near-misses.
func FileDetailed(path string, data []byte) (*record.Record, *Detail, []record.Finding) {
	if f := checkBytes(path, data); f != nil {
		return nil, nil, []record.Finding{*f}
	}
	// A byte-order mark is harmless: read past it, keep offsets in file terms.
	skip := 0
	if bytes.HasPrefix(data, bom) {
		skip = len(bom)
	}
	fm, findings := readFrontMatter(path, data[skip:])
	if fm == nil {
		return nil, nil, findings
	}
	rec := &record.Record{Path: path, Pos: record.Pos{Line: fm.openLine, Col: 1}, BodyLine: fm.bodyLine}
	d := &decoder{path: path, rec: rec, findings: findings}
	d.record(fm.node)
	body := data[skip+fm.bodyStart:]
	rec.Text = string(body)
	br := &bodyReader{d: d, file: data, offset: skip + fm.bodyStart, src: body}
	det := &Detail{Front: fm.node, Src: body}
	if rec.Type != record.TypeRegistry {
		det.Body = br.read()
	}
	return rec, det, d.findings
}

// ErrorSummary joins findings into one line, for commands that only read.
func ErrorSummary(fs []record.Finding) string {
	var parts []string
	for _, f := range fs {
		if f.Severity == record.SeverityError {
			parts = append(parts, fmt.Sprintf("%d:%d: %s", f.Line, f.Col, f.Message))
		}
	}
	return strings.Join(parts, "; ")
}
