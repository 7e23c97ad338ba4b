// Package site groups the `igf site` commands.
package site

import (
	"github.com/spf13/cobra"

	"github.com/igf-records/igf/pkg/cmd/site/build"
	"github.com/igf-records/igf/pkg/cmd/site/serve"
	"github.com/igf-records/igf/pkg/cmdutil"
)

// NewCmdSite builds `igf site`.
func NewCmdSite(f *cmdutil.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "site <command>",
		Short: "Publish the records as a static web site, or preview it",
		Example: `  igf site build -o _site
  igf site build --public -o _site
  igf site serve`,
	}
	cmd.AddCommand(build.NewCmdBuild(f, nil), serve.NewCmdServe(f, nil))
	return cmd
}
