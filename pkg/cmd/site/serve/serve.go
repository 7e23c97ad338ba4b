// Package serve implements `igf site serve`: a local preview of the site
// that rebuilds when the records change.
package serve

import (
	"context"
	"fmt"
	"hash/fnv"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/igf-records/igf/internal/sitebuild"
	"github.com/igf-records/igf/pkg/cmdutil"
	"github.com/igf-records/igf/pkg/source"
)

// Options are the flags of igf site serve.
type Options struct {
	Addr     string
	Dir      string // where the site is built; "" for a temporary directory
	Public   bool
	Interval time.Duration
}

// NewCmdServe builds `igf site serve`; runF replaces the run, for flag tests.
func NewCmdServe(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	o := &Options{}
	cmd := &cobra.Command{
		Use:   "serve [--addr HOST:PORT]",
		Short: "Preview the site on a local web server, rebuilt when the records change",
		Long: `Build the site (as igf site build does) and serve it on --addr until
interrupted. igf looks at the records folder every --interval and rebuilds
the site when a file's time or size changed, or a file came or went; a
rebuild that fails says why on stderr and keeps serving the last good site.

The preview is for the machine it runs on: --addr defaults to 127.0.0.1.`,
		Example: `  igf site serve
  igf site serve --addr 127.0.0.1:8080 --public`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.Interval <= 0 {
				return cmdutil.FlagError("--interval must be more than 0")
			}
			if runF != nil {
				return runF(o)
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return Run(ctx, f, o)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&o.Addr, "addr", "127.0.0.1:8000", "listen on this `HOST:PORT`")
	fl.StringVarP(&o.Dir, "output", "o", "", "build the site into this `DIR` (default: a temporary directory, removed at the end)")
	fl.BoolVar(&o.Public, "public", false, "preview the public edition")
	fl.DurationVar(&o.Interval, "interval", time.Second, "look for changes every `DURATION` (1s, 500ms)")
	return cmd
}

// fresh is a factory for one rebuild: the flags of f, resolved again, and
// none of its state (the files an earlier load could not read are looked
// at again).
func fresh(f *cmdutil.Factory) (*cmdutil.Factory, error) {
	g := &cmdutil.Factory{IO: f.IO, Dir: f.Dir, TodayFlag: f.TodayFlag, AtFlag: f.AtFlag, AsOfFlag: f.AsOfFlag, Loader: f.Loader, Now: f.Now}
	return g, g.Resolve()
}

// Run builds, serves and rebuilds until ctx ends.
func Run(ctx context.Context, f *cmdutil.Factory, o *Options) error {
	root, err := f.Root()
	if err != nil {
		return err
	}
	dir := o.Dir
	if dir == "" {
		tmp, err := os.MkdirTemp("", "igf-site-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dir = filepath.Join(tmp, "site")
	}
	bo := &sitebuild.Options{Dir: dir, Public: o.Public, Quiet: true}
	rebuild := func() {
		start := time.Now()
		g, err := fresh(f)
		var res sitebuild.Result
		if err == nil {
			res, err = sitebuild.Build(g, bo)
		}
		if err != nil {
			fmt.Fprintf(f.IO.ErrOut, "igf: the site was not rebuilt: %v\n", err)
			return
		}
		fmt.Fprintf(f.IO.ErrOut, "built %d files in %s\n", res.Files, time.Since(start).Round(time.Millisecond))
	}
	records := filepath.Join(root, source.RecordsDir)
	last := stamp(records)
	rebuild()
	ln, err := net.Listen("tcp", o.Addr)
	if err != nil {
		return cmdutil.FlagError("--addr %s: %v", o.Addr, err)
	}
	// The directory is swapped whole on each rebuild, so the server opens
	// it by name on every request rather than holding the old one.
	srv := &http.Server{Handler: http.FileServer(http.Dir(dir)), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	fmt.Fprintf(f.IO.ErrOut, "serving the site on http://%s/ (Ctrl-C ends)\n", ln.Addr())
	tick := time.NewTicker(o.Interval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			return srv.Shutdown(sctx)
		case <-tick.C:
			if s := stamp(records); s != last {
				last = s
				rebuild()
			}
		}
	}
}

// stamp sums up the records folder: every file's path, size and time.
func stamp(dir string) string {
	h := fnv.New64a()
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			fmt.Fprintf(h, "%s !\n", p)
			return nil
		}
		if info, err := d.Info(); err == nil {
			fmt.Fprintf(h, "%s %d %d\n", p, info.Size(), info.ModTime().UnixNano())
		}
		return nil
	})
	return fmt.Sprintf("%x", h.Sum64())
}
