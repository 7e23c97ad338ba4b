package output

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

func TestVisibleEscapesWhatATerminalActsOn(t *testing.T) {
	for in, want := range map[string]string{
		"Draft the cover letter":        "Draft the cover letter",
		"Réunion du Panel — 2024":       "Réunion du Panel — 2024",
		"\x1b[2Jclear":                  `\x1b[2Jclear`,
		"\x1b]8;;https://evil/\x07link": `\x1b]8;;https://evil/\x07link`,
		"over\rwrite":                   `over\rwrite`,
		"two\nlines\ttab":               `two\nlines\ttab`,
		"del\x7f":                       `del\x7f`,
		"csi\u009b2J":                   `csi\u009b2J`,
		"\u202egnp.exe":                 `\u202egnp.exe`,
		"iso\u2066late\u2069":           `iso\u2066late\u2069`,
		"bad\xffutf8":                   `bad\xffutf8`,
		"line\u2028sep":                 `line\u2028sep`,
	} {
		if got := Visible(in); got != want {
			t.Errorf("Visible(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCSVCellFollowsOWASP(t *testing.T) {
	for in, want := range map[string]string{
		`=HYPERLINK("x")`: `'=HYPERLINK("x")`,
		"+1+1":            "'+1+1",
		"-2+3":            "'-2+3",
		"@SUM(A1)":        "'@SUM(A1)",
		"\tcmd":           "'\tcmd",
		"\rcmd":           "'\rcmd",
		"-":               "-",
		"":                "",
		"lp-2023-12-18":   "lp-2023-12-18",
		"a=b":             "a=b",
	} {
		if got := CSVCell(in); got != want {
			t.Errorf("CSVCell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTablesNeverCarryControls(t *testing.T) {
	tab := &TableData{Headers: []string{"id", "title"}}
	tab.Add(C("x-1"), C("\x1b[2J\x1b]0;owned\x07Title\rover"))
	tab.Add(C("x-2"), C("=cmd|' /C calc'!A0"))
	for _, o := range []Options{{Format: Table}, {Format: Table, TTY: true}, {Format: Table, TTY: true, Color: true}} {
		var b bytes.Buffer
		if err := tab.Write(&b, o); err != nil {
			t.Fatal(err)
		}
		if strings.ContainsAny(b.String(), "\x1b\r\x07") {
			t.Errorf("%+v: control reached the output: %q", o, b.String())
		}
		if !strings.Contains(b.String(), `\x1b[2J\x1b]0;owned\x07Title\rover`) {
			t.Errorf("%+v: escapes not shown: %q", o, b.String())
		}
	}
	for raw, want := range map[bool]string{false: "'=cmd|' /C calc'!A0", true: "=cmd|' /C calc'!A0"} {
		var b bytes.Buffer
		if err := tab.Write(&b, Options{Format: CSV, RawCSV: raw}); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(&b).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if rows[2][1] != want {
			t.Errorf("raw=%v: cell %q, want %q", raw, rows[2][1], want)
		}
		if rows[1][1] != "\x1b[2J\x1b]0;owned\x07Title\rover" {
			t.Errorf("raw=%v: CSV changed a value that is no formula: %q", raw, rows[1][1])
		}
	}
}

func TestSafeWriter(t *testing.T) {
	for _, c := range []struct {
		colour bool
		in     []string // written in these pieces
		want   string
	}{
		{false, []string{"plain text\nand a tab\there\n"}, "plain text\nand a tab\there\n"},
		{false, []string{"title \x1b[2J\x1b]8;;u\x07x\n"}, `title \x1b[2J\x1b]8;;u\x07x` + "\n"},
		{false, []string{"\x1b[31mred\x1b[0m\n"}, `\x1b[31mred\x1b[0m` + "\n"},
		{true, []string{"\x1b[31mred\x1b[0m \x1b[2J\x1b]0;t\x07\n"}, "\x1b[31mred\x1b[0m " + `\x1b[2J\x1b]0;t\x07` + "\n"},
		{false, []string{"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"}, "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"},
		{false, []string{"over\rwrite\n"}, `over\rwrite` + "\n"},
		{false, []string{"line end split\r", "\nnext\n"}, "line end split\r\nnext\n"},
		{false, []string{"r\xc3", "\xa9union \u202e\n"}, "réunion " + `\u202e` + "\n"},
		{false, []string{"csi \u009b2J\n"}, `csi \u009b2J` + "\n"},
	} {
		var b bytes.Buffer
		w := SafeWriter(&b, c.colour)
		for _, p := range c.in {
			n, err := w.Write([]byte(p))
			if err != nil || n != len(p) {
				t.Fatalf("Write(%q) = %d, %v", p, n, err)
			}
		}
		if b.String() != c.want {
			t.Errorf("colour=%v %q:\n got %q\nwant %q", c.colour, c.in, b.String(), c.want)
		}
	}
}
