// Package source feeds records to the core from where they live: the working
// tree, the git index (what a commit will contain) or a git revision.
package source

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/igf-records/igf/pkg/core/parse"
	"github.com/igf-records/igf/pkg/core/record"
)

// RecordsDir is the directory, at the top of a repository, that holds records.
const RecordsDir = "records"

// ErrNoRecords says no records directory was found.
var ErrNoRecords = errors.New("no records directory found here or above; run igf inside a records repository, pass --dir DIR, or create one with igf init")

// File is one record file's bytes, named by its slash path from the repository top.
type File struct {
	Path string
	Data []byte
	Err  *record.Finding // set when the file could not be read as bytes
}

// Loaded is a parsed repository: the indexed records and what parsing found.
type Loaded struct {
	Set      *record.Set
	Findings []record.Finding
	Files    int
	Root     string  // repository top (the directory holding records/)
	Skipped  Skipped // what the listing left out, and why

	recs  []*record.Record // per file, between the passes of LoadWorktree
	finds [][]record.Finding
}

// unadoptedError is ErrNoRecords for a records/ folder that has no registry:
// minutes kept before igf, which igf init adopts.
type unadoptedError string

func (e unadoptedError) Error() string {
	return fmt.Sprintf("%s has no registry.md, so igf does not take it for a records folder yet: "+
		"adopt it with igf init --records %s (it adds only what is missing)", string(e), string(e))
}

func (e unadoptedError) Is(target error) bool { return target == ErrNoRecords }

// Omissions lists the files this load could not read in full, one per file:
// what every answer built from it leaves out.
func (l *Loaded) Omissions() []record.Omission {
	read := map[string]bool{}
	if l.Set != nil {
		for _, r := range l.Set.Records {
			read[r.Path] = true
		}
	}
	return record.Omissions(l.Findings, func(p string) bool { return read[p] })
}

// RegistryName is the file name of a registry record.
const RegistryName = "registry.md"

// RegistryProblem says why names cannot be resolved from this load: a
// registry file that could not be read at all, or no registry record. It
// is nil when a registry was read.
func (l *Loaded) RegistryProblem() *record.Omission {
	for _, o := range l.Omissions() {
		if o.Whole && pathBase(o.Path) == RegistryName {
			return &o
		}
	}
	if l.Set != nil {
		for _, r := range l.Set.Records {
			if r.Registry != nil {
				return nil
			}
		}
	}
	return &record.Omission{Path: RecordsDir + "/" + RegistryName, Line: 1, Col: 1, Rule: "no-registry", Whole: true,
		Reason: "no registry record was read (a file with type: registry, naming every person and body)"}
}

// FindRoot walks up from dir to the repository top: the first directory that
// holds records/registry.md, or a records directory itself.
func FindRoot(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	unadopted := "" // the nearest records/ folder without a registry
	bare := ""      // the nearest bare repository
	for {
		if isFile(filepath.Join(dir, RecordsDir, "registry.md")) {
			return dir, nil
		}
		if filepath.Base(dir) == RecordsDir && isFile(filepath.Join(dir, "registry.md")) {
			return filepath.Dir(dir), nil
		}
		if unadopted == "" && isDir(filepath.Join(dir, RecordsDir)) {
			unadopted = filepath.Join(dir, RecordsDir)
		}
		if bare == "" && isBare(dir) {
			bare = dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			if unadopted != "" {
				return "", unadoptedError(unadopted)
			}
			if bare != "" {
				return "", bareError(bare)
			}
			return "", ErrNoRecords
		}
		dir = parent
	}
}

// ResolveDir turns a --dir value (the records directory or the repository
// holding it) into the repository top.
func ResolveDir(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	if st, err := os.Stat(abs); err != nil || !st.IsDir() {
		return "", fmt.Errorf("--dir %s: not a directory", dir)
	}
	if isDir(filepath.Join(abs, RecordsDir)) {
		return abs, nil
	}
	if filepath.Base(abs) == RecordsDir {
		return filepath.Dir(abs), nil
	}
	if isBare(abs) {
		return "", bareError(abs)
	}
	return "", fmt.Errorf("--dir %s: holds no records/ directory", dir)
}

