// Package build implements `igf site build`: the records as a static web site.
package build

import (
	"github.com/spf13/cobra"

	"github.com/igf-records/igf/internal/gcbudget"
	"github.com/igf-records/igf/internal/sitebuild"
	"github.com/igf-records/igf/pkg/cmdutil"
)

// Options are the flags of igf site build.
type Options = sitebuild.Options

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
			// One build, then exit: the heap may grow to a budget between
			// collections (site serve, which runs on, keeps the usual
			// settings).
			defer gcbudget.Set(gcbudget.Default())()
			return sitebuild.Run(f, o)
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
