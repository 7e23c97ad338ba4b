// Package site builds the static web site of a set of records: a home page,
// a page per meeting, person, body and timeline, the decisions register, the
// recommendations tracker, the quarterly reports archive, a search page over
// a prebuilt index and an Atom feed. It reads a record.Set and hands each
// file to a Sink as it is made (Write), or returns them all (Build). Every link between pages is
// relative, so the site works from file:// and from any static host. Every
// page is an html/template, so every record value is escaped; the two kinds
// there are thousands of (meetings, people) are written by Go code that
// writes their templates' bytes (pages.go).
package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"path"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"github.com/igf-records/igf/internal/parallel"
	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/core/report"
	"github.com/igf-records/igf/pkg/render"
	"github.com/igf-records/igf/templates"
)

// Options are what a build knows besides the records.
type Options struct {
	Today dates.Date
	// Withheld says what a public edition left out ("2 records and 3
	// items"); every page says so in its footer. "" for a full edition.
	Withheld string
	// Public marks the public edition (its pages say so even when the
	// records restrict nothing).
	Public bool
	// NotIncluded are the record files that could not be read in full: the
	// home page names each, and every page says the site is incomplete.
	NotIncluded []record.Omission
	Provenance  report.Provenance
	// Closed dates items ticked without a done date (from history) in the
	// quarterly reports; nil dates none.
	Closed func(id string) (report.Closing, bool)
	// ReportJSON writes a quarterly report's JSON (nil: render.ReportJSON, compact).
	ReportJSON func(w io.Writer, r *report.Report) error
	// LinkBase, when set, links report lines to their record files (a URL
	// such as https://github.com/ORG/REPO/blob/main/); "" links none.
	LinkBase string
	// Reports keeps the archive to the newest this many quarters (0: every
	// quarter); the archive's page names the quarters it leaves out.
	Reports int
	// Trace, when set, is told each step's name as it ends (the steps run
	// at once; it is told one at a time).
	Trace func(step string)
}

// Files are a built site: slash paths to contents.
type Files map[string][]byte

// Paths are the files' paths, sorted.
func (fs Files) Paths() []string {
	out := make([]string, 0, len(fs))
	for p := range fs {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// Size is the total size in bytes.
func (fs Files) Size() int64 {
	var n int64
	for _, b := range fs {
		n += int64(len(b))
	}
	return n
}

// A Sink takes the site's files as they are made. Create is called from
// every core at once; a file is whole once its writer is closed, and a
// writer is closed even when writing it failed.
type Sink interface {
	Create(path string) (io.WriteCloser, error)
}

// memSink keeps the files in memory, for Build.
type memSink struct {
	mu    sync.Mutex
	files Files
}

type memFile struct {
	bytes.Buffer
	path string
	s    *memSink
}

func (s *memSink) Create(path string) (io.WriteCloser, error) { return &memFile{path: path, s: s}, nil }

func (f *memFile) Close() error {
	f.s.mu.Lock()
	f.s.files[f.path] = f.Bytes()
	f.s.mu.Unlock()
	return nil
}

// MarkerFile is written at the top of every site, so a rebuild knows the
// directory it replaces is a site igf built.
const MarkerFile = ".igf-site"

type builder struct {
	set  *record.Set
	o    Options
	sink Sink
	tmpl *template.Template

	meetings  []*record.Record            // by date, then ID
	byBody    map[string][]*record.Record // meetings by canonical body
	pages     map[string]string           // canonical ref (lower-cased) -> page path
	items     []*record.Item              // every item, by record path then order
	timelines []*record.Record
	decisions []*record.Record // decision records
	md        goldmark.Markdown

	// By lower-cased canonical ref: the trackable items it holds, the
	// meetings it is listed at, and the meetings its calendar carries (its
	// own, those it is listed at, its bodies' while it is a member).
	ownedBy    map[string][]*record.Item
	attendedBy map[string][]attended
	concerns   map[string][]*record.Record
	place      map[*record.Record]int // a meeting's place in its body's list
	events     *render.Events         // calendar events, each written once for every calendar

	// The "link" template's output, made once for each link (Link ->
	// template.HTML) and each person or body (refKey), and the "status"
	// template's for each state (statusKey): the same names are linked
	// from thousands of pages.
	links sync.Map
}

// refKey is a link to a person or body, from a page at root.
type refKey struct{ root, ref string }

// statusKey is the "status" template's output for a state.
type statusKey string

// Build makes every file of the site, in memory.
func Build(s *record.Set, o Options) (Files, error) {
	m := &memSink{files: Files{}}
	if err := Write(s, o, m); err != nil {
		return nil, err
	}
	return m.files, nil
}

// Write makes every file of the site and hands each to sink as it is made,
// so a large site is never held whole in memory.
func Write(s *record.Set, o Options, sink Sink) error {
	b, err := newBuilder(s, o, sink)
	if err != nil {
		return err
	}
	// The steps share nothing but the indexes newBuilder made, which they
	// only read: they run at once, the longest first, so no core waits on a
	// step that makes a single page.
	steps := []func() error{b.reportPages, b.peoplePages, b.meetingPages, b.timelinePages, b.bodyPages,
		b.searchPages, b.feed, b.home, b.decisionsPage, b.recommendationsPage, b.assets}
	var traced sync.Mutex
	if err := each(len(steps), func(i int) error {
		err := steps[i]()
		if err == nil && o.Trace != nil {
			traced.Lock()
			defer traced.Unlock()
			o.Trace(stepNames[i])
		}
		return err
	}); err != nil {
		return err
	}
	return b.put(MarkerFile, []byte("This directory is a site built by igf site build; a rebuild replaces it whole.\n"))
}

// newBuilder parses the templates and indexes the records.
func newBuilder(s *record.Set, o Options, sink Sink) (*builder, error) {
	b := &builder{set: s, o: o, sink: sink, byBody: map[string][]*record.Record{}, pages: map[string]string{},
		ownedBy: map[string][]*record.Item{}, attendedBy: map[string][]attended{}, concerns: map[string][]*record.Record{},
		events: render.NewEvents(),
		md:     goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList))}
	t, err := template.New("site").Funcs(b.funcs()).ParseFS(templates.SiteFS, "site/*.html.tmpl")
	if err != nil {
		return nil, err
	}
	if t, err = t.ParseFS(templates.FS, render.ChartTemplate); err != nil {
		return nil, err
	}
	b.tmpl = t
	b.index()
	return b, nil
}

