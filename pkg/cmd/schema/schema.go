// Package schema implements `igf schema`: print the JSON Schema of a record type.
package schema

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/igf-records/igf/pkg/cmdutil"
	"github.com/igf-records/igf/pkg/core/validate"
)

// NewCmdSchema builds `igf schema`.
func NewCmdSchema(f *cmdutil.Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "schema [TYPE]",
		Short: "Print the JSON Schema of a record type's front matter",
		Long: `Print the JSON Schema (draft-07) that igf validate checks a record type's front
matter against. With no TYPE, list the types. The schemas are built into igf;
editors that read JSON Schema (VS Code's YAML extension, for one) can use them
for completion while writing records.`,
		Example: `  igf schema
  igf schema meeting > meeting.schema.json`,
		Args: cobra.MaximumNArgs(1),
		ValidArgsFunction: func(cmd *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return validate.Types(), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				for _, t := range validate.Types() {
					fmt.Fprintln(f.IO.Out, t)
				}
				return nil
			}
			b, ok := validate.Schema(strings.ToLower(args[0]))
			if !ok {
				return cmdutil.FlagError("unknown record type %q: use one of %s", args[0], strings.Join(validate.Types(), ", "))
			}
			_, err := f.IO.Out.Write(b)
			return err
		},
	}
}
