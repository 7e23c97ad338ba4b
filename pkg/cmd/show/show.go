// Package show implements `igf show ID`: any record or item by its ID.
package show

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/igf-records/igf/pkg/cmdutil"
	"github.com/igf-records/igf/pkg/output"
	"github.com/igf-records/igf/pkg/view"
)

// Filter, when set, limits what a command built by New will show, so
// `igf action show` refuses a meeting ID with a clear message.
type Filter struct {
	Noun        string
	Items       bool     // accept items
	Kinds       []string // accepted item kinds
	RecordTypes []string // accepted record types
}

// NewCmdShow builds `igf show`.
func NewCmdShow(f *cmdutil.Factory) *cobra.Command {
	return New(f, "show ID", "Show any record, action, decision, recommendation or milestone by ID", Filter{}, `  igf show lp-2023-12-18
  igf show iww-3.2
  igf show lp-2023-12-18-a2 -o json`)
}

// New builds a show command limited by filter.
func New(f *cmdutil.Factory, use, short string, filter Filter, example string) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:               use,
		Short:             short,
		Example:           example,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: f.CompleteIDs(nil),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != output.Table && format != output.JSON {
				return cmdutil.FlagError("-o %q: use table or json", format)
			}
			today, err := f.Today()
			if err != nil {
				return cmdutil.FlagError("%v", err)
			}
			l, err := f.Load()
			if err != nil {
				return err
			}
			id := args[0]
			if it := l.Set.Item(id); it != nil && (filter.Noun == "" || (filter.Items && contains(filter.Kinds, it.Kind))) {
				if format == output.JSON {
					return output.WriteJSON(f.IO.Out, view.NewItem(l.Set, it, today))
				}
				view.WriteItem(f.IO.Out, l.Set, it, today)
				return nil
			}
			if r := l.Set.Record(id); r != nil && (filter.Noun == "" || contains(filter.RecordTypes, r.Type)) {
				if format == output.JSON {
					return output.WriteJSON(f.IO.Out, view.NewRecord(l.Set, r, today))
				}
				view.WriteRecord(f.IO.Out, l.Set, r, today)
				return nil
			}
			what := "record or item"
			if filter.Noun != "" {
				what = filter.Noun
			}
			msg := fmt.Sprintf("no %s with ID %q (list them with igf action list --status all, or igf meeting list)", what, id)
			if len(f.Omissions()) > 0 {
				msg += "; it may be in a file igf could not read (named above): " + cmdutil.ValidateHint
			}
			return &cmdutil.ExitError{Code: cmdutil.ExitFindings, Err: errors.New(msg)}
		},
	}
	cmd.Flags().StringVarP(&format, "output", "o", output.Table, "output `FORMAT`: table, json")
	return cmd
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
