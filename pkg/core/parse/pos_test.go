package parse

import (
	"os"
	"testing"
)

// bodyReader.pos answers from a line index what posOf answers by scanning;
// the two must agree at every offset of a real record, multi-byte runes included.
func TestBodyPosMatchesPosOf(t *testing.T) {
	data, err := os.ReadFile("../../../records/meetings/2023/2023-12-18-lp-virtual.md")
	if err != nil {
		t.Fatal(err)
	}
	data = append(data, "\n- [ ] Relire le résumé — vérifier @LF due:2024-Q1 {#x-1}\n"...)
	const bodyStart = 10
	b := &bodyReader{file: data, offset: bodyStart, src: data[bodyStart:]}
	for off := 0; off+bodyStart <= len(data); off++ {
		if got, want := b.pos(off), posOf(data, bodyStart+off); got != want {
			t.Fatalf("offset %d: pos %v, posOf %v", off, got, want)
		}
	}
}
