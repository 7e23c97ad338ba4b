// Package show implements `igf action show ID`.
package show

import (
	"github.com/spf13/cobra"

	"github.com/igf-records/igf/internal/showcmd"
	"github.com/igf-records/igf/pkg/cmdutil"
	"github.com/igf-records/igf/pkg/core/record"
)

// NewCmdShow builds `igf action show`.
func NewCmdShow(f *cmdutil.Factory) *cobra.Command {
	return showcmd.New(f, "show ID", "Show one action, recommendation or milestone",
		showcmd.Filter{Noun: "action", Items: true, Kinds: []string{record.KindAction, record.KindRecommendation, record.KindMilestone},
			List: "igf action list --status all"},
		`  igf action show lp-2023-12-18-a2
  igf action show iww-1 -o json`)
}
