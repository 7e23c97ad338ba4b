package cmdutil

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/igf-records/igf/pkg/output"
	"github.com/igf-records/igf/pkg/render"
)

// Markdown is the -o format of a list as a GFM table (and of files ending .md).
const Markdown = "md"

// ListOutput is the output contract every list command shares, as gh's:
// -o FORMAT or -o FILE (the ending picks the format; written whole or not
// at all), --json FIELDS with --jq EXPR or --template TEXT, --limit N, and
// --wide for full rows on a terminal. AddListFlags adds the flags; they are
// checked and resolved once, after parsing and before the command runs.
type ListOutput struct {
	// Extra formats the command writes besides table, json, csv and md
	// (ics), with the file endings that pick them.
	Extra     []string
	ExtraExts map[string]string
	// Rows is a value of the type the command lists (a slice), whose JSON
	// field names --json accepts, or a func() any giving one when that
	// depends on other flags.
	Rows any

	// Limit is --limit: at most this many rows (0: all); LimitShort its
	// one-letter form ("L" when empty).
	Limit      int
	LimitShort string
	// Format is the resolved format, Path the file to write ("" for stdout).
	Format, Path string

	output string
	fields []string
	jq     string
	tmpl   string
	wide   bool
	export *output.Export
	io     *IOStreams
}

// AddListFlags adds the output flags to cmd and resolves them before it runs.
func (f *Factory) AddListFlags(cmd *cobra.Command, o *ListOutput) {
	formats := o.formats()
	fl := cmd.Flags()
	fl.StringVarP(&o.output, "output", "o", output.Table, "output `FORMAT` ("+strings.Join(formats, ", ")+
		"), or a FILE ending "+strings.Join(o.endings(), ", ")+" (written whole or not at all)")
	fl.StringSliceVar(&o.fields, "json", nil, "print JSON with only these `FIELDS` (comma-separated; --json alone lists them)")
	fl.StringVarP(&o.jq, "jq", "q", "", "filter the JSON with a jq `EXPRESSION` (igf help output)")
	fl.StringVarP(&o.tmpl, "template", "t", "", "lay out the JSON with a Go `TEMPLATE` (igf help output)")
	short := o.LimitShort
	if short == "" {
		short = "L"
	}
	fl.IntVarP(&o.Limit, "limit", short, 0, "show at most `N` rows (0: all)")
	fl.BoolVar(&o.wide, "wide", false, "on a terminal, print full rows instead of fitting the table to its width")
	_ = cmd.RegisterFlagCompletionFunc("output", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return formats, cobra.ShellCompDirectiveDefault
	})
	_ = cmd.RegisterFlagCompletionFunc("json", func(_ *cobra.Command, _ []string, typed string) ([]string, cobra.ShellCompDirective) {
		prefix := ""
		if i := strings.LastIndexByte(typed, ','); i >= 0 {
			prefix, typed = typed[:i+1], typed[i+1:]
		}
		var out []string
		for _, name := range output.FieldsOf(o.rows()) {
			if strings.HasPrefix(name, strings.ToLower(typed)) {
				out = append(out, prefix+name)
			}
		}
		return out, cobra.ShellCompDirectiveNoSpace | cobra.ShellCompDirectiveNoFileComp
	})
	// --json with nothing after it lists the fields, as gh does.
	cmd.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		if c == cmd && strings.Contains(err.Error(), "flag needs an argument: --json") {
			fmt.Fprintf(f.IO.Out, "%s\n", strings.Join(sorted(output.FieldsOf(o.rows())), "\n"))
			return &ExitError{Code: ExitOK}
		}
		return cmd.Root().FlagErrorFunc()(c, err)
	})
	prev := cmd.PreRunE
	cmd.PreRunE = func(c *cobra.Command, args []string) error {
		if prev != nil {
			if err := prev(c, args); err != nil {
				return err
			}
		}
		if err := o.resolve(f.IO, c); err != nil {
			return FlagError("%v", err)
		}
		return nil
	}
}

func sorted(s []string) []string { s = slices.Clone(s); sort.Strings(s); return s }

func (o *ListOutput) formats() []string {
	return append([]string{output.Table, output.JSON, output.CSV, Markdown}, o.Extra...)
}

