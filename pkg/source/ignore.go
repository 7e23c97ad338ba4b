package source

import (
	"bufio"
	"bytes"
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

// IgnoreFile is where a repository names, in gitignore syntax, the files and
// folders under records/ that igf leaves alone (drafts, a static site's own
// pages, attachments). Patterns are relative to records/.
const IgnoreFile = RecordsDir + "/.igfignore"

// Ignore is a parsed records/.igfignore. The nil *Ignore ignores nothing.
type Ignore struct {
	patterns []ignorePattern
}

type ignorePattern struct {
	p    gitignore.Pattern
	line int
	text string
	// name: the pattern has no slash but a trailing one, so it matches a
	// path's last part alone (its folders are decided before it).
	name bool
	// folders: the pattern ends with a slash and matches folders only.
	folders bool
}

// ParseIgnore reads the bytes of records/.igfignore as git reads a
// .gitignore: one pattern a line, # comments, ! to re-include, a trailing /
// for folders only. Patterns are matched by go-git's gitignore package.
func ParseIgnore(data []byte) *Ignore {
	ig := &Ignore{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), len(data)+1)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSuffix(sc.Text(), "\r")
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		bare := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(line), "!"), "/")
		ig.patterns = append(ig.patterns, ignorePattern{p: gitignore.ParsePattern(line, nil), line: n, text: strings.TrimSpace(line),
			name: !strings.Contains(bare, "/"), folders: strings.HasSuffix(strings.TrimRight(line, " "), "/")})
	}
	return ig
}

// Skip reasons that are not a pattern of records/.igfignore.
const (
	SkipNotMarkdown = "not Markdown (*.md)"
	SkipReadme      = "named README.md (a README is never a record)"
	// SkipHidden is a dot folder, or a dot file that is not *.md (such as
	// records/.igfignore itself): left out and not counted.
	SkipHidden = "hidden"
)

// Why says why the slash path p (from the repository top, under records/)
// is not listed as a record, or "" when it is one. A file is left out when
// records/.igfignore excludes it or a folder above it (as git would: a file
// in an excluded folder cannot be re-included), when it is not a *.md file,
// or when it is a README.md; dot folders, and dot files other than *.md, are
// SkipHidden. isDir asks about a folder, which only the ignore patterns and
// the dot rule exclude.
//
// Every listing — the working tree, the git index, a revision's tree — asks
// this of every path (through a skipper, which remembers the answer for each
// folder), so all sources agree on what the records are.
func (ig *Ignore) Why(p string, isDir bool) string {
	s := newSkipper(ig)
	rel, ok := strings.CutPrefix(p, RecordsDir+"/")
	if !ok || rel == "" {
		return SkipNotMarkdown
	}
	if isDir {
		why, _ := s.folder(rel)
		return why
	}
	why, _ := s.file(rel)
	return why
}

// leaf decides rel (relative to records/) by its own name and the patterns,
// its folders being taken as kept.
func (ig *Ignore) leaf(rel string, isDir bool) string {
	base := path.Base(rel)
	if strings.HasPrefix(base, ".") && (isDir || !strings.HasSuffix(base, ".md")) {
		return SkipHidden
	}
	if why := ig.match(rel, isDir); why != "" {
		return why
	}
	switch {
	case isDir:
		return ""
	case !strings.HasSuffix(base, ".md"):
		return SkipNotMarkdown
	case strings.EqualFold(base, "README.md"):
		return SkipReadme
	}
	return ""
}

// match is the last pattern that decides the path, as git takes it.
func (ig *Ignore) match(rel string, isDir bool) string {
	if ig == nil || len(ig.patterns) == 0 {
		return ""
	}
	var parts []string
	last := []string{path.Base(rel)}
	for i := len(ig.patterns) - 1; i >= 0; i-- {
		if ig.patterns[i].folders && !isDir {
			continue // a folder-only pattern never decides a file (its folders were decided before it)
		}
		on := last
		if !ig.patterns[i].name {
			if parts == nil {
				parts = strings.Split(rel, "/")
			}
			on = parts
		}
		switch ig.patterns[i].p.Match(on, isDir) {
		case gitignore.Exclude:
			return fmt.Sprintf("%s:%d %s", IgnoreFile, ig.patterns[i].line, ig.patterns[i].text)
		case gitignore.Include:
			return ""
		}
	}
	return ""
}

