// Package search implements `igf search`.
package search

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/spf13/cobra"

	"github.com/igf-records/igf/internal/store"
	"github.com/igf-records/igf/pkg/cmdutil"
	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/output"
	"github.com/igf-records/igf/pkg/source"
)

// Options are `igf search`'s inputs, resolved from flags and the factory.
type Options struct {
	IO *cmdutil.IOStreams
	// Root finds the repository; Commit, when set, is the revision --at or
	// --as-of asks for (nil: the working tree).
	Root   func() (string, error)
	Commit func() (*object.Commit, error)
	// Omitted reports the files the search could not read in full (the
	// factory's, so the command exits 1 as every read command does).
	Omitted func(*source.Loaded)
	Out     *cmdutil.ListOutput

	Query    string
	Bodies   []string
	From, To string
	Kinds    []string
}

// defaultLimit is how many hits a search shows unless --limit says.
const defaultLimit = 30

// Kinds --kind accepts: the kinds of item a hit can be.
var kinds = []string{record.KindAction, record.KindRecommendation, record.KindMilestone, record.KindDecision}

// NewCmdSearch builds `igf search`; runF replaces the run, for flag tests.
func NewCmdSearch(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO, Root: f.Root, Omitted: f.Omitted, Out: &cmdutil.ListOutput{Rows: []Row{}}}
	cmd := &cobra.Command{
		Use:   "search QUERY",
		Short: "Search the text of every record, best matches first",
		Long: `Search the titles, bodies and items of every record, ranked by relevance (BM25,
titles counting four times body text), and print each hit's file and line with
the matching words in context.

The query is words, all of which must appear, in any order and any case:
  cover letter        both words, anywhere in one paragraph, item or title
  "cover letter"      the phrase
  lett*               words starting with "lett"
  budget OR funding   either word; AND, OR, NOT and parentheses combine
Punctuation inside a word is kept with it: @LF, due:2024-03 and Lise's are
searched as written. The filters are those of 'igf action list': --body keeps
hits in records of a body, --from/--to hits in records whose date (a
timeline's span) falls in the window, --kind hits on items of a kind.

The first search of a repository builds a full-text index under .git/igf/
(seconds on a large repository); later ones index only the files that changed.
Files that cannot be read are named on stderr and make the exit code 1.`,
		Example: `  # Where the minutes mention the cover letter
  igf search '"cover letter"'

  # Actions about drafting, of the Panel, in 2024
  igf search 'draft*' --kind action --body LP --from 2024 --to 2024

  # Everything on the budget or the trust fund, as JSON
  igf search 'budget OR "trust fund"' -o json --limit 0

  # As the records stood at the end of the first quarter of 2024
  igf search consultation --as-of 2024-Q1`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Query = strings.Join(args, " ")
			if f.Pinned() {
				opts.Commit = func() (*object.Commit, error) {
					_, c, err := f.Commit()
					return c, err
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return run(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringArrayVar(&opts.Bodies, "body", nil, "only hits in records of this `BODY` (repeatable)")
	fl.StringVar(&opts.From, "from", "", "only hits in records dated on or after this `DATE` (2024-01-01, 2024-Q1, 2024)")
	fl.StringVar(&opts.To, "to", "", "only hits in records dated on or before this `DATE`")
	fl.StringArrayVar(&opts.Kinds, "kind", nil, "only hits on items of this `KIND`: "+strings.Join(kinds, ", ")+" (repeatable)")
	f.AddListFlags(cmd, opts.Out)
	// A search shows the best hits first; the rest are rarely wanted.
	opts.Out.Limit = defaultLimit
	if l := fl.Lookup("limit"); l != nil {
		l.DefValue = strconv.Itoa(defaultLimit)
		l.Usage = "show at most `N` hits, best first (0: all)"
	}
	_ = cmd.RegisterFlagCompletionFunc("body", f.CompleteBodies)
	_ = cmd.RegisterFlagCompletionFunc("kind", cobra.FixedCompletions(kinds, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func run(opts *Options) error {
	for _, k := range opts.Kinds {
		if !contains(kinds, k) {
			return cmdutil.FlagError("--kind %q: use %s", k, strings.Join(kinds, ", "))
		}
	}
	window, err := cmdutil.Window(opts.From, opts.To)
	if err != nil {
		return err
	}
	if _, err := store.MatchExpr(opts.Query); err != nil {
		return queryError(err)
	}
	root, err := opts.Root()
	if err != nil {
		return err
	}
	limit := opts.Out.Limit
	q := store.SearchQuery{Text: opts.Query, Bodies: opts.Bodies, Window: window, Kinds: opts.Kinds}
	if limit > 0 {
		q.Limit = limit + 1 // one more says whether there are more
	}
	var hits []store.Hit
	var loaded *source.Loaded
	var unknown []string
	// Hits are gathered before anything is printed: a damaged store found
	// half way is rebuilt and searched again, and nothing is printed twice.
	err = store.With(root, func(s *store.Store) error {
		hits, unknown = nil, nil
		var snap *store.Snapshot
		var err error
		if opts.Commit != nil {
			c, cerr := opts.Commit()
			if cerr != nil {
				return cerr
			}
			snap, err = s.SyncCommit(c)
		} else {
			snap, err = s.SyncWorktree()
		}
		if err != nil {
			return err
		}
		if loaded, err = s.Omitted(snap); err != nil {
			return err
		}
		reg, err := s.Registry(snap)
		if err != nil {
			return err
		}
		for _, b := range opts.Bodies {
			if _, ok := reg.Resolve(b); !ok {
				unknown = append(unknown, b)
			}
		}
		return s.Search(snap, q, reg, func(h store.Hit) error { hits = append(hits, h); return nil })
	})
	if err != nil {
		return queryError(err)
	}
	opts.Omitted(loaded)
	if len(opts.Bodies) > 0 {
		if err := cmdutil.RequireRegistry(loaded); err != nil {
			return err
		}
	}
	for _, b := range unknown {
		fmt.Fprintf(opts.IO.ErrOut, "note: %q is not in the registry; matching it as written\n", b)
	}
	if len(hits) == 0 {
		fmt.Fprintln(opts.IO.ErrOut, "no hits")
	}
	if limit > 0 && len(hits) > limit {
		hits = hits[:limit]
		fmt.Fprintf(opts.IO.ErrOut, "showing the best %d hits (--limit %d; --limit 0 shows all)\n", limit, limit)
	}
	rows := make([]Row, 0, len(hits))
	for _, h := range hits {
		rows = append(rows, Row{Path: h.Path, Line: h.Line, Record: h.Record, RecordTitle: h.RecordTitle, Body: h.Body,
			Type: h.Type, Kind: h.Kind, Item: h.Item, Snippet: snippet(h.Snippet, "", ""), Score: h.Score, marked: h.Snippet})
	}
	return opts.Out.Emit(cmdutil.List{JSON: rows, Table: func(format string) *output.TableData {
		open, shut := "", ""
		if opts.IO.Color && format == output.Table {
			open, shut = "\x1b[1m", "\x1b[0m"
		}
		t := &output.TableData{Headers: []string{"source", "record", "kind", "item", "match"}}
		for _, r := range rows {
			t.Add(output.Cell{Text: r.Path + ":" + strconv.Itoa(r.Line), Style: output.Dim}, output.C(r.Record),
				output.C(r.Kind), output.C(r.Item), output.C(snippet(r.marked, open, shut)))
		}
		return t
	}})
}

// queryError gives a query the engine cannot read its exit code and hint.
func queryError(err error) error {
	var qe *store.QueryError
	if !errors.As(err, &qe) {
		return err
	}
	return cmdutil.FlagError("%v\nhint: quote a phrase in double quotes (\"cover letter\"), end a prefix with * (lett*), "+
		"and combine words with AND, OR, NOT and parentheses; see 'igf search --help'", qe)
}

// Row is one hit, as JSON.
type Row struct {
	Path        string  `json:"path"`
	Line        int     `json:"line"`
	Record      string  `json:"record"`
	RecordTitle string  `json:"record_title"`
	Body        string  `json:"body"`
	Type        string  `json:"type"`
	Kind        string  `json:"kind"`
	Item        string  `json:"item"`
	Snippet     string  `json:"snippet"`
	Score       float64 `json:"score"`
	marked      string  // the snippet with its match markers
}

// snippet puts open and shut around the matched words, on one line, with
// no control character from the record's text.
func snippet(s, open, shut string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case string(r) == store.SnippetOpen:
			b.WriteString(open)
		case string(r) == store.SnippetClose:
			b.WriteString(shut)
		case r == '\n' || r == '\t' || r == '\r' || r == ' ':
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			continue
		default:
			b.WriteRune(r)
		}
		space = false
	}
	// A snippet may start just inside a checkbox or a link: "] Draft…".
	return strings.TrimLeft(strings.TrimSpace(b.String()), "])}:;,. ")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
