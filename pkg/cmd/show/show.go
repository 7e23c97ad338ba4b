// Package show implements `igf show ID`: any record, item, person or body.
package show

import (
	"github.com/spf13/cobra"

	"github.com/igf-records/igf/internal/showcmd"
	"github.com/igf-records/igf/pkg/cmdutil"
)

// all is the filter of `igf show`: everything.
var all = showcmd.Filter{Items: true, Profiles: true,
	List: "igf action list --status all, igf meeting list, igf decision list or igf people list"}

// NewCmdShow builds `igf show`.
func NewCmdShow(f *cmdutil.Factory) *cobra.Command {
	return showcmd.New(f, "show ID", "Show any record, item, person or body by its ID", all, `  igf show lp-2023-12-18
  igf show iww-3.2
  igf show LF                  # Lise Fuhr: memberships, meetings, open and done items
  igf show LP                  # the Leadership Panel: members, meetings, items
  igf show lp-2023-12-18-a2 -o json`)
}
