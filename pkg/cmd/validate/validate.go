// Package validate implements `igf validate`: check records against their
// schemas and the cross-record rules, in the working tree, the files given,
// or exactly what is staged for the next commit (the work is internal/check).
package validate

import (
	"github.com/spf13/cobra"

	"github.com/igf-records/igf/internal/check"
	"github.com/igf-records/igf/pkg/cmdutil"
)

// NewCmdValidate builds `igf validate`.
func NewCmdValidate(f *cmdutil.Factory) *cobra.Command { return newCmd(f, check.Run) }

// newCmd builds the command with runF as what it runs, so flag tests need
// no repository.
func newCmd(f *cmdutil.Factory, runF func(*cmdutil.Factory, *check.Options) error) *cobra.Command {
	o := &check.Options{}
	var alias string
	var staged stagedMode
	cmd := &cobra.Command{
		Use:     "validate [PATH...]",
		Short:   "Check records for mistakes: fields, dates, names, IDs, references",
		Long:    long,
		Example: examples,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFlags(cmd, o, alias, staged, args); err != nil {
				return err
			}
			return runF(f, o)
		},
	}
	fl := cmd.Flags()
	fl.Var(&staged, "staged", "check the content staged in the git index, not the working tree; --staged=auto, for the pre-commit framework: the index when git runs the hook, else the files named")
	fl.Lookup("staged").NoOptDefVal = string(stagedOn)
	fl.BoolVar(&o.Strict, "strict", false, "treat warnings as errors")
	fl.StringVarP(&o.Format, "output", "o", check.FormatText, "output `FORMAT`: text, json or github (GitHub Actions annotations)")
	fl.StringVar(&alias, "format", check.FormatText, "alias of --output `FORMAT`")
	_ = fl.MarkHidden("format")
	fl.IntVar(&o.MaxPerRule, "max-per-rule", check.DefaultMaxPerRule, "text output: show at most `N` findings of each rule and count the rest (0 shows all)")
	formats := cobra.FixedCompletions([]string{check.FormatText, check.FormatJSON, check.FormatGitHub}, cobra.ShellCompDirectiveNoFileComp)
	_ = cmd.RegisterFlagCompletionFunc("output", formats)
	_ = cmd.RegisterFlagCompletionFunc("format", formats)
	return cmd
}
