package list

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/igf-records/igf/pkg/cmdutil"
	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/query"
	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/history"
	"github.com/igf-records/igf/pkg/output"
	"github.com/igf-records/igf/pkg/view"
)

// closedOptions are the flags that ask git history when items were closed.
type closedOptions struct {
	after, before string
	withHistory   bool
	// closings holds, once loaded, the closing event of each done item.
	closings map[string]history.Event
}

func addClosedFlags(cmd *cobra.Command, c *closedOptions) {
	fl := cmd.Flags()
	fl.StringVar(&c.after, "closed-after", "", "only items closed (committed done) after this `DATE`; implies --status done unless --status all")
	fl.StringVar(&c.before, "closed-before", "", "only items closed before this `DATE`; implies --status done unless --status all")
	fl.BoolVar(&c.withHistory, "with-history", false, "add when each done item was closed and by whom, from git history")
}

func (c *closedOptions) active() bool { return c.withHistory || c.after != "" || c.before != "" }

// prepare checks the dates and narrows the status filter before the query runs.
func (c *closedOptions) prepare(q *query.Actions) (after, before dates.Date, err error) {
	if after, err = flagDate("--closed-after", c.after); err != nil {
		return
	}
	if before, err = flagDate("--closed-before", c.before); err != nil {
		return
	}
	if (c.after != "" || c.before != "") && (q.Status == "" || q.Status == query.StatusOpen) {
		q.Status = query.StatusDone
	}
	return after, before, nil
}

// apply loads the history and keeps the items closed in the window.
func (c *closedOptions) apply(f *cmdutil.Factory, items []*record.Item, after, before dates.Date) ([]*record.Item, error) {
	if !c.active() {
		return items, nil
	}
	h, err := f.History()
	if err != nil {
		return nil, fmt.Errorf("closing dates come from git history: %v", err)
	}
	c.closings = map[string]history.Event{}
	var kept []*record.Item
	for _, it := range items {
		e, ok := h.Closed(it.ID)
		if ok && it.Status == record.StatusDone {
			c.closings[strings.ToLower(it.ID)] = e
		}
		if c.after == "" && c.before == "" {
			kept = append(kept, it)
			continue
		}
		if !ok || it.Status != record.StatusDone {
			continue
		}
		day := e.Time.UTC()
		if !after.IsTBD() && !day.After(endOf(after)) {
			continue
		}
		if !before.IsTBD() && !day.Before(before.Start) {
			continue
		}
		kept = append(kept, it)
	}
	return kept, nil
}

// endOf is the last instant of a date's span.
func endOf(d dates.Date) time.Time { return d.End.AddDate(0, 0, 1).Add(-time.Nanosecond) }

// closedItem is an item's JSON with when it was closed.
type closedItem struct {
	view.Item
	Closed *closing `json:"closed,omitempty"`
}

type closing struct {
	Time        time.Time       `json:"time"`
	Commit      string          `json:"commit"`
	Author      string          `json:"author"`
	AuthorEmail string          `json:"author_email"`
	Merge       bool            `json:"merge,omitempty"`
	MadeIn      *history.Origin `json:"made_in,omitempty"` // the branch commit a merge brought it from
}

func (c *closedOptions) closingOf(it *record.Item) *closing {
	e, ok := c.closings[strings.ToLower(it.ID)]
	if !ok {
		return nil
	}
	return &closing{Time: e.Time, Commit: e.Commit, Author: e.Author, AuthorEmail: e.AuthorEmail, Merge: e.Merge, MadeIn: e.MadeIn}
}

// jsonItems shapes items with their closings.
func (c *closedOptions) jsonItems(s *record.Set, items []*record.Item, today dates.Date) []closedItem {
	out := make([]closedItem, 0, len(items))
	for _, it := range items {
		out = append(out, closedItem{Item: view.NewItem(s, it, today), Closed: c.closingOf(it)})
	}
	return out
}

// addColumns adds CLOSED and CLOSED_BY to an item table: the day the item was
// committed done and by whom; "uncommitted" when it is done only in the
// working tree.
func (c *closedOptions) addColumns(t *output.TableData, items []*record.Item) {
	t.Headers = append(t.Headers, "closed", "closed_by")
	for i, it := range items {
		day, by := "-", "-"
		if cl := c.closingOf(it); cl != nil {
			day, by = cl.Time.UTC().Format("2006-01-02"), cl.Author
			if cl.MadeIn != nil {
				by = cl.MadeIn.Author
			}
		} else if it.Status == record.StatusDone {
			day = "uncommitted"
		}
		t.Rows[i] = append(t.Rows[i], output.C(day), output.C(by))
	}
}