// bareError is ErrNoRecords (and ErrBare) in a bare repository: it has no
// work tree, so no records/ to read.
type bareError string

func (e bareError) Error() string {
	return fmt.Sprintf("%s is a bare git repository, with no work tree to read records from; clone it (git clone %s) and run igf in the clone", string(e), string(e))
}

func (e bareError) Is(target error) bool { return target == ErrNoRecords || target == ErrBare }

func isFile(p string) bool { st, err := os.Stat(p); return err == nil && st.Mode().IsRegular() }
func isDir(p string) bool  { st, err := os.Stat(p); return err == nil && st.IsDir() }

// IsRecordPath reports whether a slash path from the repository top names a record.
func IsRecordPath(p string) bool {
	return strings.HasPrefix(p, RecordsDir+"/") && strings.HasSuffix(p, ".md") && !strings.EqualFold(pathBase(p), "README.md")
}

func pathBase(p string) string { return p[strings.LastIndexByte(p, '/')+1:] }

// Listing is what a listing of records/ found.
type Listing struct {
	Paths    []string         // the record files, sorted slash paths from the repository top
	Findings []record.Finding // files that are there but cannot be taken (a link out of the repository)
	Skipped  Skipped          // what was left out, and why
	Ignore   *Ignore          // records/.igfignore, nil when there is none
}

// ListWorktree lists the record files under root/records, as slash paths.
// A symlink that leads out of the repository is reported, never followed.
//
// records/ itself may be a symbolic link to a directory inside the
// repository: it is walked as that directory, and paths still read
// "records/...". A link that leads elsewhere is refused with an error.
func ListWorktree(root string) (paths []string, findings []record.Finding, err error) {
	l, err := List(root)
	if err != nil {
		return nil, nil, err
	}
	return l.Paths, l.Findings, nil
}

// ReadIgnore reads root/records/.igfignore from the working tree; a
// repository without one ignores nothing.
func ReadIgnore(root string) (*Ignore, error) {
	p := filepath.Join(root, filepath.FromSlash(IgnoreFile))
	fi, err := os.Lstat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a plain file; igf reads it only as one", IgnoreFile)
	}
	if fi.Size() > maxIgnoreSize {
		return nil, fmt.Errorf("%s is %d bytes; it is at most %d", IgnoreFile, fi.Size(), maxIgnoreSize)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	return ParseIgnore(data), nil
}

// maxIgnoreSize bounds records/.igfignore: a list of patterns, never data.
const maxIgnoreSize = 1 << 20

