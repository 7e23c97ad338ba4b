// Package sitebuild is what igf site build and igf site serve share: load
// the records through the Factory, make the site (pkg/site) and swap it into
// its directory.
package sitebuild

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/igf-records/igf/pkg/cmdutil"
	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/redact"
	"github.com/igf-records/igf/pkg/core/report"
	"github.com/igf-records/igf/pkg/history"
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
	provenance := f.StartProvenance()
	l, err := f.Load()
	if err != nil {
		return Result{}, err
	}
	if o.Reports < 0 {
		return Result{}, cmdutil.FlagError("--reports %d: give a number of quarters, or 0 for every one", o.Reports)
	}
	opt := site.Options{Today: today, Public: o.Public, LinkBase: o.LinkBase, Closed: closings(f), Reports: o.Reports}
	set := l.Set
	var withheld redact.Summary
	if o.Public {
		set, withheld = redact.Public(l.Set)
		if withheld.Any() {
			opt.Withheld = withheld.String()
			fmt.Fprintf(f.IO.ErrOut, "note: %s\n", render.WithheldNote(opt.Withheld))
		}
	}
	opt.Provenance = provenance()
	opt.NotIncluded = opt.Provenance.NotIncluded
	// The reports are of one set, made with the same options: an action
	// open for many quarters is encoded once in each state.
	lines := render.NewActionLines()
	opt.ReportJSON = func(w io.Writer, r *report.Report) error {
		return render.ReportJSON(w, r, render.JSONOptions{Compact: true, Withheld: withheldJSON(withheld), Lines: lines})
	}
	res, err := write(o.Dir, func(sink site.Sink) error { return site.Write(set, opt, sink) })
	if err != nil {
		return Result{}, &cmdutil.ExitError{Code: cmdutil.ExitFailure, Err: err}
	}
	return res, nil
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

// write builds the site in a new directory beside dir, each file written
// as it is made, then swaps it in: a reader (or igf site serve) sees the
// old site or the new one, never half. The swap is what makes the site
// whole, so its files need no atomic write (and no fsync) of their own.
func write(dir string, build func(site.Sink) error) (Result, error) {
	dir = filepath.Clean(dir)
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return Result{}, err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".new-")
	if err != nil {
		return Result{}, err
	}
	fail := func(err error) (Result, error) { _ = os.RemoveAll(tmp); return Result{}, err }
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fail(err)
	}
	sink := &dirSink{root: tmp, dirs: map[string]bool{}}
	if err := build(sink); err != nil {
		return fail(err)
	}
	res := Result{Files: int(sink.files.Load()), Bytes: sink.bytes.Load()}
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
	return res, nil
}

// dirSink writes the site's files under root as they are made, each
// through a buffer, and counts them.
type dirSink struct {
	root  string
	mu    sync.Mutex // guards dirs
	dirs  map[string]bool
	files atomic.Int64
	bytes atomic.Int64
}

func (d *dirSink) Create(name string) (io.WriteCloser, error) {
	full := filepath.Join(d.root, filepath.FromSlash(name))
	if err := d.mkdir(filepath.Dir(full)); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, err
	}
	buf := buffers.Get().(*bufio.Writer)
	buf.Reset(countWriter{f, &d.bytes})
	return &dirFile{f: f, buf: buf, d: d}, nil
}

// buffers are the files' write buffers, used again by the next file.
var buffers = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 64<<10) }}

func (d *dirSink) mkdir(dir string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.dirs[dir] {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	d.dirs[dir] = true
	return nil
}

type dirFile struct {
	f   *os.File
	buf *bufio.Writer
	d   *dirSink
}

func (w *dirFile) Write(p []byte) (int, error) { return w.buf.Write(p) }

func (w *dirFile) Close() error {
	if w.buf == nil {
		return nil
	}
	err := w.buf.Flush()
	w.buf.Reset(nil)
	buffers.Put(w.buf)
	w.buf = nil
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		w.d.files.Add(1)
	}
	return err
}

// countWriter adds what it writes to n.
type countWriter struct {
	w io.Writer
	n *atomic.Int64
}

func (c countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n.Add(int64(n))
	return n, err
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

// closings dates items marked done without a done date by the commit that
// marked them done, from history, read once and only when such an item
// comes up (as igf report does). Reports are made on every core, so the
// look-ups take turns.
func closings(f *cmdutil.Factory) func(id string) (report.Closing, bool) {
	load := sync.OnceValues(f.History)
	var mu sync.Mutex
	return func(id string) (report.Closing, bool) {
		mu.Lock()
		defer mu.Unlock()
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
			commit, when = e.MadeIn.Commit, e.MadeIn.Time
		}
		return report.Closing{Commit: commit[:min(7, len(commit))], Date: dates.OfTime(when.UTC()), Added: e.Change.Change == history.Added}, true
	}
}

// withheldJSON is what a report's JSON says --public left out: nil when
// nothing was.
func withheldJSON(sum redact.Summary) any {
	if !sum.Any() {
		return nil
	}
	return sum
}
