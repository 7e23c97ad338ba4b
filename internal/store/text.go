package store

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/ncruces/go-sqlite3"

	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/record"
)

// unit is a piece of a record that a search hit points at.
type unit struct {
	line     int
	item     int    // the item's ord, or -1
	title    string // a title unit's text
	off, len int    // a body unit's bytes in the record's text
}

// bodyUnits cuts a Markdown body into the units a hit can point at: each
// heading, each list item with the lines that continue it, each fenced
// block and each paragraph. first is the file line of the body's first line.
func bodyUnits(text string, first int) []unit {
	var out []unit
	cur := -1 // the open unit, or -1
	inFence := false
	line := first
	for off := 0; off < len(text); line++ {
		next := len(text)
		if nl := strings.IndexByte(text[off:], '\n'); nl >= 0 {
			next = off + nl + 1
		}
		t := strings.TrimSpace(text[off:next])
		end := off + len(strings.TrimRight(text[off:next], "\r\n"))
		fence := strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~")
		heading := strings.HasPrefix(t, "#")
		switch {
		case inFence:
			out[cur].len = end - out[cur].off
			if fence {
				inFence, cur = false, -1 // a fenced block stands alone
			}
		case t == "":
			cur = -1
		case fence || heading || listItem(t) || cur < 0:
			out = append(out, unit{line: line, item: -1, off: off, len: end - off})
			cur = len(out) - 1
			inFence = fence
			if heading {
				cur = -1 // a heading stands alone
			}
		default:
			out[cur].len = end - out[cur].off
		}
		off = next
	}
	return out
}

// listItem reports whether a trimmed line opens a list item.
func listItem(t string) bool {
	if len(t) >= 2 && (t[0] == '-' || t[0] == '*' || t[0] == '+') && t[1] == ' ' {
		return true
	}
	i := 0
	for i < len(t) && i < 9 && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(t) && (t[i] == '.' || t[i] == ')') && t[i+1] == ' '
}

// itemLine is what units need of an item.
type itemLine struct {
	ord, line int
	text      string // for an item outside the body: its words
}

// recordUnits are every unit of a record: its title, its items kept in the
// front matter (milestones), and the units of its body, each body unit on an
// item's line pointing at that item.
func recordUnits(title string, titleLine int, text string, bodyLine int, items []itemLine) []unit {
	out := []unit{{line: titleLine, item: -1, title: title}}
	body := bodyUnits(text, bodyLine)
	at := make(map[int]int, len(body))
	for i, u := range body {
		at[u.line] = i
	}
	for _, it := range items {
		if i, ok := at[it.line]; ok && body[i].item < 0 {
			body[i].item = it.ord
			continue
		}
		if it.line < bodyLine && it.text != "" {
			out = append(out, unit{line: it.line, item: it.ord, title: it.text})
		}
	}
	return append(out, body...)
}

// frontText is what a search finds of an item written in the front matter.
func frontText(it *record.Item) string {
	parts := []string{it.Title}
	if it.Objective != "" {
		parts = append(parts, it.Objective)
	}
	parts = append(parts, it.Tasks...)
	if it.Note != "" {
		parts = append(parts, it.Note)
	}
	return strings.Join(parts, "\n")
}

// IndexText adds to the full-text index the units of every record the
// index does not hold yet. The first search of a repository indexes it all;
// later ones only what changed since. Queries that search no text never
// pay for it.
func (s *Store) IndexText() (err error) {
	n, err := s.int(`SELECT count(*) FROM blobs WHERE text = 0 AND record = 1`)
	if err != nil || n == 0 {
		return err
	}
	tx, err := s.conn.BeginImmediate()
	if err != nil {
		return damaged(err)
	}
	defer func() { tx.End(&err); err = damaged(err) }()
	type pending struct {
		blob                int64
		title, text         string
		titleLine, bodyLine int
		items               []itemLine
	}
	var todo []*pending
	byBlob := map[int64]*pending{}
	err = s.rows(`SELECT r.blob, r.title, r.title_line, r.text, r.body_line FROM blobs b JOIN records r ON r.blob = b.id
		WHERE b.text = 0 AND b.record = 1`, nil, func(st *sqlite3.Stmt) error {
		p := &pending{blob: st.ColumnInt64(0), title: st.ColumnText(1), titleLine: st.ColumnInt(2),
			text: st.ColumnText(3), bodyLine: st.ColumnInt(4)}
		todo = append(todo, p)
		byBlob[p.blob] = p
		return nil
	})
	if err != nil {
		return err
	}
	err = s.rows(`SELECT i.blob, i.ord, i.line, i.data, r.body_line FROM blobs b JOIN items i ON i.blob = b.id
		JOIN records r ON r.blob = b.id WHERE b.text = 0 AND b.record = 1 ORDER BY i.blob, i.ord`, nil, func(st *sqlite3.Stmt) error {
		p := byBlob[st.ColumnInt64(0)]
		if p == nil {
			return nil
		}
		il := itemLine{ord: st.ColumnInt(1), line: st.ColumnInt(2)}
		if il.line < st.ColumnInt(4) {
			it, err := decodeItem(st.ColumnText(3), nil)
			if err != nil {
				return corrupt(err)
			}
			il.text = frontText(it)
		}
		p.items = append(p.items, il)
		return nil
	})
	if err != nil {
		return err
	}
	for _, p := range todo {
		for _, u := range recordUnits(p.title, p.titleLine, p.text, p.bodyLine, p.items) {
			var item any
			if u.item >= 0 {
				item = u.item
			}
			if err = s.run(`INSERT INTO units(blob, line, item, title, off, len) VALUES(?, ?, ?, ?, ?, ?)`,
				p.blob, u.line, item, u.title, u.off, u.len); err != nil {
				return err
			}
		}
	}
	return s.exec(`INSERT INTO fts(rowid, title, body) SELECT t.id, t.title, t.body FROM unit_text t
			JOIN blobs b ON b.id = t.blob WHERE b.text = 0 AND b.record = 1;
		UPDATE blobs SET text = 1 WHERE text = 0 AND record = 1`)
}

