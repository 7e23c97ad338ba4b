// Package initcmd implements `igf init`: a new records repository, or the
// adoption of an existing records/ folder.
package initcmd

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/spf13/cobra"

	"github.com/igf-records/igf/internal/editrun"
	"github.com/igf-records/igf/internal/hookfile"
	"github.com/igf-records/igf/pkg/cmdutil"
	"github.com/igf-records/igf/pkg/core/parse"
	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/edit"
	"github.com/igf-records/igf/pkg/source"
	"github.com/igf-records/igf/templates"
)

type options struct {
	dir, records   string
	body, bodyName string
	noHook, commit bool
	message        string
}

// NewCmdInit builds `igf init`.
func NewCmdInit(f *cmdutil.Factory) *cobra.Command {
	o := &options{}
	cmd := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Make a new records repository, or adopt an existing records/ folder",
		Long: `Make a new records repository in DIR (default: the current directory): a git
repository (made with branch main unless DIR is already inside one), a
records/ directory with a registry skeleton and folders for meetings,
decisions and timelines, a copy of the meeting template in templates/ to
adapt, and the pre-commit hook that validates staged records.

When DIR already holds records/ (minutes kept in git before igf), init adopts
it: it adds only what is missing — the registry, the template, the hook — and
says what it added and what it kept. It then says how many files under
records/ are not yet records (no front matter), to bring in with igf import
or to leave out in records/.igfignore. --records names the folder to adopt when
it is elsewhere in the tree (it must be named records/).

Nothing is ever overwritten: a file or hook that is there is kept.`,
		Example: `  igf init lp-records --body LP --body-name "IGF Leadership Panel"
  cd lp-records && igf new meeting --body LP --date 2024-02-26

  # In an existing git repository, with a first commit
  igf init --commit

  # Adopt a repository of minutes that already has records/, then bring them in
  igf init --body LP
  igf import --body LP records/

  # Adopt site/records/ of a static site's repository
  igf init --records site/records`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.dir = "."
			if len(args) == 1 {
				o.dir = args[0]
			}
			if o.records != "" && len(args) == 1 {
				return cmdutil.FlagError("give DIR or --records, not both")
			}
			return run(f, cmd, o)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&o.body, "body", "", "a first body for the registry, by `ID` (e.g. LP)")
	fl.StringVar(&o.bodyName, "body-name", "", "its `NAME` (e.g. \"IGF Leadership Panel\")")
	fl.BoolVar(&o.noHook, "no-hook", false, "do not install the pre-commit hook")
	fl.StringVar(&o.records, "records", "", "adopt this existing records/ `DIR` (its parent becomes the repository top)")
	editrun.AddCommitFlags(cmd, &o.commit, &o.message)
	return cmd
}

