// Package importcmd implements `igf import`: minutes without front matter
// (Markdown, plain text, HTML) turned into records. The inference is
// pkg/core/importer's; this command finds the files, writes what it proposes
// inside records/ and says, one line a file, what it inferred and what not.
package importcmd

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/igf-records/igf/pkg/cmdutil"
	"github.com/igf-records/igf/pkg/core/importer"
	"github.com/igf-records/igf/pkg/core/parse"
	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/core/validate"
	"github.com/igf-records/igf/pkg/edit"
	"github.com/igf-records/igf/pkg/output"
	"github.com/igf-records/igf/pkg/source"
)

// Options are the flags of igf import.
type Options struct {
	Paths     []string
	Body      string
	DryRun    bool
	AddPeople bool
	Format    string
}

// NewCmdImport builds `igf import`; runF replaces the run in flag tests.
func NewCmdImport(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	o := &Options{}
	cmd := &cobra.Command{
		Use:   "import [--body BODY] [--dry-run] [--add-people] FILE|DIR...",
		Short: "Turn minutes without front matter into records",
		Long: `Turn minutes written without front matter — Markdown (.md), plain text (.txt)
or HTML (.html) — into meeting records. For each file igf infers:

  date        from the file name, else the first heading and the lines after it
  title       the first heading
  body        --body, else the registry body the title names
  attendees   "Present", "Attendees", "Participants", "Attendance" sections,
  regrets     "Regrets", "Apologies" sections and annexes, and "Present: ..."
              lines, matched to the registry by ID, initials, alias or name
  actions     "Action items" sections, ACTION:/Action item:/AI: lines, numbered
              actions, and "X to do Y by DATE" sentences: task items with the
              owner the text names (@TBD when it names none in the registry),
              the due date it gives (due:TBD when none) and a fresh ID
  decisions   "Decisions", "Resolved", "Agreed" sections and DECISION: lines

The original text is kept byte for byte below the front matter; the actions
and decisions are restated below it as items igf tracks. Anything igf could
not match or read is said on stderr, as a comment in the record's front
matter, and in -o json: it never guesses an owner or a date.

Files outside records/ become new records under records/meetings/YEAR/; a
Markdown file inside records/ that has no front matter gets it in place.
No file is ever replaced, and importing the same text again adds nothing.
--add-people adds the people the registry does not have to it, as entries
marked imported and expanded: false, so that they are listed.

Word documents and PDFs are converted to Markdown first, e.g. with pandoc:
  pandoc --to gfm --wrap none minutes.docx -o minutes.md

Exit codes: 0 all imported with nothing left to check; 1 a file could not be
imported, or something in one was left for the editor (a name not in the
registry, a deadline igf could not read, no date); 2 usage error.`,
		Example: `  # See what would be written, write nothing
  igf import --dry-run --body LP minutes/2023-12-18-lp.txt

  # A folder of minutes, adding the people the registry lacks
  igf import --body WG-Strategy --add-people old-minutes/

  # Minutes already under records/ (an adopted repository), in place
  igf import --body MAG records/

  # The same as data
  igf import --dry-run -o json minutes/`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Paths = args
			if err := output.CheckFormat(o.Format); err != nil {
				return cmdutil.FlagError("%v", err)
			}
			if o.Format == output.CSV {
				return cmdutil.FlagError("-o csv: import writes text or json")
			}
			if runF != nil {
				return runF(o)
			}
			return Run(f, o)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&o.Body, "body", "", "the registry `BODY` that met (default: the one the title names)")
	fl.BoolVar(&o.DryRun, "dry-run", false, "print the records that would be written; write nothing")
	fl.BoolVar(&o.AddPeople, "add-people", false, "add people the registry lacks to it (expanded: false, marked imported)")
	output.AddFormatFlag(cmd, &o.Format)
	_ = cmd.RegisterFlagCompletionFunc("body", f.CompleteBodies)
	return cmd
}

// result is one input's outcome, as -o json gives it.
type result struct {
	*importer.Proposal
	Path    string `json:"path,omitempty"`    // the record, from the repository top
	Written bool   `json:"written"`           // false with --dry-run, or when skipped
	Skipped string `json:"skipped,omitempty"` // why nothing was proposed
	Text    string `json:"record,omitempty"`  // the record's text
	inPlace bool
	read    []byte // an in-place file's bytes as read
	orig    []byte // the input
}

