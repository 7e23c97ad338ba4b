package cache

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/igf-records/igf/pkg/core/parse"
)

// BenchmarkDecode decodes the blobs of up to 5,000 records of the corpus
// named by IGF_BENCH_CORPUS (a generated repository), one per op.
func BenchmarkDecode(b *testing.B) {
	dir := os.Getenv("IGF_BENCH_CORPUS")
	if dir == "" {
		b.Skip("set IGF_BENCH_CORPUS to a generated repository (see bench/run.sh)")
	}
	var blobs [][]byte
	_ = filepath.WalkDir(filepath.Join(dir, "records"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") || len(blobs) >= 5000 {
			return nil
		}
		data, _ := os.ReadFile(p)
		rec, finds := parse.File(p, data)
		blobs = append(blobs, encodeEntry(nil, rec, finds))
		return nil
	})
	m := newMemo()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, err := decodeEntry(blobs[i%len(blobs)], nil, m); err != nil {
			b.Fatal(err)
		}
	}
}
