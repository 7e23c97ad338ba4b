package validate

import (
	"bytes"
	"fmt"
	"os"
	"testing"

	"github.com/igf-records/igf/pkg/core/parse"
)

// manyItems is a meeting of the bundled body LP with n actions, each owned
// by LF, in one file (under the 4 MiB cap at 100,000).
func manyItems(n int) []byte {
	var b bytes.Buffer
	b.WriteString("---\nid: big\ntype: meeting\ntitle: Long\nbody: LP\ndate: \"2024-01-01\"\nformat: virtual\n---\n\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "- [ ] T @LF due:2024-03 {#b%d}\n", i)
	}
	return b.Bytes()
}

// Validating one file is linear in its items: the lines looked at to place
// each owner's finding grow with the file, not with its square. (Before,
// every item's position was found by counting lines from the top: at
// 100,000 items that was five billion lines, half a minute of CPU.)
func TestTokenPositionsAreLinear(t *testing.T) {
	work := map[int]int{}
	checked = func(c *checker) { work[len(c.lineStarts)] = c.scanned }
	defer func() { checked = nil }()
	reg, err := os.ReadFile("../../../records/registry.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{1000, 10000, 100000} {
		data := manyItems(n)
		if len(data) > 4<<20 {
			t.Fatalf("%d items make %d bytes, over the 4 MiB cap", n, len(data))
		}
		res := run([]Input{{Path: "records/registry.md", Data: reg, Full: true}, {Path: "records/meetings/2024/big.md", Data: data, Full: true}}, Options{})
		if res.Errors() != 0 {
			t.Fatalf("%d items: %d errors: %v", n, res.Errors(), res.Findings[:min(3, len(res.Findings))])
		}
	}
	per := func(n int) float64 {
		for lines, w := range work {
			if lines >= n && lines < n+20 {
				return float64(w) / float64(n)
			}
		}
		t.Fatalf("no run saw a file of %d lines: %v", n, work)
		return 0
	}
	if small, large := per(1000), per(100000); large > 2*small || large > 10 {
		t.Fatalf("lines looked at per item: %.1f at 1,000 items, %.1f at 100,000", small, large)
	}
}

// BenchmarkManyItems sets validating a file of 100,000 items beside parsing
// it: the rules may cost at most as much again as the parse (make bench
// prints both; read the ratio).
func BenchmarkManyItems(b *testing.B) {
	reg, err := os.ReadFile("../../../records/registry.md")
	if err != nil {
		b.Fatal(err)
	}
	data := manyItems(100000)
	b.Run("parse", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			parse.File("records/meetings/2024/big.md", data)
		}
	})
	b.Run("validate", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			run([]Input{{Path: "records/registry.md", Data: reg, Full: true}, {Path: "records/meetings/2024/big.md", Data: data, Full: true}}, Options{})
		}
	})
}