// Run imports o.Paths.
func Run(f *cmdutil.Factory, o *Options) error {
	if err := f.RefusePinned("import"); err != nil {
		return err
	}
	root, err := f.Root()
	if err != nil {
		return &cmdutil.ExitError{Code: cmdutil.ExitFailure, Err: err}
	}
	l, err := f.LoadQuietly()
	if err != nil {
		return err
	}
	if err := cmdutil.RequireRegistry(l); err != nil {
		return err // without the registry no name can be matched
	}
	set := l.Set
	if set.Registry == nil || len(set.Registry.People)+len(set.Registry.Bodies) == 0 {
		fmt.Fprintln(f.IO.ErrOut, "note: the registry names nobody yet: no one can be matched (add people and bodies to records/registry.md, or use --add-people)")
	}
	if o.Body != "" {
		if ref, ok := set.Resolve(o.Body); !ok || set.Body(ref) == nil {
			return cmdutil.FlagError("--body %s: not a body in the registry (see igf people list, or records/registry.md)", o.Body)
		}
	}
	ig, err := source.ReadIgnore(root)
	if err != nil {
		return err
	}
	inputs, problems, err := collect(root, o.Paths, ig)
	if err != nil {
		return err
	}
	// A record file that cannot be read may hold IDs a new one would then
	// take: said, as every command says it. The minutes being imported are
	// unreadable as records by nature, and not named.
	importing := map[string]bool{}
	for _, in := range inputs {
		importing[in.rel] = true
	}
	for _, om := range l.Omissions() {
		if !importing[om.Path] {
			problems = append(problems, om.String())
		}
	}
	imported := map[string]string{} // content hash -> the record that holds it
	for _, r := range set.Records {
		for _, s := range r.Sources {
			if h, ok := strings.CutPrefix(s.Note, "imported by igf import; sha256 "); ok {
				imported[h] = r.Path
			}
		}
	}
	taken := func(id string) bool {
		if set.Record(id) != nil || set.Item(id) != nil {
			return true
		}
		_, known := set.Resolve(id)
		return known
	}
	names := importer.NewNames(set, taken)
	paths := map[string]bool{}
	var results []*result
	for _, in := range inputs {
		res := &result{}
		results = append(results, res)
		res.Proposal = &importer.Proposal{Source: in.rel, Hash: importer.HashOf(in.data)}
		if at, ok := imported[res.Hash]; ok {
			res.Skipped = "already imported as " + at
			continue
		}
		if in.why != "" {
			res.Skipped = in.why
			continue
		}
		p := importer.Infer(importer.Input{Name: in.rel, Data: in.data, Format: in.format}, names,
			importer.Options{Body: o.Body, AddPeople: o.AddPeople})
		res.Proposal = p
		res.orig = in.data
		if p.Record == nil {
			res.Skipped = "not imported: " + p.Missed[len(p.Missed)-1].What
			continue
		}
		res.inPlace = in.inPlace
		if in.inPlace {
			res.Path, res.read = in.rel, in.data
		} else {
			res.Path = freePath(root, targetPath(p), paths)
		}
		paths[res.Path] = true
		imported[res.Hash] = res.Path // the same text again, in this run, is this record
		res.Text = string(p.Record)
	}
	registry, regRead, regData, err := addPeople(root, set, results)
	if err != nil {
		return err
	}
	if err := check(root, l, results, registry, regData); err != nil {
		return err
	}
	if !o.DryRun {
		if err := write(root, results, registry, regRead, regData); err != nil {
			return cmdutil.EditError(err)
		}
	}
	return report(f, o, results, problems, registry != "" && regData != nil)
}

// alreadyRecord is why a file under records/ with front matter is passed over:
// a record (perhaps imported in place before), nothing left to do.
const alreadyRecord = "a record already (it has front matter): nothing to import"

// input is one file to import.
type input struct {
	rel     string // slash path: from the repository top inside it, else as given
	data    []byte
	format  importer.Format
	inPlace bool   // a Markdown file under records/ without front matter
	why     string // set when the file is not imported
}