// SearchQuery is a full-text search and the filters of `igf action list`
// that apply to a hit.
type SearchQuery struct {
	Text   string     // the query, in Text's syntax (see MatchExpr)
	Bodies []string   // the record's body (IDs, aliases; any case)
	Window dates.Date // the record's date (a timeline's span) overlaps it; TBD: any
	Kinds  []string   // only hits on items of these kinds
	Limit  int        // at most this many hits, best first; 0: all
}

// Hit is one unit that matched.
type Hit struct {
	Path        string
	Line        int
	Record      string // the record's ID
	RecordTitle string
	Body        string
	Type        string // the record's type
	Kind        string // the item's kind, or "title" or "text"
	Item        string // the item's ID, if the unit is an item
	Snippet     string // the matching words between SnippetOpen and SnippetClose
	Score       float64
}

// Snippet markers around matched words.
const (
	SnippetOpen  = "\x02"
	SnippetClose = "\x03"
)

// Hit kinds that are not items.
const (
	HitTitle = "title"
	HitText  = "text"
)

// QueryError is a search query the full-text engine cannot read.
type QueryError struct {
	Query  string
	Reason string
}

func (e *QueryError) Error() string {
	return fmt.Sprintf("cannot read the search query %q: %s", e.Query, e.Reason)
}

// Search streams to fn, best first, the units of the snapshot whose text
// matches q. Ranking is BM25 with titles weighing four times body text (the
// index's rank, set in the schema).
func (s *Store) Search(snap *Snapshot, q SearchQuery, reg *record.Set, fn func(Hit) error) error {
	expr, err := MatchExpr(q.Text)
	if err != nil {
		return err
	}
	if err := s.IndexText(); err != nil {
		return err
	}
	var bodies []string
	for _, b := range q.Bodies {
		for _, part := range strings.Split(b, ",") {
			if part = strings.TrimSpace(part); part != "" {
				bodies = append(bodies, reg.Canonical(part))
			}
		}
	}
	var from, to int64
	if !q.Window.IsTBD() {
		from, to = *day(q.Window, false), *day(q.Window, true)
	}
	// A hit row: path, line, rid, title, body, type, kind, iid, len,
	// span_start, span_end.
	const hitColumns = `f.path, u.line, r.rid, r.title, r.body, r.type, i.kind, i.iid, u.len, r.span_start, r.span_end`
	const hitJoins = `JOIN files f ON f.blob = u.blob AND f.snapshot = ? JOIN records r ON r.blob = u.blob
		LEFT JOIN items i ON i.blob = u.blob AND i.ord = u.item`
	n := 0
	emit := func(st *sqlite3.Stmt, snip string, score float64) error {
		h := Hit{Path: st.ColumnText(0), Line: st.ColumnInt(1), Record: st.ColumnText(2), RecordTitle: st.ColumnText(3),
			Body: st.ColumnText(4), Type: st.ColumnText(5), Kind: st.ColumnText(6), Item: st.ColumnText(7),
			Snippet: snip, Score: score}
		switch {
		case h.Kind != "":
		case st.ColumnInt(8) == 0:
			h.Kind = HitTitle
		default:
			h.Kind = HitText
		}
		if len(bodies) > 0 && !containsFold(bodies, reg.Canonical(h.Body)) {
			return nil
		}
		if !q.Window.IsTBD() && (st.ColumnType(9) == sqlite3.NULL || st.ColumnInt64(9) > to || st.ColumnInt64(10) < from) {
			return nil
		}
		if len(q.Kinds) > 0 && !containsFold(q.Kinds, h.Kind) {
			return nil
		}
		if q.Limit > 0 && n >= q.Limit {
			return errStop
		}
		n++
		return fn(h)
	}
	snippet := `snippet(fts, -1, '` + SnippetOpen + `', '` + SnippetClose + `', '…', 16)`
	// Hits are ordered by rank, then by unit, then by path, whichever way
	// they are found.
	if q.Limit == 0 || q.Limit > manyHits {
		// Every hit: one join over all matches.
		err = s.rows(`SELECT `+hitColumns+`, `+snippet+`, fts.rank FROM fts JOIN units u ON u.id = fts.rowid `+hitJoins+`
			WHERE fts MATCH ? ORDER BY fts.rank, u.id, f.path`, []any{snap.ID, expr}, func(st *sqlite3.Stmt) error {
			return emit(st, st.ColumnText(11), -st.ColumnFloat(12))
		})
	} else {
		err = s.bestHits(expr, snippet, func(id int64, snip string, score float64) error {
			return s.rows(`SELECT `+hitColumns+` FROM units u `+hitJoins+` WHERE u.id = ? ORDER BY f.path`,
				[]any{snap.ID, id}, func(st *sqlite3.Stmt) error { return emit(st, snip, score) })
		})
	}
	if errors.Is(err, errStop) {
		return nil
	}
	return searchError(q.Text, err)
}

