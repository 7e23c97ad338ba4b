package site

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"sync"

	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/render"
)

// The pages there are thousands of (a meeting's, a person's) are written
// by Go code here rather than by their templates in pages.html.tmpl: the
// templates' reflective calls were most of those pages' time, a tenth of
// a 10,000-record build. Each writes what its template writes, byte for
// byte (TestPagesAreTheTemplates); every record value goes through
// escapeText, html/template's escaping, or is HTML a template made (links,
// states, sources, the frame).

// frame is the "head" and "foot" templates' output for the pages at one
// depth in one section, with the place of the page's title: only the
// title differs between those pages.
type frame struct {
	beforeTitle, afterTitle, foot string
}

// frameKey is a frame in the builder's cache.
type frameKey struct{ root, section string }

// titleMark stands for the title when the frame is made: html/template
// writes it as it is (no character in it is escaped).
const titleMark = "igf-page-title-d41d8cd9"

func (b *builder) frame(p page) (frame, error) {
	k := frameKey{p.Root, p.Section}
	if f, ok := b.links.Load(k); ok {
		return f.(frame), nil
	}
	p.Title = titleMark
	var head, foot strings.Builder
	if err := b.tmpl.ExecuteTemplate(&head, "head", p); err != nil {
		return frame{}, err
	}
	if err := b.tmpl.ExecuteTemplate(&foot, "foot", p); err != nil {
		return frame{}, err
	}
	before, after, ok := strings.Cut(head.String(), titleMark)
	if !ok || strings.Contains(after, titleMark) {
		return frame{}, fmt.Errorf(`the "head" template must show the title once`)
	}
	f := frame{beforeTitle: before, afterTitle: after, foot: foot.String()}
	b.links.Store(k, f)
	return f, nil
}

// pageWriter collects a page's HTML and the first error of the helpers
// that make parts of it.
type pageWriter struct {
	out []byte
	err error
}

func (w *pageWriter) raw(s string) { w.out = append(w.out, s...) }

// text writes s escaped, as a template writes a string.
func (w *pageWriter) text(s string) { w.out = appendEscaped(w.out, s) }

// html writes what a helper made, or keeps its error.
func (w *pageWriter) html(h template.HTML, err error) {
	if err != nil && w.err == nil {
		w.err = err
	}
	w.out = append(w.out, h...)
}

// writePage writes the page p in its frame, its content written by fill.
func (b *builder) writePage(file string, p page, fill func(w *pageWriter)) error {
	w := pageBuffers.Get().(*pageWriter)
	defer func() {
		// A buffer is kept for the next page unless one page made it huge.
		if cap(w.out) <= 4<<20 {
			*w = pageWriter{out: w.out[:0]}
			pageBuffers.Put(w)
		}
	}()
	if err := b.fillPage(w, p, fill); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	return b.put(file, w.out)
}

// pageBuffers are pages' buffers, used again by the next page (a Sink's
// writer, an io.Writer, keeps none of what it is given): appending a
// page of tens of kilobytes to a new buffer was most of the pages' memory.
var pageBuffers = sync.Pool{New: func() any { return &pageWriter{out: make([]byte, 0, 64<<10)} }}

// fillPage appends the page p to w: its frame, and its content written by fill.
func (b *builder) fillPage(w *pageWriter, p page, fill func(w *pageWriter)) error {
	f, err := b.frame(p)
	if err != nil {
		return err
	}
	w.raw(f.beforeTitle)
	w.text(p.Title)
	w.raw(f.afterTitle)
	fill(w)
	w.raw(f.foot)
	return w.err
}

// meetingData is what a meeting's page shows besides the record.
type meetingData struct {
	R                *record.Record
	Roles            []role
	Prev, Next       *record.Record
	Decisions, Items []*record.Item
}