// collect finds the files to import: those named, and the minutes in the
// folders named (Markdown, text, HTML; dot folders and records/.igfignore's
// matches left out). Files already records are passed over.
func collect(root string, args []string, ig *source.Ignore) ([]input, []string, error) {
	var out []input
	var problems []string
	seen := map[string]bool{}
	add := func(p string, named bool) {
		abs, err := filepath.Abs(p)
		if err != nil || seen[abs] {
			return
		}
		seen[abs] = true
		rel := p
		inRepo := false
		if r, err := filepath.Rel(root, abs); err == nil && !strings.HasPrefix(r, "..") {
			rel, inRepo = filepath.ToSlash(r), true
		}
		format, ok := importer.FormatOf(p)
		if !ok {
			if named {
				problems = append(problems, fmt.Sprintf("%s: not Markdown, text or HTML; convert it first (pandoc --to gfm --wrap none %s -o %s.md)",
					rel, p, strings.TrimSuffix(p, filepath.Ext(p))))
			}
			return
		}
		underRecords := inRepo && strings.HasPrefix(rel, source.RecordsDir+"/")
		if underRecords {
			if why := ig.Why(rel, false); strings.HasPrefix(why, source.IgnoreFile) {
				if named {
					problems = append(problems, fmt.Sprintf("%s: ignored by %s", rel, why))
				}
				return
			}
		}
		in := input{rel: rel, format: format}
		data, why := readInput(abs)
		in.data, in.why = data, why
		if why == "" && hasFrontMatter(data) {
			switch {
			case !named:
				return // a record already, or another tool's page
			case underRecords:
				in.why = alreadyRecord
			default:
				in.why = "has front matter already: not minutes to import"
			}
		}
		in.inPlace = underRecords && format == importer.Markdown
		out = append(out, in)
	}
	for _, a := range args {
		st, err := os.Stat(a)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", a, errors.Unwrap(err)))
			continue
		}
		if !st.IsDir() {
			add(a, true)
			continue
		}
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				problems = append(problems, err.Error())
				return nil
			}
			if d.IsDir() {
				if p != a && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				if abs, err := filepath.Abs(p); err == nil {
					if r, err := filepath.Rel(root, abs); err == nil && strings.HasPrefix(filepath.ToSlash(r), source.RecordsDir+"/") {
						if why := ig.Why(filepath.ToSlash(r), true); strings.HasPrefix(why, source.IgnoreFile) {
							return filepath.SkipDir
						}
					}
				}
				return nil
			}
			if d.Type().IsRegular() && !strings.HasPrefix(d.Name(), ".") && !strings.EqualFold(d.Name(), "README.md") {
				add(p, false)
			}
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].rel < out[j].rel })
	return out, problems, nil
}

// readInput reads a file of minutes, refusing what could not be a record.
func readInput(p string) ([]byte, string) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, err.Error()
	}
	if st.Size() > parse.MaxFileSize {
		return nil, fmt.Sprintf("%d bytes: larger than a record may be (%d); split it", st.Size(), parse.MaxFileSize)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, err.Error()
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return nil, "binary data (a NUL byte): not text minutes"
	}
	if !utf8.Valid(data) {
		line := 1
		for i := 0; i < len(data); {
			r, n := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && n <= 1 {
				return nil, fmt.Sprintf("line %d: byte 0x%02x is not UTF-8; save the file as UTF-8 (iconv -f WINDOWS-1252 -t UTF-8)", line, data[i])
			}
			if r == '\n' {
				line++
			}
			i += n
		}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, "empty"
	}
	return data, ""
}

func hasFrontMatter(data []byte) bool {
	t := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	return bytes.HasPrefix(t, []byte("---\n")) || bytes.HasPrefix(t, []byte("---\r\n"))
}

// targetPath is where a new record goes: records/meetings/YEAR/DATE-BODY.md.
func targetPath(p *importer.Proposal) string {
	body := strings.ToLower(p.Body)
	if len(p.Date) >= 4 && p.Date[0] >= '0' && p.Date[0] <= '9' {
		day := strings.SplitN(p.Date, "/", 2)[0]
		return path.Join(source.RecordsDir, "meetings", p.Date[:4], day+"-"+body+".md")
	}
	base := path.Base(p.Source)
	return path.Join(source.RecordsDir, "meetings", "undated", strings.TrimSuffix(base, path.Ext(base))+".md")
}

// freePath is rel, or rel with -2, -3... when a file is there or this run
// already proposed it.
func freePath(root, rel string, taken map[string]bool) string {
	p := rel
	for n := 2; taken[p] || exists(filepath.Join(root, filepath.FromSlash(p))); n++ {
		p = fmt.Sprintf("%s-%d.md", strings.TrimSuffix(rel, ".md"), n)
	}
	return p
}

func exists(p string) bool { _, err := os.Lstat(p); return err == nil }

