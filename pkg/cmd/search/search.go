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
	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/output"
)

// Options are `igf search`'s inputs, resolved from flags and the factory.
type Options struct {
	IO *cmdutil.IOStreams
	// Root finds the repository; Commit, when set, is the revision --at or
	// --as-of asks for (nil: the working tree).
	Root   func() (string, error)
	Commit func() (*object.Commit, error)

	Query    string
	Bodies   []string
	From, To string
	Kinds    []string
	Limit    int
	Format   string
}

// Kinds --kind accepts: the kinds of item a hit can be.
var kinds = []string{record.KindAction, record.KindRecommendation, record.KindMilestone, record.KindDecision}

// NewCmdSearch builds `igf search`; runF replaces the run, for flag tests.
func NewCmdSearch(f *cmdutil.Factory, runF func(*Options) error) *cobra.Command {
	opts := &Options{IO: f.IO, Root: f.Root}
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
	fl.StringArrayVar(&opts.Bodies, "body", nil, "only hits in records of this body (repeatable)")
	fl.StringVar(&opts.From, "from", "", "only hits in records dated on or after this date (2024-01-01, 2024-Q1, 2024)")
	fl.StringVar(&opts.To, "to", "", "only hits in records dated on or before this date")
	fl.StringArrayVar(&opts.Kinds, "kind", nil, "only hits on items of this kind: "+strings.Join(kinds, ", ")+" (repeatable)")
	fl.IntVarP(&opts.Limit, "limit", "L", 30, "at most this many hits, best first; 0 for all")
	output.AddFormatFlag(cmd, &opts.Format)
	_ = cmd.RegisterFlagCompletionFunc("body", f.CompleteBodies)
	_ = cmd.RegisterFlagCompletionFunc("kind", cobra.FixedCompletions(kinds, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func run(opts *Options) error {
	if err := output.CheckFormat(opts.Format); err != nil {
		return cmdutil.FlagError("%v", err)
	}
	for _, k := range opts.Kinds {
		if !contains(kinds, k) {
			return cmdutil.FlagError("--kind %q: use %s", k, strings.Join(kinds, ", "))
		}
	}
	if opts.Limit < 0 {
		return cmdutil.FlagError("--limit %d: give a number of hits, or 0 for all", opts.Limit)
	}
	window, err := parseWindow(opts.From, opts.To)
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
	q := store.SearchQuery{Text: opts.Query, Bodies: opts.Bodies, Window: window, Kinds: opts.Kinds, Limit: opts.Limit}
	var hits []store.Hit
	var unread []record.Finding
	var unknown []string
	// Hits are gathered before anything is printed: a damaged store found
	// half way is rebuilt and searched again, and nothing is printed twice.
	err = store.With(root, func(s *store.Store) error {
		hits, unread, unknown = nil, nil, nil
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
		reg, err := s.Registry(snap)
		if err != nil {
			return err
		}
		for _, b := range opts.Bodies {
			if _, ok := reg.Resolve(b); !ok {
				unknown = append(unknown, b)
			}
		}
		if err := s.Search(snap, q, reg, func(h store.Hit) error { hits = append(hits, h); return nil }); err != nil {
			return err
		}
		unread, err = s.Unread(snap)
		return err
	})
	if err != nil {
		return queryError(err)
	}
	for _, b := range unknown {
		fmt.Fprintf(opts.IO.ErrOut, "note: %q is not in the registry; matching it as written\n", b)
	}
	if len(hits) == 0 {
		fmt.Fprintln(opts.IO.ErrOut, "no hits")
	}
	if err := write(opts, hits); err != nil {
		return err
	}
	return reportUnread(opts.IO, unread)
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

// reportUnread names the files no hit can come from, and exits 1 if any.
func reportUnread(io *cmdutil.IOStreams, unread []record.Finding) error {
	if len(unread) == 0 {
		return nil
	}
	files := map[string]bool{}
	for _, f := range unread {
		fmt.Fprintln(io.ErrOut, f.String())
		files[f.Path] = true
	}
	fmt.Fprintf(io.ErrOut, "%d file(s) could not be read and were not searched; run igf validate for details\n", len(files))
	return cmdutil.Findings()
}

// jsonHit is a hit as -o json prints it.
type jsonHit struct {
	Path        string  `json:"path"`
	Line        int     `json:"line"`
	Record      string  `json:"record"`
	RecordTitle string  `json:"record_title"`
	Body        string  `json:"body,omitempty"`
	Type        string  `json:"type"`
	Kind        string  `json:"kind"`
	Item        string  `json:"item,omitempty"`
	Snippet     string  `json:"snippet"`
	Score       float64 `json:"score"`
}

func write(opts *Options, hits []store.Hit) error {
	if opts.Format == output.JSON {
		out := make([]jsonHit, 0, len(hits))
		for _, h := range hits {
			out = append(out, jsonHit{Path: h.Path, Line: h.Line, Record: h.Record, RecordTitle: h.RecordTitle, Body: h.Body,
				Type: h.Type, Kind: h.Kind, Item: h.Item, Snippet: snippet(h.Snippet, "", ""), Score: h.Score})
		}
		return output.WriteJSON(opts.IO.Out, out)
	}
	open, shut := "", ""
	if opts.IO.Color && opts.Format == output.Table {
		open, shut = "\x1b[1m", "\x1b[0m"
	}
	t := &output.TableData{Headers: []string{"source", "record", "kind", "item", "match"}}
	for _, h := range hits {
		t.Add(output.Cell{Text: h.Path + ":" + strconv.Itoa(h.Line), Style: output.Dim}, output.C(h.Record),
			output.C(h.Kind), output.C(h.Item), output.C(snippet(h.Snippet, open, shut)))
	}
	return t.Write(opts.IO.Out, opts.Format, opts.IO.OutTTY, opts.IO.Color)
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

// parseWindow reads --from and --to into one span; TBD when neither is given.
func parseWindow(from, to string) (dates.Date, error) {
	if from == "" && to == "" {
		return dates.Date{}, nil
	}
	start, end := dates.MustParse("0001").Start, dates.MustParse("9999").End
	if from != "" {
		d, err := dates.Parse(from)
		if err != nil || d.IsTBD() {
			return dates.Date{}, cmdutil.FlagError("--from %q: give a date such as 2024-01-01, 2024-Q1 or 2024", from)
		}
		start = d.Start
	}
	if to != "" {
		d, err := dates.Parse(to)
		if err != nil || d.IsTBD() {
			return dates.Date{}, cmdutil.FlagError("--to %q: give a date such as 2024-03-31, 2024-Q1 or 2024", to)
		}
		end = d.End
	}
	if end.Before(start) {
		return dates.Date{}, cmdutil.FlagError("--to %s ends before --from %s starts", to, from)
	}
	return dates.Span(start, end), nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
