// Package topic holds igf's help topics: `igf help format`, `igf help dates`
// and `igf help owners` print the reference pages of docs/, built into igf.
package topic

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/igf-records/igf/docs"
	"github.com/igf-records/igf/pkg/cmdutil"
)

// Topic is one help page: its name and where its text comes from. The text
// is read only when the page is asked for.
type Topic struct {
	Name, Short string
	Text        func() string
}

// Topics are the pages `igf help TOPIC` prints.
var Topics = []Topic{
	{"format", "The record format: files, IDs, dates, actions, decisions, record types",
		func() string { return docs.Format }},
	{"dates", "The date forms records and flags take: days, months, quarters, early/mid/late, ranges, TBD",
		func() string { return docs.Section(docs.Format, "Dates") }},
	{"owners", "How owners are written in records and matched by --owner",
		func() string { return docs.Section(docs.Format, "Owners") }},
	{"output", "The output flags of every list: -o FORMAT|FILE, --json, --jq, --template, --limit, --wide",
		func() string { return docs.Output }},
}

// NewCmdTopics builds a help-topic command for each topic: it has no action
// of its own, so cobra lists it under "Additional help topics".
func NewCmdTopics(f *cmdutil.Factory) []*cobra.Command {
	var out []*cobra.Command
	for _, t := range Topics {
		cmd := &cobra.Command{Use: t.Name, Short: t.Short}
		cmd.SetHelpFunc(func(*cobra.Command, []string) { _, _ = io.WriteString(f.IO.Out, t.Text()) })
		out = append(out, cmd)
	}
	return out
}
