package store

import (
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/igf-records/igf/pkg/core/record"
)

// handled are the model's fields kept out of its JSON that codec.go stores
// by other means (or rebuilds, or leaves to another table).
var handled = map[string]string{
	"Record.Items":        "items table",
	"Record.Registry":     "recordData.Registry",
	"Record.Pos":          "recordData.Pos",
	"Record.FieldPos":     "recordData.FieldPos",
	"Record.BodyLine":     "recordData.BodyLine",
	"Record.Text":         "records.text",
	"Record.Time":         "parsed again from TimeText",
	"Item.Record":         "the record the item is decoded into",
	"Item.Pos":            "itemData.Pos",
	"Item.CheckboxOffset": "itemData.CheckboxOffset",
	"Item.DueText":        "itemData.DueText",
	"Item.Lines":          "itemData.Lines",
	"Person.Pos":          "personData.Pos",
	"Body.Pos":            "bodyData.Pos",
	"NextMeeting.Pos":     "nextMeeting.Pos",
}

// Every field of the model is stored: those with a JSON name through the
// model's own tags, the rest by codec.go. A field added with `json:"-"`
// fails here until codec.go keeps it (and this list names how).
func TestCodecKeepsEveryField(t *testing.T) {
	var hidden []string
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type)
	walk = func(ty reflect.Type) {
		for ty.Kind() == reflect.Pointer || ty.Kind() == reflect.Slice || ty.Kind() == reflect.Map {
			ty = ty.Elem()
		}
		if ty.Kind() != reflect.Struct || ty.PkgPath() != reflect.TypeOf(record.Record{}).PkgPath() || seen[ty] {
			return
		}
		seen[ty] = true
		for i := 0; i < ty.NumField(); i++ {
			f := ty.Field(i)
			if !f.IsExported() {
				continue
			}
			if name, _, _ := strings.Cut(f.Tag.Get("json"), ","); name == "-" {
				hidden = append(hidden, ty.Name()+"."+f.Name)
			}
			walk(f.Type)
		}
	}
	walk(reflect.TypeOf(record.Record{}))
	sort.Strings(hidden)
	for _, h := range hidden {
		if handled[h] == "" {
			t.Errorf("record.%s is kept out of the model's JSON and the store does not keep it: add it to the wrappers in internal/store/codec.go and to handled here", h)
		}
	}
	for h := range handled {
		found := false
		for _, x := range hidden {
			found = found || x == h
		}
		if !found {
			t.Errorf("handled names record.%s, which is no longer a `json:\"-\"` field: drop its wrapper from codec.go", h)
		}
	}
}

// Every bundled record survives the trip through the store's rows.
func TestCodecRoundTrip(t *testing.T) {
	set, _ := truth(t, bundledRepo(t))
	for _, r := range set.Records {
		data, err := encodeRecord(r)
		if err != nil {
			t.Fatal(err)
		}
		got, err := decodeRecord(r.Path, data, r.Text)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range r.Items {
			d, err := encodeItem(it)
			if err != nil {
				t.Fatal(err)
			}
			back, err := decodeItem(d, got)
			if err != nil {
				t.Fatal(err)
			}
			got.Items = append(got.Items, back)
		}
		if d := diffRecord(got, r); d != "" {
			t.Errorf("%s: %s", r.Path, d)
		}
	}
}
