// Package check runs igf's validation where records are read from: the
// working tree, files named in it, or exactly what the git index stages for
// the next commit (Staged, which the pre-commit hook and every --commit
// share), and writes the findings as text, JSON or GitHub annotations.
package check

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/igf-records/igf/internal/parallel"
	"github.com/igf-records/igf/internal/store"
	"github.com/igf-records/igf/pkg/cmdutil"
	"github.com/igf-records/igf/pkg/core/parse"
	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/core/validate"
	"github.com/igf-records/igf/pkg/source"
)

// Output formats.
const (
	FormatText   = "text"
	FormatJSON   = "json"
	FormatGitHub = "github"
)

// DefaultMaxPerRule is how many findings of one rule the text output shows
// before it counts the rest: a systemic mistake (400 files without front
// matter) should read as one line and a number, not a screenful.
const DefaultMaxPerRule = 10

// Options say what to check and how to write the findings.
type Options struct {
	Staged bool
	// StagedAuto is --staged=auto, the pre-commit framework's hook: the git
	// index when git runs the hook (it sets GIT_INDEX_FILE) or no file is
	// named, else the files named, in the working tree (pre-commit run
	// --all-files, --files).
	StagedAuto bool
	Strict     bool
	Format     string // -o: text, json or github
	MaxPerRule int    // text output: findings shown per rule; 0 shows all
	Paths      []string
}

// Run checks what o names and writes the findings: to stdout in o.Format,
// the counts to stderr. It returns cmdutil.Findings when errors were found.
func Run(f *cmdutil.Factory, o *Options) error {
	if o.StagedAuto {
		// git sets GIT_INDEX_FILE for its hooks: a commit is checked as it
		// will be. Outside one, the framework names the files to check.
		o.Staged = os.Getenv("GIT_INDEX_FILE") != "" || len(o.Paths) == 0
		if o.Staged {
			o.Paths = nil // the staged files, all of which the index check covers
		}
	}
	began := time.Now()
	root, err := findRoot(f, o.Paths)
	if err != nil {
		return &cmdutil.ExitError{Code: cmdutil.ExitFailure, Err: err}
	}
	var res *validate.Result
	var skipped source.Skipped
	switch {
	case o.Staged:
		res, skipped, err = staged(f, root)
	default:
		res, skipped, err = worktree(f, root, o.Paths, o.StagedAuto)
	}
	if err != nil {
		return &cmdutil.ExitError{Code: cmdutil.ExitFailure, Err: err}
	}
	if res == nil {
		return nil
	}
	if o.Strict {
		validate.Strict(res.Findings)
	}
	// Annotations name files from the top of the checked-out repository;
	// run from above the records repository (a hook at the git top), files
	// are named from where igf runs, as the paths given were.
	prefix := gitPrefix(root)
	if o.Format != FormatGitHub {
		prefix = belowWorkingDir(root)
	}
	if prefix != "" {
		for i := range res.Findings {
			res.Findings[i].Path = prefix + "/" + res.Findings[i].Path
		}
	}
	if err := report(f.IO.Out, o.Format, res.Findings, o.MaxPerRule); err != nil {
		return err
	}
	fmt.Fprintln(f.IO.ErrOut, summary(res, time.Since(began)))
	if by := byRule(res.Findings); by != "" {
		fmt.Fprintln(f.IO.ErrOut, by)
	}
	if s := skipped.String(); s != "" {
		fmt.Fprintln(f.IO.ErrOut, s)
	}
	if res.Errors() > 0 && o.Staged {
		fmt.Fprintln(f.IO.ErrOut, "the staged records have errors: fix them and git add the files (git commit --no-verify skips this check)")
	}
	if res.Errors() > 0 {
		return cmdutil.Findings()
	}
	return nil
}

// findRoot is the records repository to check: --dir; else the one holding
// the paths named; else the one found from the current directory, or, from
// the top of a git repository that keeps records/ deeper down (where the
// pre-commit framework runs hooks), the one git's index holds.
func findRoot(f *cmdutil.Factory, paths []string) (string, error) {
	root, err := f.Root()
	if f.Dir == "" && len(paths) > 0 && (err != nil || !allInside(root, paths)) {
		if r, perr := source.FindRootOf(paths); perr == nil {
			return r, nil
		} else if err != nil {
			return "", perr
		}
		return root, nil // fullSet says which path is outside it
	}
	if err != nil && f.Dir == "" && errors.Is(err, source.ErrNoRecords) {
		wd, werr := os.Getwd()
		if werr != nil {
			return "", werr
		}
		if r, gerr := source.FindRootInGit(wd); gerr == nil {
			return r, nil
		} else if !errors.Is(gerr, source.ErrNoRecords) {
			return "", gerr
		}
	}
	return root, err
}

