// Package history tells the provenance of records and items from git: when
// each was added, moved, changed status (open → done → reopened) or removed,
// in which commit and by whom.
//
// It walks HEAD's first-parent line once, oldest first, and looks only at
// commits whose records/ subtree changed; there it compares trees entry by
// entry (by hash, descending only into changed subtrees) and parses only the
// blobs that changed, each at most once. Items are matched by ID across files,
// so moving or renaming a file keeps its items' history. The result is cached
// under .git/igf/ keyed by the head commit; the next run walks only newer
// commits.
package history

import (
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/igf-records/igf/pkg/core/record"
)

// Changes an event records.
const (
	Added   = "added"   // the ID appeared (with its first status)
	Status  = "status"  // its status changed: From → To
	Moved   = "moved"   // it now lives in another file
	Removed = "removed" // the ID is gone from the records
)

// KindRecord marks events of a whole record rather than an item in it.
const KindRecord = "record"

// ItemState is what history tracks of one ID in one file version.
type ItemState struct {
	ID     string
	Kind   string // action, recommendation, decision, milestone, or "record"
	Status string // open, done, cancelled; "" for records and decisions
	Record string // the ID of the record it lives in
}

// Change is one thing that happened to one ID in one commit.
type Change struct {
	ID      string `json:"id"`
	Kind    string `json:"kind"`
	Change  string `json:"change"`
	From    string `json:"from,omitempty"`
	To      string `json:"to,omitempty"`
	Path    string `json:"path"`
	OldPath string `json:"old_path,omitempty"`
	Record  string `json:"record,omitempty"`
	// MadeIn is, for a change a merge brought, the branch commit that made it.
	MadeIn *Origin `json:"made_in,omitempty"`
}

// Commit is a commit of the first-parent line in which records changed.
type Commit struct {
	Hash        plumbing.Hash
	Seq         int       // its place on the first-parent line, 0 = the root
	Time        time.Time // committer time: when it reached the line
	AuthorTime  time.Time
	Author      string
	AuthorEmail string
	Subject     string
	Merge       bool
	Changes     []Change
}

// Event is a Change with the commit it happened in, as `igf log` prints it.
type Event struct {
	Change
	Commit      string    `json:"commit"`
	Time        time.Time `json:"time"`
	Author      string    `json:"author"`
	AuthorEmail string    `json:"author_email"`
	Subject     string    `json:"subject"`
	Merge       bool      `json:"merge,omitempty"`
}

// Unreadable is a committed version of a record file that could not be read
// as a record: history leaves out what that version held, so its items seem
// removed in that commit and added again when a readable version follows.
type Unreadable struct {
	record.Omission
	Commit plumbing.Hash // the commit that brought this version
	Seq    int           // that commit's place on the first-parent line
	Time   time.Time     // its committer time
}

// History is the provenance of every ID up to Head.
type History struct {
	Head    plumbing.Hash
	Commits []Commit // oldest first; only those that changed some ID
	// Shallow is, in a shallow clone, the commit where the history stops:
	// its parents were never fetched, so what it holds counts as added
	// there. Zero for a complete history.
	Shallow plumbing.Hash
	// Unreadable are the committed file versions that could not be read,
	// oldest first.
	Unreadable []Unreadable

	byID map[string][]Event
}

func (h *History) index() {
	if h.byID != nil {
		return
	}
	h.byID = map[string][]Event{}
	for _, c := range h.Commits {
		for _, ch := range c.Changes {
			k := strings.ToLower(ch.ID)
			h.byID[k] = append(h.byID[k], eventOf(c, ch))
		}
	}
}

func eventOf(c Commit, ch Change) Event {
	return Event{Change: ch, Commit: c.Hash.String(), Time: c.Time, Author: c.Author,
		AuthorEmail: c.AuthorEmail, Subject: c.Subject, Merge: c.Merge}
}

// By is who made the change: the author of the branch commit that made it
// when a merge brought it, else the commit's author.
func (e Event) By() string {
	if e.MadeIn != nil {
		return e.MadeIn.Author
	}
	return e.Author
}

// For lists what happened to an ID (any case), oldest first.
func (h *History) For(id string) []Event {
	h.index()
	return h.byID[strings.ToLower(id)]
}

// Events lists every event, oldest first.
func (h *History) Events() []Event {
	var out []Event
	for _, c := range h.Commits {
		for _, ch := range c.Changes {
			out = append(out, eventOf(c, ch))
		}
	}
	return out
}

// Closed is the event that made an item done, when it is done at Head: the last
// status change to done, or its addition if it was added already done.
func (h *History) Closed(id string) (Event, bool) {
	evs := h.For(id)
	for i := len(evs) - 1; i >= 0; i-- {
		e := evs[i]
		switch {
		case e.Change.Change == Removed:
			return Event{}, false
		case e.Change.Change == Moved:
			continue
		case e.To == "done":
			return e, true
		default:
			return Event{}, false
		}
	}
	return Event{}, false
}

// diffStates turns the states of the touched IDs before and after a commit
// into changes, in a stable order.
func diffStates(before, after map[string]located) []Change {
	var ids []string
	seen := map[string]bool{}
	for id := range before {
		ids, seen[id] = append(ids, id), true
	}
	for id := range after {
		if !seen[id] {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	var out []Change
	for _, id := range ids {
		b, hadB := before[id]
		a, hasA := after[id]
		switch {
		case hadB && !hasA:
			out = append(out, Change{ID: b.ID, Kind: b.Kind, Change: Removed, From: b.Status, Path: b.path, Record: b.Record})
		case !hadB && hasA:
			out = append(out, Change{ID: a.ID, Kind: a.Kind, Change: Added, To: a.Status, Path: a.path, Record: a.Record})
		case hadB && hasA:
			if a.Status != b.Status {
				ch := Change{ID: a.ID, Kind: a.Kind, Change: Status, From: b.Status, To: a.Status, Path: a.path, Record: a.Record}
				if a.path != b.path {
					ch.OldPath = b.path
				}
				out = append(out, ch)
			} else if a.path != b.path {
				out = append(out, Change{ID: a.ID, Kind: a.Kind, Change: Moved, To: a.Status, Path: a.path, OldPath: b.path, Record: a.Record})
			}
		}
	}
	return out
}

// located is an ItemState with the file it is in.
type located struct {
	ItemState
	path string
}
