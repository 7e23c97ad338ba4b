// Package root assembles the igf command tree.
package root

import (
	"github.com/spf13/cobra"

	"github.com/igf-records/igf/internal/build"

	"github.com/igf-records/igf/pkg/cmd/action"
	"github.com/igf-records/igf/pkg/cmd/calendar"
	"github.com/igf-records/igf/pkg/cmd/completion"
	"github.com/igf-records/igf/pkg/cmd/decision"
	"github.com/igf-records/igf/pkg/cmd/hook"
	"github.com/igf-records/igf/pkg/cmd/id"
	importcmd "github.com/igf-records/igf/pkg/cmd/import"
	initcmd "github.com/igf-records/igf/pkg/cmd/init"
	logcmd "github.com/igf-records/igf/pkg/cmd/log"
	"github.com/igf-records/igf/pkg/cmd/man"
	"github.com/igf-records/igf/pkg/cmd/meeting"
	newcmd "github.com/igf-records/igf/pkg/cmd/new"
	"github.com/igf-records/igf/pkg/cmd/people"
	"github.com/igf-records/igf/pkg/cmd/report"
	"github.com/igf-records/igf/pkg/cmd/schema"
	"github.com/igf-records/igf/pkg/cmd/search"
	"github.com/igf-records/igf/pkg/cmd/show"
	sitecmd "github.com/igf-records/igf/pkg/cmd/site"
	"github.com/igf-records/igf/pkg/cmd/timeline"
	"github.com/igf-records/igf/pkg/cmd/topic"
	"github.com/igf-records/igf/pkg/cmd/validate"
	"github.com/igf-records/igf/pkg/cmdutil"
)

func init() {
	cobra.AddTemplateFunc("igfVersion", func() string { return build.Read().String() })
}

// NewCmdRoot builds the whole command tree.
func NewCmdRoot(f *cmdutil.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "igf <command>",
		Short: "Keep a governance body's records honest",
		Long: `igf validates, queries and reports on the records of the Internet Governance
Forum's bodies — meetings, decisions, action items, recommendations and process
timelines — kept as Markdown files with YAML front matter in a git repository.

It finds the records/ directory from the current directory upward, as git finds
.git; --dir names it explicitly.`,
		Example: `  igf action list --owner LF
  igf meeting list --body LP
  igf show iww-2024`,
		// Any non-empty Version makes cobra add --version; the text comes
		// from the build info, read only when --version is given.
		Version:       "from build info",
		SilenceUsage:  true,
		SilenceErrors: true,
		// igf's own completion command carries examples; cobra's has none.
		CompletionOptions: cobra.CompletionOptions{DisableDefaultCmd: true},
	}
	cmd.SetVersionTemplate("igf version {{igfVersion}}\n")
	cmd.PersistentFlags().StringVar(&f.Dir, "dir", "", "the records `DIR`, or the repository holding records/ (default: found from the current directory upward)")
	cmd.PersistentFlags().StringVar(&f.TodayFlag, "today", "", "take this `DATE` (a day) as today, for overdue checks (default: the real date)")
	cmd.PersistentFlags().BoolVar(&f.IO.RawCSV, "csv-raw", false, "write CSV cells as they are, even those a spreadsheet would run as a formula (=, +, -, @)")
	cmdutil.AddHistoryFlags(cmd, f)
	// --at, --as-of and --today mean something together: resolved once,
	// after every flag is parsed, before any command runs. No command may
	// set a PersistentPreRun of its own (it would replace this one).
	cmd.PersistentPreRunE = func(*cobra.Command, []string) error { return f.Resolve() }
	cmdutil.ExitIncomplete(cmd, f)
	// Every command's help ends with what its exit status means.
	cmd.SetHelpTemplate(cmd.HelpTemplate() + cmdutil.ExitCodesHelp)
	cmd.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return cmdutil.FlagError("%v\nRun '%s --help' for usage.", err, c.CommandPath())
	})
	cmd.AddGroup(&cobra.Group{ID: "records", Title: "Records:"})
	for _, sub := range []*cobra.Command{
		action.NewCmdAction(f),
		meeting.NewCmdMeeting(f),
		decision.NewCmdDecision(f),
		people.NewCmdPeople(f),
		show.NewCmdShow(f),
		search.NewCmdSearch(f, nil),
		report.NewCmdReport(f),
		timeline.NewCmdTimeline(f),
		calendar.NewCmdCalendar(f),
		sitecmd.NewCmdSite(f),
		validate.NewCmdValidate(f),
		schema.NewCmdSchema(f),
		hook.NewCmdHook(f),
		logcmd.NewCmdLog(f),
		newcmd.NewCmdNew(f),
		id.NewCmdID(f),
		initcmd.NewCmdInit(f),
		importcmd.NewCmdImport(f, nil),
	} {
		sub.GroupID = "records"
		cmd.AddCommand(sub)
	}
	cmd.AddCommand(completion.NewCmdCompletion(f), man.NewCmdMan(f))
	cmd.AddCommand(topic.NewCmdTopics(f)...)
	return cmd
}