var stepNames = []string{"reports", "people", "meetings", "timelines", "bodies", "search", "feed", "home", "decisions", "recommendations", "assets"}

// index sorts the records and gives every person and body its page.
func (b *builder) index() {
	for _, r := range b.set.Records {
		switch r.Type {
		case record.TypeMeeting:
			b.meetings = append(b.meetings, r)
			body := strings.ToLower(b.set.Canonical(r.Body))
			b.byBody[body] = append(b.byBody[body], r)
		case record.TypeTimeline:
			b.timelines = append(b.timelines, r)
		case record.TypeDecision:
			b.decisions = append(b.decisions, r)
		}
		b.items = append(b.items, r.Items...)
	}
	byDate := func(rs []*record.Record) {
		sort.SliceStable(rs, func(i, j int) bool {
			if c := dates.Compare(rs[i].Date, rs[j].Date); c != 0 {
				return c < 0
			}
			return rs[i].ID < rs[j].ID
		})
	}
	byDate(b.meetings)
	byDate(b.decisions)
	for _, it := range b.items {
		if !it.Trackable() {
			continue
		}
		seen := map[string]bool{}
		for _, o := range it.Owners {
			for _, ref := range b.mayMean(o) {
				if k := strings.ToLower(ref); !seen[k] {
					seen[k] = true
					b.ownedBy[k] = append(b.ownedBy[k], it)
				}
			}
		}
	}
	for _, r := range b.meetings {
		roles := map[string][]string{}
		var order []string
		concerned := map[string]bool{}
		concern := func(ref string) {
			if k := strings.ToLower(ref); !concerned[k] {
				concerned[k] = true
				b.concerns[k] = append(b.concerns[k], r)
			}
		}
		concern(b.set.Canonical(r.Body))
		for _, k := range record.PeopleRoles {
			for _, ref := range r.People[k] {
				c := strings.ToLower(b.set.Canonical(ref))
				if _, ok := roles[c]; !ok {
					order = append(order, c)
				}
				if rs := roles[c]; len(rs) == 0 || rs[len(rs)-1] != k {
					roles[c] = append(rs, k)
				}
				for _, m := range b.mayMean(ref) {
					concern(m)
				}
			}
		}
		for _, c := range order {
			b.attendedBy[c] = append(b.attendedBy[c], attended{R: r, Roles: roles[c]})
		}
		if !r.Date.IsTBD() {
			for _, p := range b.set.Members(r.Body, dates.OfTime(r.Date.Start)) {
				concern(p.ID)
			}
		}
	}
	b.place = map[*record.Record]int{}
	for _, rs := range b.byBody {
		byDate(rs)
		for i, r := range rs {
			b.place[r] = i
		}
	}
	for _, p := range b.set.Registry.People {
		if id, err := record.PathID(p.ID); err == nil {
			if _, dup := b.pages[strings.ToLower(p.ID)]; !dup {
				b.pages[strings.ToLower(p.ID)] = "people/" + id + ".html"
			}
		}
	}
	for _, body := range b.set.Registry.Bodies {
		if id, err := record.PathID(body.ID); err == nil {
			if _, dup := b.pages[strings.ToLower(body.ID)]; !dup {
				b.pages[strings.ToLower(body.ID)] = "bodies/" + id + ".html"
			}
		}
	}
}

// mayMean are the registry entries a name may mean: its own, or each of
// the entries a name they share may mean.
func (b *builder) mayMean(name string) []string {
	if c := b.set.Candidates(name); len(c) > 1 {
		return c
	}
	return []string{b.set.Canonical(name)}
}

// Link is a piece of text that may link to a page of the site.
type Link struct {
	Root, Path, Text string
}

// recordPage is the page of a record, "" for one without (a registry).
func recordPage(r *record.Record) string {
	id, err := record.PathID(r.ID)
	if err != nil {
		return ""
	}
	switch r.Type {
	case record.TypeMeeting:
		return "meetings/" + id + ".html"
	case record.TypeTimeline:
		return "timelines/" + id + ".html"
	case record.TypeDecision:
		return "decisions/index.html#" + id
	}
	return ""
}

