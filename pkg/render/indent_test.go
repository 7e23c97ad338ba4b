package render

import (
	"bytes"
	"encoding/json"
	"testing"
)

// indented is what Encoder.SetIndent("", "  ") writes for v: what JSON
// wrote before it indented on the way out.
func indented(t testing.TB, v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var indentCases = []string{
	`{}`, `[]`, `null`, `"x"`, `1.5e3`, `true`,
	`{"a":[],"b":{},"c":[{}],"d":[[],[1,2,{"e":null}]]}`,
	`{"s":"a, b: {c} [d] \"quoted\" \\ back\\slash \\\" end","t":"\u00e9\n\t<&>"}`,
	`[{"id":"mag-1","owners":[{"id":"LF","name":"L F","known":true}],"n":-0.25}]`,
	`{"k":"\\","l":"\\\\","m":"\"","n":"a\\\"b"}`,
}

func TestIndenterMatchesEncodingJSON(t *testing.T) {
	for _, c := range indentCases {
		var v any
		if err := json.Unmarshal([]byte(c), &v); err != nil {
			t.Fatalf("%s: %v", c, err)
		}
		want := indented(t, v)
		var got bytes.Buffer
		if err := JSON(&got, v); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want) {
			t.Errorf("%s:\ngot  %q\nwant %q", c, got.Bytes(), want)
		}
		// In pieces of every size, as a writer may be handed them.
		var compact bytes.Buffer
		if err := json.Compact(&compact, []byte(c)); err != nil {
			t.Fatal(err)
		}
		src := append(compact.Bytes(), '\n')
		var ref bytes.Buffer
		if err := json.Indent(&ref, src, "", "  "); err != nil {
			t.Fatal(err)
		}
		for size := 1; size <= len(src); size++ {
			var out bytes.Buffer
			d := newIndenter(&out)
			for i := 0; i < len(src); i += size {
				if _, err := d.Write(src[i:min(i+size, len(src))]); err != nil {
					t.Fatal(err)
				}
			}
			if err := d.flush(); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out.Bytes(), ref.Bytes()) {
				t.Fatalf("%s in pieces of %d:\ngot  %q\nwant %q", c, size, out.Bytes(), ref.Bytes())
			}
		}
	}
}

func FuzzIndenter(f *testing.F) {
	for _, c := range indentCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var compact bytes.Buffer
		if json.Compact(&compact, data) != nil {
			return
		}
		var ref bytes.Buffer
		if json.Indent(&ref, compact.Bytes(), "", "  ") != nil {
			return
		}
		var out bytes.Buffer
		d := newIndenter(&out)
		if _, err := d.Write(compact.Bytes()); err != nil {
			t.Fatal(err)
		}
		if err := d.flush(); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out.Bytes(), ref.Bytes()) {
			t.Fatalf("got %q want %q", out.Bytes(), ref.Bytes())
		}
	})
}
