package output

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

func sample() *TableData {
	t := &TableData{Headers: []string{"id", "title"}}
	t.Add(C("lp-2023-12-18-a2"), C("Draft the cover letter, then\tcirculate"))
	t.Add(Cell{Text: "iww-1", Style: Red}, C("First consultation"))
	return t
}

func TestPipedRowsAreTabSeparatedWithoutHeader(t *testing.T) {
	var b bytes.Buffer
	if err := sample().Write(&b, Options{Format: Table}); err != nil {
		t.Fatal(err)
	}
	want := "lp-2023-12-18-a2\tDraft the cover letter, then circulate\niww-1\tFirst consultation\n"
	if b.String() != want {
		t.Fatalf("piped table:\n%q\nwant\n%q", b.String(), want)
	}
}

func TestTerminalTableAlignsAndColoursWithoutCountingEscapes(t *testing.T) {
	var plain, coloured bytes.Buffer
	_ = sample().Write(&plain, Options{Format: Table, TTY: true})
	_ = sample().Write(&coloured, Options{Format: Table, TTY: true, Color: true})
	if !strings.HasPrefix(plain.String(), "ID  ") {
		t.Fatalf("no header: %q", plain.String())
	}
	if strings.Contains(plain.String(), "\x1b[") {
		t.Fatal("colour codes without colour")
	}
	if !strings.Contains(coloured.String(), "\x1b[31miww-1\x1b[0m") {
		t.Fatalf("no red cell: %q", coloured.String())
	}
	// Stripping the escapes must give the uncoloured layout: widths ignore them.
	stripped := strings.NewReplacer("\x1b[31m", "", "\x1b[0m", "").Replace(coloured.String())
	if stripped != plain.String() {
		t.Fatalf("colour changed alignment:\n%s\nvs\n%s", stripped, plain.String())
	}
}

func TestCSVRoundTrips(t *testing.T) {
	var b bytes.Buffer
	if err := sample().Write(&b, Options{Format: CSV, TTY: true, Color: true}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[0][0] != "id" || rows[1][1] != "Draft the cover letter, then\tcirculate" {
		t.Fatalf("csv rows: %q", rows)
	}
}

func TestCheckFormat(t *testing.T) {
	if CheckFormat("json") != nil || CheckFormat("ics", "ics") != nil {
		t.Fatal("known format refused")
	}
	if err := CheckFormat("yaml"); err == nil || !strings.Contains(err.Error(), "table, json, csv") {
		t.Fatalf("unknown format: %v", err)
	}
}

func TestTruncate(t *testing.T) {
	if got := Truncate("Universal and inclusive", 10); got != "Universal…" {
		t.Fatalf("got %q", got)
	}
	if got := Truncate("short", 10); got != "short" {
		t.Fatalf("got %q", got)
	}
}
