// Package shared holds what the `igf report` commands have in common: the
// -o flag that takes a format or a file name, --template and --link-base.
package shared

import (
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/igf-records/igf/internal/plainfile"
	"github.com/igf-records/igf/pkg/cmdutil"
	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/redact"
	"github.com/igf-records/igf/pkg/core/report"
	"github.com/igf-records/igf/pkg/history"
	"github.com/igf-records/igf/pkg/render"
	"github.com/igf-records/igf/pkg/source"
)

// Report formats.
const (
	Markdown = "md"
	HTML     = "html"
	JSON     = "json"
)

// Formats are the -o names; Exts the file endings that pick a format.
var (
	Formats = []string{Markdown, HTML, JSON}
	Exts    = map[string]string{".md": Markdown, ".markdown": Markdown, ".html": HTML, ".htm": HTML, ".json": JSON}
)

// Options are the flags every report command takes.
type Options struct {
	Output   string
	Template string
	LinkBase string
	Public   bool
}

// AddFlags adds -o, --template and --link-base.
func AddFlags(cmd *cobra.Command, o *Options) {
	fl := cmd.Flags()
	fl.StringVarP(&o.Output, "output", "o", Markdown, "output `FORMAT`: md, html or json, or a file name ending .md, .html or .json (written whole or not at all)")
	fl.StringVar(&o.Template, "template", "", "render the Markdown (and HTML) with this template `FILE` instead of the bundled one (see docs/reports.md)")
	fl.StringVar(&o.LinkBase, "link-base", "", "put this `URL` before record paths in links, e.g. https://github.com/ORG/REPO/blob/main/ (default: relative to the output file)")
	_ = cmd.RegisterFlagCompletionFunc("output", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return Formats, cobra.ShellCompDirectiveFilterFileExt
	})
	fl.BoolVar(&o.Public, "public", false, "leave out everything marked visibility: restricted (records, items, sources, passages) and every field listed under restricted:")
	_ = cmd.MarkFlagFilename("template", "tmpl", "md")
}

// Prepared is a command's output, parsed from its flags.
type Prepared struct {
	Target render.Target
	Render render.Options
	Custom string // the --template file's text
	// Withheld is what --public left out.
	Withheld redact.Summary
}

// Public replaces the loaded records by their public copy and says on
// stderr what it leaves out.
func Public(f *cmdutil.Factory, l *source.Loaded) (*source.Loaded, redact.Summary) {
	pub, sum := redact.Public(l.Set)
	c := *l
	c.Set = pub
	if sum.Any() {
		fmt.Fprintf(f.IO.ErrOut, "note: %s\n", render.WithheldNote(sum.String()))
	}
	return &c, sum
}

// PrepareAndLoad checks the flags, then reads the records: what every
// report command does before it computes anything.
func PrepareAndLoad(f *cmdutil.Factory, o *Options) (*Prepared, *source.Loaded, error) {
	root, err := f.Root()
	if err != nil {
		return nil, nil, err
	}
	p, err := Prepare(o, root)
	if err != nil {
		return nil, nil, err
	}
	l, err := f.Load()
	if err != nil {
		return nil, nil, err
	}
	if o.Public {
		l, p.Withheld = Public(f, l)
		if p.Withheld.Any() {
			p.Render.Withheld = p.Withheld.String()
		}
	}
	return p, l, nil
}

// Prepare checks the flags before any record is read, so a usage mistake
// costs nothing and writes nothing.
func Prepare(o *Options, root string) (*Prepared, error) {
	t, err := render.ParseTarget(o.Output, Formats, Exts)
	if err != nil {
		return nil, cmdutil.FlagError("%v", err)
	}
	p := &Prepared{Target: t}
	if p.Render, err = cmdutil.LinkOptions(o.LinkBase, root, t.Path); err != nil {
		return nil, err
	}
	if o.Template != "" {
		if t.Format == JSON {
			return nil, cmdutil.FlagError("--template shapes Markdown and HTML; JSON has no template")
		}
		b, err := plainfile.Read(o.Template, 1<<20)
		if err != nil {
			return nil, cmdutil.FlagError("--template: %v", err)
		}
		p.Custom = string(b)
		if _, err := p.Render.ParseTemplate(o.Template, p.Custom); err != nil {
			return nil, cmdutil.FlagError("--template %s\nhint: the data and helpers a template can use are in docs/reports.md",
				strings.TrimPrefix(err.Error(), "template: "))
		}
	}
	return p, nil
}