// manyHits is where a search stops looking hits up one by one and joins
// all matches at once.
const manyHits = 500

// bestHits streams the units matching expr from the full-text index alone,
// best first (units of equal rank by id), to fn: the best N cost about N
// lookups however many units match.
func (s *Store) bestHits(expr, snippet string, fn func(id int64, snip string, score float64) error) error {
	ranked, _, err := s.conn.Prepare(`SELECT rowid, rank, ` + snippet + ` FROM fts WHERE fts MATCH ? ORDER BY rank`)
	if err != nil {
		return damaged(err)
	}
	defer ranked.Close()
	if err := ranked.BindText(1, expr); err != nil {
		return err
	}
	type match struct {
		id   int64
		rank float64
		snip string
	}
	var tie []match
	flush := func() error {
		sort.Slice(tie, func(i, j int) bool { return tie[i].id < tie[j].id })
		for _, m := range tie {
			if err := fn(m.id, m.snip, -m.rank); err != nil {
				return err
			}
		}
		tie = tie[:0]
		return nil
	}
	for ranked.Step() {
		m := match{ranked.ColumnInt64(0), ranked.ColumnFloat(1), ranked.ColumnText(2)}
		if len(tie) > 0 && m.rank != tie[0].rank {
			if err := flush(); err != nil {
				return err
			}
		}
		tie = append(tie, m)
	}
	if err := ranked.Err(); err != nil {
		return damaged(err)
	}
	return flush()
}

var errStop = errors.New("stop")

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// searchError turns the full-text engine's complaints about a query into a
// QueryError.
func searchError(text string, err error) error {
	var se *sqlite3.Error
	if errors.As(err, &se) && se.Code() == sqlite3.ERROR {
		msg := se.Error()
		if strings.Contains(msg, "fts5") || strings.Contains(msg, "syntax error") || strings.Contains(msg, "no such column") {
			return &QueryError{Query: text, Reason: strings.TrimPrefix(msg, "sqlite3: SQL logic error: ")}
		}
	}
	return err
}

// MatchExpr turns a search as people type it into an FTS5 query. Words are
// matched as words, whatever punctuation they hold (@LF, due:2024-03,
// Lise's), all of them required; "double quotes" make a phrase; a trailing *
// makes a prefix (lett*, "cover lett"*); AND, OR, NOT and parentheses
// combine. Anything else FTS5 would read as syntax is quoted.
func MatchExpr(text string) (string, error) {
	var out []string
	words := 0
	bad := func(why string) (string, error) { return "", &QueryError{Query: text, Reason: why} }
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '(' || c == ')':
			out = append(out, string(c))
			i++
		case c == '"':
			j := strings.IndexByte(text[i+1:], '"')
			if j < 0 {
				return bad("a phrase opened with \" is not closed")
			}
			phrase := text[i+1 : i+1+j]
			i += j + 2
			star := ""
			if i < len(text) && text[i] == '*' {
				star = "*"
				i++
			}
			if hasWord(phrase) {
				out = append(out, quote(phrase)+star)
				words++
			}
		default:
			j := i
			for j < len(text) && !strings.ContainsRune(" \t\n\r()\"", rune(text[j])) {
				j++
			}
			term := text[i:j]
			i = j
			switch term {
			case "AND", "OR", "NOT":
				out = append(out, term)
				continue
			}
			star := ""
			if strings.HasSuffix(term, "*") {
				term = strings.TrimRight(term, "*")
				star = "*"
				if term == "" {
					return bad("a * must follow the start of a word, as in lett*")
				}
			}
			if hasWord(term) {
				out = append(out, quote(term)+star)
				words++
			}
		}
	}
	if words == 0 {
		return bad("it holds no word to search for")
	}
	return strings.Join(out, " "), nil
}

func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// hasWord reports whether s holds a letter or digit the tokenizer indexes.
func hasWord(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}