// addPeople writes the proposed people into the registry's bytes (not yet
// to disk). It returns the registry's path and its bytes before and after.
func addPeople(root string, set *record.Set, results []*result) (string, []byte, []byte, error) {
	var people []*record.Person
	for _, r := range results {
		if r.Path != "" {
			people = append(people, r.People()...)
		}
	}
	if len(people) == 0 {
		return "", nil, nil, nil
	}
	rel := validate.RegistryPath
	full := filepath.Join(root, filepath.FromSlash(rel))
	read, err := os.ReadFile(full)
	if err != nil {
		return "", nil, nil, err
	}
	rec, findings := parse.File(rel, read)
	if rec == nil {
		return "", nil, nil, fmt.Errorf("%s cannot be read, so no one can be added to it: %s", rel, parse.ErrorSummary(findings))
	}
	data, err := edit.AddPeople(read, rec, func(indent int, nl string) string {
		var b strings.Builder
		for _, p := range people {
			b.WriteString(importer.PersonYAML(p, indent, nl))
		}
		return b.String()
	})
	if err != nil {
		return "", nil, nil, err
	}
	return rel, read, data, nil
}

// check validates the proposed records (and registry) against the rest of
// the repository before anything is written: a proposal igf itself cannot
// read back cleanly is a bug, reported, never written.
func check(root string, l *source.Loaded, results []*result, registry string, regData []byte) error {
	var ins []validate.Input
	replaced := map[string]bool{}
	for _, r := range results {
		if r.Path != "" {
			ins = append(ins, validate.Input{Path: r.Path, Data: r.Proposal.Record, Full: true})
			replaced[r.Path] = true
		}
	}
	if registry != "" {
		ins = append(ins, validate.Input{Path: registry, Data: regData, Full: true})
		replaced[registry] = true
	}
	if len(ins) == 0 {
		return nil
	}
	for _, rec := range l.Set.Records {
		if !replaced[rec.Path] {
			ins = append(ins, validate.Input{Path: rec.Path, Parsed: rec})
		}
	}
	res := validate.Run(len(ins), func(i int) validate.Input { return ins[i] }, validate.Options{})
	// Where the original text sits in each record: a finding there is the
	// text's own (Markdown that igf reads as an item with a mistake).
	text := map[string][2]int{}
	for _, r := range results {
		if r.Path == "" {
			continue
		}
		for _, rec := range res.Set.Records {
			if rec.Path == r.Path {
				text[r.Path] = [2]int{rec.BodyLine, rec.BodyLine + bytes.Count(r.orig, []byte("\n"))}
			}
		}
	}
	var own, bad []string
	for _, f := range res.Findings {
		if f.Severity != record.SeverityError || !replaced[f.Path] {
			continue
		}
		lines, ok := text[f.Path]
		if ok && f.Line >= lines[0] && f.Line <= lines[1] {
			src := f.Path
			for _, r := range results {
				if r.Path == f.Path {
					src = fmt.Sprintf("%s:%d", r.Source, f.Line-lines[0]+1)
				}
			}
			own = append(own, fmt.Sprintf("%s: %s [%s]", src, f.Message, f.Rule))
		} else {
			bad = append(bad, f.String())
		}
	}
	switch {
	case len(bad) > 0:
		return fmt.Errorf("the records import made do not validate, so nothing was written (please report this):\n  %s", strings.Join(bad, "\n  "))
	case len(own) > 0:
		return &cmdutil.ExitError{Code: cmdutil.ExitFindings, Err: fmt.Errorf("nothing was written: the text itself holds what igf reads as items, with mistakes "+
			"(the text is kept byte for byte, so they would stay):\n  %s\nfix them in the text, then import again", strings.Join(own, "\n  "))}
	}
	return nil
}

// write puts the registry and the records on disk as one edit (edit.Tx):
// every file checked first, then each written atomically, the registry
// first, so no record ever names someone not yet in it; all or none.
func write(root string, results []*result, registry string, regRead, regData []byte) error {
	tx, err := edit.Begin(root)
	if err != nil {
		return err
	}
	defer tx.Close()
	replace := func(rel string, read, data []byte) error {
		now, err := tx.Read(rel)
		if err != nil {
			return err
		}
		if !bytes.Equal(now, read) {
			return fmt.Errorf("%s: %w", rel, edit.ErrChanged)
		}
		return tx.Replace(rel, data)
	}
	if registry != "" {
		if err := replace(registry, regRead, regData); err != nil {
			return err
		}
	}
	for _, r := range results {
		if r.Path == "" {
			continue
		}
		if r.inPlace {
			err = replace(r.Path, r.read, r.Proposal.Record)
		} else {
			err = tx.Create(r.Path, r.Proposal.Record)
		}
		if err != nil {
			return err
		}
	}
	if err := tx.Write(); err != nil {
		return err
	}
	for _, r := range results {
		if r.Path != "" {
			r.Written = true
		}
	}
	return nil
}

