// Package build implements `igf site build`: the records as a static web site.
package build

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/igf-records/igf/pkg/cmd/report/shared"
	"github.com/igf-records/igf/pkg/cmdutil"
	"github.com/igf-records/igf/pkg/core/report"
	"github.com/igf-records/igf/pkg/render"
	"github.com/igf-records/igf/pkg/site"
)

// Options are the flags of igf site build.
type Options struct {
	Dir      string // -o
	Public   bool
	LinkBase string
	Reports  int  // the newest this many quarters in the archive; 0 every one
	Quiet    bool // no "wrote" line (igf site serve rebuilds often)
}

// NewCmdBuild builds `igf site build`; runF replaces the run, for flag tests.
func NewCmdBuild(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	o := &Options{}
	cmd := &cobra.Command{
		Use:   "build -o DIR [--public]",
		Short: "Write the records as a static web site into a directory",
		Long: `Write the records as a static web site into DIR: a home page (what is open and
overdue, by owner and by body; the next meetings; milestones due; the latest
decisions), a page for every meeting (its minutes, attendance by role, its
decisions and items with their status, its sources, the body's previous and
next meeting), for every person and every body (memberships with their terms,
meetings, open and done items, and an .ics calendar to subscribe to), the
decisions register with the chains of decisions that supersede others, every
timeline as a chart with its table, the recommendations tracker, the quarterly
report of every quarter the records reach (HTML, Markdown and JSON), search in
the browser over a prebuilt index, and an Atom feed of meetings and decisions.

Pages are named by ID (meetings/lp-2023-12-18.html, people/lf.html) and link
to each other by relative paths, so the site works opened from the disk and
from any static host. No page loads anything from the network; only search
needs JavaScript.

--public leaves out everything the records mark visibility: restricted, and
every field listed under restricted: (as igf report --public does): from the
pages, the search index, the feed, the reports' JSON and the calendars.

DIR is replaced whole: igf builds the site beside it and swaps it in, so a
reader never sees half a site. A DIR that exists must be empty or a site igf
built (it holds a .igf-site file). A record file igf cannot read is named on
stderr and on the home page, every page says the site is incomplete, and the
command exits 1.

The reports archive holds every quarter that has records. Each report lists
what was open at its quarter's end, so on a large repository the archive is
most of the site: --reports N keeps the newest N quarters, and the archive's
page names the quarters it leaves out.`,
		Example: `  # Build the site and open it
  igf site build -o _site && xdg-open _site/index.html

  # The public edition, for GitHub Pages
  igf site build --public -o _site

  # Link the reports' lines to the records on GitHub
  igf site build --public -o _site --link-base https://github.com/ORG/REPO/blob/main/`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.Dir == "" {
				return cmdutil.FlagError("-o DIR is required: the directory to write the site into")
			}
			if runF != nil {
				return runF(o)
			}
			return Run(f, o)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&o.Dir, "output", "o", "", "write the site into this `DIR` (replaced whole; required)")
	fl.BoolVar(&o.Public, "public", false, "leave out everything marked visibility: restricted and every field listed under restricted:")
	fl.IntVar(&o.Reports, "reports", 0, "put only the newest `N` quarters' reports in the archive (0: every quarter that has records); the archive page names the rest")
	fl.StringVar(&o.LinkBase, "link-base", "", "link report lines to their records under this `URL`, e.g. https://github.com/ORG/REPO/blob/main/ (default: no record links)")
	_ = cmd.MarkFlagDirname("output")
	return cmd
}

// Result is what a build made.
type Result struct {
	Files int
	Bytes int64
}

// Run builds the site and writes it.
func Run(f *cmdutil.Factory, o *Options) error {
	res, err := Build(f, o)
	if err != nil {
		return err
	}
	if !o.Quiet {
		fmt.Fprintf(f.IO.ErrOut, "wrote %s (%d files, %s)\n", o.Dir, res.Files, size(res.Bytes))
	}
	return nil
}

// Build builds the site into o.Dir and says what it wrote.
func Build(f *cmdutil.Factory, o *Options) (Result, error) {
	if o.LinkBase != "" {
		if err := render.CheckLinkBase(o.LinkBase); err != nil {
			return Result{}, cmdutil.FlagError("%v", err)
		}
		if !strings.HasSuffix(o.LinkBase, "/") {
			o.LinkBase += "/"
		}
	}
	if err := checkTarget(o.Dir); err != nil {
		return Result{}, err
	}
	today, err := f.Today()
	if err != nil {
		return Result{}, cmdutil.FlagError("%v", err)
	}
	l, err := f.Load()
	if err != nil {
		return Result{}, err
	}
	if o.Reports < 0 {
		return Result{}, cmdutil.FlagError("--reports %d: give a number of quarters, or 0 for every one", o.Reports)
	}
	opt := site.Options{Today: today, Public: o.Public, LinkBase: o.LinkBase, Closed: shared.Closings(f), Reports: o.Reports}
	p := &shared.Prepared{}
	if o.Public {
		l, p.Withheld = shared.Public(f, l)
		if p.Withheld.Any() {
			opt.Withheld = p.Withheld.String()
		}
	}
	opt.Provenance = f.Provenance()
	opt.NotIncluded = opt.Provenance.NotIncluded
	opt.ReportJSON = func(w io.Writer, r *report.Report) error { return render.JSON(w, shared.WithWithheld(r, p)) }
	files, err := site.Build(l.Set, opt)
	if err != nil {
		return Result{}, &cmdutil.ExitError{Code: cmdutil.ExitFailure, Err: err}
	}
	if err := write(o.Dir, files); err != nil {
		return Result{}, &cmdutil.ExitError{Code: cmdutil.ExitFailure, Err: err}
	}
	return Result{Files: len(files), Bytes: files.Size()}, nil
}

// checkTarget refuses a directory that is neither empty nor a site igf built:
// a rebuild replaces it whole, and must never remove someone's files.
func checkTarget(dir string) error {
	st, err := os.Stat(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return cmdutil.FlagError("-o %s: %v", dir, err)
	}
	if !st.IsDir() {
		return cmdutil.FlagError("-o %s is a file, not a directory\nhint: name a new directory, e.g. -o _site", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return cmdutil.FlagError("-o %s: %v", dir, err)
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, site.MarkerFile)); err != nil {
		return cmdutil.FlagError("-o %s holds files igf did not write, and a build replaces the directory whole\nhint: name an empty or new directory, or one an earlier igf site build wrote", dir)
	}
	return nil
}

// write puts the site in a new directory beside dir, then swaps it in: a
// reader (or igf site serve) sees the old site or the new one, never half.
func write(dir string, files site.Files) error {
	dir = filepath.Clean(dir)
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".new-")
	if err != nil {
		return err
	}
	fail := func(err error) error { _ = os.RemoveAll(tmp); return err }
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fail(err)
	}
	for _, p := range files.Paths() {
		full := filepath.Join(tmp, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return fail(err)
		}
		if err := os.WriteFile(full, files[p], 0o644); err != nil {
			return fail(err)
		}
	}
	old := ""
	if _, err := os.Stat(dir); err == nil {
		old = filepath.Join(parent, fmt.Sprintf(".%s.old-%d", filepath.Base(dir), time.Now().UnixNano()))
		if err := os.Rename(dir, old); err != nil {
			return fail(err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			_ = os.Rename(old, dir)
		}
		return fail(err)
	}
	if old != "" {
		_ = os.RemoveAll(old)
	}
	return nil
}

func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
