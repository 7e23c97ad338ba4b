package corpus

import (
	"fmt"
	"math/rand"
	"strings"
	"time"
)

// rec is one generated record. Its text is a pure function of the record and
// its history state (which items are ticked, how many notes, which name), so
// every commit can render any record again.
type rec struct {
	id, kind string // kind: meeting, decision, timeline
	body     *body
	date     time.Time
	seed     int64
	path     string // current path
	renamed  string // the path after its rename, if it gets one
	items    []*item
	notes    int    // follow-up notes added by later commits
	size     int    // target body size in bytes
	meeting  string // decision, timeline: the body's latest meeting before it
	index    int    // place in date order
}

type item struct {
	id, title string
	owners    []string
	due       string
	done      bool
	doneDate  string
	decision  bool
	milestone string // action: the milestone it serves
	children  []*item
	depends   []string // milestone: IDs it depends on
}

var verbs = []string{"Draft", "Circulate", "Prepare", "Review", "Finalise", "Share", "Collect", "Summarise",
	"Organise", "Contact", "Update", "Publish", "Translate", "Coordinate", "Propose", "Send"}
var objects = []string{"the terms of reference", "a cover letter for the report", "the session proposals",
	"the outreach plan", "the intersessional work programme", "the call for inputs", "the funding overview",
	"the draft messages", "the list of speakers", "the synthesis paper", "the survey results",
	"the host country agreement", "the capacity development plan", "the stakeholder mapping",
	"the consultation summary", "the annual report", "the workshop evaluation criteria", "the toolkit",
	"the key messages", "the budget proposal", "the communication to the NRIs", "the hybrid participation guide"}
var purposes = []string{"before the next meeting", "for the open consultation", "for the MAG's review",
	"for the Panel's review", "to the mailing list", "ahead of the annual meeting", "with the Secretariat",
	"in all six UN languages", "for comments within two weeks", "for the Secretary-General's office"}

var sentences = []string{
	"The meeting opened with a review of the action items from the previous call.",
	"Members discussed the preparations for the annual meeting and the themes proposed by the community.",
	"The Secretariat gave an update on the intersessional activities and on the status of the trust fund.",
	"Several participants stressed the importance of including underrepresented stakeholder groups.",
	"It was noted that the hybrid format requires further investment in remote participation tools.",
	"The group agreed to continue the discussion on the mailing list and to revisit it at the next meeting.",
	"A member recalled the recommendations of the Working Group on IGF Strengthening and Strategy.",
	"Participants welcomed the contributions received from the national and regional initiatives.",
	"The chair summarised the discussion and invited written comments on the draft document.",
	"Concerns were raised about the short timeline for the call for session proposals.",
	"The meeting considered the links between the Forum's work and the Global Digital Compact.",
	"The representative of the host country described the logistical arrangements for the venue.",
	"It was proposed that the outputs be translated and circulated to all stakeholder groups.",
	"The coalition reported on its annual report and on the outcomes of its last session.",
	"Members highlighted the need to align the work with the WSIS+20 review process.",
	"The discussion turned to the evaluation of the previous year's programme and its lessons.",
	"Participants asked the Secretariat to share the attendance figures broken down by region.",
	"There was broad support for a multi-year approach to the Forum's thematic programme.",
}

var places = []string{"Geneva", "New York", "Addis Ababa", "Kyoto", "Katowice", "Riyadh", "Berlin", "Paris",
	"Nairobi", "Rio de Janeiro", "Baku", "Bali", "Istanbul", "Joao Pessoa", "Guadalajara", "Sharm El Sheikh"}

// fuzzyDate writes a date near t in one of the forms records use.
func fuzzyDate(rnd *rand.Rand, t time.Time) string {
	y, m, d := t.Year(), int(t.Month()), t.Day()
	parts := []string{"early", "mid", "late"}
	switch x := rnd.Intn(100); {
	case x < 40:
		return t.Format("2006-01-02")
	case x < 60:
		return fmt.Sprintf("%04d-%02d", y, m)
	case x < 68:
		return fmt.Sprintf("%04d-Q%d", y, (m-1)/3+1)
	case x < 72:
		return fmt.Sprintf("%04d-H%d", y, (m-1)/6+1)
	case x < 75:
		return fmt.Sprint(y)
	case x < 85:
		return fmt.Sprintf("%04d-%02d-%s", y, m, parts[min((d-1)/10, 2)])
	case x < 89:
		return fmt.Sprintf("%04d-%s", y, parts[(m-1)/4])
	case x < 95:
		end := t.AddDate(0, 0, 1+rnd.Intn(40))
		return t.Format("2006-01-02") + "/" + end.Format("2006-01-02")
	}
	return "TBD"
}