// itemPage is where an item is shown: its record's page, at its row.
func itemPage(it *record.Item) string {
	p := recordPage(it.Record)
	if p == "" || strings.Contains(p, "#") {
		return p
	}
	if id, err := record.PathID(it.ID); err == nil {
		return p + "#" + id
	}
	return p
}

func (b *builder) ref(root, ref string) Link {
	c := b.set.Canonical(ref)
	return Link{Root: root, Path: b.pages[strings.ToLower(c)], Text: b.set.DisplayName(ref)}
}

// linkHTML is what the "link" template makes of l.
func (b *builder) linkHTML(l Link) (template.HTML, error) {
	if h, ok := b.links.Load(l); ok {
		return h.(template.HTML), nil
	}
	var out strings.Builder
	if err := b.tmpl.ExecuteTemplate(&out, "link", l); err != nil {
		return "", err
	}
	h := template.HTML(out.String())
	b.links.Store(l, h)
	return h, nil
}

// statusHTML is what the "status" template makes of an item's state.
func (b *builder) statusHTML(it *record.Item) (template.HTML, error) {
	k := statusKey(b.state(it))
	if h, ok := b.links.Load(k); ok {
		return h.(template.HTML), nil
	}
	var out strings.Builder
	if err := b.tmpl.ExecuteTemplate(&out, "status", string(k)); err != nil {
		return "", err
	}
	h := template.HTML(out.String())
	b.links.Store(k, h)
	return h, nil
}

// refHTML is the link to a person or body's page, from a page at root.
func (b *builder) refHTML(root, ref string) (template.HTML, error) {
	k := refKey{root, ref}
	if h, ok := b.links.Load(k); ok {
		return h.(template.HTML), nil
	}
	h, err := b.linkHTML(b.ref(root, ref))
	if err == nil {
		b.links.Store(k, h)
	}
	return h, err
}

// stripAttrs removes the {#id} attributes from a record's Markdown, with the
// spaces or tabs before each: what the regular expression
// [ \t]*\{#[A-Za-z0-9][A-Za-z0-9.\-]*\} replaced with "", by hand, because
// the expression took a second of a 10,000-record build.
func stripAttrs(s string) string {
	if !strings.Contains(s, "{#") {
		return s
	}
	var out strings.Builder
	out.Grow(len(s))
	done := 0 // s[:done] is written or dropped
	for from := 0; ; {
		j := strings.Index(s[from:], "{#")
		if j < 0 {
			break
		}
		j += from
		end := attrEnd(s, j)
		if end < 0 {
			from = j + 1
			continue
		}
		start := j
		for start > done && (s[start-1] == ' ' || s[start-1] == '\t') {
			start--
		}
		out.WriteString(s[done:start])
		done, from = end, end
	}
	out.WriteString(s[done:])
	return out.String()
}

// attrEnd is the index after the "}" of an attribute {#id} at s[j:], or -1.
func attrEnd(s string, j int) int {
	i := j + 2
	for k := i; k < len(s); k++ {
		c := s[k]
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case (c == '.' || c == '-') && k > i:
		case c == '}' && k > i:
			return k + 1
		default:
			return -1
		}
	}
	return -1
}

func (b *builder) funcs() template.FuncMap {
	fm := template.FuncMap{
		"human": render.HumanDate,
		"due":   render.DueText,
		"ref":   b.ref,
		// a, refLink and refLinks write what the "link" and "links"
		// templates would, from a cache.
		"a":        b.linkHTML,
		"status":   b.statusHTML,
		"refLink":  b.refHTML,
		"refLinks": b.refLinks,
		"rec": func(root string, r *record.Record) Link {
			if r == nil {
				return Link{}
			}
			return Link{Root: root, Path: recordPage(r), Text: r.Title}
		},
		"recid": func(root, id string) Link {
			if r := b.set.Record(id); r != nil {
				return Link{Root: root, Path: recordPage(r), Text: r.ID}
			}
			if it := b.set.Item(id); it != nil {
				return Link{Root: root, Path: itemPage(it), Text: it.ID}
			}
			return Link{Text: id}
		},
		"item": func(root string, it *record.Item) Link {
			return Link{Root: root, Path: itemPage(it), Text: it.ID}
		},
		"anchor":  anchor,
		"state":   func(it *record.Item) string { return b.state(it) },
		"overdue": func(it *record.Item) bool { return b.state(it) == report.StateOverdue },
		"join":    strings.Join,
		"body":    b.body,
		"safeURL": func(u string) string {
			l := strings.ToLower(strings.TrimSpace(u))
			if strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://") {
				return strings.TrimSpace(u)
			}
			return ""
		},
		"made":     render.MadeFrom,
		"withheld": render.WithheldNote,
		"terms": func(root, caption, first string, person bool, ms []record.Membership, rows []member) termTable {
			for _, m := range ms {
				rows = append(rows, member{M: m})
			}
			return termTable{Root: root, Caption: caption, First: first, Person: person, Rows: rows}
		},
		"itemRows": b.itemRows,
		"tbl": func(root, caption string, items []*record.Item, showRecord bool) itemTable {
			return itemTable{Root: root, Caption: caption, Items: items, Record: showRecord}
		},
		"inc": func(i int) int { return i + 1 },
	}
	for k, v := range render.ChartFuncs {
		fm[k] = v
	}
	return fm
}

