// Package list implements `igf people list`.
package list

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/igf-records/igf/pkg/cmdutil"
	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/output"
)

// NewCmdList builds `igf people list`.
func NewCmdList(f *cmdutil.Factory) *cobra.Command {
	var format string
	var bodies []string
	var withBodies bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the people (and with --bodies, the bodies) of the registry",
		Example: `  igf people list
  igf people list --body LP
  igf people list --bodies -o json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := output.CheckFormat(format); err != nil {
				return cmdutil.FlagError("%v", err)
			}
			l, err := f.Load()
			if err != nil {
				return err
			}
			s := l.Set
			if withBodies {
				if format == output.JSON {
					return output.WriteJSON(f.IO.Out, nonNil(s.Registry.Bodies))
				}
				t := &output.TableData{Headers: []string{"id", "kind", "name"}}
				for _, b := range s.Registry.Bodies {
					t.Add(output.C(b.ID), output.C(b.Kind), output.C(b.Name))
				}
				return t.Write(f.IO.Out, f.IO.TableOptions(format))
			}
			var people []*record.Person
			for _, p := range s.Registry.People {
				if len(bodies) == 0 || memberOfAny(s, p, bodies) {
					people = append(people, p)
				}
			}
			if len(people) == 0 {
				fmt.Fprintln(f.IO.ErrOut, "no people match")
			}
			if format == output.JSON {
				return output.WriteJSON(f.IO.Out, nonNil(people))
			}
			t := &output.TableData{Headers: []string{"id", "name", "initials", "memberships"}}
			for _, p := range people {
				var ms []string
				for _, m := range p.Memberships {
					ms = append(ms, strings.TrimSpace(m.Body+" "+m.Role))
				}
				t.Add(output.C(p.ID), output.C(p.Display()), output.C(p.Initials), output.C(strings.Join(ms, "; ")))
			}
			return t.Write(f.IO.Out, f.IO.TableOptions(format))
		},
	}
	cmd.Flags().StringArrayVar(&bodies, "body", nil, "only members of this `BODY` (repeatable)")
	cmd.Flags().BoolVar(&withBodies, "bodies", false, "list bodies instead of people")
	output.AddFormatFlag(cmd, &format)
	_ = cmd.RegisterFlagCompletionFunc("body", f.CompleteBodies)
	return cmd
}

func memberOfAny(s *record.Set, p *record.Person, bodies []string) bool {
	for _, m := range p.Memberships {
		for _, b := range bodies {
			if strings.EqualFold(s.Canonical(m.Body), s.Canonical(b)) {
				return true
			}
		}
	}
	return false
}

func nonNil[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}
