// Package editrun is how a command that changes records ends: --commit and
// --message, then the edit written, or committed after the checks git commit
// and the pre-commit hook would make (internal/check).
package editrun

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/igf-records/igf/internal/check"
	"github.com/igf-records/igf/pkg/cmdutil"
	"github.com/igf-records/igf/pkg/edit"
)

// AddCommitFlags adds --commit and --message to an editing command.
func AddCommitFlags(cmd *cobra.Command, commit *bool, message *string) {
	cmd.Flags().BoolVar(commit, "commit", false, "commit the change with git (as git's configured user)")
	cmd.Flags().StringVarP(message, "message", "m", "", "the commit `MESSAGE` for --commit (default: says what changed)")
}

// Apply writes an edit; with commit, it checks the edit as git commit
// would, the pre-commit hook's checks included, on exactly what it will
// commit, and writes and commits it only if they pass. It says that it
// committed only once it has.
func Apply(f *cmdutil.Factory, root string, tx *edit.Tx, commit bool, msg string) error {
	if !commit {
		return cmdutil.EditError(tx.Write())
	}
	h, err := tx.Commit(msg, func(indexFile string) error {
		return check.CheckStaged(f, root, indexFile)
	})
	if err != nil {
		return cmdutil.EditError(err)
	}
	fmt.Fprintf(f.IO.ErrOut, "committed %s: %s\n", h.String()[:7], msg)
	return nil
}
