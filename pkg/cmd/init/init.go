// Package initcmd implements `igf init`: a new records repository.
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

	"github.com/igf-records/igf/pkg/cmd/action/done"
	"github.com/igf-records/igf/pkg/cmd/new/meeting"
	"github.com/igf-records/igf/pkg/cmdutil"
	"github.com/igf-records/igf/pkg/core/parse"
	"github.com/igf-records/igf/pkg/edit"
	"github.com/igf-records/igf/pkg/source"
	"github.com/igf-records/igf/templates"
)

type options struct {
	dir, body, bodyName string
	noHook, commit      bool
	message             string
}

// NewCmdInit builds `igf init`.
func NewCmdInit(f *cmdutil.Factory) *cobra.Command {
	o := &options{}
	cmd := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Make a new records repository",
		Long: `Make a new records repository in DIR (default: the current directory): a git
repository (made with branch main unless DIR is already inside one), a
records/ directory with a registry skeleton and folders for meetings,
decisions and timelines, a copy of the meeting template in templates/ to
adapt, and the pre-commit hook that validates staged records.

Nothing is overwritten: igf refuses if DIR already holds records/.`,
		Example: `  igf init lp-records --body LP --body-name "IGF Leadership Panel"
  cd lp-records && igf new meeting --body LP --date 2024-02-26

  # In an existing git repository, with a first commit
  igf init --commit`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.dir = "."
			if len(args) == 1 {
				o.dir = args[0]
			}
			return run(f, cmd, o)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&o.body, "body", "", "a first body for the registry, by ID (e.g. LP)")
	fl.StringVar(&o.bodyName, "body-name", "", "its name (e.g. \"IGF Leadership Panel\")")
	fl.BoolVar(&o.noHook, "no-hook", false, "do not install the pre-commit hook")
	done.AddCommitFlags(cmd, &o.commit, &o.message)
	return cmd
}

func run(f *cmdutil.Factory, cmd *cobra.Command, o *options) error {
	if err := f.RefusePinned("init"); err != nil {
		return err
	}
	if o.bodyName != "" && o.body == "" {
		return cmdutil.FlagError("--body-name needs --body ID")
	}
	if o.body != "" && !validID(o.body) {
		return cmdutil.FlagError("--body %q: an ID is letters, digits, - and . (e.g. LP, MAG, wg-strategy)", o.body)
	}
	dir, err := filepath.Abs(o.dir)
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(dir, source.RecordsDir)); err == nil {
		return &cmdutil.ExitError{Code: cmdutil.ExitFailure, Err: fmt.Errorf("%s already holds records/; nothing was changed", dir)}
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
	meetingTmpl, err := templates.FS.ReadFile(meeting.TemplateName)
	if err != nil {
		return err
	}
	files := []struct {
		path string
		data []byte
	}{
		{"records/registry.md", registry},
		{"records/meetings/README.md", []byte(folderReadme("meetings", "One file per meeting: meetings/YEAR/DATE-BODY.md (igf new meeting makes them)."))},
		{"records/decisions/README.md", []byte(folderReadme("decisions", "One file per standalone decision: decisions/BODY-YEAR-NNN.md."))},
		{"records/timelines/README.md", []byte(folderReadme("timelines", "One file per process timeline, with its milestones in the front matter."))},
		{"templates/" + meeting.TemplateName, meetingTmpl},
	}
	var written []string
	for _, fl := range files {
		p := filepath.Join(dir, filepath.FromSlash(fl.path))
		if _, err := os.Lstat(p); err == nil {
			fmt.Fprintf(f.IO.ErrOut, "kept %s (already there)\n", fl.path)
			continue
		}
		if err := edit.Create(p, fl.data, 0o644); err != nil {
			return err
		}
		written = append(written, fl.path)
	}
	if made {
		fmt.Fprintf(f.IO.ErrOut, "made a git repository in %s (branch main)\n", dir)
	}
	fmt.Fprintf(f.IO.ErrOut, "made %s\n", strings.Join(written, ", "))
	f.Dir = dir
	if !o.noHook {
		installHook(f, cmd)
	}
	if o.commit && len(written) > 0 {
		msg := o.message
		if msg == "" {
			msg = "Start the records"
		}
		if err := done.CommitFiles(f, dir, written, msg); err != nil {
			return err
		}
	}
	fmt.Fprintf(f.IO.ErrOut, "next: add people and bodies to records/registry.md, then igf new meeting --body ID --date DAY\n")
	return nil
}

// openOrInit uses the git repository dir is in, or makes one with branch
// main; made says which.
func openOrInit(dir string) (made bool, err error) {
	_, err = git.PlainOpenWithOptions(dir, &git.PlainOpenOptions{DetectDotGit: true, EnableDotGitCommonDir: true})
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

// installHook runs `igf hook install` when this igf has it.
func installHook(f *cmdutil.Factory, cmd *cobra.Command) {
	hook, _, err := cmd.Root().Find([]string{"hook", "install"})
	if err != nil || hook == nil || hook.Name() != "install" || hook.RunE == nil {
		fmt.Fprintln(f.IO.ErrOut, "note: this igf has no hook command; no pre-commit hook installed")
		return
	}
	if err := hook.RunE(hook, nil); err != nil {
		fmt.Fprintf(f.IO.ErrOut, "note: pre-commit hook not installed: %v\n", err)
	}
}

func validID(s string) bool {
	for i, r := range s {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || (i > 0 && (r == '-' || r == '.'))
		if !ok {
			return false
		}
	}
	return s != ""
}

func registrySkeleton(body, name string) []byte {
	var b strings.Builder
	b.WriteString("---\nid: registry\ntype: registry\n")
	b.WriteString("# Everyone the records refer to. Records write a person's id (or initials\n")
	b.WriteString("# or an alias) after @ and in person fields. See docs/format.md.\n")
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
