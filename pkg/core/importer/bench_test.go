package importer

import (
	"os"
	"testing"
)

// BenchmarkReaders reads the same real minutes as each format, side by
// side: the HTML reader (golang.org/x/net/html's tokenizer) against
// goldmark's Markdown parser and the plain-text reader.
func BenchmarkReaders(b *testing.B) {
	html, err := os.ReadFile("../../../testdata/import/minutes/2023-12-18-lp-group-d-iww.html")
	if err != nil {
		b.Fatal(err)
	}
	md, err := os.ReadFile("../../../testdata/import/minutes/2023-12-18-lp-virtual.md")
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		data []byte
		read func([]byte) []block
	}{
		{"html", html, htmlBlocks},
		{"markdown-of-html", html, markdownBlocks},
		{"markdown", md, markdownBlocks},
		{"text-of-markdown", md, textBlocks},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.data)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				c.read(c.data)
			}
		})
	}
}