// body is a record's Markdown as HTML: goldmark with raw HTML off (its
// default), so a tag in a record is dropped, never passed through; every
// other character is escaped.
func (b *builder) body(r *record.Record) template.HTML {
	var buf bytes.Buffer
	if err := b.md.Convert([]byte(stripAttrs(r.Text)), &buf); err != nil {
		return template.HTML(template.HTMLEscapeString(r.Text))
	}
	return template.HTML(buf.String())
}

// itemRows is the body of an "items" table, each row after a newline: what
// a range over the items in the template would write, without its
// reflective calls, which were half of a 10,000-record site's page time
// (people hold thousands of items each).
func (b *builder) itemRows(root string, items []*record.Item, showRecord bool) (template.HTML, error) {
	w := &pageWriter{}
	b.writeItemRows(w, root, items, showRecord)
	return template.HTML(w.out), w.err
}

// writeItemRows writes what itemRows makes.
func (b *builder) writeItemRows(w *pageWriter, root string, items []*record.Item, showRecord bool) {
	for _, it := range items {
		w.raw("\n<tr><td>")
		w.html(b.linkHTML(Link{Root: root, Path: itemPage(it), Text: it.ID}))
		w.raw("</td><td>")
		b.writeItemCells(w, root, it)
		w.raw("</td>")
		if showRecord {
			l := Link{}
			if it.Record != nil {
				l = Link{Root: root, Path: recordPage(it.Record), Text: it.Record.Title}
			}
			w.raw("<td>")
			w.html(b.linkHTML(l))
			w.raw("</td>")
		}
		w.raw("</tr>")
	}
}

// refLinks are the links to people or bodies, joined by commas.
func (b *builder) refLinks(root string, refs []string) (template.HTML, error) {
	w := &pageWriter{}
	b.writeRefLinks(w, root, refs)
	return template.HTML(w.out), w.err
}

// writeRefLinks writes what refLinks makes.
func (b *builder) writeRefLinks(w *pageWriter, root string, refs []string) {
	for i, r := range refs {
		if i > 0 {
			w.raw(", ")
		}
		w.html(b.refHTML(root, r))
	}
}

// escapeText escapes s as html/template does in text and quoted
// attributes (its htmlEscaper): NUL, quotes, '&', '+', '<' and '>'. Every
// one is ASCII, so a byte scan finds them as its rune scan does.
func escapeText(s string) string {
	if !needsEscape(s) {
		return s
	}
	return string(appendEscaped(make([]byte, 0, len(s)+8), s))
}

func needsEscape(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 0, '"', '&', '\'', '+', '<', '>':
			return true
		}
	}
	return false
}

// appendEscaped is out with s escaped as escapeText escapes it.
func appendEscaped(out []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		out = append(out, s[last:i]...)
		out = append(out, repl...)
		last = i + 1
	}
	return append(out, s[last:]...)
}

// termTable is the data of the "terms" template.
type termTable struct {
	Root, Caption, First string
	Person               bool
	Rows                 []member
}

// itemTable is the data of the "items" template.
type itemTable struct {
	Root, Caption string
	Items         []*record.Item
	Record        bool
}

// state is an item's state on today: open, overdue, done, cancelled (or,
// for a decision, decided).
func (b *builder) state(it *record.Item) string {
	switch {
	case !it.Trackable():
		return "decided"
	case it.Status == record.StatusDone:
		return report.StateDone
	case it.Status == record.StatusCancelled:
		return report.StateCancelled
	case it.Due.OverdueOn(b.o.Today):
		return report.StateOverdue
	}
	return report.StateOpen
}

// page is what every page template gets.
type page struct {
	Root     string // "" at the top, "../" one folder down
	Title    string
	Section  string
	Today    dates.Date
	Public   bool
	Withheld string
	Missing  []record.Omission
	Made     string
	D        any
}

// pageOf is what the page template of file gets.
func (b *builder) pageOf(file, title, section string, d any) page {
	root := strings.Repeat("../", strings.Count(file, "/"))
	return page{Root: root, Title: title, Section: section, Today: b.o.Today, Public: b.o.Public, Withheld: b.o.Withheld,
		Missing: b.o.NotIncluded, Made: render.MadeFrom(b.o.Provenance, b.o.Today), D: d}
}

func (b *builder) render(file, tmpl, title, section string, d any) error {
	p := b.pageOf(file, title, section, d)
	return b.create(file, func(w io.Writer) error {
		if err := b.tmpl.ExecuteTemplate(w, tmpl, p); err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		return nil
	})
}

// create makes one file of the site, written by fill; safe to call from
// any goroutine.
func (b *builder) create(file string, fill func(w io.Writer) error) error {
	w, err := b.sink.Create(file)
	if err != nil {
		return err
	}
	err = fill(w)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	return err
}

