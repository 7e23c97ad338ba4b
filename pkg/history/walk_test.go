package history

import (
	"bytes"
	"fmt"
	"math/rand"
	"sort"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

// rawTree encodes entries as git stores a tree, sorted by name.
func rawTree(names map[string]plumbing.Hash) []byte {
	keys := make([]string, 0, len(names))
	for k := range names {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b bytes.Buffer
	for _, k := range keys {
		h := names[k]
		fmt.Fprintf(&b, "100644 %s\x00", k)
		b.Write(h[:])
	}
	return b.Bytes()
}

func entries(t *testing.T, data []byte) map[string]bool {
	out := map[string]bool{}
	for len(data) > 0 {
		var e entry
		var err error
		if e, data, err = next(data); err != nil {
			t.Fatal(err)
		}
		out[string(e.raw)] = true
	}
	return out
}

// TestTrimCommonKeepsEveryDifference checks, on random directories changed
// in one to three entries, that the trimmed ranges start and end on entry
// boundaries, that what is cut off is the same in both, and that every entry
// that differs stays inside. Hashes are drawn from few bytes so that shared
// suffixes that do not start an entry in both trees come up.
func TestTrimCommonKeepsEveryDifference(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	hash := func() plumbing.Hash {
		var h plumbing.Hash
		for i := range h {
			h[i] = "\x00a1 "[rng.Intn(4)]
		}
		return h
	}
	rd := &reader{offsets: map[plumbing.Hash][]int32{}, lastOffsets: map[plumbing.Hash][]int32{}}
	for round := 0; round < 3000; round++ {
		names := map[string]plumbing.Hash{}
		for i := rng.Intn(40); i >= 0; i-- {
			names[fmt.Sprintf("%c%d.md", 'a'+rng.Intn(3), rng.Intn(50))] = hash()
		}
		old := rawTree(names)
		for i := 1 + rng.Intn(3); i > 0; i-- {
			k := fmt.Sprintf("%c%d.md", 'a'+rng.Intn(3), rng.Intn(50))
			switch rng.Intn(3) {
			case 0:
				delete(names, k)
			default:
				names[k] = hash()
			}
		}
		new := rawTree(names)
		if len(old) == 0 || len(new) == 0 {
			continue
		}
		oh, nh := plumbing.ComputeHash(plumbing.TreeObject, old), plumbing.ComputeHash(plumbing.TreeObject, new)
		oi, err := rd.index(oh, old)
		if err != nil {
			t.Fatal(err)
		}
		ni, err := rd.index(nh, new)
		if err != nil {
			t.Fatal(err)
		}
		start, oStop, nStop := trimCommon(old, new, oi, ni)
		if !bytes.Equal(old[:start], new[:start]) || !bytes.Equal(old[oStop:], new[nStop:]) {
			t.Fatalf("round %d: cut-off parts differ", round)
		}
		whole := entries(t, old[start:oStop])
		for k := range entries(t, new[start:nStop]) {
			whole[k] = !whole[k]
		}
		oldAll, newAll := entries(t, old), entries(t, new)
		for k := range oldAll {
			if !newAll[k] && !whole[k] {
				t.Fatalf("round %d: a removed entry was trimmed away", round)
			}
		}
		for k := range newAll {
			if !oldAll[k] && !whole[k] {
				t.Fatalf("round %d: an added entry was trimmed away", round)
			}
		}
	}
}
