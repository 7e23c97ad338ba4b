package parse

import (
	"math/rand"
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode"
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

// wordsByRune is words as it was written first, rune by rune into a builder:
// the reference the substring fast path must agree with.
func wordsByRune(pieces []piece) []Word {
	var out []Word
	var cur strings.Builder
	off := -1
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, Word{S: cur.String(), Off: off})
			cur.Reset()
		}
	}
	for _, p := range pieces {
		if p.code {
			flush()
			out = append(out, Word{S: p.s, Off: -1, Code: true})
			continue
		}
		for i, r := range p.s {
			if unicode.IsSpace(r) {
				flush()
				continue
			}
			if cur.Len() == 0 {
				off = -1
				if p.off >= 0 {
					off = p.off + i
				}
			}
			cur.WriteRune(r)
		}
	}
	flush()
	return out
}

func TestWordsMatchesReference(t *testing.T) {
	texts := []string{"Draft the ", "cover", " letter @LF ", "due:2024-Q1", "\u00a0{#x-1}", " résumé—vérifier ", "bad\xffbyte ", "", "  ", "end"}
	rnd := rand.New(rand.NewSource(1))
	for n := 0; n < 5000; n++ {
		var pieces []piece
		for k := rnd.Intn(6); k >= 0; k-- {
			p := piece{s: texts[rnd.Intn(len(texts))], off: rnd.Intn(50) - 5, code: rnd.Intn(8) == 0}
			if p.off < 0 {
				p.off = -1
			}
			pieces = append(pieces, p)
		}
		if got, want := words(pieces), wordsByRune(pieces); !reflect.DeepEqual(got, want) {
			t.Fatalf("pieces %+v:\n got %+v\nwant %+v", pieces, got, want)
		}
	}
}