// report says, one line a file, what was inferred and what was not; with
// --dry-run the records go to stdout, with -o json everything does.
func report(f *cmdutil.Factory, o *Options, results []*result, problems []string, registryChanged bool) error {
	incomplete := len(problems) > 0
	for _, r := range results {
		if r.Skipped != "" && !strings.HasPrefix(r.Skipped, "already imported") && r.Skipped != alreadyRecord {
			incomplete = true
		}
		if r.Path != "" && leftOver(r.Proposal) {
			incomplete = true
		}
	}
	if o.Format == output.JSON {
		if results == nil {
			results = []*result{}
		}
		if err := output.WriteJSON(f.IO.Out, results); err != nil {
			return err
		}
	}
	for _, p := range problems {
		fmt.Fprintf(f.IO.ErrOut, "%s\n", p)
	}
	added := 0
	for _, r := range results {
		added += len(r.NewPeople)
		fmt.Fprintln(f.IO.ErrOut, line(r, o.DryRun))
		if o.DryRun && o.Format != output.JSON && r.Path != "" {
			fmt.Fprintf(f.IO.Out, "==> %s <==\n%s", r.Path, r.Text)
			if !strings.HasSuffix(r.Text, "\n") {
				fmt.Fprintln(f.IO.Out)
			}
		}
	}
	if registryChanged {
		verb := "added"
		if o.DryRun {
			verb = "would add"
		}
		fmt.Fprintf(f.IO.ErrOut, "%s %s to %s (expanded: false, marked imported): check who they are\n",
			verb, plural(added, "person", "people"), validate.RegistryPath)
	}
	if incomplete {
		return cmdutil.Findings()
	}
	return nil
}

// leftOver reports whether a proposal left something for the editor.
func leftOver(p *importer.Proposal) bool {
	return len(p.Unmatched) > 0 || len(p.Missed) > 0
}

// line is the one line a file gets on stderr.
func line(r *result, dry bool) string {
	if r.Skipped != "" {
		return fmt.Sprintf("%s: %s", r.Source, r.Skipped)
	}
	p := r.Proposal
	verb := "imported as"
	switch {
	case dry && r.inPlace:
		verb = "would get front matter in place"
	case dry:
		verb = "would be imported as"
	case r.inPlace:
		verb = "front matter added in place"
	}
	where := r.Path
	if r.inPlace {
		where = ""
	}
	var got []string
	got = append(got, "date "+p.Date, "body "+p.Body)
	if p.Time != "" {
		got = append(got, "time "+p.Time)
	}
	got = append(got, count(len(p.Attendees), "attendee", "attendees"), count(len(p.Regrets), "regret", "regrets"),
		count(len(p.Actions), "action", "actions"), count(len(p.Decisions), "decision", "decisions"))
	if n := len(p.NewPeople); n > 0 {
		got = append(got, count(n, "person added to the registry", "people added to the registry"))
	}
	var not []string
	if len(p.Unmatched) > 0 {
		var ns []string
		for _, m := range p.Unmatched {
			ns = append(ns, fmt.Sprintf("%s (%s, line %d)", m.Written, m.Role, m.Line))
		}
		not = append(not, "not in the registry: "+strings.Join(ns, ", "))
	}
	for _, n := range p.Missed {
		if strings.Contains(n.What, "is not in the registry: written @TBD") {
			continue // the name is listed above
		}
		if n.Line > 0 {
			not = append(not, fmt.Sprintf("line %d: %s", n.Line, n.What))
		} else {
			not = append(not, n.What)
		}
	}
	s := fmt.Sprintf("%s: %s %s: %s", r.Source, verb, where, strings.Join(got, ", "))
	if where == "" {
		s = fmt.Sprintf("%s: %s: %s", r.Source, verb, strings.Join(got, ", "))
	}
	if len(not) > 0 {
		s += "; not inferred: " + strings.Join(not, "; ")
	}
	return s
}

func count(n int, one, many string) string { return plural(n, one, many) }

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
