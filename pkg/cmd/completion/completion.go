// Package completion implements `igf completion SHELL`.
package completion

import (
	"bytes"
	"fmt"
	"strings"

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
action done and log. Values match whatever case you type: --owner l<TAB>
offers LF.

What each shell needs:
  bash        bash 4.1 or later. To load the script in every new shell, the
              bash-completion package (version 2; apt install bash-completion,
              brew install bash-completion@2), which reads
              ~/.local/share/bash-completion/completions/. Without it, put the
              source line below in ~/.bashrc.
  zsh         the completion system enabled: autoload -U compinit; compinit
              in ~/.zshrc, and the script in a directory of $fpath.
  fish        fish 3 or later; nothing else.
  powershell  PowerShell 5 or later; add the line below to $PROFILE.

make install puts the bash, zsh and fish scripts where those shells look.`,
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
			script, err := Script(cmd.Root(), args[0])
			if err != nil {
				return err
			}
			_, err = f.IO.Out.Write(script)
			return err
		},
	}
}

// Script is the completion script for shell, made to match what the user
// typed whatever its case: cobra's scripts keep only the candidates that
// start with the typed word exactly, so "--owner l" would drop "LF", which
// igf itself matches.
func Script(root *cobra.Command, shell string) ([]byte, error) {
	var b bytes.Buffer
	var err error
	var fold []patch
	name := root.Name()
	switch shell {
	case "bash":
		err = root.GenBashCompletionV2(&b, true)
		fold = []patch{
			{`[[ $comp == "$cur"* ]] || continue`, `[[ ${comp,,} == "${cur,,}"* ]] || continue`},
			{`compgen -W "${completions[*]}" -- "${cur}")`, `compgen -W "${completions[*]}" -- "${cur}"); __` + name + `_fold_matches`},
			{"\n__start_" + name + "()", "\n" + bashFold(name) + "\n__start_" + name + "()"},
		}
	case "zsh":
		err = root.GenZshCompletion(&b)
		fold = []patch{{`eval _describe $keepOrder "completions" completions $flagPrefix $noSpace`,
			`eval _describe $keepOrder "completions" completions $flagPrefix $noSpace -M "'m:{[:lower:][:upper:]}={[:upper:][:lower:]}'"`}}
	case "fish":
		err = root.GenFishCompletion(&b, true)
		fold = []patch{{`string match -r -- "^$prefix.*"`, `string match -r -i -- "^$prefix.*"`}}
	case "powershell":
		// PowerShell compares strings ignoring case already.
		err = root.GenPowerShellCompletionWithDesc(&b)
	default:
		return nil, cmdutil.FlagError("unknown shell %q: use bash, zsh, fish or powershell", shell)
	}
	if err != nil {
		return nil, err
	}
	s := b.String()
	for _, p := range fold {
		if !strings.Contains(s, p.old) {
			// A cobra upgrade changed its script; the test of each shell says so.
			return nil, fmt.Errorf("the %s completion script has changed shape; cannot make it ignore case", shell)
		}
		s = strings.ReplaceAll(s, p.old, p.new)
	}
	return []byte(s), nil
}

type patch struct{ old, new string }

// bashFold adds, for the candidates without descriptions that compgen
// filtered case-sensitively, those that match ignoring case.
func bashFold(name string) string {
	return `__` + name + `_fold_matches() {
    (( ${#COMPREPLY[@]} > 0 )) && return 0
    local c
    for c in "${completions[@]}"; do
        [[ ${c,,} == "${cur,,}"* ]] && COMPREPLY+=("$c")
    done
    return 0
}
`
}
