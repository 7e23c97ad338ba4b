// Package person implements `igf new person`: a person added to the registry.
package person

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/igf-records/igf/pkg/cmd/new/shared"
	"github.com/igf-records/igf/pkg/cmdutil"
	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/parse"
	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/edit"
	"github.com/igf-records/igf/pkg/source"
)

type options struct {
	id, name, initials, note string
	aliases, members         []string
	out                      shared.Output
}

// NewCmdPerson builds `igf new person`.
func NewCmdPerson(f *cmdutil.Factory) *cobra.Command {
	o := &options{}
	cmd := &cobra.Command{
		Use:   "person --id ID --name NAME",
		Short: "Add a person to the registry, with their memberships",
		Long: `Add a person to the registry (records/registry.md): the ID records will write
after @ and in person fields, their name, initials and aliases, and their
memberships (--member BODY, BODY:ROLE, BODY:ROLE:FROM or BODY:ROLE:FROM:TO, with
dates in any form). The entry goes at the end of the people list; every other
byte of the registry stays as it was. An ID, initials or alias that already
names someone is refused: owner matching must stay unambiguous.`,
		Example: `  igf new person --id LF --name "Lise Fuhr" --member LP:member
  igf new person --id hiroshi-yoshida --name "Hiroshi Yoshida" --alias "Mr. Hiroshi Yoshida" --member LP:member:2022-08 --commit
  igf new person --id KE --initials KE --note "Initials from the IWW timeline; never expanded in the sources" --print`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return run(f, o) },
	}
	fl := cmd.Flags()
	fl.StringVar(&o.id, "id", "", "the `ID` records will use for them (required)")
	fl.StringVar(&o.name, "name", "", "their full `NAME` (leave out when the sources give only initials)")
	fl.StringVar(&o.initials, "initials", "", "their `INITIALS`, as minutes write them")
	fl.StringArrayVar(&o.aliases, "alias", nil, "another `NAME` the records use for them (repeatable)")
	fl.StringArrayVar(&o.members, "member", nil, "a `MEMBERSHIP`: BODY[:ROLE[:FROM[:TO]]] (repeatable)")
	fl.StringVar(&o.note, "note", "", "a `NOTE` on where the entry comes from")
	shared.AddOutputFlags(cmd, &o.out)
	fl.Lookup("print").Usage = "print the registry with the new entry instead of writing it"
	return cmd
}

func run(f *cmdutil.Factory, o *options) error {
	if problem, hint := record.CheckID(o.id); problem != "" {
		return cmdutil.FlagError("--id: %s: %s", problem, hint)
	}
	if strings.EqualFold(o.id, record.TBD) {
		return cmdutil.FlagError("--id TBD is reserved: it says the source leaves an owner open")
	}
	root, s, err := shared.Load(f, "new person")
	if err != nil {
		return err
	}
	for _, n := range append([]string{o.id, o.initials}, o.aliases...) {
		if ref, taken := s.Resolve(n); taken && n != "" {
			return cmdutil.FlagError("%q already names %s (%s) in the registry; owner names must be unambiguous\nhint: igf show %s", n, ref, s.DisplayName(ref), ref)
		}
	}
	var ms []string
	for _, m := range o.members {
		line, err := membership(s, m)
		if err != nil {
			return cmdutil.FlagError("--member %s: %v", m, err)
		}
		ms = append(ms, line)
	}
	reg := registryRecord(s)
	if reg == nil {
		return fmt.Errorf("no registry record to add to (records/registry.md); igf init makes one")
	}
	tx, err := edit.Begin(root)
	if err != nil {
		return err
	}
	defer tx.Close()
	read, err := tx.Read(reg.Path)
	if err != nil {
		return cmdutil.EditError(err)
	}
	data, err := edit.AddListEntry(read, "people", entry(o, ms))
	if err != nil {
		return fmt.Errorf("%s: %v; nothing was changed", reg.Path, err)
	}
	back, findings := parse.File(reg.Path, data)
	for _, fd := range findings {
		if fd.Severity == record.SeverityError {
			return fmt.Errorf("the registry would not read with the new entry (%s); nothing was changed", fd)
		}
	}
	if back == nil || back.Registry == nil || !slices.ContainsFunc(back.Registry.People, func(p *record.Person) bool { return p.ID == o.id }) ||
		len(back.Registry.People) != len(reg.Registry.People)+1 {
		return fmt.Errorf("the new entry did not read back as a person of %s; nothing was changed", reg.Path)
	}
	if err := o.out.Replace(f, root, tx, reg.Path, data, "Add "+o.id+" to the registry"); err != nil || o.out.Print {
		return err
	}
	fmt.Fprintf(f.IO.ErrOut, "added %s to %s\n", o.id, reg.Path)
	return nil
}

// registryRecord is the registry that people go in: records/registry.md,
// else the first registry record that lists people, else the first one.
func registryRecord(s *record.Set) *record.Record {
	var first, withPeople *record.Record
	for _, r := range s.Records {
		if r.Type != record.TypeRegistry || r.Registry == nil {
			continue
		}
		if r.Path == source.RecordsDir+"/registry.md" {
			return r
		}
		if first == nil {
			first = r
		}
		if withPeople == nil && len(r.Registry.People) > 0 {
			withPeople = r
		}
	}
	if withPeople != nil {
		return withPeople
	}
	return first
}

// membership reads BODY[:ROLE[:FROM[:TO]]] into a YAML flow map.
func membership(s *record.Set, spec string) (string, error) {
	parts := strings.SplitN(spec, ":", 4)
	body, ok := s.Resolve(parts[0])
	if !ok || s.Body(body) == nil {
		return "", fmt.Errorf("%s is not a body in the registry (igf people list --bodies)", parts[0])
	}
	fields := []string{"body: " + strconv.Quote(body)}
	names := []string{"", "role", "from", "to"}
	for i := 1; i < len(parts); i++ {
		v := strings.TrimSpace(parts[i])
		if v == "" {
			continue
		}
		if i >= 2 {
			if _, err := dates.Parse(v); err != nil {
				return "", fmt.Errorf("%s %q: %v", names[i], v, err)
			}
		}
		fields = append(fields, names[i]+": "+strconv.Quote(v))
	}
	return "{" + strings.Join(fields, ", ") + "}", nil
}

func entry(o *options, memberships []string) string {
	var b strings.Builder
	b.WriteString("- id: " + shared.YAMLScalar(o.id) + "\n")
	if o.name != "" {
		b.WriteString("  name: " + shared.YAMLScalar(o.name) + "\n")
	}
	if o.initials != "" {
		b.WriteString("  initials: " + shared.YAMLScalar(o.initials) + "\n")
	}
	if o.name == "" && o.initials != "" {
		b.WriteString("  expanded: false\n")
	}
	if len(o.aliases) > 0 {
		b.WriteString("  aliases:\n")
		for _, a := range o.aliases {
			b.WriteString("    - " + shared.YAMLScalar(a) + "\n")
		}
	}
	if len(memberships) > 0 {
		b.WriteString("  memberships:\n")
		for _, m := range memberships {
			b.WriteString("    - " + m + "\n")
		}
	}
	if o.note != "" {
		b.WriteString("  note: " + shared.YAMLScalar(o.note) + "\n")
	}
	return b.String()
}