func (o *ListOutput) exts() map[string]string {
	m := map[string]string{".csv": output.CSV, ".json": output.JSON, ".md": Markdown, ".markdown": Markdown, ".tsv": output.Table, ".txt": output.Table}
	for k, v := range o.ExtraExts {
		m[k] = v
	}
	return m
}

func (o *ListOutput) endings() []string {
	var out []string
	for e := range o.exts() {
		if e != ".markdown" && e != ".txt" {
			out = append(out, e)
		}
	}
	sort.Strings(out)
	return out
}

// resolve checks the flags together and settles the format and the file.
func (o *ListOutput) resolve(ios *IOStreams, c *cobra.Command) error {
	o.io = ios
	t, err := render.ParseTarget(o.output, o.formats(), o.exts())
	if err != nil {
		return err
	}
	o.Format, o.Path = t.Format, t.Path
	if o.Limit < 0 {
		return fmt.Errorf("--limit %d: give 0 (all) or more", o.Limit)
	}
	exporting := c.Flags().Changed("json") || o.jq != "" || o.tmpl != ""
	if !exporting {
		return nil
	}
	if c.Flags().Changed("output") && o.Format != output.JSON {
		return fmt.Errorf("--json, --jq and --template write JSON; -o %s asks for %s", o.output, o.Format)
	}
	o.Format = output.JSON
	o.export = &output.Export{Fields: o.fields, JQ: o.jq, Template: o.tmpl}
	return o.export.Prepare(output.FieldsOf(o.rows()), o.tableOptions(output.Table))
}

func (o *ListOutput) rows() any {
	if fn, ok := o.Rows.(func() any); ok {
		return fn()
	}
	return o.Rows
}

// tableOptions are how a table goes where the list goes: to the terminal
// (fitted to its width unless --wide), or to a pipe or a file.
func (o *ListOutput) tableOptions(format string) output.Options {
	opts := o.io.TableOptions(format)
	if o.Path != "" {
		opts.TTY, opts.Color, opts.Width = false, false, 0
	}
	if o.wide {
		opts.Width = 0
	}
	return opts
}

// List is what a list command hands to Emit: its rows as JSON values, as a
// table, and in any extra format.
type List struct {
	JSON any // a slice, in the order shown
	// Table lays the rows out for format: table, csv or md. CSV and a
	// Markdown file hold ISO dates; a table on a terminal may say them in words.
	Table func(format string) *output.TableData
	Other map[string]func(w io.Writer) error
}

// Emit writes the list in the resolved format to stdout or, atomically,
// to the file -o named, and says on stderr where a file went.
func (o *ListOutput) Emit(l List) error {
	var b bytes.Buffer
	var err error
	switch {
	case o.export != nil:
		err = o.export.Write(&b, l.JSON, o.Path != "" || o.io.OutTTY)
	case o.Format == output.JSON:
		err = output.WriteJSON(&b, l.JSON)
	case o.Format == Markdown:
		err = l.Table(o.Format).WriteMarkdown(&b)
	case l.Other[o.Format] != nil:
		err = l.Other[o.Format](&b)
	default:
		err = l.Table(o.Format).Write(&b, o.tableOptions(o.Format))
	}
	if err != nil {
		return &ExitError{Code: ExitFailure, Err: err}
	}
	if o.Path == "" {
		_, err := o.io.Out.Write(b.Bytes())
		return err
	}
	if err := render.WriteFileAtomic(o.Path, b.Bytes()); err != nil {
		return &ExitError{Code: ExitFailure, Err: err}
	}
	fmt.Fprintf(o.io.ErrOut, "wrote %s\n", filepath.ToSlash(o.Path))
	return nil
}

// Cap keeps the first limit rows (all when limit is 0) and says on stderr
// when it left some out, so a shortened list never passes for the whole.
func Cap[T any](ios *IOStreams, rows []T, limit int, noun string) []T {
	if limit <= 0 || len(rows) <= limit {
		return rows
	}
	fmt.Fprintf(ios.ErrOut, "showing %d of %d %s (--limit %d)\n", limit, len(rows), noun, limit)
	return rows[:limit]
}
