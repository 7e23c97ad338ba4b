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
	var bodies []string
	var withBodies bool
	out := cmdutil.ListOutput{Rows: func() any {
		if withBodies {
			return []*record.Body{}
		}
		return []*record.Person{}
	}}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the people (and with --bodies, the bodies) of the registry",
		Example: `  igf people list
  igf people list --body LP
  igf people list --bodies -o json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			l, err := f.Load()
			if err != nil {
				return err
			}
			s := l.Set
			if withBodies {
				list := cmdutil.Cap(f.IO, nonNil(s.Registry.Bodies), out.Limit, "bodies")
				return out.Emit(cmdutil.List{JSON: list, Table: func(string) *output.TableData {
					t := &output.TableData{Headers: []string{"id", "kind", "name"}}
					for _, b := range list {
						t.Add(output.C(b.ID), output.C(b.Kind), output.C(b.Name))
					}
					return t
				}})
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
			people = cmdutil.Cap(f.IO, nonNil(people), out.Limit, "people")
			return out.Emit(cmdutil.List{JSON: people, Table: func(string) *output.TableData {
				t := &output.TableData{Headers: []string{"id", "name", "initials", "memberships"}}
				for _, p := range people {
					var ms []string
					for _, m := range p.Memberships {
						ms = append(ms, strings.TrimSpace(m.Body+" "+m.Role))
					}
					t.Add(output.C(p.ID), output.C(p.Display()), output.C(p.Initials), output.C(strings.Join(ms, "; ")))
				}
				return t
			}})
		},
	}
	cmd.Flags().StringArrayVar(&bodies, "body", nil, "only members of this `BODY` (repeatable)")
	cmd.Flags().BoolVar(&withBodies, "bodies", false, "list bodies instead of people")
	f.AddListFlags(cmd, &out)
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
