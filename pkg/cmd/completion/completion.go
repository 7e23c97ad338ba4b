// Package completion implements `igf completion SHELL`.
package completion

import (
	"github.com/spf13/cobra"

	"github.com/igf-records/igf/pkg/cmdutil"
)

// NewCmdCompletion builds `igf completion bash|zsh|fish|powershell`. The
// scripts call back into igf, so owners, bodies and record IDs complete from
// the records themselves.
func NewCmdCompletion(f *cmdutil.Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "completion bash|zsh|fish|powershell",
		Short: "Print a shell completion script (owners, bodies and IDs complete from the records)",
		Long: `Print the completion script for a shell. Once loaded, <TAB> completes commands
and flags, and also the values that come from the records: owners after
--owner, bodies after --body, record and item IDs after show, action show,
action done and log.`,
		Example: `  # bash, for the current shell, then for every new one
  source <(igf completion bash)
  igf completion bash > ~/.local/share/bash-completion/completions/igf

  # zsh (with compinit enabled)
  igf completion zsh > "${fpath[1]}/_igf"

  # fish
  igf completion fish > ~/.config/fish/completions/igf.fish

  # PowerShell
  igf completion powershell | Out-String | Invoke-Expression`,
		Args:      cobra.ExactArgs(1),
		ValidArgs: []string{"bash", "zsh", "fish", "powershell"},
		RunE: func(cmd *cobra.Command, args []string) error {
			root, out := cmd.Root(), f.IO.Out
			switch args[0] {
			case "bash":
				return root.GenBashCompletionV2(out, true)
			case "zsh":
				return root.GenZshCompletion(out)
			case "fish":
				return root.GenFishCompletion(out, true)
			case "powershell":
				return root.GenPowerShellCompletionWithDesc(out)
			}
			return cmdutil.FlagError("unknown shell %q: use bash, zsh, fish or powershell", args[0])
		},
	}
}
