package store

import (
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/gitattributes"
	"github.com/go-git/go-git/v5/plumbing/format/index"
	"github.com/go-git/go-git/v5/storage/filesystem"

	"github.com/igf-records/igf/pkg/source"
)

// cleanIndex answers, for a record file, the blob ID git's index holds for
// it when the file is clean in git's sense: its stat data equal the entry's
// and it was not modified in the same tick the index was written ("racily
// clean", which git too settles by reading the file). A file whose bytes
// git converts on the way in or out (end-of-line conversion, filters,
// ident, encodings) is never clean here: its blob ID is not the ID of the
// bytes on disk, which are what igf parses.
type cleanIndex struct {
	entries map[string]*index.Entry // by path from the records repository top
	written time.Time               // the index file's mtime
	convert func(gitPath string) bool
}

// readIndex reads the repository's index, or returns nil when there is none
// igf can use (no git, no index yet, a format go-git cannot decode): every
// file is then hashed, which is slower and as right.
func readIndex(repo *source.Repo, recordDirs []string) *cleanIndex {
	if repo == nil {
		return nil
	}
	fsys, ok := repo.Git.Storer.(*filesystem.Storage)
	if !ok {
		return nil
	}
	gitDir := fsys.Filesystem().Root()
	file := filepath.Join(gitDir, "index")
	st, err := os.Stat(file)
	if err != nil {
		return nil
	}
	idx, err := source.ReadIndex(file)
	if err != nil {
		return nil
	}
	convert, ok := conversions(repo, gitDir, recordDirs)
	if !ok {
		return nil
	}
	ci := &cleanIndex{entries: make(map[string]*index.Entry, len(idx.Entries)), written: st.ModTime(), convert: convert}
	prefix := ""
	if repo.Prefix != "" {
		prefix = repo.Prefix + "/"
	}
	for _, e := range idx.Entries {
		if e.Stage != 0 || e.IntentToAdd || e.SkipWorktree || !strings.HasPrefix(e.Name, prefix) {
			continue
		}
		ci.entries[e.Name[len(prefix):]] = e
	}
	return ci
}

// blobID is the blob ID the index holds for the file at rel (a slash path
// from the records repository top) with stat data fi, when it is clean.
func (ci *cleanIndex) blobID(rel string, fi os.FileInfo, prefix string) (plumbing.Hash, bool) {
	if ci == nil {
		return plumbing.ZeroHash, false
	}
	e := ci.entries[rel]
	if e == nil || !fi.Mode().IsRegular() || (e.Mode != filemode.Regular && e.Mode != filemode.Executable) {
		return plumbing.ZeroHash, false
	}
	st, ok := source.StatOf(fi)
	if !ok || int64(e.Size) != fi.Size()&0xffffffff || !e.ModifiedAt.Equal(fi.ModTime()) ||
		!e.ModifiedAt.Before(ci.written) || e.CreatedAt.UnixNano() != st.Ctime ||
		(e.Inode != 0 && e.Inode != uint32(st.Ino)) || (e.Dev != 0 && e.Dev != uint32(st.Dev)) {
		return plumbing.ZeroHash, false
	}
	if ci.convert != nil && ci.convert(path.Join(prefix, rel)) {
		return plumbing.ZeroHash, false
	}
	return e.Hash, true
}

// conversionAttrs are the gitattributes that make a file's blob differ
// from its bytes on disk.
var conversionAttrs = []string{"text", "crlf", "eol", "filter", "ident", "working-tree-encoding"}

// conversions reports which paths (from the git top) git may convert, as a
// test (nil: none), or ok false when every path may be converted
// (core.autocrlf) and the index is of no use. recordDirs are the
// directories holding records, as slash paths from the records repository
// top, each with every directory between it and records/.
func conversions(repo *source.Repo, gitDir string, recordDirs []string) (convert func(string) bool, ok bool) {
	if cfg, err := repo.Git.ConfigScoped(config.SystemScope); err == nil {
		switch strings.ToLower(cfg.Raw.Section("core").Option("autocrlf")) {
		case "true", "input", "yes", "on", "1":
			return nil, false
		}
	}
	var patterns []gitattributes.MatchAttribute
	read := func(file string, domain []string) {
		f, err := os.Open(file)
		if err != nil {
			return
		}
		defer f.Close()
		ps, err := gitattributes.ReadAttributes(f, domain, len(domain) == 0)
		if err != nil {
			// Unreadable rules: take every path as converted.
			ps = []gitattributes.MatchAttribute{{Pattern: gitattributes.ParsePattern("*", nil),
				Attributes: mustAttrs("text")}}
		}
		patterns = append(patterns, ps...)
	}
	read("/etc/gitattributes", nil)
	if home, err := os.UserHomeDir(); err == nil {
		xdg := os.Getenv("XDG_CONFIG_HOME")
		if xdg == "" {
			xdg = filepath.Join(home, ".config")
		}
		read(filepath.Join(xdg, "git", "attributes"), nil)
	}
	if cfg, err := repo.Git.ConfigScoped(config.GlobalScope); err == nil {
		if f := cfg.Raw.Section("core").Option("attributesfile"); f != "" {
			if strings.HasPrefix(f, "~/") {
				if home, err := os.UserHomeDir(); err == nil {
					f = filepath.Join(home, f[2:])
				}
			}
			read(f, nil)
		}
	}
	// .gitattributes from the git top down to the records directory, then
	// in every directory that holds a record; deeper ones take precedence.
	if wt, err := repo.Git.Worktree(); err == nil {
		top := wt.Filesystem.Root()
		chain := []string{""}
		if repo.Prefix != "" {
			parts := strings.Split(repo.Prefix, "/")
			for i := range parts {
				chain = append(chain, strings.Join(parts[:i+1], "/"))
			}
		}
		for _, d := range recordDirs {
			chain = append(chain, path.Join(repo.Prefix, d))
		}
		for _, d := range chain {
			var domain []string
			if d != "" {
				domain = strings.Split(d, "/")
			}
			read(filepath.Join(top, filepath.FromSlash(d), ".gitattributes"), domain)
		}
	}
	read(filepath.Join(gitDir, "info", "attributes"), nil)
	if len(patterns) == 0 {
		return nil, true
	}
	m := gitattributes.NewMatcher(patterns)
	return func(gitPath string) bool {
		attrs, _ := m.Match(strings.Split(gitPath, "/"), conversionAttrs)
		for _, a := range attrs {
			if a.IsSet() || a.IsValueSet() {
				return true
			}
		}
		return false
	}, true
}

func mustAttrs(name string) []gitattributes.Attribute {
	m, _ := gitattributes.ParseAttributesLine("* "+name, nil, false)
	return m.Attributes
}
