// Package man implements `igf man DIR`: a manual page for every command.
package man

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"

	"github.com/igf-records/igf/internal/build"
	"github.com/igf-records/igf/pkg/cmdutil"
)

// NewCmdMan builds `igf man DIR`.
func NewCmdMan(f *cmdutil.Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "man DIR",
		Short: "Write a manual page for every igf command into DIR",
		Long: `Write a manual page (section 1) for igf and each of its commands into DIR,
made from the same text as --help: igf.1, igf-action-list.1 and so on. DIR is
made if it does not exist. make install puts them under
$(PREFIX)/share/man/man1, where man finds them.`,
		Example: `  igf man ~/.local/share/man/man1 && man igf-action-list
  igf man /tmp/igf-man && ls /tmp/igf-man`,
		Args: cobra.ExactArgs(1),
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return nil, cobra.ShellCompDirectiveFilterDirs
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := args[0]
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return &cmdutil.ExitError{Code: cmdutil.ExitFailure, Err: err}
			}
			root := cmd.Root()
			root.DisableAutoGenTag = true
			info := build.Read()
			header := &doc.GenManHeader{Section: "1", Source: "igf " + info.Short(), Manual: "igf manual"}
			// A page's date is the commit igf was built from, so the same
			// build makes the same pages (SOURCE_DATE_EPOCH still wins).
			if t, err := time.Parse(time.RFC3339, info.Time); err == nil && os.Getenv("SOURCE_DATE_EPOCH") == "" {
				header.Date = &t
			}
			if err := doc.GenManTree(root, header, dir); err != nil {
				return &cmdutil.ExitError{Code: cmdutil.ExitFailure, Err: err}
			}
			n, _ := filepath.Glob(filepath.Join(dir, "igf*.1"))
			fmt.Fprintf(f.IO.ErrOut, "wrote %d manual pages to %s\n", len(n), dir)
			return nil
		},
	}
}