// put adds a file already made to the site.
func (b *builder) put(file string, data []byte) error {
	return b.create(file, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// each runs f(i) for i in [0, n) on every core and returns the first error.
func each(n int, f func(i int) error) error {
	errs := make([]error, n)
	parallel.For(n, func(i int) { errs[i] = f(i) })
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// ownerCount is a row of the home page's open-and-overdue tables.
type ownerCount struct {
	Ref           string
	Open, Overdue int
	Items         []*record.Item // overdue first
}

func (b *builder) openItems() []*record.Item {
	var out []*record.Item
	for _, it := range b.items {
		if it.Trackable() && it.Open() {
			out = append(out, it)
		}
	}
	return out
}

func countBy(items []*record.Item, keys func(*record.Item) []string, overdue func(*record.Item) bool, canon func(string) string) []ownerCount {
	m := map[string]*ownerCount{}
	var order []string
	for _, it := range items {
		for _, k := range keys(it) {
			c := canon(k)
			oc := m[strings.ToLower(c)]
			if oc == nil {
				oc = &ownerCount{Ref: c}
				m[strings.ToLower(c)] = oc
				order = append(order, strings.ToLower(c))
			}
			oc.Open++
			if overdue(it) {
				oc.Overdue++
			}
			oc.Items = append(oc.Items, it)
		}
	}
	out := make([]ownerCount, 0, len(order))
	for _, k := range order {
		oc := *m[k]
		sort.SliceStable(oc.Items, func(i, j int) bool { return overdue(oc.Items[i]) && !overdue(oc.Items[j]) })
		out = append(out, oc)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Overdue != out[j].Overdue {
			return out[i].Overdue > out[j].Overdue
		}
		if out[i].Open != out[j].Open {
			return out[i].Open > out[j].Open
		}
		return out[i].Ref < out[j].Ref
	})
	return out
}

// upcoming is a meeting on the home page: a record, or one a record announces.
type upcoming struct {
	Date     dates.Date
	Record   *record.Record // the meeting's record, if it has one
	From     *record.Record // the meeting that announced it
	Location string
	Note     string
}

func (b *builder) home() error {
	open := b.openItems()
	overdue := func(it *record.Item) bool { return it.Due.OverdueOn(b.o.Today) }
	byOwner := countBy(open, func(it *record.Item) []string { return it.Owners }, overdue, b.set.Canonical)
	byBody := countBy(open, func(it *record.Item) []string {
		if it.Record.Body == "" {
			return []string{"(no body)"}
		}
		return []string{it.Record.Body}
	}, overdue, b.set.Canonical)
	var next []upcoming
	seen := map[string]bool{}
	for _, r := range b.meetings {
		if !r.Date.IsTBD() && !r.Date.End.Before(b.o.Today.Start) {
			next = append(next, upcoming{Date: r.Date, Record: r, Location: r.Location})
			seen[strings.ToLower(r.ID)] = true
		}
	}
	for _, r := range b.meetings {
		nm := r.NextMeeting
		if nm == nil || nm.Date.IsTBD() || nm.Date.End.Before(b.o.Today.Start) || (nm.ID != "" && seen[strings.ToLower(nm.ID)]) {
			continue
		}
		next = append(next, upcoming{Date: nm.Date, Record: b.set.Record(nm.ID), From: r, Location: nm.Location, Note: nm.Note})
	}
	sort.SliceStable(next, func(i, j int) bool { return dates.Compare(next[i].Date, next[j].Date) < 0 })
	horizon := dates.Span(b.o.Today.Start, b.o.Today.Start.AddDate(0, 3, 0))
	var milestones []*record.Item
	for _, it := range open {
		if it.Kind == record.KindMilestone && (it.Due.OverdueOn(b.o.Today) || it.Due.Overlaps(horizon)) {
			milestones = append(milestones, it)
		}
	}
	sortByDue(milestones)
	decisions := b.decisionItems()
	sort.SliceStable(decisions, func(i, j int) bool { return dates.Compare(decisions[i].Date, decisions[j].Date) > 0 })
	if len(decisions) > 10 {
		decisions = decisions[:10]
	}
	var lastMeetings []*record.Record
	for i := len(b.meetings) - 1; i >= 0 && len(lastMeetings) < 5; i-- {
		lastMeetings = append(lastMeetings, b.meetings[i])
	}
	return b.render("index.html", "home", "IGF records", "home", map[string]any{
		"ByOwner": byOwner, "ByBody": byBody, "Open": len(open), "Overdue": countTrue(open, overdue),
		"Next": next, "Milestones": milestones, "Decisions": decisions, "Latest": lastMeetings,
		"Horizon": horizon,
	})
}

func countTrue(items []*record.Item, f func(*record.Item) bool) int {
	n := 0
	for _, it := range items {
		if f(it) {
			n++
		}
	}
	return n
}

func sortByDue(items []*record.Item) {
	sort.SliceStable(items, func(i, j int) bool { return dates.Compare(items[i].Due, items[j].Due) < 0 })
}

// decision is a row of the decisions register: a decision item of a
// meeting, or a decision record.
type decision struct {
	ID           string
	Title        string
	Date         dates.Date
	Body         string
	Page         string // its place on the site
	From         *record.Record
	Supersedes   []string
	SupersededBy []string
	Restricted   bool
}

func (b *builder) decisionItems() []decision {
	var out []decision
	by := map[string][]string{}
	for _, r := range b.decisions {
		for _, s := range r.Supersedes {
			by[strings.ToLower(s)] = append(by[strings.ToLower(s)], r.ID)
		}
	}
	for _, r := range b.set.Records {
		if r.Type == record.TypeDecision {
			out = append(out, decision{ID: r.ID, Title: r.Title, Date: r.Date, Body: r.Body, Page: recordPage(r), From: r,
				Supersedes: r.Supersedes, SupersededBy: by[strings.ToLower(r.ID)]})
		}
		for _, it := range r.Items {
			if it.Kind == record.KindDecision {
				out = append(out, decision{ID: it.ID, Title: it.Title, Date: r.Date, Body: r.Body, Page: itemPage(it), From: r,
					SupersededBy: by[strings.ToLower(it.ID)]})
			}
		}
	}
	return out
}

// role is a row of a meeting's attendance table.
type role struct {
	Role   string
	People []string
}

func (b *builder) meetingPages() error {
	if err := b.render("meetings/index.html", "meetings", "Meetings", "meetings", b.meetings); err != nil {
		return err
	}
	return each(len(b.meetings), func(i int) error {
		file, p, d := b.meetingPage(b.meetings[i])
		if file == "" {
			return nil
		}
		return b.writePage(file, p, func(w *pageWriter) { b.writeMeeting(w, p.Root, d) })
	})
}

// meetingPage is the file, frame and data of a meeting's page ("" for a
// meeting without one).
func (b *builder) meetingPage(r *record.Record) (string, page, meetingData) {
	file := recordPage(r)
	if file == "" {
		return "", page{}, meetingData{}
	}
	var roles []role
	for _, k := range record.PeopleRoles {
		if len(r.People[k]) > 0 {
			roles = append(roles, role{Role: k, People: r.People[k]})
		}
	}
	var prev, next *record.Record
	list := b.byBody[strings.ToLower(b.set.Canonical(r.Body))]
	if at, ok := b.place[r]; ok {
		if at > 0 {
			prev = list[at-1]
		}
		if at+1 < len(list) {
			next = list[at+1]
		}
	}
	var decisions, tracked []*record.Item
	for _, it := range r.Items {
		if it.Kind == record.KindDecision {
			decisions = append(decisions, it)
		} else {
			tracked = append(tracked, it)
		}
	}
	return file, b.pageOf(file, r.Title+", "+r.Date.Human(), "meetings", nil),
		meetingData{R: r, Roles: roles, Prev: prev, Next: next, Decisions: decisions, Items: tracked}
}

// attended is a meeting a person is listed at, and in which roles.
type attended struct {
	R     *record.Record
	Roles []string
}

// owned splits the items ref holds into open and closed.
func (b *builder) owned(ref string) (open, closed []*record.Item) {
	for _, it := range b.ownedBy[strings.ToLower(ref)] {
		if it.Open() {
			open = append(open, it)
		} else {
			closed = append(closed, it)
		}
	}
	sortByDue(open)
	return open, closed
}

// calendar writes ref's calendar: what igf calendar --owner REF writes,
// from the builder's indexes.
func (b *builder) calendar(file, name, ref string) error {
	var due []*record.Item
	for _, it := range b.ownedBy[strings.ToLower(ref)] {
		if it.Open() && !it.Due.IsTBD() {
			due = append(due, it)
		}
	}
	entries := append(report.MeetingEntries(b.set, b.concerns[strings.ToLower(ref)]), report.ItemEntries(b.set, due, b.o.Today)...)
	sort.SliceStable(entries, func(i, j int) bool {
		if !entries[i].From.Equal(entries[j].From) {
			return entries[i].From.Before(entries[j].From)
		}
		return entries[i].ID < entries[j].ID
	})
	made := b.o.Provenance
	return b.create(file, func(w io.Writer) error {
		return render.ICSCached(w, name, entries, b.o.Today.Start, render.Options{LinkBase: b.o.LinkBase, Made: &made}, b.events)
	})
}

func (b *builder) peoplePages() error {
	people := append([]*record.Person(nil), b.set.Registry.People...)
	sort.SliceStable(people, func(i, j int) bool {
		return strings.ToLower(people[i].Display()) < strings.ToLower(people[j].Display())
	})
	var listed []*record.Person
	for _, p := range people {
		if b.pages[strings.ToLower(p.ID)] == "people/"+record.FoldID(p.ID)+".html" {
			listed = append(listed, p)
		}
	}
	if err := b.render("people/index.html", "people", "People", "people", listed); err != nil {
		return err
	}
	return each(len(listed), func(i int) error {
		file, pg, d := b.personPage(listed[i])
		if err := b.calendar(path.Join(path.Dir(file), d.ICS), "IGF: "+d.P.Display(), d.P.ID); err != nil {
			return err
		}
		if !plainPath(d.ICS) {
			// Not an ID's characters: the template escapes the address.
			return b.render(file, "person", pg.Title, "people", d)
		}
		return b.writePage(file, pg, func(w *pageWriter) { b.writePerson(w, pg.Root, d) })
	})
}

// personPage is the file, frame and data of a listed person's page.
func (b *builder) personPage(p *record.Person) (string, page, personData) {
	file := b.pages[strings.ToLower(p.ID)]
	open, closed := b.owned(p.ID)
	d := personData{P: p, Meetings: b.attendedBy[strings.ToLower(p.ID)], Open: open, Closed: closed,
		ICS: path.Base(strings.TrimSuffix(file, ".html") + ".ics")}
	return file, b.pageOf(file, p.Display(), "people", nil), d
}

// member is a row of a body's membership table.
type member struct {
	P *record.Person
	M record.Membership
}

func (b *builder) bodyPages() error {
	var listed []*record.Body
	for _, body := range b.set.Registry.Bodies {
		if b.pages[strings.ToLower(body.ID)] == "bodies/"+record.FoldID(body.ID)+".html" {
			listed = append(listed, body)
		}
	}
	if err := b.render("bodies/index.html", "bodies", "Bodies", "bodies", listed); err != nil {
		return err
	}
	return each(len(listed), func(i int) error {
		body := listed[i]
		file := b.pages[strings.ToLower(body.ID)]
		var members []member
		for _, p := range b.set.Registry.People {
			for _, m := range p.Memberships {
				if strings.EqualFold(b.set.Canonical(m.Body), body.ID) {
					members = append(members, member{P: p, M: m})
				}
			}
		}
		var children []*record.Body
		for _, c := range b.set.Registry.Bodies {
			if c.Parent != "" && strings.EqualFold(b.set.Canonical(c.Parent), body.ID) {
				children = append(children, c)
			}
		}
		open, closed := b.owned(body.ID)
		ics := strings.TrimSuffix(file, ".html") + ".ics"
		if err := b.calendar(ics, "IGF: "+body.Name, body.ID); err != nil {
			return err
		}
		name := body.Name
		if name == "" {
			name = body.ID
		}
		return b.render(file, "body", name, "bodies", map[string]any{
			"B": body, "Members": members, "Children": children, "Meetings": b.byBody[strings.ToLower(body.ID)],
			"Open": open, "Closed": closed, "ICS": path.Base(ics),
		})
	})
}

func (b *builder) decisionsPage() error {
	all := b.decisionItems()
	groups := map[string][]decision{}
	var order []string
	for _, d := range all {
		k := b.set.Canonical(d.Body)
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], d)
	}
	sort.Strings(order)
	type group struct {
		Body      string
		Decisions []decision
	}
	var out []group
	for _, k := range order {
		ds := groups[k]
		sort.SliceStable(ds, func(i, j int) bool { return dates.Compare(ds[i].Date, ds[j].Date) < 0 })
		out = append(out, group{Body: k, Decisions: ds})
	}
	return b.render("decisions/index.html", "decisions", "Decisions register", "decisions", map[string]any{"Groups": out, "Records": b.decisions})
}

