// Package assign implements `igf id assign`: IDs for the task items and
// decisions written without one.
package assign

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/igf-records/igf/internal/editrun"
	"github.com/igf-records/igf/pkg/cmdutil"
	"github.com/igf-records/igf/pkg/core/parse"
	"github.com/igf-records/igf/pkg/edit"
	"github.com/igf-records/igf/pkg/output"
	"github.com/igf-records/igf/pkg/source"
)

type options struct {
	paths   []string
	dryRun  bool
	out     cmdutil.ListOutput
	commit  bool
	message string
}

// NewCmdAssign builds `igf id assign`.
func NewCmdAssign(f *cmdutil.Factory) *cobra.Command {
	o := &options{}
	cmd := &cobra.Command{
		Use:   "assign [PATH...]",
		Short: "Give IDs to actions, recommendations and decisions that have none",
		Long: `Give an {#ID} to every task item (action or recommendation) written without
one, and to every decision without one: a plain list item in a list where
other items already carry decision IDs, or in a list right under a heading
"Decisions".

New IDs are the record's ID, a letter (a for actions, r for recommendations, d
for decisions) and the next number that record has not used
(lp-2024-02-26-a3); an ID taken anywhere in the repository is skipped. The
token goes at the end of the item's first line; nothing else in the file
changes, and files are replaced atomically.

With no PATH, every record is looked at. It prints each assignment (path, line,
new ID, kind, first line) on stdout.`,
		Example: `  igf id assign
  igf id assign records/meetings/2024/2024-02-26-lp.md --dry-run
  igf id assign --commit`,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.paths = args
			return run(f, o)
		},
	}
	cmd.Flags().BoolVarP(&o.dryRun, "dry-run", "n", false, "show the IDs that would be given, change nothing")
	o.out = cmdutil.ListOutput{Rows: []assignment{}}
	f.AddListFlags(cmd, &o.out)
	editrun.AddCommitFlags(cmd, &o.commit, &o.message)
	return cmd
}

// assignment is one ID given, as printed.
type assignment struct {
	Path  string `json:"path"`
	Line  int    `json:"line"`
	ID    string `json:"id"`
	Kind  string `json:"kind"`
	Title string `json:"title"`
}

func run(f *cmdutil.Factory, o *options) error {
	if err := f.RefusePinned("id assign"); err != nil {
		return err
	}
	if o.dryRun && o.commit {
		return cmdutil.FlagError("--dry-run and --commit contradict each other")
	}
	root, err := f.Root()
	if err != nil {
		return err
	}
	l, err := f.LoadWithoutNames()
	if err != nil {
		return err
	}
	wanted := map[string]bool{}
	for _, p := range o.paths {
		rel, err := recordPath(root, p)
		if err != nil {
			return err
		}
		wanted[rel] = true
	}
	given := map[string]bool{}
	taken := func(id string) bool {
		return l.Set.Record(id) != nil || l.Set.Item(id) != nil || given[strings.ToLower(id)]
	}
	var assigned []assignment
	var changed []string
	tx, err := edit.Begin(root)
	if err != nil {
		return err
	}
	defer tx.Close()
	for _, r := range l.Set.Records {
		if len(wanted) > 0 && !wanted[r.Path] {
			continue
		}
		delete(wanted, r.Path)
		full := filepath.Join(root, filepath.FromSlash(r.Path))
		read, err := os.ReadFile(full)
		if err != nil {
			return err
		}
		rec, _ := parse.File(r.Path, read)
		if rec == nil {
			continue
		}
		missing := edit.MissingIDs(read, rec)
		if len(missing) == 0 {
			continue
		}
		if rec.ID == "" {
			fmt.Fprintf(f.IO.ErrOut, "%s: the record has no id, so its items cannot be named after it; add one first\n", r.Path)
			continue
		}
		ids := edit.NewIDs(rec.ID, rec.Items, missing, taken)
		for i, m := range missing {
			given[strings.ToLower(ids[i])] = true
			assigned = append(assigned, assignment{Path: r.Path, Line: m.Line, ID: ids[i], Kind: m.Kind, Title: strings.TrimSpace(m.Title)})
		}
		if o.dryRun {
			continue
		}
		data := edit.AssignIDs(read, missing, ids)
		back, _ := parse.File(r.Path, data)
		if back == nil || len(edit.MissingIDs(data, back)) != 0 {
			return fmt.Errorf("%s: the new IDs did not read back; the file is left as it was", r.Path)
		}
		// The file to change is read again, checked, and held for the edit.
		now, err := tx.Read(r.Path)
		if err != nil {
			return cmdutil.EditError(err)
		}
		if !bytes.Equal(now, read) {
			return &cmdutil.ExitError{Code: cmdutil.ExitFindings, Err: fmt.Errorf("%s: %w", r.Path, edit.ErrChanged)}
		}
		if err := tx.Replace(r.Path, data); err != nil {
			return err
		}
		changed = append(changed, r.Path)
	}
	for p := range wanted {
		return cmdutil.FlagError("%s: not a record igf could read (see igf validate)", p)
	}
	if len(changed) > 0 && !o.dryRun {
		msg := o.message
		if msg == "" {
			msg = fmt.Sprintf("Give IDs to %d items", len(assigned))
		}
		if err := editrun.Apply(f, root, tx, o.commit, msg); err != nil {
			return err
		}
	}
	if err := write(f, o, assigned); err != nil {
		return err
	}
	switch {
	case len(assigned) == 0 && len(f.Omissions()) > 0:
		fmt.Fprintln(f.IO.ErrOut, "every item of the files igf could read has an ID")
	case len(assigned) == 0:
		fmt.Fprintln(f.IO.ErrOut, "every item has an ID")
	case o.dryRun:
		fmt.Fprintf(f.IO.ErrOut, "%d IDs would be given; nothing was changed (--dry-run)\n", len(assigned))
	default:
		files := "files"
		if len(changed) == 1 {
			files = "file"
		}
		fmt.Fprintf(f.IO.ErrOut, "gave %d IDs in %d %s\n", len(assigned), len(changed), files)
	}
	return nil
}

// recordPath turns a PATH argument (relative to the current directory, or
// absolute) into the record's slash path from the repository top.
func recordPath(root, p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return "", cmdutil.FlagError("%s is outside the records repository %s", p, root)
	}
	rel = filepath.ToSlash(rel)
	if !source.IsRecordPath(rel) {
		return "", cmdutil.FlagError("%s is not a record (records are .md files under records/)", p)
	}
	ig, err := source.ReadIgnore(root)
	if err != nil {
		return "", err
	}
	if why := ig.Why(rel, false); strings.HasPrefix(why, source.IgnoreFile) {
		return "", cmdutil.FlagError("%s is not a record: ignored by %s", p, why)
	}
	return rel, nil
}

func write(f *cmdutil.Factory, o *options, as []assignment) error {
	if as == nil {
		as = []assignment{}
	}
	as = cmdutil.Cap(f.IO, as, o.out.Limit, "IDs")
	return o.out.Emit(cmdutil.List{JSON: as, Table: func(string) *output.TableData {
		t := &output.TableData{Headers: []string{"path", "line", "id", "kind", "title"}}
		for _, a := range as {
			t.Add(output.C(a.Path), output.C(fmt.Sprint(a.Line)), output.C(a.ID), output.C(a.Kind), output.C(a.Title))
		}
		return t
	}})
}