// writeMeeting writes what the "meeting" template writes.
func (b *builder) writeMeeting(w *pageWriter, root string, d meetingData) {
	m := d.R
	w.raw("\n<h1>")
	w.text(m.Title)
	w.raw("</h1>\n<dl class=\"facts\">\n<dt>ID</dt><dd>")
	w.text(m.ID)
	w.raw("</dd>\n<dt>Date</dt><dd>")
	w.text(render.HumanDate(m.Date))
	if m.TimeText != "" {
		w.raw(", ")
		w.text(m.TimeText)
	}
	w.raw("</dd>")
	if m.Body != "" {
		w.raw("<dt>Body</dt><dd>")
		w.html(b.refHTML(root, m.Body))
		w.raw("</dd>")
	}
	if m.Format != "" {
		w.raw("<dt>Format</dt><dd>")
		w.text(m.Format)
		w.raw("</dd>")
	}
	if m.Location != "" {
		w.raw("<dt>Location</dt><dd>")
		w.text(m.Location)
		w.raw("</dd>")
	}
	if n := m.NextMeeting; n != nil {
		w.raw("<dt>Next meeting</dt><dd>")
		w.text(render.HumanDate(n.Date))
		if n.Location != "" {
			w.raw(", ")
			w.text(n.Location)
		}
		if n.Note != "" {
			w.raw("<br><small>")
			w.text(n.Note)
			w.raw("</small>")
		}
		w.raw("</dd>")
	}
	w.raw("\n</dl>\n<nav class=\"prevnext\" aria-label=\"Meetings of the same body\">\n<ul>\n<li>")
	b.writeNeighbour(w, root, "Previous: ", d.Prev, "No earlier meeting of this body")
	w.raw("</li>\n<li>")
	b.writeNeighbour(w, root, "Next: ", d.Next, "No later meeting of this body")
	w.raw("</li>\n</ul>\n</nav>\n<section>\n<h2>Attendance</h2>")
	if len(d.Roles) > 0 {
		w.raw("\n<div class=\"scroll\">\n<table>\n<caption>Who took part, by role (regrets: sent apologies)</caption>\n" +
			"<thead><tr><th scope=\"col\">Role</th><th scope=\"col\" class=\"num\">Number</th><th scope=\"col\">People</th></tr></thead>\n<tbody>")
		for _, r := range d.Roles {
			w.raw("\n<tr><th scope=\"row\">")
			w.text(r.Role)
			w.raw("</th><td class=\"num\">")
			w.raw(strconv.Itoa(len(r.People)))
			w.raw("</td><td>")
			b.writeRefLinks(w, root, r.People)
			w.raw("</td></tr>")
		}
		w.raw("\n</tbody>\n</table>\n</div>")
	} else {
		w.raw("\n<p>The record lists no one.</p>")
	}
	w.raw("\n</section>\n<section>\n<h2>Decisions</h2>")
	if len(d.Decisions) > 0 {
		w.raw("\n<ul class=\"decisions\">")
		for _, it := range d.Decisions {
			w.raw("\n<li id=\"")
			w.text(anchor(it.ID))
			w.raw("\"><strong>")
			w.text(it.ID)
			w.raw("</strong>: ")
			w.text(it.Title)
			w.raw("</li>")
		}
		w.raw("\n</ul>")
	} else {
		w.raw("\n<p>The record holds no decision.</p>")
	}
	w.raw("\n</section>\n<section>\n<h2>Action items and recommendations</h2>")
	if len(d.Items) > 0 {
		w.raw("\n<div class=\"scroll\">\n<table>\n<caption>Items of this meeting with their status on ")
		w.text(render.HumanDate(b.o.Today))
		w.raw("</caption>\n<thead><tr><th scope=\"col\">ID</th><th scope=\"col\">Kind</th><th scope=\"col\">Item</th>" +
			"<th scope=\"col\">Owners</th><th scope=\"col\">Due</th><th scope=\"col\">Status</th></tr></thead>\n<tbody>")
		for _, it := range d.Items {
			w.raw("\n<tr id=\"")
			w.text(anchor(it.ID))
			w.raw("\"><td>")
			w.text(it.ID)
			w.raw("</td><td>")
			w.text(it.Kind)
			w.raw("</td><td>")
			b.writeItemCells(w, root, it)
			w.raw("</td></tr>")
		}
		w.raw("\n</tbody>\n</table>\n</div>")
	} else {
		w.raw("\n<p>The record holds no action item or recommendation.</p>")
	}
	w.raw("\n</section>\n<section>\n<h2>Sources</h2>")
	if len(m.Sources) > 0 {
		// Sources are few, and their links need html/template's URL
		// escaping: the "sources" template writes them.
		var s strings.Builder
		err := b.tmpl.ExecuteTemplate(&s, "sources", m.Sources)
		w.html(template.HTML(s.String()), err)
	} else {
		w.raw("\n<p>The record names no source.</p>")
	}
	w.raw("\n</section>\n<section class=\"minutes\">\n<h2>Minutes</h2>\n<div class=\"report\">\n")
	w.html(b.body(m), nil)
	w.raw("\n</div>\n</section>\n")
}

// writeNeighbour writes label and the link to r, a meeting of the same
// body, or none when there is no such meeting.
func (b *builder) writeNeighbour(w *pageWriter, root, label string, r *record.Record, none string) {
	if r == nil {
		w.raw(none)
		return
	}
	w.raw(label)
	w.html(b.linkHTML(Link{Root: root, Path: recordPage(r), Text: r.Title}))
}

