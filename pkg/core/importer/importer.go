// Package importer turns minutes written without front matter — Markdown,
// plain text or HTML — into a proposed igf record: the meeting's date, title
// and body, its attendees and regrets matched against the registry, its
// action items and decisions as tracked items with fresh IDs, and the
// original text kept byte for byte below the front matter. Alongside the
// record it says what it inferred, from where, and what it could not: a
// name not in the registry, a deadline it could not read as a date. It never
// guesses: an owner it cannot match is @TBD, a date it cannot read is TBD,
// and both are said.
//
// It is pure: text in, a proposal out; no files, no git. igf import writes
// what it proposes.
package importer

import (
	"crypto/sha256"
	"encoding/hex"
	"path"
	"strings"

	"github.com/igf-records/igf/pkg/core/record"
)

// Format is how an input is written.
type Format uint8

const (
	Markdown Format = iota + 1
	Text
	HTML
)

func (f Format) String() string {
	switch f {
	case Markdown:
		return "markdown"
	case Text:
		return "text"
	case HTML:
		return "html"
	}
	return "unknown"
}

// FormatOf tells a file's format from its name: .md and .markdown are
// Markdown, .txt and .text plain text, .html and .htm HTML. Other formats
// (Word, PDF, OpenDocument) are turned into Markdown first, with pandoc.
func FormatOf(name string) (Format, bool) {
	switch strings.ToLower(path.Ext(name)) {
	case ".md", ".markdown":
		return Markdown, true
	case ".txt", ".text":
		return Text, true
	case ".html", ".htm", ".xhtml":
		return HTML, true
	}
	return 0, false
}

// Input is one file of minutes.
type Input struct {
	Name   string // the file's path as given; its base name is read for a date
	Data   []byte // its bytes, kept byte for byte as the record's body
	Format Format
}

// Options steer an import.
type Options struct {
	// Body is the registry body that met (--body); without it the body is
	// the one whose name the title holds, if exactly one does.
	Body string
	// AddPeople proposes a registry entry (expanded: false, marked imported)
	// for each person named but not in the registry, and lists them.
	AddPeople bool
}

// Proposal is what an import makes of one file.
type Proposal struct {
	Source    string      `json:"source"`
	Format    string      `json:"format"`
	Hash      string      `json:"sha256"`
	ID        string      `json:"id,omitempty"`
	Title     string      `json:"title,omitempty"`
	Body      string      `json:"body,omitempty"`
	Date      string      `json:"date,omitempty"`
	Time      string      `json:"time,omitempty"`
	Attendees []string    `json:"attendees"`
	Regrets   []string    `json:"regrets"`
	Actions   []Action    `json:"actions"`
	Decisions []Decision  `json:"decisions"`
	NewPeople []NewPerson `json:"new_people,omitempty"`
	Unmatched []Mention   `json:"unmatched"`
	Inferred  []Note      `json:"inferred"`
	Missed    []Note      `json:"not_inferred"`
	Record    []byte      `json:"-"`
	people    []*record.Person
}

// Action is an action item the text gives.
type Action struct {
	ID     string   `json:"id"`
	Title  string   `json:"title"`
	Owners []string `json:"owners"` // registry refs, or TBD
	Due    string   `json:"due"`    // an igf date, or TBD
	Line   int      `json:"line"`
	// InPlace: a task item the text already writes ("- [ ] ..."), completed
	// where it stands with the owner, due and ID tokens it lacked.
	InPlace bool `json:"in_place,omitempty"`
	at      int  // InPlace: the byte offset in the text where the tokens go
}

// Decision is a decision the text records.
type Decision struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Line  int    `json:"line"`
}

// Mention is a person the text names whom the registry does not have.
type Mention struct {
	Name    string `json:"name"`    // as a registry entry would name them
	Written string `json:"written"` // as the text writes it
	Role    string `json:"role"`    // attendees, regrets or owner
	Line    int    `json:"line"`
}

// NewPerson is a registry entry proposed for a Mention (--add-people).
type NewPerson struct {
	ID      string `json:"id"`
	Written string `json:"written"`
}

// Note is one thing inferred, or not, and where the text says it.
type Note struct {
	What string `json:"what"`
	Line int    `json:"line,omitempty"`
}

// People are the registry entries the proposal needs added (--add-people).
func (p *Proposal) People() []*record.Person { return p.people }

// HashOf names an input by its content, so a second import of the same
// bytes is known whatever the file is called.
func HashOf(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}