// List lists root/records as ListWorktree does, with what it left out.
func List(root string) (*Listing, error) {
	top := filepath.Join(root, RecordsDir)
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return nil, err
	}
	ig, err := ReadIgnore(root)
	if err != nil {
		return nil, err
	}
	walkTop, err := recordsTop(root, realRoot)
	if err != nil {
		return nil, err
	}
	l := &Listing{Ignore: ig}
	skip := newSkipper(ig)
	err = filepath.WalkDir(walkTop, func(p string, d fs.DirEntry, err error) error {
		// Name every path as the records/ directory holds it.
		if r, e := filepath.Rel(walkTop, p); e == nil {
			p = filepath.Join(top, r)
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if err != nil {
			l.Findings = append(l.Findings, record.At(rel, record.Pos{}, "unreadable", err.Error(), "check the file's permissions"))
			return nil
		}
		if d.IsDir() {
			if p == top {
				return nil
			}
			if !skip.keepFolder(rel) {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if st, err := os.Stat(p); err == nil && st.IsDir() {
				// Walking links inside records/ could loop or leave the
				// repository; saying nothing would drop what they hold.
				if skip.keepFolder(rel) {
					l.Findings = append(l.Findings, record.At(rel, record.Pos{}, "symlink-dir",
						"a symbolic link to a directory inside records/: igf does not follow it, so the records there are not read",
						"replace the link with the directory itself"))
				}
				return nil
			}
		}
		if !skip.keep(rel) {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			target, err := filepath.EvalSymlinks(p)
			if err != nil {
				l.Findings = append(l.Findings, record.At(rel, record.Pos{}, "unreadable",
					"symlink leads nowhere: "+err.Error(), "point the link at a record file, or replace it with the file itself"))
				return nil
			}
			if !within(realRoot, target) {
				l.Findings = append(l.Findings, record.At(rel, record.Pos{}, "symlink-outside",
					"symlink leads outside the repository", "replace the link with the file itself"))
				return nil
			}
			if st, err := os.Stat(target); err != nil || !st.Mode().IsRegular() {
				return nil
			}
		} else if !d.Type().IsRegular() {
			return nil
		}
		l.Paths = append(l.Paths, rel)
		return nil
	})
	sort.Strings(l.Paths)
	l.Skipped = skip.skipped
	return l, err
}

// recordsTop is the directory to walk for root/records: itself, or, when it
// is a symbolic link, the directory it leads to, which must be inside the
// repository (the files of a link out of it are not the repository's).
func recordsTop(root, realRoot string) (string, error) {
	top := filepath.Join(root, RecordsDir)
	st, err := os.Lstat(top)
	if err != nil || st.Mode()&fs.ModeSymlink == 0 {
		return top, nil // a missing directory lists nothing, as before
	}
	target, err := filepath.EvalSymlinks(top)
	if err != nil {
		return "", fmt.Errorf("%s is a symbolic link that leads nowhere (%v); make records/ a directory, or point the link at one", top, err)
	}
	if st, err := os.Stat(target); err != nil || !st.IsDir() {
		return "", fmt.Errorf("%s is a symbolic link to %s, which is not a directory; records/ must be a directory", top, target)
	}
	if !within(realRoot, target) || target == realRoot {
		return "", fmt.Errorf("%s is a symbolic link to %s, outside the repository; igf reads only records the repository holds "+
			"(move the records into the repository, or run igf with --dir %s)", top, target, filepath.Dir(target))
	}
	return target, nil
}

func within(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, "../")
}

// LoadWorktree reads and parses every record under root/records, in
// parallel: the full parse that every faster way of answering (the store,
// internal/store) must equal.
func LoadWorktree(root string) (*Loaded, error) {
	listing, err := List(root)
	if err != nil {
		return nil, err
	}
	paths := listing.Paths
	parsed := parseEach(len(paths), func(_ int, i int) (*record.Record, []record.Finding) {
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(paths[i])))
		if err != nil {
			return nil, []record.Finding{record.At(paths[i], record.Pos{}, "unreadable", err.Error(), "check the file's permissions")}
		}
		return parse.File(paths[i], data)
	}, true)
	parsed.Findings = append(listing.Findings, parsed.Findings...)
	parsed.Root = root
	parsed.Skipped = listing.Skipped
	return parsed, nil
}

// ParseAll parses n files on every core; get(i) supplies the i-th file.
func ParseAll(n int, get func(i int) File) *Loaded {
	return parseEach(n, func(_ int, i int) (*record.Record, []record.Finding) {
		f := get(i)
		if f.Err != nil {
			return nil, []record.Finding{*f.Err}
		}
		return parse.File(f.Path, f.Data)
	}, true)
}

// parseEach runs load(worker, i) for i in [0, n) on every core; worker
// numbers a goroutine, for per-goroutine state. With index it indexes the
// records into a Set; without, it only keeps what load returned.
func parseEach(n int, load func(worker, i int) (*record.Record, []record.Finding), index bool) *Loaded {
	recs := make([]*record.Record, n)
	finds := make([][]record.Finding, n)
	var wg sync.WaitGroup
	var next atomic.Int64
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				recs[i], finds[i] = load(w, i)
			}
		}()
	}
	wg.Wait()
	l := &Loaded{Files: n, recs: recs, finds: finds}
	if !index {
		return l
	}
	kept := make([]*record.Record, 0, n)
	for i := range recs {
		if recs[i] != nil {
			kept = append(kept, recs[i])
		}
		l.Findings = append(l.Findings, finds[i]...)
	}
	l.Set = record.NewSet(kept)
	l.recs, l.finds = nil, nil
	return l
}
