// Package show implements `igf people show ID`: one person or body.
package show

import (
	"github.com/spf13/cobra"

	"github.com/igf-records/igf/internal/showcmd"
	"github.com/igf-records/igf/pkg/cmdutil"
)

// NewCmdShow builds `igf people show`.
func NewCmdShow(f *cmdutil.Factory) *cobra.Command {
	cmd := showcmd.New(f, "show ID", "Show a person or body: memberships with terms, meetings, open and done items",
		showcmd.Filter{Noun: "person or body", Profiles: true, List: "igf people list (people) or igf people list --bodies"},
		`  igf people show LF
  igf people show "Lise Fuhr"
  igf people show LP -o json`)
	cmd.Long = `Show a person or a body of the registry by its ID, initials or an alias, in
any case: a person's memberships with their terms (current on --today or not),
the meetings they are listed at and in which role, and the items they own,
open and done; for a body, its members, the meetings it held and the items
addressed to it.`
	return cmd
}
