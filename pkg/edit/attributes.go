package edit

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/gitattributes"

	"github.com/igf-records/igf/pkg/source"
)

// eolRule is what git does to a file's line endings between the work tree
// and the repository, from its attributes (text, eol, crlf) and
// core.autocrlf / core.eol, as git's convert.c decides it.
type eolRule struct {
	text  bool // convert: the file is text (set, or eol given)
	auto  bool // convert only if the content looks like text (text=auto, core.autocrlf)
	crlf  bool // the work tree has CRLF line ends (checked out with CRLF)
	about string
}

// attributes answers, for the paths of one commit, git's attributes as
// git reads them, lowest priority first: core.attributesFile (default
// $XDG_CONFIG_HOME/git/attributes), .gitattributes at the top and in each
// directory down the path, then $GIT_DIR/info/attributes.
type attributes struct {
	top   string
	cfg   gitConfig
	base  []gitattributes.MatchAttribute // global file
	info  []gitattributes.MatchAttribute // info/attributes
	dirs  map[string][]gitattributes.MatchAttribute
	macro map[string][]gitattributes.Attribute
}

func loadAttributes(d *source.GitDirs, cfg gitConfig) *attributes {
	a := &attributes{top: d.Top, cfg: cfg, dirs: map[string][]gitattributes.MatchAttribute{}, macro: map[string][]gitattributes.Attribute{}}
	global, ok := cfg.get("core", "attributesFile")
	if !ok {
		xdg := os.Getenv("XDG_CONFIG_HOME")
		if home, err := os.UserHomeDir(); xdg == "" && err == nil {
			xdg = filepath.Join(home, ".config")
		}
		if xdg != "" {
			global = filepath.Join(xdg, "git", "attributes")
		}
	} else if strings.HasPrefix(global, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			global = filepath.Join(home, global[2:])
		}
	}
	a.base = readAttrFile(global, nil, true)
	a.info = readAttrFile(filepath.Join(d.CommonDir, "info", "attributes"), nil, true)
	// binary is a built-in macro: -diff -merge -text.
	if bin, err := gitattributes.ParseAttributesLine("[attr]binary -diff -merge -text", nil, true); err == nil {
		a.macro["binary"] = bin.Attributes
	}
	for _, m := range append(append([]gitattributes.MatchAttribute(nil), a.base...), a.info...) {
		if m.Pattern == nil {
			a.macro[m.Name] = m.Attributes
		}
	}
	return a
}

func readAttrFile(p string, domain []string, macros bool) []gitattributes.MatchAttribute {
	if p == "" {
		return nil
	}
	f, err := os.Open(p)
	if err != nil {
		return nil
	}
	defer f.Close()
	m, _ := gitattributes.ReadAttributes(f, domain, macros)
	return m
}

// of returns the attributes of a slash path from the work tree's top.
func (a *attributes) of(p string) map[string]gitattributes.Attribute {
	stack := append([]gitattributes.MatchAttribute(nil), a.base...)
	parts := strings.Split(p, "/")
	for i := 0; i < len(parts); i++ {
		dir := path.Join(parts[:i]...)
		ms, seen := a.dirs[dir]
		if !seen {
			// Macros may be defined only in the top-level file.
			ms = readAttrFile(filepath.Join(a.top, filepath.FromSlash(dir), ".gitattributes"), parts[:i], i == 0)
			for _, m := range ms {
				if m.Pattern == nil {
					a.macro[m.Name] = m.Attributes
				}
			}
			a.dirs[dir] = ms
		}
		stack = append(stack, ms...)
	}
	stack = append(stack, a.info...)
	out := map[string]gitattributes.Attribute{}
	for _, m := range stack { // lowest priority first: later matches win
		if m.Pattern == nil || !m.Pattern.Match(parts) {
			continue
		}
		for _, at := range m.Attributes {
			if at.IsSet() {
				for _, x := range a.macro[at.Name()] {
					out[x.Name()] = x
				}
			}
			out[at.Name()] = at
		}
	}
	return out
}

// rule decides the line-ending rule of a path, and refuses attributes that
// would make git store something igf cannot produce: a filter (git-lfs and
// the like), a working-tree-encoding, ident.
func (a *attributes) rule(p string) (eolRule, error) {
	at := a.of(p)
	for _, name := range []string{"filter", "working-tree-encoding", "ident"} {
		if x, ok := at[name]; ok && (x.IsSet() || x.IsValueSet()) {
			return eolRule{}, fmt.Errorf("--commit: %s has the git attribute %s; igf cannot apply it as git would, so it does not commit: leave out --commit and commit with git", p, x)
		}
	}
	r := eolRule{}
	text, hasText := at["text"]
	if legacy, ok := at["crlf"]; ok && !hasText {
		switch {
		case legacy.IsSet():
			r.text = true
		case legacy.IsUnset():
			return eolRule{about: "-crlf"}, nil
		case legacy.IsValueSet() && legacy.Value() == "input":
			r.text = true
			return r, nil
		}
	}
	switch {
	case hasText && text.IsUnset():
		return eolRule{about: "-text"}, nil
	case hasText && text.IsSet():
		r.text, r.about = true, "text"
	case hasText && text.IsValueSet() && text.Value() == "auto":
		r.text, r.auto, r.about = true, true, "text=auto"
	}
	eol := at["eol"]
	if eol != nil && eol.IsValueSet() {
		switch eol.Value() {
		case "crlf":
			r.crlf = true
		case "lf":
			r.crlf = false
		}
		if !r.text {
			r.text, r.about = true, "eol="+eol.Value()
		}
		return r, nil
	}
	autocrlf := strings.ToLower(a.cfg.value("core", "autocrlf"))
	if !r.text {
		switch autocrlf {
		case "true", "yes", "on", "1":
			return eolRule{text: true, auto: true, crlf: true, about: "core.autocrlf=true"}, nil
		case "input":
			return eolRule{text: true, auto: true, about: "core.autocrlf=input"}, nil
		}
		return eolRule{}, nil
	}
	switch {
	case autocrlf == "true":
		r.crlf = true
	case autocrlf == "input":
		r.crlf = false
	default:
		r.crlf = strings.ToLower(a.cfg.value("core", "eol")) == "crlf"
	}
	return r, nil
}

// toGit is the blob git stores for a work-tree file's bytes: with a text
// rule, CRLF line ends become LF. For text=auto (and core.autocrlf), content
// that looks binary is kept, and so is a file the index already holds with
// CRLF (git's "safe" auto conversion: it never normalises such a file
// behind the user's back). indexed is the blob the index holds (nil: new).
func (r eolRule) toGit(data, indexed []byte) []byte {
	if !r.text || !bytes.Contains(data, []byte("\r\n")) {
		return data
	}
	if r.auto && (looksBinary(data) || bytes.Contains(indexed, []byte("\r\n"))) {
		return data
	}
	return bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
}

// toWorktree is how git checks out a blob: with CRLF line ends where the
// rule says so. igf uses it for the files it creates, so a new record looks
// as a checkout of it would.
func (r eolRule) toWorktree(blob []byte) []byte {
	if !r.text || !r.crlf || bytes.Contains(blob, []byte("\r\n")) || (r.auto && looksBinary(blob)) {
		return blob
	}
	return bytes.ReplaceAll(blob, []byte("\n"), []byte("\r\n"))
}

// looksBinary is git's test: a NUL byte in the first 8,000.
func looksBinary(data []byte) bool {
	return bytes.IndexByte(data[:min(len(data), 8000)], 0) >= 0
}