// Skipped counts, by reason, what a listing left out.
type Skipped map[string]*SkipCount

// skipper applies Why across a listing, remembering each folder's answer
// (a file's folders are decided once, not once per file) and counting what
// it leaves out the way a walk of the folders does: an excluded folder
// once, not each file in it, whether the listing is a walk or flat (the
// index, a tree).
type skipper struct {
	ig      *Ignore
	skipped Skipped
	folders map[string]decision // relative to records/
	counted map[string]bool
}

type decision struct{ why, folder string }

func newSkipper(ig *Ignore) *skipper {
	return &skipper{ig: ig, skipped: Skipped{}, folders: map[string]decision{}, counted: map[string]bool{}}
}

// folder decides a folder (relative to records/): why it is left out, and
// the folder whose exclusion did it (itself or one above).
func (s *skipper) folder(rel string) (why, folder string) {
	if d, ok := s.folders[rel]; ok {
		return d.why, d.folder
	}
	var d decision
	if parent := path.Dir(rel); parent != "." {
		d.why, d.folder = s.folder(parent)
	}
	if d.why == "" {
		if d.why = s.ig.leaf(rel, true); d.why != "" {
			d.folder = rel
		}
	}
	s.folders[rel] = d
	return d.why, d.folder
}

// file decides a file (relative to records/), as folder does.
func (s *skipper) file(rel string) (why, folder string) {
	if dir := path.Dir(rel); dir != "." {
		if why, folder := s.folder(dir); why != "" {
			return why, folder
		}
	}
	return s.ig.leaf(rel, false), ""
}

// keep reports whether the file p (a slash path from the repository top) is
// a record, counting it if not.
func (s *skipper) keep(p string) bool {
	rel, ok := strings.CutPrefix(p, RecordsDir+"/")
	if !ok {
		return false
	}
	why, folder := s.file(rel)
	switch {
	case why == "":
		return true
	case folder == "":
		s.skipped.add(why, false)
	default:
		s.countFolder(why, folder)
	}
	return false
}

// keepFolder reports whether a walk should enter the folder p, counting it if not.
func (s *skipper) keepFolder(p string) bool {
	rel, ok := strings.CutPrefix(p, RecordsDir+"/")
	if !ok {
		return true
	}
	why, folder := s.folder(rel)
	if why != "" {
		s.countFolder(why, folder)
	}
	return why == ""
}

func (s *skipper) countFolder(why, folder string) {
	if !s.counted[folder] {
		s.counted[folder] = true
		s.skipped.add(why, true)
	}
}

// SkipCount is how many files and folders one reason left out.
type SkipCount struct{ Files, Folders int }

// add counts one path left out for why; hidden paths are not counted.
func (s Skipped) add(why string, isDir bool) {
	if why == SkipHidden || why == "" {
		return
	}
	c := s[why]
	if c == nil {
		c = &SkipCount{}
		s[why] = c
	}
	if isDir {
		c.Folders++
	} else {
		c.Files++
	}
}

// Files is the number of files left out, folders' contents not counted.
func (s Skipped) Files() int {
	n := 0
	for _, c := range s {
		n += c.Files
	}
	return n
}

// String says what was left out and why, for a summary line:
// "skipped 3 files: 2 by records/.igfignore:1 drafts/, 1 not Markdown (*.md)".
func (s Skipped) String() string {
	if len(s) == 0 {
		return ""
	}
	whys := make([]string, 0, len(s))
	for w := range s {
		whys = append(whys, w)
	}
	sort.Strings(whys)
	var files, folders int
	var parts []string
	for _, w := range whys {
		c := s[w]
		files += c.Files
		folders += c.Folders
		var n []string
		if c.Folders > 0 {
			n = append(n, count(c.Folders, "folder", "folders"))
		}
		if c.Files > 0 {
			n = append(n, count(c.Files, "file", "files"))
		}
		by := w
		if strings.HasPrefix(w, IgnoreFile) {
			by = "matched by " + w
		}
		parts = append(parts, strings.Join(n, " and ")+" "+by)
	}
	var total []string
	if folders > 0 {
		total = append(total, count(folders, "folder", "folders"))
	}
	if files > 0 {
		total = append(total, count(files, "file", "files"))
	}
	return "skipped " + strings.Join(total, " and ") + ": " + strings.Join(parts, "; ")
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