func (b *builder) timelinePages() error {
	sums := report.Timelines(b.set, b.o.Today)
	if err := b.render("timelines/index.html", "timelines", "Timelines", "timelines", sums); err != nil {
		return err
	}
	served := report.ServedBy(b.set)
	return each(len(b.timelines), func(i int) error {
		r := b.timelines[i]
		file := recordPage(r)
		if file == "" {
			return nil
		}
		t := report.NewTimelineServed(b.set, r, b.o.Today, served)
		c := render.NewChart(t, func(it report.TimelineItem) string {
			if a, err := record.PathID(it.ID); err == nil {
				return "#" + a
			}
			return ""
		})
		return b.render(file, "timeline", t.Title, "timelines", map[string]any{"T": t, "C": c})
	})
}

func (b *builder) recommendationsPage() error {
	type addressee struct {
		Ref                      string
		Open, Done, Cancelled    int
		Items                    []*record.Item
		OpenPct, DonePct, CanPct int
	}
	m := map[string]*addressee{}
	var order []string
	for _, it := range b.items {
		if it.Kind != record.KindRecommendation {
			continue
		}
		owners := it.Owners
		if len(owners) == 0 {
			owners = []string{record.TBD}
		}
		for _, o := range owners {
			c := b.set.Canonical(o)
			a := m[strings.ToLower(c)]
			if a == nil {
				a = &addressee{Ref: c}
				m[strings.ToLower(c)] = a
				order = append(order, strings.ToLower(c))
			}
			switch it.Status {
			case record.StatusDone:
				a.Done++
			case record.StatusCancelled:
				a.Cancelled++
			default:
				a.Open++
			}
			a.Items = append(a.Items, it)
		}
	}
	sort.Strings(order)
	var out []*addressee
	for _, k := range order {
		a := m[k]
		n := a.Open + a.Done + a.Cancelled
		a.OpenPct, a.DonePct, a.CanPct = a.Open*100/n, a.Done*100/n, a.Cancelled*100/n
		out = append(out, a)
	}
	return b.render("recommendations/index.html", "recommendations", "Recommendations tracker", "recommendations", out)
}

