// Package output prints lists as a table, JSON or CSV, the same way for
// every command: aligned with a header on a terminal, tab-separated rows
// when piped, so `cut` and `awk` work.
package output

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"
)

// Formats every list command accepts with -o.
const (
	Table = "table"
	JSON  = "json"
	CSV   = "csv"
)

// AddFormatFlag adds -o/--output with completion; extra names more formats.
func AddFormatFlag(cmd *cobra.Command, target *string, extra ...string) {
	all := append([]string{Table, JSON, CSV}, extra...)
	cmd.Flags().StringVarP(target, "output", "o", Table, "output `FORMAT`: "+strings.Join(all, ", "))
	_ = cmd.RegisterFlagCompletionFunc("output", cobra.FixedCompletions(all, cobra.ShellCompDirectiveNoFileComp))
}

// CheckFormat rejects an unknown -o value.
func CheckFormat(format string, extra ...string) error {
	for _, f := range append([]string{Table, JSON, CSV}, extra...) {
		if format == f {
			return nil
		}
	}
	return fmt.Errorf("-o %q: use %s", format, strings.Join(append([]string{Table, JSON, CSV}, extra...), ", "))
}

// Style colours a cell on a terminal.
type Style int

const (
	Plain Style = iota
	Red
	Green
	Yellow
	Dim
	Bold
)

var codes = map[Style]string{Red: "31", Green: "32", Yellow: "33", Dim: "2", Bold: "1"}

// Cell is one table value with an optional style.
type Cell struct {
	Text  string
	Style Style
}

// TableData is a list ready to print.
type TableData struct {
	Headers []string
	Rows    [][]Cell
}

// Add appends a row of plain cells.
func (t *TableData) Add(cells ...Cell) { t.Rows = append(t.Rows, cells) }

// C is a plain cell.
func C(s string) Cell { return Cell{Text: s} }

// Options say how a table is written: the -o format, whether stdout is a
// terminal (headers and alignment) and may be coloured, and whether CSV
// cells are written raw, formulas and all (--csv-raw).
type Options struct {
	Format string
	TTY    bool
	Color  bool
	RawCSV bool
	// Notes, when set, is where a fitted table says which columns it left
	// out (stderr).
	Notes io.Writer
	// Width is the terminal's width in columns: an aligned table is fitted
	// to it, its title column cut first (0: no limit).
	Width int
	// NoHeader leaves out the header line of an aligned table.
	NoHeader bool
}

// Write prints the table: aligned with a header on a terminal (coloured when
// o.Color), tab-separated without a header otherwise, or CSV. Cell values
// are made visible (Visible) in tables, and neutralised (CSVCell) in CSV
// unless o.RawCSV: records are edited by many hands, and a value must never
// act on the terminal or spreadsheet that shows it.
func (t *TableData) Write(w io.Writer, o Options) error {
	if o.Format == CSV {
		cw := csv.NewWriter(w)
		_ = cw.Write(t.Headers)
		for _, r := range t.Rows {
			rec := make([]string, len(r))
			for i, c := range r {
				rec[i] = c.Text
				if !o.RawCSV {
					rec[i] = CSVCell(c.Text)
				}
			}
			_ = cw.Write(rec)
		}
		cw.Flush()
		return cw.Error()
	}
	if !o.TTY {
		for _, r := range t.Rows {
			parts := make([]string, len(r))
			for i, c := range r {
				parts[i] = cellText(c.Text)
			}
			if _, err := fmt.Fprintln(w, strings.Join(parts, "\t")); err != nil {
				return err
			}
		}
		return nil
	}
	// Pad by hand rather than with tabwriter: its escaped segments still
	// count towards the width, which misaligns coloured cells.
	widths := make([]int, len(t.Headers))
	grow := func(i int, s string) {
		for len(widths) <= i {
			widths = append(widths, 0)
		}
		if n := Width(s); n > widths[i] {
			widths[i] = n
		}
	}
	if !o.NoHeader {
		for i, h := range t.Headers {
			grow(i, h)
		}
	}
	for _, r := range t.Rows {
		for i, c := range r {
			grow(i, cellText(c.Text))
		}
	}
	// Columns that must go for the title to be read, then the rest fitted.
	if dropped := drop(t.Headers, widths, 2, o.Width); slices.Contains(dropped, true) {
		var names []string
		keep := func(cells []Cell) []Cell {
			out := make([]Cell, 0, len(cells))
			for i, c := range cells {
				if i >= len(dropped) || !dropped[i] {
					out = append(out, c)
				}
			}
			return out
		}
		var hs []string
		var ws []int
		for i, h := range t.Headers {
			if dropped[i] {
				names = append(names, strings.ToUpper(h))
				continue
			}
			hs = append(hs, h)
			ws = append(ws, widths[i])
		}
		rows := make([][]Cell, len(t.Rows))
		for i, r := range t.Rows {
			rows[i] = keep(r)
		}
		if o.Notes != nil {
			fmt.Fprintf(o.Notes, "note: left out to fit: %s (--wide shows them)\n", strings.Join(names, ", "))
		}
		t, widths = &TableData{Headers: hs, Rows: rows}, ws
	}
	left := fit(t.Headers, widths, 2, o.Width)
	var b strings.Builder
	line := func(cells []Cell) error {
		b.Reset()
		for i, c := range cells {
			text := cellText(c.Text)
			if i < len(widths) {
				if left[i] {
					text = CutLeft(text, widths[i])
				} else {
					text = Cut(text, widths[i])
				}
			}
			if o.Color && c.Style != Plain {
				b.WriteString("\x1b[" + codes[c.Style] + "m" + text + "\x1b[0m")
			} else {
				b.WriteString(text)
			}
			if i < len(cells)-1 {
				b.WriteString(strings.Repeat(" ", max(widths[i]-Width(text), 0)+2))
			}
		}
		b.WriteByte('\n')
		_, err := io.WriteString(w, b.String())
		return err
	}
	if !o.NoHeader {
		head := make([]Cell, len(t.Headers))
		for i, h := range t.Headers {
			head[i] = C(strings.ToUpper(h))
		}
		if err := line(head); err != nil {
			return err
		}
	}
	for _, r := range t.Rows {
		if err := line(r); err != nil {
			return err
		}
	}
	return nil
}

// cellText is a cell as one field of a line: tabs and newlines become
// spaces (they would break the columns), every other control is made visible.
func cellText(s string) string {
	return Visible(layout.Replace(s))
}

var layout = strings.NewReplacer("\t", " ", "\n", " ")

// WriteJSON prints v as indented JSON.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// WriteMarkdown writes the table as a GitHub-flavoured Markdown table, for
// -o FILE.md: every value made visible, with | and newlines escaped so
// that no value can end its cell.
func (t *TableData) WriteMarkdown(w io.Writer) error {
	cell := strings.NewReplacer("|", "\\|", "\n", " ", "\r", " ", "\t", " ")
	var b strings.Builder
	b.WriteString("|")
	for _, h := range t.Headers {
		b.WriteString(" " + cell.Replace(h) + " |")
	}
	b.WriteString("\n|")
	for range t.Headers {
		b.WriteString("---|")
	}
	b.WriteString("\n")
	for _, r := range t.Rows {
		b.WriteString("|")
		for _, c := range r {
			b.WriteString(" " + cell.Replace(Visible(c.Text)) + " |")
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