// Today is the --today the report reads open and overdue on.
func Today(f *cmdutil.Factory) (dates.Date, error) {
	d, err := f.Today()
	if err != nil {
		return d, cmdutil.FlagError("%v", err)
	}
	return d, nil
}

// Closings dates items marked done without a done date by the commit that
// marked them done, from history (cached under .git/igf/), which is read
// only when such an item comes up. Without history nothing is dated.
func Closings(f *cmdutil.Factory) func(id string) (report.Closing, bool) {
	load := sync.OnceValues(f.History)
	return func(id string) (report.Closing, bool) {
		h, err := load()
		if err != nil {
			return report.Closing{}, false
		}
		e, ok := h.Closed(id)
		if !ok {
			return report.Closing{}, false
		}
		commit, when := e.Commit, e.Time
		if e.MadeIn != nil {
			// Merged from a branch: the branch commit ticked it.
			commit, when = e.MadeIn.Commit, e.MadeIn.Time
		}
		return report.Closing{Commit: commit[:min(7, len(commit))], Date: dates.OfTime(when.UTC()), Added: e.Change.Change == history.Added}, true
	}
}

// EmitReport renders a periodic report in the prepared format.
func EmitReport(f *cmdutil.Factory, p *Prepared, r *report.Report) error {
	err := render.Emit(p.Target, f.IO.Out, func(w io.Writer) error {
		switch p.Target.Format {
		case JSON:
			return render.ReportJSON(w, r, render.JSONOptions{Withheld: p.WithheldJSON()})
		case HTML:
			return render.ReportHTML(w, r, p.Render, p.Custom)
		}
		return render.ReportMarkdown(w, r, p.Render, p.Custom)
	})
	return Done(f, p, err)
}

// WithheldJSON is what a JSON document says --public left out, as its
// last member "withheld", so a reader of the JSON learns it too: nil when
// nothing was.
func (p *Prepared) WithheldJSON() any {
	if !p.Withheld.Any() {
		return nil
	}
	return p.Withheld
}

// Done says where a file went, on stderr, or turns a rendering error into exit 2.
func Done(f *cmdutil.Factory, p *Prepared, err error) error {
	if err != nil {
		return &cmdutil.ExitError{Code: cmdutil.ExitFailure, Err: err}
	}
	if p.Target.Path != "" {
		cmdutil.NoteNoLinks(f.IO.ErrOut, p.Render, p.Target.Path)
		fmt.Fprintf(f.IO.ErrOut, "wrote %s\n", p.Target.Path)
	}
	return nil
}

// Run computes and renders the report for a period: `igf report quarterly`
// and `igf report range` share it.
func Run(f *cmdutil.Factory, o *Options, period dates.Date) error {
	// The report says what happened in its period, from the records as they
	// are now (minutes are approved and committed weeks after the meeting):
	// every status is decided on the period's last day from the records'
	// own dates. --as-of reads them as they were committed on a past day.
	today, err := f.PeriodToday(period)
	if err != nil {
		return cmdutil.FlagError("%v", err)
	}
	provenance := f.StartProvenance()
	p, l, err := PrepareAndLoad(f, o)
	if err != nil {
		return err
	}
	r, err := report.NewFrom(l.Set, period, today, report.Options{Closed: Closings(f)})
	if err != nil {
		return cmdutil.FlagError("%v", err)
	}
	r.Provenance = provenance()
	return EmitReport(f, p, r)
}