// quarters are every quarter a record falls in: a meeting's date, an
// item's due and done dates.
func (b *builder) quarters() []dates.Date {
	seen := map[string]dates.Date{}
	add := func(d dates.Date) {
		if d.IsTBD() || d.IsZero() {
			return
		}
		// A date longer than a year (a range, "2024") names no quarter.
		if d.End.Sub(d.Start) > 100*24*time.Hour {
			return
		}
		for _, t := range []time.Time{d.Start, d.End} {
			q := fmt.Sprintf("%04d-Q%d", t.Year(), (int(t.Month())-1)/3+1)
			if _, ok := seen[q]; !ok {
				if p, err := dates.ParsePeriod(q); err == nil {
					seen[q] = p
				}
			}
		}
	}
	for _, r := range b.set.Records {
		if r.Type == record.TypeMeeting || r.Type == record.TypeDecision {
			add(r.Date)
		}
		for _, it := range r.Items {
			add(it.Due)
			add(it.DoneDate)
		}
	}
	var out []dates.Date
	for _, p := range seen {
		if !p.Start.After(b.o.Today.End) {
			out = append(out, p)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start.After(out[j].Start) })
	return out
}

func (b *builder) reportPages() error {
	type archived struct {
		Period    dates.Date
		Base      string
		Meetings  int
		Decisions int
		Open      int
		Closed    bool
	}
	var list []archived
	quarters := b.quarters()
	var older []dates.Date
	if b.o.Reports > 0 && len(quarters) > b.o.Reports {
		quarters, older = quarters[:b.o.Reports], quarters[b.o.Reports:]
	}
	ro := render.Options{LinkBase: b.o.LinkBase, NoLinks: b.o.LinkBase == "", Withheld: b.o.Withheld, Rows: render.NewRowCache()}
	list = make([]archived, len(quarters))
	lines := render.NewActionLines() // the reports are of one set, made with the same options
	err := each(len(quarters), func(i int) error {
		q := quarters[i]
		r, err := report.NewFrom(b.set, q, b.o.Today, report.Options{Closed: b.o.Closed})
		if err != nil {
			return err
		}
		r.Provenance = b.o.Provenance
		base := "reports/" + q.String()
		// What igf report quarterly writes with -o md and -o html.
		md, html, err := render.ReportDocuments(r, ro, "")
		if err != nil {
			return err
		}
		if err := b.put(base+".md", md); err != nil {
			return err
		}
		if err := b.put(base+".html", html); err != nil {
			return err
		}
		write := b.o.ReportJSON
		if write == nil {
			write = func(w io.Writer, r *report.Report) error {
				return render.ReportJSON(w, r, render.JSONOptions{Compact: true, Lines: lines})
			}
		}
		if err := b.create(base+".json", func(w io.Writer) error { return write(w, r) }); err != nil {
			return err
		}
		list[i] = archived{Period: q, Base: path.Base(base), Meetings: len(r.Meetings), Decisions: len(r.Decisions),
			Open: len(r.Actions.Open), Closed: r.Closed}
		return nil
	})
	if err != nil {
		return err
	}
	return b.render("reports/index.html", "reports", "Reports to the Secretary-General", "reports", map[string]any{"List": list, "Older": older})
}

