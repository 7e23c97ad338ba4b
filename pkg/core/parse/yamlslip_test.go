package parse

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// frontBlock is the YAML between a record's --- lines.
func frontBlock(t testing.TB, data []byte) []byte {
	t.Helper()
	_, closeStart, _, f := locate("f.md", data)
	if f != nil {
		t.Fatalf("no front matter: %v", f)
	}
	open := bytes.Index(data, []byte("---"))
	block := data[open:closeStart]
	return block[bytes.IndexByte(block, '\n')+1:]
}

// Valid YAML holds no slip: the finder must never blame a line of a record
// that parses, or it would point at the wrong line of one that does not.
func TestNoSlipInValidYAML(t *testing.T) {
	var blocks [][]byte
	err := filepath.WalkDir(filepath.Join("..", "..", "..", "records"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := os.ReadFile(p)
		blocks = append(blocks, frontBlock(t, data))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{
		"title: \"a long title\n  that goes on\"\nbody: LP\n",
		"note: 'it''s here'\nagenda:\n- one\n- two\nformat: virtual\n",
		"note: |\n  line one: with a colon\n  - and a dash\nformat: virtual\n",
		"note: >-\n\n  after a blank line\nformat: virtual\n",
		"attendees: [VC,\n  LF, \"MG\"]\nregrets: {a: b, c: [d]}\n",
		"title: plain text\n  continued on the next line\nbody: LP # a comment: with a colon\n",
		"sources:\n  - title: A report\n    url: https://example.org/a:b\n  - title: B\n",
		"milestones:\n  - id: iww-1\n    checkpoints:\n      - {label: Mid, date: \"2024-07-01\"}\n",
		"time: 16:00-17:00 UTC\nlocation: Geneva, \"Palais\"\n",
		"title: \"Say \\\"hi\\\" \\u00e9\"\n",
		"empty:\nnext: x\n",
	} {
		blocks = append(blocks, []byte(s))
	}
	for _, b := range blocks {
		var n yaml.Node
		if err := yaml.Unmarshal(b, &n); err != nil {
			t.Fatalf("test block is not valid YAML: %v\n%s", err, b)
		}
		if s := findSlip(b); s != nil {
			t.Errorf("valid YAML blamed at %d:%d: %s\n%s", s.line, s.col, s.msg, b)
		}
	}
}

// FuzzYAMLSlip: any front matter gives at most one slip, inside the block.
func FuzzYAMLSlip(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "testdata", "invalid", "yaml-*.md"))
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(frontBlock(f, data))
	}
	f.Add([]byte("a: [b, {c: 'd'}]]\n\t- e: \"\\q"))
	f.Fuzz(func(t *testing.T, block []byte) {
		s := findSlip(block)
		if s == nil {
			return
		}
		lines := strings.Split(strings.ReplaceAll(string(block), "\r\n", "\n"), "\n")
		if s.line < 1 || s.line > len(lines) || s.col < 1 || s.msg == "" || s.hint == "" {
			t.Fatalf("slip outside the block or without words: %+v", s)
		}
	})
}