func run(f *cmdutil.Factory, cmd *cobra.Command, o *options) error {
	if err := f.RefusePinned("init"); err != nil {
		return err
	}
	if o.bodyName != "" && o.body == "" {
		return cmdutil.FlagError("--body-name needs --body ID")
	}
	if o.body != "" {
		if problem, hint := record.CheckID(o.body); problem != "" {
			return cmdutil.FlagError("--body: %s: %s", problem, hint)
		}
	}
	dir, err := filepath.Abs(o.dir)
	if err != nil {
		return err
	}
	if o.records != "" {
		if dir, err = recordsParent(o.records); err != nil {
			return err
		}
	}
	adopting := false
	if st, err := os.Stat(filepath.Join(dir, source.RecordsDir)); err == nil {
		if !st.IsDir() {
			return &cmdutil.ExitError{Code: cmdutil.ExitFailure, Err: fmt.Errorf("%s is not a folder; nothing was changed", filepath.Join(dir, source.RecordsDir))}
		}
		adopting = true
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	made, err := openOrInit(dir)
	if err != nil {
		return err
	}
	registry := registrySkeleton(o.body, o.bodyName)
	if rec, findings := parse.File("records/registry.md", registry); rec == nil {
		return fmt.Errorf("the registry skeleton does not read as a record: %s", parse.ErrorSummary(findings))
	}
	meetingTmpl, err := templates.FS.ReadFile(templates.Meeting)
	if err != nil {
		return err
	}
	type file struct {
		path string
		data []byte
	}
	files := []file{{"records/registry.md", registry}, {"templates/" + templates.Meeting, meetingTmpl}}
	if !adopting {
		// A new repository gets its folders laid out; an adopted one keeps its own.
		files = append(files[:1], append([]file{
			{"records/meetings/README.md", []byte(folderReadme("meetings", "One file per meeting: meetings/YEAR/DATE-BODY.md (igf new meeting makes them)."))},
			{"records/decisions/README.md", []byte(folderReadme("decisions", "One file per standalone decision: decisions/BODY-YEAR-NNN.md."))},
			{"records/timelines/README.md", []byte(folderReadme("timelines", "One file per process timeline, with its milestones in the front matter."))},
		}, files[1:]...)...)
	}
	var written, kept []string
	tx, err := edit.Begin(dir)
	if err != nil {
		return err
	}
	defer tx.Close()
	for _, fl := range files {
		p := filepath.Join(dir, filepath.FromSlash(fl.path))
		if _, err := os.Lstat(p); err == nil {
			kept = append(kept, fl.path)
			continue
		}
		create := tx.Create
		if !strings.HasPrefix(fl.path, source.RecordsDir+"/") {
			create = tx.CreateFile
		}
		if err := create(fl.path, fl.data); err != nil {
			return &cmdutil.ExitError{Code: cmdutil.ExitFailure, Err: err}
		}
		written = append(written, fl.path)
	}
	if len(written) > 0 {
		msg := o.message
		if msg == "" {
			msg = "Start the records"
			if adopting {
				msg = "Adopt the records with igf"
			}
		}
		if err := editrun.Apply(f, dir, tx, o.commit, msg); err != nil {
			return err
		}
	}
	if made {
		fmt.Fprintf(f.IO.ErrOut, "made a git repository in %s (branch main)\n", dir)
	}
	switch {
	case adopting && len(written) == 0:
		fmt.Fprintf(f.IO.ErrOut, "adopted %s: it already has %s; nothing added\n", filepath.Join(dir, source.RecordsDir), strings.Join(kept, ", "))
	case adopting:
		fmt.Fprintf(f.IO.ErrOut, "adopted %s: added %s\n", filepath.Join(dir, source.RecordsDir), strings.Join(written, ", "))
		if len(kept) > 0 {
			fmt.Fprintf(f.IO.ErrOut, "kept %s (already there)\n", strings.Join(kept, ", "))
		}
	default:
		for _, k := range kept {
			fmt.Fprintf(f.IO.ErrOut, "kept %s (already there)\n", k)
		}
		fmt.Fprintf(f.IO.ErrOut, "made %s\n", strings.Join(written, ", "))
	}
	f.Dir = dir
	if !o.noHook {
		installHook(f, cmd, dir)
	}
	if adopting {
		if err := survey(f, dir); err != nil {
			return err
		}
	}
	fmt.Fprintf(f.IO.ErrOut, "next: add people and bodies to records/registry.md (igf help owners), then igf new meeting --body ID --date DAY; igf help format describes every record\n")
	return nil
}

// recordsParent checks a --records folder and returns the directory holding it.
func recordsParent(records string) (string, error) {
	abs, err := filepath.Abs(records)
	if err != nil {
		return "", err
	}
	st, err := os.Stat(abs)
	if err != nil || !st.IsDir() {
		return "", cmdutil.FlagError("--records %s: not a folder", records)
	}
	if filepath.Base(abs) != source.RecordsDir {
		return "", cmdutil.FlagError("--records %s: igf reads records from a folder named records/; rename it first "+
			"(git mv %s %s), point other tools at the new name (Jekyll: collections_dir; Hugo: contentDir), "+
			"and run igf init --records %s", records, records, filepath.Join(filepath.Dir(records), source.RecordsDir),
			filepath.Join(filepath.Dir(records), source.RecordsDir))
	}
	return filepath.Dir(abs), nil
}

// survey says what an adopted records/ holds that igf cannot read as records
// yet, so the first igf validate is no surprise.
func survey(f *cmdutil.Factory, dir string) error {
	l, err := source.List(dir)
	if err != nil {
		return err
	}
	records, noFront, broken := 0, 0, 0
	for _, p := range l.Paths {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil {
			broken++
			continue
		}
		rec, findings := parse.File(p, data)
		switch {
		case rec != nil && rec.Registry == nil:
			records++
		case rec != nil:
		case len(findings) > 0 && findings[0].Rule == "no-front-matter":
			noFront++
		default:
			broken++
		}
	}
	fmt.Fprintf(f.IO.ErrOut, "records/ holds %s besides the registry", plural(records, "record", "records"))
	if noFront > 0 {
		fmt.Fprintf(f.IO.ErrOut, ", %s without front matter", plural(noFront, "file", "files"))
	}
	if broken > 0 {
		fmt.Fprintf(f.IO.ErrOut, ", %s igf cannot read (igf validate says why)", plural(broken, "file", "files"))
	}
	fmt.Fprintln(f.IO.ErrOut)
	if s := l.Skipped.String(); s != "" {
		fmt.Fprintln(f.IO.ErrOut, s)
	}
	if noFront > 0 {
		fmt.Fprintf(f.IO.ErrOut, "bring them in with igf import --body BODY records/ (--dry-run first shows what it would write; "+
			"igf import --help says how), or leave folders out in %s\n", source.IgnoreFile)
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// openOrInit uses the git repository dir is in, or makes one with branch
// main; made says which.
func openOrInit(dir string) (made bool, err error) {
	_, _, err = source.OpenGit(dir)
	if err == nil {
		return false, nil
	}
	if !errors.Is(err, git.ErrRepositoryNotExists) {
		return false, fmt.Errorf("open git repository at %s: %v", dir, err)
	}
	_, err = git.PlainInitWithOptions(dir, &git.PlainInitOptions{
		InitOptions: git.InitOptions{DefaultBranch: plumbing.NewBranchReferenceName("main")}})
	if err != nil {
		return false, fmt.Errorf("git init %s: %v", dir, err)
	}
	return true, nil
}

// installHook installs the pre-commit hook as `igf hook install` does, keeping a hook
// that is already there (igf's own, or one igf did not write).
func installHook(f *cmdutil.Factory, cmd *cobra.Command, dir string) {
	if h, exists, ours, err := hookfile.Find(dir); err == nil && exists {
		if ours {
			fmt.Fprintf(f.IO.ErrOut, "kept %s (igf's pre-commit hook, already installed)\n", h.Path)
		} else {
			fmt.Fprintf(f.IO.ErrOut, "kept %s: a pre-commit hook igf did not write; to check records on commit, "+
				"add igf validate --staged to it, or replace it with igf hook install --force\n", h.Path)
		}
		return
	}
	if err := hookfile.Install(f.IO.ErrOut, dir, false); err != nil {
		fmt.Fprintf(f.IO.ErrOut, "note: pre-commit hook not installed: %v\n", err)
	}
}

func registrySkeleton(body, name string) []byte {
	var b strings.Builder
	b.WriteString("---\nid: registry\ntype: registry\n")
	b.WriteString("# Everyone the records refer to. Records write a person's id (or initials\n")
	b.WriteString("# or an alias) after @ and in person fields. See igf help format and igf help owners.\n")
	b.WriteString("people: []\n")
	b.WriteString("#  - id: LF\n#    name: Lise Fuhr\n#    initials: LF\n#    memberships:\n#      - {body: LP, role: member, from: \"2022-08\"}\n")
	if body == "" {
		b.WriteString("bodies: []\n")
		b.WriteString("#  - id: LP\n#    name: IGF Leadership Panel\n#    kind: panel\n")
	} else {
		b.WriteString("bodies:\n  - id: " + body + "\n")
		if name != "" {
			b.WriteString("    name: " + quoteIfNeeded(name) + "\n")
		}
	}
	b.WriteString("---\n# Registry\n\nThe people and bodies of these records.\n")
	return []byte(b.String())
}

func quoteIfNeeded(s string) string {
	if strings.ContainsAny(s, ":#{}[],&*!|>'\"%@`") || strings.TrimSpace(s) != s {
		return fmt.Sprintf("%q", s)
	}
	return s
}

func folderReadme(name, what string) string {
	return "# " + path.Base(name) + "\n\n" + what + "\nREADME.md files are not records.\n"
}