// entry is one thing the search finds.
type entry struct {
	Title string `json:"t"`
	URL   string `json:"u"`
	Kind  string `json:"k"`
	Date  string `json:"d,omitempty"`
	Text  string `json:"x,omitempty"`
}

// textOf is a record's body as plain words, for the search index.
var mdNoise = strings.NewReplacer("*", "", "_", " ", "#", "", "`", "", "[", "", "]", "", ">", " ", "|", " ", "\n", " ", "\t", " ")

func plain(s string) string {
	return strings.Join(strings.Fields(mdNoise.Replace(stripAttrs(s))), " ")
}

func (b *builder) searchPages() error {
	var idx []entry
	for _, r := range b.set.Records {
		if p := recordPage(r); p != "" {
			idx = append(idx, entry{Title: r.Title, URL: p, Kind: r.Type, Date: r.Date.Human(), Text: plain(r.Text)})
		}
		for _, it := range r.Items {
			if p := itemPage(it); p != "" {
				idx = append(idx, entry{Title: it.Title, URL: p, Kind: it.Kind, Date: it.Due.String(), Text: it.ID + " " + strings.Join(it.Owners, " ") + " " + plain(it.Objective)})
			}
		}
	}
	for _, p := range b.set.Registry.People {
		if u := b.pages[strings.ToLower(p.ID)]; u != "" {
			idx = append(idx, entry{Title: p.Display(), URL: u, Kind: "person", Text: p.ID + " " + p.Initials + " " + strings.Join(p.Aliases, " ")})
		}
	}
	for _, body := range b.set.Registry.Bodies {
		if u := b.pages[strings.ToLower(body.ID)]; u != "" {
			idx = append(idx, entry{Title: body.Name, URL: u, Kind: "body", Text: body.ID + " " + strings.Join(body.Aliases, " ")})
		}
	}
	if idx == nil {
		idx = []entry{}
	}
	js, err := json.Marshal(idx)
	if err != nil {
		return err
	}
	// A script, not a JSON file: a page opened from file:// may load a
	// script but not fetch a file.
	if err := b.put("search/index.js", append(append([]byte("window.IGF_SEARCH = "), js...), ";\n"...)); err != nil {
		return err
	}
	return b.render("search/index.html", "search", "Search", "search", nil)
}

func (b *builder) assets() error {
	for _, name := range []string{"site.css", "search.js"} {
		data, err := templates.SiteFS.ReadFile("site/" + name)
		if err != nil {
			return err
		}
		if err := b.put("assets/"+name, data); err != nil {
			return err
		}
	}
	return nil
}