func (g *gen) owner(rnd *rand.Rand) string {
	if rnd.Intn(40) == 0 {
		return "TBD"
	}
	return g.reg.owners[g.zipf.Uint64()]
}

func (g *gen) newItem(rnd *rand.Rand, id string, at time.Time) *item {
	it := &item{id: id}
	it.title = verbs[rnd.Intn(len(verbs))] + " " + objects[rnd.Intn(len(objects))] + " " + purposes[rnd.Intn(len(purposes))]
	it.owners = []string{g.owner(rnd)}
	if rnd.Intn(4) == 0 && it.owners[0] != "TBD" {
		if o := g.owner(rnd); o != "TBD" && o != it.owners[0] {
			it.owners = append(it.owners, o)
		}
	}
	due := at.AddDate(0, 0, 7+rnd.Intn(150))
	it.due = fuzzyDate(rnd, due)
	if rnd.Intn(5) == 0 {
		it.done = true
		if rnd.Intn(2) == 0 {
			it.doneDate = due.AddDate(0, 0, -rnd.Intn(7)).Format("2006-01-02")
		}
	}
	return it
}

// plan draws a record's items; its text comes later, from render.
func (g *gen) plan(r *rec, rnd *rand.Rand) {
	if r.kind != "meeting" && rnd.Intn(3) != 0 {
		r.meeting = g.lastMeeting[r.body.id]
	}
	switch r.kind {
	case "meeting":
		na := rnd.Intn(9)
		for i := 1; i <= na; i++ {
			it := g.newItem(rnd, fmt.Sprintf("%s-a%d", r.id, i), r.date)
			if rnd.Intn(8) == 0 {
				it.children = append(it.children, g.newItem(rnd, fmt.Sprintf("%s-a%d.1", r.id, i), r.date))
			}
			if len(g.milestones) > 0 && rnd.Intn(10) == 0 {
				it.milestone = g.milestones[rnd.Intn(len(g.milestones))]
			}
			r.items = append(r.items, it)
		}
		nd := rnd.Intn(5)
		for i := 1; i <= nd; i++ {
			r.items = append(r.items, &item{id: fmt.Sprintf("%s-d%d", r.id, i), decision: true,
				title: "The " + r.body.name + " agreed to " + strings.ToLower(verbs[rnd.Intn(len(verbs))]) + " " + objects[rnd.Intn(len(objects))] + " " + purposes[rnd.Intn(len(purposes))] + "."})
		}
	case "timeline":
		n := 3 + rnd.Intn(6)
		for i := 1; i <= n; i++ {
			it := g.newItem(rnd, fmt.Sprintf("%s-m%d", r.id, i), r.date.AddDate(0, i, 0))
			it.done = false
			if i > 1 && rnd.Intn(2) == 0 {
				it.depends = []string{fmt.Sprintf("%s-m%d", r.id, i-1)}
			}
			r.items = append(r.items, it)
		}
	}
	r.size = 1024 + int(rnd.ExpFloat64()*1800) // 1-8 KB, most near 2-3 KB
	if r.size > 7600 {
		r.size = 7600 - rnd.Intn(2000)
	}
}