// allInside reports whether every path lies under root.
func allInside(root string, paths []string) bool {
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			return false
		}
		if rel, err := filepath.Rel(root, abs); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return false
		}
	}
	return true
}

// worktree validates the working tree: every file fully, or only the paths
// given, the rest taken from the parsed-records cache for the cross-record
// rules. lenient passes over paths that are not records (the pre-commit
// framework names every file its pattern matches), saying so.
func worktree(f *cmdutil.Factory, root string, args []string, lenient bool) (*validate.Result, source.Skipped, error) {
	listing, err := source.List(root)
	if err != nil {
		return nil, nil, err
	}
	if len(args) == 0 {
		return everything(root, listing), listing.Skipped, nil
	}
	listFindings := listing.Findings
	full, passed, err := fullSet(root, args, listing, lenient)
	if errors.Is(err, errNothingNamed) {
		fmt.Fprintf(f.IO.ErrOut, "none of the %d %s named %s a record: nothing to check\n", len(passed), plural(len(passed), "file", "files"), plural(len(passed), "is", "are"))
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	if len(passed) > 0 {
		fmt.Fprintf(f.IO.ErrOut, "passed over %d %s that %s not records: %s\n", len(passed), plural(len(passed), "file", "files"),
			plural(len(passed), "is", "are"), strings.Join(passed[:min(3, len(passed))], ", ")+map[bool]string{true: ", ...", false: ""}[len(passed) > 3])
	}
	// Files the listing refused (links out of the repository) are reported
	// when they were asked for.
	var inputs []validate.Input
	refused := map[string]bool{}
	for i := range listFindings {
		if lf := listFindings[i]; full[lf.Path] {
			refused[lf.Path] = true
			inputs = append(inputs, validate.Input{Path: lf.Path, Err: &lf, Full: true})
		}
	}
	for p := range full {
		if !refused[p] {
			inputs = append(inputs, validate.Input{Path: p, Full: true})
		}
	}
	l, err := store.LoadWorktree(root)
	if err != nil {
		return nil, nil, err
	}
	for _, r := range l.Set.Records {
		if !full[r.Path] {
			inputs = append(inputs, validate.Input{Path: r.Path, Parsed: r})
		}
	}
	return validateInputs(root, inputs), nil, nil
}

// everything validates every file of the working tree fully.
func everything(root string, listing *source.Listing) *validate.Result {
	paths, listFindings := listing.Paths, listing.Findings
	inputs := make([]validate.Input, 0, len(paths)+len(listFindings))
	for _, p := range paths {
		inputs = append(inputs, validate.Input{Path: p, Full: true})
	}
	for i := range listFindings {
		lf := listFindings[i]
		inputs = append(inputs, validate.Input{Path: lf.Path, Err: &lf, Full: true})
	}
	return validateInputs(root, inputs)
}

// run2 validates inputs, reading the full ones from the working tree.
func validateInputs(root string, inputs []validate.Input) *validate.Result {
	return validate.Run(len(inputs), func(i int) validate.Input {
		in := inputs[i]
		if in.Err == nil && in.Parsed == nil {
			in.Data, in.Err = readFile(root, in.Path)
		}
		return in
	}, validate.Options{})
}

// fullSet turns PATH arguments into the set of record paths to check fully;
// nil means all. lenient passes over files that are not records, and
// returns them, instead of refusing.
func fullSet(root string, args []string, listing *source.Listing, lenient bool) (full map[string]bool, passed []string, err error) {
	if len(args) == 0 {
		return nil, nil, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return nil, nil, err
	}
	known := map[string]bool{}
	for _, p := range listing.Paths {
		known[p] = true
	}
	for _, f := range listing.Findings {
		known[f.Path] = true
	}
	full = map[string]bool{}
	for _, a := range args {
		abs := a
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(wd, a)
		}
		rel, err := filepath.Rel(root, abs)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			if lenient {
				passed = append(passed, a)
				continue
			}
			return nil, nil, cmdutil.FlagError("%s: not inside the records repository %s", a, root)
		}
		rel = filepath.ToSlash(rel)
		if st, err := os.Stat(abs); err == nil && st.IsDir() {
			n := 0
			for p := range known {
				if rel == "." || strings.HasPrefix(p, rel+"/") {
					full[p] = true
					n++
				}
			}
			if n == 0 {
				if why := listing.Ignore.Why(rel, true); strings.HasPrefix(why, source.IgnoreFile) {
					return nil, nil, cmdutil.FlagError("%s: holds no records: ignored by %s", a, why)
				}
				return nil, nil, cmdutil.FlagError("%s: holds no records (records are *.md files under records/)", a)
			}
			continue
		} else if err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, nil, err
		}
		if !known[rel] {
			if _, err := os.Lstat(abs); err != nil {
				return nil, nil, cmdutil.FlagError("%s: no such file", a)
			}
			if lenient {
				passed = append(passed, a)
				continue
			}
			if why := listing.Ignore.Why(rel, false); strings.HasPrefix(why, source.IgnoreFile) {
				return nil, nil, cmdutil.FlagError("%s: not a record: ignored by %s (remove the line to check it)", a, why)
			}
			return nil, nil, cmdutil.FlagError("%s: not a record (records are *.md files under records/, other than README.md)", a)
		}
		full[rel] = true
	}
	if len(full) == 0 && lenient {
		return nil, passed, errNothingNamed
	}
	return full, passed, nil
}

