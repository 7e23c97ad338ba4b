package site

import (
	"html/template"
	"strings"
	"testing"

	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/source"
)

// itemRange is the "items" table body as a range over the items, which
// itemRows writes by hand.
const itemRange = `{{- $root := .Root}}{{$rec := .Record}}
{{- range .Items}}
<tr><td>{{template "link" (item $root .)}}</td><td>{{.Title}}</td><td>{{refLinks $root .Owners}}</td><td>{{due .Due}}</td><td>{{status .}}</td>{{if $rec}}<td>{{a (rec $root .Record)}}</td>{{end}}</tr>
{{- end}}`

// TestItemRowsIsTheRange checks itemRows against the range it replaced, on
// every item table the bundled records give: each person's and body's open
// and closed items, from the top and from a folder, with and without the
// record column.
func TestItemRowsIsTheRange(t *testing.T) {
	l, err := source.LoadWorktree("../..")
	if err != nil {
		t.Fatal(err)
	}
	b, err := newBuilder(l.Set, Options{Today: dates.MustParse("2024-01-15")}, &memSink{files: Files{}})
	if err != nil {
		t.Fatal(err)
	}
	ranged, err := template.Must(b.tmpl.Clone()).New("ranged").Parse(itemRange)
	if err != nil {
		t.Fatal(err)
	}
	tables, rows := 0, 0
	for ref := range b.ownedBy {
		open, closed := b.owned(ref)
		for _, items := range [][]*record.Item{open, closed} {
			for _, root := range []string{"", "../"} {
				for _, rec := range []bool{true, false} {
					got, err := b.itemRows(root, items, rec)
					if err != nil {
						t.Fatal(err)
					}
					var want strings.Builder
					if err := ranged.Execute(&want, itemTable{Root: root, Items: items, Record: rec}); err != nil {
						t.Fatal(err)
					}
					if string(got) != want.String() {
						t.Fatalf("%s (root %q, record column %v):\n got %s\nwant %s", ref, root, rec, got, want.String())
					}
					tables++
					rows += len(items)
				}
			}
		}
	}
	if rows < 200 {
		t.Fatalf("compared %d tables of %d rows in all; the bundled records give more", tables, rows)
	}
	t.Logf("%d tables, %d rows", tables, rows)
}
