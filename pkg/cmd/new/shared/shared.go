// Package shared holds what the `igf new` commands have in common: free IDs
// and paths, checking that a new record reads back before it is written,
// and writing it (or printing it) and committing it.
package shared

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/template"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"

	"github.com/igf-records/igf/internal/editrun"
	"github.com/igf-records/igf/internal/plainfile"
	"github.com/igf-records/igf/pkg/cmdutil"
	"github.com/igf-records/igf/pkg/core/parse"
	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/edit"
	"github.com/igf-records/igf/templates"
)

// FreeID is base, or base-2, base-3... when a record or an item has it.
func FreeID(s *record.Set, base string) string {
	id := base
	for n := 2; Taken(s, id); n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	return id
}

// Taken reports whether a record, an item or a registry entry has id.
func Taken(s *record.Set, id string) bool {
	_, named := s.Resolve(id)
	return s.Record(id) != nil || s.Item(id) != nil || named
}

// FreePath is rel, or rel with -2, -3... before .md when a file is there.
func FreePath(root, rel string) string {
	p := rel
	for n := 2; Exists(filepath.Join(root, filepath.FromSlash(p))); n++ {
		p = fmt.Sprintf("%s-%d.md", strings.TrimSuffix(rel, ".md"), n)
	}
	return p
}

// Exists reports whether anything, even a dangling link, is at p.
func Exists(p string) bool { _, err := os.Lstat(p); return err == nil }

// YAMLScalar writes a string as YAML would, quoting only when it must.
func YAMLScalar(s string) string {
	out, err := yaml.Marshal(s)
	if err != nil {
		return fmt.Sprintf("%q", s)
	}
	return strings.TrimSuffix(string(out), "\n")
}

// Funcs are the helpers every new-record template has.
var Funcs = template.FuncMap{
	"yaml": YAMLScalar,
	"list": func(refs []string) string {
		quoted := make([]string, len(refs))
		for i, r := range refs {
			quoted[i] = YAMLScalar(r)
		}
		return "[" + strings.Join(quoted, ", ") + "]"
	},
}

// MaxTemplateSize bounds a template (internal/plainfile): a page of text,
// never data.
const MaxTemplateSize = 1 << 20

// Render fills the template name: the repository's templates/NAME when it
// exists (igf init puts copies there to adapt), else igf's own.
func Render(root, name string, data any) ([]byte, error) {
	var text []byte
	var err error
	if p := filepath.Join(root, "templates", name); Exists(p) {
		text, err = plainfile.Read(p, MaxTemplateSize)
	} else {
		text, err = templates.FS.ReadFile(name)
	}
	if err != nil {
		return nil, err
	}
	t, err := template.New(name).Option("missingkey=error").Funcs(Funcs).Parse(string(text))
	if err != nil {
		return nil, fmt.Errorf("template %s: %v", name, err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return nil, fmt.Errorf("template %s: %v", name, err)
	}
	return b.Bytes(), nil
}

// Check parses a new record and refuses it unless it reads as a record of
// the type with the ID asked for, without errors: nothing is written then.
func Check(rel string, data []byte, typ, id string) error {
	rec, findings := parse.File(rel, data)
	for _, fd := range findings {
		if fd.Severity == record.SeverityError {
			return fmt.Errorf("the new record would not read (%s); nothing was written", fd)
		}
	}
	if rec == nil || !strings.EqualFold(rec.ID, id) || rec.Type != typ {
		return fmt.Errorf("the template did not make a %s record with id %s; nothing was written", typ, id)
	}
	return nil
}

// Output is what `igf new` does with a checked record: print it, or write
// it (a new file never replaces one), say so, and commit it when asked.
type Output struct {
	Print, Commit bool
	Message       string
}

// Create writes data at rel, a new file inside records/ (or prints it),
// and commits it when asked, as one edit.
func (o Output) Create(f *cmdutil.Factory, root, rel, id string, data []byte) error {
	if o.Print {
		_, err := f.IO.Out.Write(data)
		return err
	}
	tx, err := edit.Begin(root)
	if err != nil {
		return err
	}
	defer tx.Close()
	if err := tx.Create(rel, data); err != nil {
		return &cmdutil.ExitError{Code: cmdutil.ExitFailure, Err: err}
	}
	if err := editrun.Apply(f, root, tx, o.Commit, o.message("Add "+id)); err != nil {
		return err
	}
	fmt.Fprintf(f.IO.ErrOut, "created %s (%s)\n", rel, id)
	fmt.Fprintln(f.IO.Out, rel)
	return nil
}

// Replace writes the new content of rel, read for this edit (or prints
// it), and commits it when asked.
func (o Output) Replace(f *cmdutil.Factory, root string, tx *edit.Tx, rel string, data []byte, what string) error {
	if o.Print {
		_, err := f.IO.Out.Write(data)
		return err
	}
	if err := tx.Replace(rel, data); err != nil {
		return &cmdutil.ExitError{Code: cmdutil.ExitFailure, Err: err}
	}
	return editrun.Apply(f, root, tx, o.Commit, o.message(what))
}

func (o Output) message(def string) string {
	if o.Message != "" {
		return o.Message
	}
	return def
}

// AddOutputFlags adds --print, --commit and -m.
func AddOutputFlags(cmd *cobra.Command, o *Output) {
	cmd.Flags().BoolVar(&o.Print, "print", false, "print the new record instead of writing it")
	editrun.AddCommitFlags(cmd, &o.Commit, &o.Message)
}

// Load reads the working tree's records for a command that writes one:
// never from the past (--at, --as-of).
func Load(f *cmdutil.Factory, command string) (root string, s *record.Set, err error) {
	if err := f.RefusePinned(command); err != nil {
		return "", nil, err
	}
	if root, err = f.Root(); err != nil {
		return "", nil, err
	}
	// Through the factory: a file igf cannot read may hold an ID the new
	// record would take, so it is named and the command exits 1.
	l, err := f.Load()
	if err != nil {
		return "", nil, err
	}
	return root, l.Set, nil
}

// Body resolves --body to a registry body.
func Body(s *record.Set, name string) (string, error) {
	body, ok := s.Resolve(name)
	if !ok || s.Body(body) == nil {
		return "", cmdutil.FlagError("--body %s: not a body in the registry\nhint: igf people list --bodies lists them", name)
	}
	return body, nil
}

// Meeting resolves --meeting to a meeting record's ID ("" stays "").
func Meeting(s *record.Set, id string) (string, error) {
	if id == "" {
		return "", nil
	}
	m := s.Record(id)
	if m == nil || m.Type != record.TypeMeeting {
		return "", cmdutil.FlagError("--meeting %s: no meeting has that ID\nhint: igf meeting list lists them", id)
	}
	return m.ID, nil
}
