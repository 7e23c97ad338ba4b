// Package people groups the `igf people` commands.
package people

import (
	"github.com/spf13/cobra"

	"github.com/igf-records/igf/pkg/cmd/people/list"
	"github.com/igf-records/igf/pkg/cmd/people/show"
	"github.com/igf-records/igf/pkg/cmdutil"
)

// NewCmdPeople builds `igf people`.
func NewCmdPeople(f *cmdutil.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "people <command>",
		Aliases: []string{"person"},
		Short:   "List and show the people and bodies of the registry",
		Example: "  igf people list --body LP\n  igf people show LF",
	}
	cmd.AddCommand(list.NewCmdList(f), show.NewCmdShow(f))
	return cmd
}
