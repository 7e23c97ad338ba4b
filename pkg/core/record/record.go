// Package record is igf's model of governance records: meetings, decisions,
// timelines and the registry of people and bodies, and the items inside them
// (actions, recommendations, decisions, milestones). It knows nothing of files,
// git or the command line: sources build records, commands ask questions of them.
package record

import (
	"github.com/igf-records/igf/pkg/core/dates"
)

// Record types.
const (
	TypeMeeting  = "meeting"
	TypeDecision = "decision"
	TypeTimeline = "timeline"
	TypeRegistry = "registry"
)

// Item kinds.
const (
	KindAction         = "action"
	KindRecommendation = "recommendation"
	KindDecision       = "decision"
	KindMilestone      = "milestone"
)

// Item statuses.
const (
	StatusOpen      = "open"
	StatusDone      = "done"
	StatusCancelled = "cancelled"
)

// Visibility values. Restricted things are left out of every public output
// (igf site build --public, igf report ... --public); public is the default.
const (
	VisibilityPublic     = "public"
	VisibilityRestricted = "restricted"
)

// TBD is the reserved owner that says the source leaves the owner open.
const TBD = "TBD"

// Pos is a 1-based line and column in a record's file.
type Pos struct {
	Line int `json:"line"`
	Col  int `json:"col"`
}

// Source is a document a record was taken from.
type Source struct {
	Title      string `json:"title,omitempty" yaml:"title"`
	URL        string `json:"url,omitempty" yaml:"url"`
	Note       string `json:"note,omitempty" yaml:"note"`
	Visibility string `json:"visibility,omitempty" yaml:"visibility"` // a recording link may be restricted
}

// NextMeeting is what a meeting says of the one after it.
type NextMeeting struct {
	Date     dates.Date `json:"date"`
	ID       string     `json:"id,omitempty"`
	Location string     `json:"location,omitempty"`
	Note     string     `json:"note,omitempty"`
	Pos      Pos        `json:"-"`
}

// Checkpoint is a dated step inside a milestone ("Mid-evaluation 1 July 2024").
type Checkpoint struct {
	Label string     `json:"label"`
	Date  dates.Date `json:"date"`
}

// Record is one file: its front matter, decoded, and the items of its body.
type Record struct {
	Path  string `json:"path"` // slash-separated, relative to the records root
	ID    string `json:"id"`
	Type  string `json:"type"`
	Title string `json:"title"`
	Body  string `json:"body,omitempty"` // the registry body that met, decided or owns it

	Date     dates.Date   `json:"date,omitzero"`
	Time     *dates.Clock `json:"-"`
	TimeText string       `json:"time,omitempty"`
	Format   string       `json:"format,omitempty"`
	Location string       `json:"location,omitempty"`

	// People by role: chair, moderators, host, attendees, regrets, advisors,
	// secretariat, speakers, organisers, rapporteur. Values are registry refs.
	People map[string][]string `json:"people,omitempty"`

	Agenda      []string     `json:"agenda,omitempty"`
	NextMeeting *NextMeeting `json:"next_meeting,omitempty"`
	Meeting     string       `json:"meeting,omitempty"`    // decision, timeline: where it was taken
	Supersedes  []string     `json:"supersedes,omitempty"` // decision
	Start       dates.Date   `json:"start,omitzero"`       // timeline
	End         dates.Date   `json:"end,omitzero"`         // timeline
	ItemKind    string       `json:"items,omitempty"`      // kind of the body's task items
	Sources     []Source     `json:"sources,omitempty"`
	Tags        []string     `json:"tags,omitempty"`
	Visibility  string       `json:"visibility,omitempty"` // restricted: the whole record
	Restricted  []string     `json:"restricted,omitempty"` // front-matter fields withheld from public outputs

	Items    []*Item   `json:"-"`
	Registry *Registry `json:"-"`

	Pos      Pos            `json:"-"` // where the front matter starts
	FieldPos map[string]Pos `json:"-"` // JSON-pointer path of a front-matter field -> position
	BodyLine int            `json:"-"` // file line of the body's first line
	Text     string         `json:"-"` // the Markdown body
}

// IsRestricted reports whether a visibility value withholds its thing. Any
// value but public (or none) does: a misspelt "restriced" must not publish
// what its writer meant to withhold (validate reports the spelling).
func IsRestricted(visibility string) bool {
	return visibility != "" && visibility != VisibilityPublic
}

// PeopleRoles lists the person fields of a meeting that say who took part
// (or, regrets, who sent apologies), in the order reports show them.
var PeopleRoles = []string{"chair", "moderators", "host", "attendees", "regrets", "advisors", "secretariat", "speakers", "organisers", "rapporteur"}

// ExpectedRole is the meeting field `igf new meeting` fills with the body's
// members on the day: who is expected, not who came. Reports never read
// attendance from it; the secretary moves each name to attendees or regrets.
const ExpectedRole = "expected"

