package edit

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	format "github.com/go-git/go-git/v5/plumbing/format/config"

	"github.com/igf-records/igf/pkg/source"
)

// gitConfig is git's configuration as git itself layers it, lowest first:
// the system file, the global files ($XDG_CONFIG_HOME/git/config, then
// ~/.gitconfig, or $GIT_CONFIG_GLOBAL), the repository's config, the work
// tree's config.worktree (with extensions.worktreeConfig, which git
// sparse-checkout sets), then GIT_CONFIG_COUNT/KEY_n/VALUE_n from the
// environment. A later layer's value wins, as in git.
type gitConfig []*format.Config

func loadGitConfig(d *source.GitDirs) gitConfig {
	var files []string
	if os.Getenv("GIT_CONFIG_NOSYSTEM") == "" {
		files = append(files, "/etc/gitconfig")
	}
	if g := os.Getenv("GIT_CONFIG_GLOBAL"); g != "" {
		files = append(files, g)
	} else {
		xdg := os.Getenv("XDG_CONFIG_HOME")
		home, _ := os.UserHomeDir()
		if xdg == "" && home != "" {
			xdg = filepath.Join(home, ".config")
		}
		if xdg != "" {
			files = append(files, filepath.Join(xdg, "git", "config"))
		}
		if home != "" {
			files = append(files, filepath.Join(home, ".gitconfig"))
		}
	}
	var c gitConfig
	read := func(p string) *format.Config {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		cfg := format.New()
		if err := format.NewDecoder(bytes.NewReader(b)).Decode(cfg); err != nil {
			return nil
		}
		return cfg
	}
	for _, p := range files {
		if cfg := read(p); cfg != nil {
			c = append(c, cfg)
		}
	}
	if d != nil {
		local := read(filepath.Join(d.CommonDir, "config"))
		if local != nil {
			c = append(c, local)
		}
		if c.bool("extensions", "worktreeConfig") {
			if wt := read(filepath.Join(d.GitDir, "config.worktree")); wt != nil {
				c = append(c, wt)
			}
		}
	}
	if n, err := strconv.Atoi(os.Getenv("GIT_CONFIG_COUNT")); err == nil && n > 0 {
		env := format.New()
		for i := 0; i < n; i++ {
			k := os.Getenv(fmt.Sprintf("GIT_CONFIG_KEY_%d", i))
			v := os.Getenv(fmt.Sprintf("GIT_CONFIG_VALUE_%d", i))
			if dot := strings.IndexByte(k, '.'); dot > 0 {
				last := strings.LastIndexByte(k, '.')
				sub := ""
				if last > dot {
					sub = k[dot+1 : last]
				}
				env.AddOption(k[:dot], sub, k[last+1:], v)
			}
		}
		c = append(c, env)
	}
	return c
}

// get is a setting ("user", "name"), the last layer's value.
func (c gitConfig) get(section, key string) (string, bool) {
	for i := len(c) - 1; i >= 0; i-- {
		if c[i].HasSection(section) {
			if s := c[i].Section(section); s.HasOption(key) {
				return s.Option(key), true
			}
		}
	}
	return "", false
}

// bool reads a boolean setting as git does (true, yes, on, 1).
func (c gitConfig) bool(section, key string) bool {
	v, ok := c.get(section, key)
	if !ok {
		return false
	}
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "", "true", "yes", "on", "1":
		return true
	}
	return false
}

// Signature is one side of a commit's identity.
type Signature struct {
	Name, Email string
	When        time.Time
}

// identities are who a commit is by, taken as git takes them: the author
// from GIT_AUTHOR_NAME/EMAIL/DATE, else author.name/email, else
// user.name/email (else $EMAIL for the address); the committer the same
// way from GIT_COMMITTER_* and committer.*. Dates default to now.
func identities(c gitConfig, now time.Time) (author, committer Signature, err error) {
	side := func(env, section string, date string) (Signature, error) {
		name := firstOf(os.Getenv("GIT_"+env+"_NAME"), c.value(section, "name"), c.value("user", "name"))
		email := firstOf(os.Getenv("GIT_"+env+"_EMAIL"), c.value(section, "email"), c.value("user", "email"), os.Getenv("EMAIL"))
		if name == "" || email == "" {
			return Signature{}, fmt.Errorf("git does not know who you are: run git config user.name \"Your Name\" and git config user.email you@example.org (or set GIT_%s_NAME and GIT_%s_EMAIL)", env, env)
		}
		when, err := envTime("GIT_"+env+"_DATE", now)
		return Signature{Name: name, Email: email, When: when}, err
	}
	if author, err = side("AUTHOR", "author", ""); err != nil {
		return
	}
	committer, err = side("COMMITTER", "committer", "")
	return
}

func (c gitConfig) value(section, key string) string {
	v, _ := c.get(section, key)
	return v
}

func firstOf(vs ...string) string {
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// envTime reads a date git takes from the environment (GIT_AUTHOR_DATE,
// GIT_COMMITTER_DATE), in RFC 3339, "2006-01-02 15:04:05 -0700", RFC 2822
// or git's internal "@1704880800 +0000" form; unset means def.
func envTime(name string, def time.Time) (time.Time, error) {
	v := strings.TrimSpace(os.Getenv(name))
	if v == "" {
		return def, nil
	}
	if rest, ok := strings.CutPrefix(v, "@"); ok {
		secs, zone, _ := strings.Cut(rest, " ")
		if n, err := strconv.ParseInt(secs, 10, 64); err == nil {
			t := time.Unix(n, 0).UTC()
			if z, err := time.Parse("-0700", zone); err == nil {
				t = t.In(z.Location())
			}
			return t, nil
		}
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02 15:04:05 -0700", time.RFC1123Z, "Mon, 2 Jan 2006 15:04:05 -0700", "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%s=%q: give a date like 2024-01-10T12:00:00Z", name, v)
}
