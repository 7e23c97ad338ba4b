// Package showcmd builds the show commands of every noun (igf show, igf
// action show, igf meeting show...): one ID, shown as text or -o json,
// limited by a Filter to what the noun holds.
package showcmd

import (
	"fmt"
	"io"
	"slices"

	"github.com/spf13/cobra"

	"github.com/igf-records/igf/pkg/cmdutil"
	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/output"
	"github.com/igf-records/igf/pkg/render"
	"github.com/igf-records/igf/pkg/view"
)

// Filter, when set, limits what a command built by New will show, so
// `igf action show` refuses a meeting ID with a clear message.
type Filter struct {
	Noun        string
	Items       bool     // accept items
	Kinds       []string // accepted item kinds
	RecordTypes []string // accepted record types
	Profiles    bool     // accept people and bodies of the registry
	// List is the command that lists what this one shows, for the hint
	// when an ID is not found.
	List string
}

// New builds a show command limited by filter.
func New(f *cmdutil.Factory, use, short string, filter Filter, example string) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:               use,
		Short:             short,
		Example:           example,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: complete(f, filter),
		RunE: func(cmd *cobra.Command, args []string) error {
			target, err := render.ParseTarget(format, []string{output.Table, output.JSON}, map[string]string{".json": output.JSON, ".txt": output.Table})
			if err != nil {
				return cmdutil.FlagError("%v", err)
			}
			today, err := f.Today()
			if err != nil {
				return cmdutil.FlagError("%v", err)
			}
			l, err := f.Load()
			if err != nil {
				return err
			}
			// write renders into a buffer, then to stdout or, whole, to the file.
			write := func(v any, text func(w io.Writer)) error {
				err := render.Emit(target, f.IO.Out, func(w io.Writer) error {
					if target.Format == output.JSON {
						return output.WriteJSON(w, v)
					}
					text(w)
					return nil
				})
				if err != nil {
					return &cmdutil.ExitError{Code: cmdutil.ExitFailure, Err: err}
				}
				if target.Path != "" {
					fmt.Fprintf(f.IO.ErrOut, "wrote %s\n", target.Path)
				}
				return nil
			}
			id := args[0]
			it := l.Set.Item(id)
			if it != nil && filter.Items && (len(filter.Kinds) == 0 || slices.Contains(filter.Kinds, it.Kind)) {
				return write(view.NewItem(l.Set, it, today), func(w io.Writer) { view.WriteItem(w, l.Set, it, today) })
			}
			r := l.Set.Record(id)
			if r != nil && (filter.Noun == "" || slices.Contains(filter.RecordTypes, r.Type)) {
				return write(view.NewRecord(l.Set, r, today), func(w io.Writer) { view.WriteRecord(w, l.Set, r, today) })
			}
			if filter.Profiles {
				if p, ok := view.NewProfile(l.Set, id, today); ok {
					return write(p, func(w io.Writer) { view.WriteProfile(w, p) })
				}
			}
			return notFound(f, l.Set, filter, id, it, r)
		},
	}
	cmd.Flags().StringVarP(&format, "output", "o", output.Table, "output `FORMAT`: table, json, or a FILE ending .json or .txt (written whole or not at all)")
	return cmd
}

// notFound says that nothing of the kind asked for has the ID, and what the
// ID is when it names something else, with the command that lists the kind.
func notFound(f *cmdutil.Factory, s *record.Set, filter Filter, id string, it *record.Item, r *record.Record) error {
	what := "record, item, person or body"
	if filter.Noun != "" {
		what = filter.Noun
	}
	var err error
	switch {
	case it != nil:
		err = fmt.Errorf("%s is %s, not %s: igf show %s shows it", it.ID, article(it.Kind), article(what), it.ID)
	case r != nil:
		err = fmt.Errorf("%s is %s record, not %s: igf show %s shows it", r.ID, article(r.Type), article(what), r.ID)
	default:
		if _, known := s.Resolve(id); known && !filter.Profiles {
			err = fmt.Errorf("%s is in the registry, not %s: igf show %s shows it", id, article(what), id)
		} else {
			msg := fmt.Sprintf("no %s with ID %q", what, id)
			if len(f.Omissions()) > 0 {
				msg += "; it may be in a file igf could not read (named above): " + cmdutil.ValidateHint
			}
			err = fmt.Errorf("%s\nhint: %s lists them", msg, filter.List)
		}
	}
	return &cmdutil.ExitError{Code: cmdutil.ExitFindings, Err: err}
}

func article(noun string) string {
	switch noun[0] {
	case 'a', 'e', 'i', 'o', 'u':
		return "an " + noun
	}
	return "a " + noun
}

// complete offers the IDs the command accepts: records and items of the
// filter's kinds, and people and bodies when it shows them.
func complete(f *cmdutil.Factory, filter Filter) cobra.CompletionFunc {
	ids := f.CompleteIDs(func(r *record.Record, it *record.Item) bool {
		if it != nil {
			return filter.Items && (len(filter.Kinds) == 0 || slices.Contains(filter.Kinds, it.Kind))
		}
		return filter.Noun == "" || slices.Contains(filter.RecordTypes, r.Type)
	})
	return func(cmd *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		out, dir := ids(cmd, args, prefix)
		if filter.Profiles {
			owners, _ := f.CompleteOwners(cmd, args, prefix)
			out = append(out, owners...)
		}
		return out, dir
	}
}