// errNothingNamed: of the files the framework named, none is a record.
var errNothingNamed = errors.New("none of the files named is a record")

// readFile reads a record, refusing by size before reading it whole.
func readFile(root, rel string) ([]byte, *record.Finding) {
	fail := func(rule, msg, hint string) ([]byte, *record.Finding) {
		f := record.At(rel, record.Pos{}, rule, msg, hint)
		return nil, &f
	}
	fh, err := os.Open(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		return fail("unreadable", err.Error(), "check the file's permissions")
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil {
		return fail("unreadable", err.Error(), "check the file's permissions")
	}
	if st.Size() > parse.MaxFileSize {
		return fail("file-too-large", fmt.Sprintf("file is %d bytes; a record is at most %d", st.Size(), parse.MaxFileSize),
			"split the text into several records, or move attachments out of records/")
	}
	data, err := io.ReadAll(io.LimitReader(fh, parse.MaxFileSize+1))
	if err != nil {
		return fail("unreadable", err.Error(), "check the file's permissions")
	}
	return data, nil
}

// staged validates the git index: changed files fully, against summaries of
// the unchanged ones kept in the store (keyed by blob hash, so never stale,
// and looked up by the IDs the change touches); unchanged files are parsed
// only when the change touches their IDs or when no summary of their blob
// exists yet. A change to the registry can alter every name in every file,
// so it is validated against the whole tree.
func staged(f *cmdutil.Factory, root string) (*validate.Result, source.Skipped, error) {
	repo, err := source.OpenRepo(root)
	if err != nil {
		return nil, nil, err
	}
	wd, err := os.Getwd()
	if err != nil {
		return nil, nil, err
	}
	file, err := repo.IndexFile(os.Getenv("GIT_INDEX_FILE"), wd)
	if err != nil {
		return nil, nil, err
	}
	return Staged(f, root, file)
}

// Staged is what the pre-commit hook checks (igf validate --staged), on the
// index file given: `--commit` runs it on the index it is about to commit.
// A nil result means nothing under records/ is staged.
func Staged(f *cmdutil.Factory, root, file string) (*validate.Result, source.Skipped, error) {
	repo, err := source.OpenRepo(root)
	if err != nil {
		return nil, nil, err
	}
	si, err := repo.ReadStagedIndex(file)
	if err != nil {
		return nil, nil, err
	}
	defer si.Close()
	if si.NChanged() == 0 && len(si.Deleted) == 0 && !si.IgnoreChanged {
		fmt.Fprintln(f.IO.ErrOut, "no staged changes under records/: nothing to check")
		return nil, nil, nil
	}
	var res *validate.Result
	err = store.With(root, func(s *store.Store) error {
		var err error
		res, err = stagedWith(s, repo, si, root, file)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return res, si.Skipped, nil
}

// stagedWith checks the staged change against the summaries in s. It may run
// twice (store.With), so it changes nothing in si but what it reads.
func stagedWith(s *store.Store, repo *source.Repo, si *source.StagedIndex, root, file string) (*validate.Result, error) {
	// When the store holds the summary of every blob of HEAD's records
	// tree, it holds those of every unchanged file: none is looked for.
	complete, err := s.Summarised(si.HeadTree)
	if err != nil {
		return nil, err
	}
	var have map[validate.Key]bool
	if !complete {
		if have, err = s.SummaryKeys(); err != nil {
			return nil, err
		}
	}
	stored := func(i int) bool {
		// A link's content is its target's, not its own blob's.
		return !si.Changed[i] && !si.Links[i] && (complete || have[validate.Key(si.Hashes[i])])
	}
	repo.ReadStagedFiles(si, func(i int) bool {
		return !stored(i) && si.Parsed[i] == nil && si.Files[i].Data == nil && si.Files[i].Err == nil
	}, root)

	// Summaries of unchanged files the store does not hold, on every core.
	look := &storeLookup{s: s, si: si, own: map[int]*validate.Summary{}, sums: map[validate.Key]*validate.Summary{}}
	put := map[validate.Key]*validate.Summary{}
	var d validate.Delta
	var unchanged, fresh []int
	for i, sf := range si.Files {
		if si.Changed[i] {
			d.Changed = append(d.Changed, validate.Input{Path: sf.Path, Data: sf.Data, Err: sf.Err, Full: true})
			continue
		}
		j := len(unchanged)
		unchanged = append(unchanged, i)
		d.Unchanged = append(d.Unchanged, validate.Unchanged{Path: sf.Path})
		if !stored(i) {
			fresh = append(fresh, j)
		}
	}
	sums := make([]*validate.Summary, len(fresh))
	parallel.For(len(fresh), func(k int) {
		i := unchanged[fresh[k]]
		if si.Files[i].Err != nil {
			return
		}
		rec := si.Parsed[i]
		if rec == nil {
			rec, _ = parse.File(si.Files[i].Path, si.Files[i].Data)
		}
		sums[k] = validate.Summarize(rec)
	})
	unreadable := false
	for k, j := range fresh {
		i := unchanged[j]
		look.own[j] = sums[k]
		if sums[k] == nil {
			unreadable = true
		} else if !si.Links[i] {
			put[validate.Key(si.Hashes[i])] = sums[k]
		}
	}
	look.unchanged = unchanged
	d.Lookup = look
	d.Read = func(j int) validate.Input {
		i := unchanged[j]
		sf := si.Files[i]
		if sf.Data != nil || si.Parsed[i] != nil || sf.Err != nil {
			return validate.Input{Path: sf.Path, Data: sf.Data, Parsed: si.Parsed[i], Err: sf.Err}
		}
		b := si.ReadBlobs([]string{sf.Path}, []plumbing.Hash{si.Hashes[i]})[0]
		return validate.Input{Path: sf.Path, Data: b.Data, Err: b.Err}
	}

	// What HEAD held at the changed and deleted paths.
	var gonePaths []string
	var goneHashes []plumbing.Hash
	gone := func(p string) error {
		h, ok := si.Head[p]
		if !ok {
			return nil
		}
		sum, err := s.Summary(validate.Key(h))
		if sum != nil {
			d.Gone = append(d.Gone, sum)
		} else if err == nil {
			gonePaths, goneHashes = append(gonePaths, p), append(goneHashes, h)
		}
		return err
	}
	for i, sf := range si.Files {
		if si.Changed[i] {
			if err := gone(sf.Path); err != nil {
				return nil, err
			}
		}
	}
	for _, p := range si.Deleted {
		if err := gone(p); err != nil {
			return nil, err
		}
	}
	for j, b := range si.ReadBlobs(gonePaths, goneHashes) {
		var rec *record.Record
		if b.Err == nil {
			rec, _ = parse.File(b.Path, b.Data)
		}
		sum := validate.Summarize(rec)
		d.Gone = append(d.Gone, sum)
		if b.Err == nil {
			put[validate.Key(goneHashes[j])] = sum
		} else {
			unreadable = true
		}
	}

	// A changed records/.igfignore adds or removes records without a file
	// changing: only the whole staged tree says what that breaks.
	var res *validate.Result
	ok := false
	if !si.IgnoreChanged {
		res, ok = validate.Incremental(d)
		if look.err != nil {
			return nil, look.err
		}
	}
	if !ok {
		if res, err = stagedInFull(repo, file, root); err != nil {
			return nil, err
		}
	}
	if res.Set != nil {
		byPath := make(map[string]*record.Record, len(res.Set.Records))
		for _, r := range res.Set.Records {
			byPath[r.Path] = r
		}
		for i, sf := range si.Files {
			if si.Changed[i] && !si.Links[i] && sf.Err == nil {
				// The next commit makes these HEAD: summarise them now.
				put[validate.Key(si.Hashes[i])] = validate.Summarize(byPath[sf.Path])
			}
		}
	}
	// Once every unchanged file had its summary, the store keeps the
	// summaries of what the index and HEAD hold, nothing older, and
	// remembers that HEAD's tree is summarised whole.
	var done *[20]byte
	var drop []validate.Key
	if !complete && !unreadable && !si.HeadTree.IsZero() {
		tree := [20]byte(si.HeadTree)
		done = &tree
		keep := make(map[validate.Key]bool, len(si.Files)+len(si.Head))
		for i := range si.Files {
			keep[validate.Key(si.Hashes[i])] = true
		}
		for _, h := range si.Head {
			keep[validate.Key(h)] = true
		}
		for k := range have {
			if !keep[k] && put[k] == nil {
				drop = append(drop, k)
			}
		}
	}
	if len(put) > 0 || done != nil {
		if err := s.PutSummaries(put, drop, done); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// storeLookup finds the unchanged files of a staged change (validate.Lookup)
// by the IDs their summaries hold in the store; own holds the summaries
// the store has not (links, files seen for the first time), by file.
type storeLookup struct {
	s         *store.Store
	si        *source.StagedIndex
	unchanged []int // si's index of each unchanged file
	own       map[int]*validate.Summary
	sums      map[validate.Key]*validate.Summary // read so far
	files     map[validate.Key][]int             // unchanged files by blob, once needed
	err       error                              // the first the store gave
}

// of maps blobs to the unchanged files holding them (from the store), with
// the files of own that match, ascending.
func (l *storeLookup) of(keys []validate.Key, err error, match func(*validate.Summary) bool) []int {
	if err != nil {
		l.fail(err)
		return nil
	}
	if l.files == nil {
		l.files = make(map[validate.Key][]int, len(l.unchanged))
		for j, i := range l.unchanged {
			if _, ok := l.own[j]; !ok {
				k := validate.Key(l.si.Hashes[i])
				l.files[k] = append(l.files[k], j)
			}
		}
	}
	seen := map[int]bool{}
	var out []int
	for _, k := range keys {
		for _, j := range l.files[k] {
			if !seen[j] {
				seen[j] = true
				out = append(out, j)
			}
		}
	}
	for j, sum := range l.own {
		if match(sum) && !seen[j] {
			seen[j] = true
			out = append(out, j)
		}
	}
	slices.Sort(out)
	return out
}

func (l *storeLookup) fail(err error) {
	if l.err == nil {
		l.err = err
	}
}

func (l *storeLookup) Touching(ids map[string]bool) []int {
	keys, err := l.s.SummariesTouching(ids, false)
	return l.of(keys, err, func(s *validate.Summary) bool {
		return s != nil && s.Parsed && (s.Registry || validate.Touches(s, ids))
	})
}

func (l *storeLookup) Defining(ids map[string]bool) []int {
	keys, err := l.s.SummariesTouching(ids, true)
	return l.of(keys, err, func(s *validate.Summary) bool { return s != nil && s.Parsed && validate.Defines(s, ids) })
}

func (l *storeLookup) Unread() []int {
	keys, err := l.s.UnreadSummaries()
	return l.of(keys, err, func(s *validate.Summary) bool { return s == nil || !s.Parsed })
}

func (l *storeLookup) Summary(j int) *validate.Summary {
	if sum, ok := l.own[j]; ok {
		return sum
	}
	k := validate.Key(l.si.Hashes[l.unchanged[j]])
	if sum, ok := l.sums[k]; ok {
		return sum
	}
	sum, err := l.s.Summary(k)
	if err == nil && sum == nil {
		err = fmt.Errorf("%w: no summary of blob %x", store.ErrDamaged, k[:])
	}
	if err != nil {
		l.fail(err)
		return nil
	}
	l.sums[k] = sum
	return sum
}

func (l *storeLookup) Every() []*validate.Summary {
	all, err := l.s.AllSummaries()
	if err != nil {
		l.fail(err)
	}
	out := make([]*validate.Summary, len(l.unchanged))
	for j, i := range l.unchanged {
		if sum, ok := l.own[j]; ok {
			out[j] = sum
			continue
		}
		k := validate.Key(l.si.Hashes[i])
		if out[j] = all[k]; out[j] == nil && err == nil {
			err = fmt.Errorf("%w: no summary of blob %x", store.ErrDamaged, k[:])
			l.fail(err)
		}
	}
	return out
}

// stagedInFull validates the whole staged tree, for a change to the registry.
func stagedInFull(repo *source.Repo, file, root string) (*validate.Result, error) {
	st, err := repo.LoadIndex(file, root)
	if err != nil {
		return nil, err
	}
	return validate.Run(len(st.Files), func(i int) validate.Input {
		sf := st.Files[i]
		return validate.Input{Path: sf.Path, Data: sf.Data, Err: sf.Err, Full: st.Changed[i], Parsed: st.Parsed[i]}
	}, validate.Options{CrossEverywhere: true}), nil
}

// belowWorkingDir is the slash path of root below the current directory, or
// "" when igf runs inside root (or beside it).
func belowWorkingDir(root string) string {
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	if r, err := filepath.EvalSymlinks(root); err == nil {
		root = r
	}
	if w, err := filepath.EvalSymlinks(wd); err == nil {
		wd = w
	}
	rel, err := filepath.Rel(wd, root)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return ""
	}
	return filepath.ToSlash(rel)
}

// gitPrefix is the slash path of root below the top of the git work tree
// holding it ("" at the top, or outside git).
func gitPrefix(root string) string {
	for dir := root; ; {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			rel, err := filepath.Rel(dir, root)
			if err != nil || rel == "." {
				return ""
			}
			return filepath.ToSlash(rel)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

func summary(res *validate.Result, took time.Duration) string {
	e, w := res.Errors(), res.Warnings()
	files := map[string]bool{}
	for _, f := range res.Findings {
		files[f.Path] = true
	}
	checked := fmt.Sprintf("%d %s checked", res.Checked, plural(res.Checked, "file", "files"))
	if res.Checked != res.Files {
		checked += fmt.Sprintf(" (%d read)", res.Files)
	}
	if e == 0 && w == 0 {
		return fmt.Sprintf("%s: no problems (%s)", checked, took.Round(time.Millisecond))
	}
	return fmt.Sprintf("%d %s, %d %s in %d %s; %s (%s)", e, plural(e, "error", "errors"), w, plural(w, "warning", "warnings"),
		len(files), plural(len(files), "file", "files"), checked, took.Round(time.Millisecond))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// CheckStaged runs the pre-commit hook's checks on an index file, for
// commands that commit (--commit): the findings, if any errors are among
// them, go to stderr as validate prints them, and the error says nothing
// was written.
func CheckStaged(f *cmdutil.Factory, root, indexFile string) error {
	res, _, err := Staged(f, root, indexFile)
	if err != nil {
		return &cmdutil.ExitError{Code: cmdutil.ExitFailure, Err: fmt.Errorf("--commit: checking the records to be committed: %v", err)}
	}
	if res == nil || res.Errors() == 0 {
		return nil
	}
	var errs []record.Finding
	for _, fd := range res.Findings {
		if fd.Severity == record.SeverityError {
			errs = append(errs, fd)
		}
	}
	_ = report(f.IO.ErrOut, FormatText, errs, 0)
	return &cmdutil.ExitError{Code: cmdutil.ExitFindings, Err: fmt.Errorf("--commit: the records to be committed have %d %s (above), as the pre-commit hook would find; nothing was written or committed",
		len(errs), plural(len(errs), "error", "errors"))}
}
