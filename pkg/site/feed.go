package site

import (
	"bytes"
	"encoding/xml"
	"sort"
	"strings"
	"time"

	"github.com/igf-records/igf/pkg/core/dates"
)

// The Atom feed (RFC 4287) of meetings and decisions, newest first. Links
// are relative to the feed, which sits at the top of the site: a reader
// resolves them against the address it fetched the feed from.

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomText struct {
	Type string `xml:"type,attr,omitempty"`
	Text string `xml:",chardata"`
}

type atomEntry struct {
	Title    string    `xml:"title"`
	ID       string    `xml:"id"`
	Updated  string    `xml:"updated"`
	Link     atomLink  `xml:"link"`
	Summary  *atomText `xml:"summary,omitempty"`
	Category *struct {
		Term string `xml:"term,attr"`
	} `xml:"category,omitempty"`
}

type atomFeed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Author  struct {
		Name string `xml:"name"`
	} `xml:"author"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

// atomID is an entry's permanent ID: a tag URI (RFC 4151) from the record
// or item ID, which never changes.
func atomID(id string) string { return "tag:igf-records.org,2024:" + strings.ToLower(id) }

func atomTime(d dates.Date) string {
	if d.IsTBD() || d.IsZero() {
		return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).Format(time.RFC3339)
	}
	return d.Start.Format(time.RFC3339)
}

func (b *builder) feed() error {
	type dated struct {
		d dates.Date
		e atomEntry
	}
	var all []dated
	for _, r := range b.meetings {
		p := recordPage(r)
		if p == "" {
			continue
		}
		sum := r.Date.Human()
		if r.Location != "" {
			sum += ", " + r.Location
		}
		all = append(all, dated{r.Date, atomEntry{Title: "Meeting: " + r.Title, ID: atomID(r.ID), Updated: atomTime(r.Date),
			Link: atomLink{Href: p}, Summary: &atomText{Type: "text", Text: sum}}})
	}
	for _, d := range b.decisionItems() {
		if d.Page == "" {
			continue
		}
		sum := d.Date.Human()
		if d.From != nil {
			sum += ", " + d.From.Title
		}
		all = append(all, dated{d.Date, atomEntry{Title: "Decision: " + d.Title, ID: atomID(d.ID), Updated: atomTime(d.Date),
			Link: atomLink{Href: d.Page}, Summary: &atomText{Type: "text", Text: sum}}})
	}
	sort.SliceStable(all, func(i, j int) bool { return dates.Compare(all[i].d, all[j].d) > 0 })
	f := atomFeed{Title: "IGF records: meetings and decisions", ID: atomID("site"), Links: []atomLink{{Href: "index.html", Type: "text/html"}}}
	if b.o.Public {
		f.Title += " (public edition)"
	}
	f.Author.Name = "IGF Secretariat"
	f.Updated = atomTime(dates.Date{})
	for _, d := range all {
		if f.Updated < d.e.Updated {
			f.Updated = d.e.Updated
		}
		f.Entries = append(f.Entries, d.e)
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		return err
	}
	buf.WriteByte('\n')
	return b.put("feed.xml", buf.Bytes())
}