// PersonFields are every meeting field that holds registry refs: the roles
// and expected.
var PersonFields = append(PeopleRoles[:len(PeopleRoles):len(PeopleRoles)], ExpectedRole)

// FieldAt is the position of a front-matter field, or the record's start.
func (r *Record) FieldAt(pointer string) Pos {
	if p, ok := r.FieldPos[pointer]; ok {
		return p
	}
	return r.Pos
}

// Item is anything in a record that can be tracked or cited by ID.
type Item struct {
	ID       string     `json:"id"`
	Kind     string     `json:"kind"`
	Title    string     `json:"title"`
	Owners   []string   `json:"owners"`
	Due      dates.Date `json:"due"`
	Start    dates.Date `json:"start,omitzero"`
	Status   string     `json:"status,omitempty"`
	DoneDate dates.Date `json:"done_date,omitzero"`
	Parent   string     `json:"parent,omitempty"`

	Milestone   string       `json:"milestone,omitempty"` // action: the milestone it serves
	Objective   string       `json:"objective,omitempty"`
	Tasks       []string     `json:"tasks,omitempty"`
	Responsible string       `json:"responsible,omitempty"`
	Checkpoints []Checkpoint `json:"checkpoints,omitempty"`
	DependsOn   []string     `json:"depends_on,omitempty"`
	Note        string       `json:"note,omitempty"`
	Visibility  string       `json:"visibility,omitempty"` // restricted: the item (and its parts)

	Record *Record `json:"-"`
	Pos    Pos     `json:"-"`
	// Lines are the first and last file lines of a body item's list entry,
	// nested entries included (0 for milestones): what a public copy cuts.
	Lines [2]int `json:"-"`
	// Marks where the checkbox is in the file ("[ ]" or "[x]"), for editing in place.
	CheckboxOffset int `json:"-"` // byte offset of '[' in the file; -1 if none
	// DueText and friends keep what was written, so errors quote it.
	DueText string `json:"-"`
}

// Open reports whether the item still needs doing.
func (it *Item) Open() bool { return it.Status == StatusOpen }

// Trackable reports whether the item has an open/done life (decisions do not).
func (it *Item) Trackable() bool { return it.Kind != KindDecision }

// Person is a registry entry for someone records refer to.
type Person struct {
	ID          string       `json:"id" yaml:"id"`
	Name        string       `json:"name,omitempty" yaml:"name"`
	Initials    string       `json:"initials,omitempty" yaml:"initials"`
	Aliases     []string     `json:"aliases,omitempty" yaml:"aliases"`
	Expanded    *bool        `json:"expanded,omitempty" yaml:"expanded"`
	Memberships []Membership `json:"memberships,omitempty" yaml:"memberships"`
	Note        string       `json:"note,omitempty" yaml:"note"`
	Restricted  []string     `json:"restricted,omitempty" yaml:"restricted"` // fields withheld from public outputs
	Pos         Pos          `json:"-" yaml:"-"`
}

// Unexpanded reports whether the sources give only initials for this person.
func (p *Person) Unexpanded() bool { return p.Expanded != nil && !*p.Expanded }

// Display is the person's name, or their initials marked as unexpanded.
func (p *Person) Display() string {
	switch {
	case p.Name != "":
		return p.Name
	case p.Initials != "":
		return p.Initials + " (not expanded in the sources)"
	}
	return p.ID
}

// Membership is a person's role in a body over a term. The term is what
// the sources give: from and to (either may be partial, "2022-08", or
// missing), and days the person is seen in the role (attending a meeting of
// the body) when the sources date nothing else.
type Membership struct {
	Body string   `json:"body" yaml:"body"`
	Role string   `json:"role,omitempty" yaml:"role"`
	From string   `json:"from,omitempty" yaml:"from"`
	To   string   `json:"to,omitempty" yaml:"to"`
	Seen []string `json:"seen,omitempty" yaml:"seen"`
	Note string   `json:"note,omitempty" yaml:"note"`
}

// Body is an organ, group or office that meets, decides or owns items.
type Body struct {
	ID         string   `json:"id" yaml:"id"`
	Name       string   `json:"name,omitempty" yaml:"name"`
	Kind       string   `json:"kind,omitempty" yaml:"kind"`
	Parent     string   `json:"parent,omitempty" yaml:"parent"`
	Aliases    []string `json:"aliases,omitempty" yaml:"aliases"`
	Note       string   `json:"note,omitempty" yaml:"note"`
	Restricted []string `json:"restricted,omitempty" yaml:"restricted"` // fields withheld from public outputs
	Pos        Pos      `json:"-" yaml:"-"`
}

// Registry names the people and bodies of a repository.
type Registry struct {
	People []*Person
	Bodies []*Body
	// Passthrough lists front-matter fields that belong to other tools (a
	// static-site generator's layout, permalink, weight): records may carry
	// them, igf keeps them byte for byte and never reads them.
	Passthrough []string
}