// writeItemCells writes an item's title, owners, due date and status, the
// cells between their <td> tags, in every table of items.
func (b *builder) writeItemCells(w *pageWriter, root string, it *record.Item) {
	w.text(it.Title)
	w.raw("</td><td>")
	b.writeRefLinks(w, root, it.Owners)
	w.raw("</td><td>")
	w.text(render.DueText(it.Due))
	w.raw("</td><td>")
	w.html(b.statusHTML(it))
}

// anchor is an ID as a fragment of a page's address ("" when it cannot be one).
func anchor(id string) string {
	a, err := record.PathID(id)
	if err != nil {
		return ""
	}
	return a
}

// personData is what a person's page shows besides the registry entry.
type personData struct {
	P            *record.Person
	Meetings     []attended
	Open, Closed []*record.Item
	ICS          string // the calendar's file name, beside the page
}

// writePerson writes what the "person" template writes.
func (b *builder) writePerson(w *pageWriter, root string, d personData) {
	p := d.P
	w.raw("\n<h1>")
	w.text(p.Display())
	w.raw("</h1>\n<dl class=\"facts\">\n<dt>ID</dt><dd>")
	w.text(p.ID)
	w.raw("</dd>")
	if p.Initials != "" {
		w.raw("<dt>Initials</dt><dd>")
		w.text(p.Initials)
		w.raw("</dd>")
	}
	if len(p.Aliases) > 0 {
		w.raw("<dt>Also written</dt><dd>")
		w.text(strings.Join(p.Aliases, ", "))
		w.raw("</dd>")
	}
	if p.Note != "" {
		w.raw("<dt>Note</dt><dd>")
		w.text(p.Note)
		w.raw("</dd>")
	}
	// The calendar's name is an ID's letters, digits, dots and hyphens
	// (plainPath), which html/template's URL escaping leaves as they are.
	w.raw("\n<dt>Calendar</dt><dd><a href=\"")
	w.raw(d.ICS)
	w.raw("\">Subscribe to ")
	w.text(p.Display())
	w.raw("'s due dates and meetings (.ics)</a></dd>\n</dl>\n<section>\n<h2>Memberships</h2>\n")
	rows := make([]member, 0, len(p.Memberships))
	for _, m := range p.Memberships {
		rows = append(rows, member{M: m})
	}
	var terms strings.Builder
	err := b.tmpl.ExecuteTemplate(&terms, "terms", termTable{Root: root, Caption: "Memberships with their terms", First: "Body", Person: true, Rows: rows})
	w.html(template.HTML(terms.String()), err)
	w.raw("\n</section>\n<section>\n<h2>Meetings attended</h2>")
	if len(d.Meetings) > 0 {
		w.raw("\n<ul>")
		for _, m := range d.Meetings {
			w.raw("\n<li>")
			w.text(render.HumanDate(m.R.Date))
			w.raw(": ")
			w.html(b.linkHTML(Link{Root: root, Path: recordPage(m.R), Text: m.R.Title}))
			w.raw(" (")
			w.text(strings.Join(m.Roles, ", "))
			w.raw(")</li>")
		}
		w.raw("\n</ul>")
	} else {
		w.raw("\n<p>No meeting record lists ")
		w.text(p.Display())
		w.raw(".</p>")
	}
	w.raw("\n</section>\n<section>\n<h2>Open items</h2>")
	if len(d.Open) > 0 {
		b.writeItems(w, root, "Open items this person holds", d.Open, true)
	} else {
		w.raw("<p>Nothing open.</p>")
	}
	w.raw("\n</section>\n<section>\n<h2>Done and cancelled items</h2>")
	if len(d.Closed) > 0 {
		b.writeItems(w, root, "Done and cancelled items this person held", d.Closed, true)
	} else {
		w.raw("<p>None.</p>")
	}
	w.raw("\n</section>\n")
}

// writeItems writes what the "items" template writes.
func (b *builder) writeItems(w *pageWriter, root, caption string, items []*record.Item, showRecord bool) {
	w.raw("\n<div class=\"scroll\">\n<table>\n<caption>")
	w.text(caption)
	w.raw("</caption>\n<thead><tr><th scope=\"col\">ID</th><th scope=\"col\">Item</th><th scope=\"col\">Owners</th><th scope=\"col\">Due</th><th scope=\"col\">Status</th>")
	if showRecord {
		w.raw("<th scope=\"col\">From</th>")
	}
	w.raw("</tr></thead>\n<tbody>")
	b.writeItemRows(w, root, items, showRecord)
	w.raw("\n</tbody>\n</table>\n</div>\n")
}

// plainPath says whether a relative address is only ASCII letters, digits,
// dots and hyphens: written into a page as it is.
func plainPath(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-') {
			return false
		}
	}
	return s != ""
}
