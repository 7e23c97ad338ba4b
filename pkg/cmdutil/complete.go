package cmdutil

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/igf-records/igf/pkg/core/record"
)

// CompleteOwners completes --owner with every person and body of the registry.
func (f *Factory) CompleteOwners(cmd *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
	l, err := f.LoadQuietly()
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []string
	for _, p := range l.Set.Registry.People {
		if hasPrefixFold(p.ID, prefix) {
			out = append(out, p.ID+"\t"+p.Display())
		}
	}
	for _, b := range l.Set.Registry.Bodies {
		if hasPrefixFold(b.ID, prefix) {
			out = append(out, b.ID+"\t"+b.Name)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// CompleteBodies completes --body with the registry's bodies.
func (f *Factory) CompleteBodies(cmd *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
	l, err := f.LoadQuietly()
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []string
	for _, b := range l.Set.Registry.Bodies {
		if hasPrefixFold(b.ID, prefix) {
			out = append(out, b.ID+"\t"+b.Name)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// CompleteIDs completes record and item IDs; keep narrows which (nil = all).
func (f *Factory) CompleteIDs(keep func(r *record.Record, it *record.Item) bool) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
		l, err := f.LoadQuietly()
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var out []string
		for _, r := range l.Set.Records {
			if hasPrefixFold(r.ID, prefix) && (keep == nil || keep(r, nil)) {
				out = append(out, r.ID+"\t"+short(r.Title))
			}
			for _, it := range r.Items {
				if hasPrefixFold(it.ID, prefix) && (keep == nil || keep(r, it)) {
					out = append(out, it.ID+"\t"+short(it.Title))
				}
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// short keeps completion descriptions to one readable line.
func short(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:59]) + "…"
	}
	return s
}

// NoteUnknownOwners says on stderr which of the --owner names the registry
// does not know: they are matched as written, never refused, so a name the
// registry lacks still finds the items that spell it so.
//
// A name several entries share matches all of them, and the note says so; an
// unknown one is matched as written, with the registry's closest names.
func NoteUnknownOwners(w io.Writer, s *record.Set, owners []string) {
	for _, name := range owners {
		if _, ok := s.Resolve(name); ok {
			continue
		}
		if c := s.Candidates(name); len(c) > 1 {
			fmt.Fprintf(w, "note: %q is shared by %d registry entries (%s); matching all of them — give --owner an ID to pick one\n",
				name, len(c), strings.Join(c, ", "))
			continue
		}
		msg := fmt.Sprintf("note: %q is not in the registry; matching it as written", name)
		if near := s.Suggest(name, 3); len(near) > 0 {
			msg += "; did you mean " + strings.Join(near, ", ") + "?"
		}
		fmt.Fprintln(w, msg)
	}
}