func (g *gen) people(rnd *rand.Rand, b *body, n int) []string {
	pool := g.reg.byBody[b.id]
	if len(pool) == 0 {
		pool = g.reg.byBody["MAG"]
	}
	var out []string
	for i := 0; i < n && len(pool) > 0; i++ {
		p := pool[rnd.Intn(len(pool))]
		if !contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

func list(refs []string) string { return "[" + strings.Join(refs, ", ") + "]" }

// render writes the record's file as it stands in its current state.
func (g *gen) render(r *rec) []byte {
	rnd := rand.New(rand.NewSource(r.seed))
	var b strings.Builder
	b.Grow(r.size + 2048)
	switch r.kind {
	case "meeting":
		g.meetingFront(&b, r, rnd)
	case "decision":
		fmt.Fprintf(&b, "---\nid: %s\ntype: decision\ntitle: %s\nbody: %s\ndate: \"%s\"\n", r.id,
			yamlString(verbs[rnd.Intn(len(verbs))]+" "+objects[rnd.Intn(len(objects))]), r.body.id, r.date.Format("2006-01-02"))
		if r.meeting != "" {
			fmt.Fprintf(&b, "meeting: %s\n", r.meeting)
		}
		b.WriteString("supersedes: []\ntags: []\n---\n")
	case "timeline":
		g.timelineFront(&b, r, rnd)
	}
	fmt.Fprintf(&b, "# %s\n\n", r.body.name)
	for b.Len() < r.size/2 {
		writeParagraph(&b, rnd)
	}
	if r.kind == "meeting" {
		var decisions, actions []*item
		for _, it := range r.items {
			if it.decision {
				decisions = append(decisions, it)
			} else {
				actions = append(actions, it)
			}
		}
		if len(decisions) > 0 {
			b.WriteString("## Decisions\n\n")
			for _, it := range decisions {
				fmt.Fprintf(&b, "- %s {#%s}\n", it.title, it.id)
			}
			b.WriteString("\n")
		}
		if len(actions) > 0 {
			b.WriteString("## Action items\n\n")
			for _, it := range actions {
				writeAction(&b, it, "")
				for _, c := range it.children {
					writeAction(&b, c, "  ")
				}
			}
			b.WriteString("\n")
		}
	}
	for b.Len() < r.size {
		writeParagraph(&b, rnd)
	}
	// A task list in a quote or a code block is text, not an action: real
	// reports quote earlier minutes, so the corpus does too, now and then.
	if r.seed%9 == 0 {
		b.WriteString("> From the previous minutes:\n>\n> - [ ] Circulate the agenda @LF due:2020-01-10\n\n")
	}
	for i := 1; i <= r.notes; i++ {
		fmt.Fprintf(&b, "**Update %d.** %s\n\n", i, sentences[(int(r.seed)+i)%len(sentences)])
	}
	return []byte(b.String())
}

func writeParagraph(b *strings.Builder, rnd *rand.Rand) {
	n := 2 + rnd.Intn(5)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(sentences[rnd.Intn(len(sentences))])
	}
	b.WriteString("\n\n")
}

func writeAction(b *strings.Builder, it *item, indent string) {
	box := " "
	if it.done {
		box = "x"
	}
	fmt.Fprintf(b, "%s- [%s] %s", indent, box, it.title)
	for _, o := range it.owners {
		b.WriteString(" @" + o)
	}
	if it.milestone != "" {
		b.WriteString(" milestone:" + it.milestone)
	}
	if it.due != "" {
		b.WriteString(" due:" + it.due)
	}
	if it.done && it.doneDate != "" {
		b.WriteString(" done:" + it.doneDate)
	}
	fmt.Fprintf(b, " {#%s}\n", it.id)
}

// IANA zones by their canonical names: backward links such as Europe/Geneva
// are missing where the tzdata package drops them (Debian 12 since 2024b).
var zones = []string{"UTC", "UTC", "UTC", "UTC", "UTC", "+03:00", "-05:00", "local", "Europe/Zurich", "America/New_York"}

func (g *gen) meetingFront(b *strings.Builder, r *rec, rnd *rand.Rand) {
	date := r.date.Format("2006-01-02")
	format := []string{"virtual", "virtual", "in-person", "hybrid"}[rnd.Intn(4)]
	location := "Online"
	if format != "virtual" {
		location = places[rnd.Intn(len(places))]
		if rnd.Intn(3) == 0 {
			date += "/" + r.date.AddDate(0, 0, 1+rnd.Intn(3)).Format("2006-01-02")
		}
	}
	h := 7 + rnd.Intn(10)
	fmt.Fprintf(b, "---\nid: %s\ntype: meeting\ntitle: %s\nbody: %s\ndate: \"%s\"\n", r.id,
		yamlString(fmt.Sprintf("%s %s meeting", r.body.name, format)), r.body.id, date)
	if rnd.Intn(6) != 0 {
		zone := zones[rnd.Intn(len(zones))]
		if rnd.Intn(3) == 0 {
			fmt.Fprintf(b, "time: \"%02d:00 %s\"\n", h, zone)
		} else {
			fmt.Fprintf(b, "time: \"%02d:00-%02d:30 %s\"\n", h, h+1, zone)
		}
	}
	fmt.Fprintf(b, "format: %s\nlocation: %s\n", format, yamlString(location))
	attendees := g.people(rnd, r.body, 3+rnd.Intn(14))
	chair := attendees[:1]
	fmt.Fprintf(b, "chair: %s\nmoderators: []\nhost: []\n", list(chair))
	if len(attendees) > 8 {
		b.WriteString("attendees:\n")
		for _, a := range attendees {
			b.WriteString("  - " + a + "\n")
		}
	} else {
		fmt.Fprintf(b, "attendees: %s\n", list(attendees))
	}
	var regrets []string
	for _, p := range g.people(rnd, r.body, rnd.Intn(4)) {
		if !contains(attendees, p) {
			regrets = append(regrets, p)
		}
	}
	fmt.Fprintf(b, "regrets: %s\nadvisors: []\n", list(regrets))
	sect := []string{}
	if len(g.reg.sect) > 0 {
		sect = append(sect, g.reg.sect[rnd.Intn(len(g.reg.sect))])
	}
	fmt.Fprintf(b, "secretariat: %s\nspeakers: []\norganisers: []\nrapporteur: []\n", list(sect))
	b.WriteString("agenda:\n")
	for i := 0; i < 1+rnd.Intn(4); i++ {
		fmt.Fprintf(b, "  - %s\n", yamlString(verbs[rnd.Intn(len(verbs))]+" "+objects[rnd.Intn(len(objects))]))
	}
	if rnd.Intn(2) == 0 {
		next := r.date.AddDate(0, 1, rnd.Intn(20))
		fmt.Fprintf(b, "next_meeting:\n  date: \"%s\"\n  location: Online\n  note: proposed\n  id: \"\"\n", fuzzyDate(rnd, next))
	}
	b.WriteString("items: action\nsources:\n")
	fmt.Fprintf(b, "  - title: %s\n    url: \"\"\n", yamlString(fmt.Sprintf("%s, meeting of %s", r.body.name, r.date.Format("2 January 2006"))))
	fmt.Fprintf(b, "tags: [%s, igf-%d]\n---\n", r.body.slug, r.date.Year())
}

func (g *gen) timelineFront(b *strings.Builder, r *rec, rnd *rand.Rand) {
	end := r.date.AddDate(0, len(r.items)+1, 0)
	fmt.Fprintf(b, "---\nid: %s\ntype: timeline\ntitle: %s\nbody: %s\n", r.id,
		yamlString("Process timeline: "+objects[rnd.Intn(len(objects))]), r.body.id)
	if r.meeting != "" {
		fmt.Fprintf(b, "meeting: %s\n", r.meeting)
	}
	fmt.Fprintf(b, "start: \"%s\"\nend: \"%s\"\nmilestones:\n", r.date.Format("2006-01-02"), end.Format("2006-01"))
	for _, it := range r.items {
		fmt.Fprintf(b, "  - id: %s\n    title: %s\n    objective: %s\n    tasks:\n      - %s\n      - %s\n",
			it.id, yamlString(it.title), yamlString(sentences[rnd.Intn(len(sentences))]),
			yamlString(verbs[rnd.Intn(len(verbs))]+" "+objects[rnd.Intn(len(objects))]),
			yamlString(verbs[rnd.Intn(len(verbs))]+" "+objects[rnd.Intn(len(objects))]))
		if it.owners[0] != "TBD" {
			fmt.Fprintf(b, "    owners: %s\n    responsible: %s\n", list(it.owners), strings.Join(it.owners, " "))
		}
		fmt.Fprintf(b, "    due: \"%s\"\n", it.due)
		if rnd.Intn(3) == 0 {
			fmt.Fprintf(b, "    checkpoints:\n      - {label: Mid-evaluation, date: \"%s\"}\n", r.date.AddDate(0, 1, 0).Format("2006-01"))
		}
		if len(it.depends) > 0 {
			fmt.Fprintf(b, "    depends_on: %s\n", list(it.depends))
		}
		status := "open"
		if it.done {
			status = "done"
		}
		fmt.Fprintf(b, "    status: %s\n", status)
	}
	b.WriteString("---\n")
}
