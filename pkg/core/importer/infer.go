package importer

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/parse"
	"github.com/igf-records/igf/pkg/core/record"
)

// Section headings, by what they hold.
var (
	attendanceHeading = regexp.MustCompile(`(?i)\b(?:present|attendees|attendance|attending|participants|members present|in attendance|regrets|apologies|absent|absentees)\b`)
	regretsHeading    = regexp.MustCompile(`(?i)\b(?:regrets|apologies|absent|absentees|excused)\b`)
	actionsHeading    = regexp.MustCompile(`(?i)\b(?:action items?|actions?|action points?|follow[- ]ups?|to[- ]dos?)\b`)
	decisionsHeading  = regexp.MustCompile(`(?i)\b(?:decisions?|decided|resolved|resolutions?|agreed|agreements?)\b`)

	// "Present: A, B and C", "Regrets: D".
	inlineAttendance = regexp.MustCompile(`(?i)^(present|attendees|attending|participants|in attendance|regrets|apologies(?: received)?|absent)\s*[:\-–—]\s*(\S.*)$`)
	// ACTION: ..., Action item 3: ..., AI: ..., Action (LF): ...
	actionMarker = regexp.MustCompile(`^(?:ACTIONS?|Actions?|action|ACTION ITEM|Action [Ii]tem|AI|AP)(?:\s*#?\d+)?(?:\s*\(([^)]*)\))?\s*[:.\-–—]\s*(\S.*)$`)
	// DECISION: ..., Resolved: ..., Agreed: ...
	decisionMarker = regexp.MustCompile(`^(?:DECISION|Decision|DECIDED|Decided|RESOLVED|Resolved|AGREED|Agreed)(?:\s*#?\d+)?\s*[:.\-–—]\s*(\S.*)$`)
	// An item that introduces decisions nested under it.
	decidedIntro = regexp.MustCompile(`(?i)\b(?:decided|agreed|resolved)\b[^.]*:\s*$`)

	// Who: the subject of "X to do Y", "X will do Y".
	subject = regexp.MustCompile(`^(?:[Tt]he\s+)?((?:(?:Mr|Ms|Mrs|Dr|Prof)\.\s+)?[^,;:.]{1,60}?)\s+(?:is to|are to|to|will|shall|should|would|agreed to|volunteered to|offered to|undertook to|has to|have to|needs? to)\s+\S`)
	// Who, written beside the action: [LF], (LF, GS), Owner: LF.
	bracket    = regexp.MustCompile(`[\[(]([^\[\]()]{1,80})[\])]`)
	ownerLabel = regexp.MustCompile(`(?i)\b(?:owners?|responsible|lead|who|assigned to|action by)\s*:\s*([^.;\])]+)`)
	// A deadline: by, due:, due by, before, deadline, no later than. A bare
	// "due" counts only when a date follows ("in due course" is no deadline).
	dueWord = regexp.MustCompile(`(?i)\b(?:by|due\s*:|due\s+(?:by|on|date)|before|deadline|no later than|on or before|until|latest|due)\b\s*:?\s*(?:the\s+)?`)
	// "X to do Y by DATE" in running text: a sentence with a subject, a verb and a deadline.
	deadlineSentence = regexp.MustCompile(`(?i)\b(?:to|will|shall)\s+\w+\b.*\bby\b`)
	listSep          = regexp.MustCompile(`\s*(?:,|;|/|&|\band\b|\+)\s*`)
)

// section is what the heading a block sits under says it holds.
type section struct {
	attendance, regrets, actions, decisions bool
	title                                   string
}

// reader holds one import in progress.
type reader struct {
	in     Input
	opt    Options
	names  *Names
	blocks []block
	p      *Proposal
	meet   dates.Date // the meeting's date: the year of deadlines that omit it

	seen     map[string]bool // role+ref already listed
	mentions map[string]bool // unmatched written names already reported
}

// Infer reads one file of minutes and proposes its record.
func Infer(in Input, names *Names, opt Options) *Proposal {
	r := &reader{in: in, opt: opt, names: names, seen: map[string]bool{}, mentions: map[string]bool{},
		p: &Proposal{Source: in.Name, Format: in.Format.String(), Hash: HashOf(in.Data),
			Attendees: []string{}, Regrets: []string{}, Actions: []Action{}, Decisions: []Decision{}, Unmatched: []Mention{},
			Inferred: []Note{}, Missed: []Note{}}}
	switch in.Format {
	case Markdown:
		r.blocks = markdownBlocks(in.Data)
	case HTML:
		r.blocks = htmlBlocks(in.Data)
	default:
		r.blocks = textBlocks(in.Data)
	}
	r.titleAndDate()
	if !r.chooseBody() {
		return r.p
	}
	r.p.ID = r.recordID()
	r.ownItems()
	r.readSections()
	r.p.Record = render(r.p, in.Data)
	return r.p
}

func (r *reader) inferred(line int, format string, args ...any) {
	r.p.Inferred = append(r.p.Inferred, Note{What: fmt.Sprintf(format, args...), Line: line})
}

func (r *reader) missed(line int, format string, args ...any) {
	r.p.Missed = append(r.p.Missed, Note{What: fmt.Sprintf(format, args...), Line: line})
}

// ownItems reads the items igf finds in the text itself, which stays the
// record's body: {#id}s are reserved, and task items ("- [ ] ...", as
// Markdown minutes write actions) are the record's actions already — they
// are completed in place with the owner, due date and ID they lack, not
// restated.
func (r *reader) ownItems() {
	const head = "---\nid: x\ntype: meeting\n---\n"
	body := bytes.TrimPrefix(r.in.Data, bom)
	own, _ := parse.File("x.md", append([]byte(head), body...))
	if own == nil {
		return
	}
	for _, it := range own.Items {
		if it.ID != "" {
			r.names.Take(it.ID)
		}
	}
	lines := newLineOffsets(body)
	for _, it := range own.Items {
		if it.Kind != record.KindAction || it.ID != "" || it.CheckboxOffset < len(head) {
			continue
		}
		off := it.CheckboxOffset - len(head)
		end := len(body)
		if i := bytes.IndexByte(body[off:], '\n'); i >= 0 {
			end = off + i
		}
		at := off + len(bytes.TrimRight(body[off:end], " \t\r"))
		a := Action{Title: it.Title, Line: lines.line(off), Due: it.Due.String(), Owners: it.Owners, InPlace: true, at: at}
		if len(a.Owners) == 0 {
			a.Owners, _ = r.ownerOf(it.Title)
			if len(a.Owners) == 0 {
				a.Owners = []string{record.TBD}
			}
		}
		if it.DueText == "" {
			a.Due = "TBD"
			if d, _, _ := r.due(it.Title); !d.IsZero() {
				a.Due = d.String()
			}
		}
		a.ID = r.itemID("a", len(r.p.Actions))
		r.p.Actions = append(r.p.Actions, a)
		r.inferred(a.Line, "the text's own task item completed in place: owner, due date and ID added where missing")
	}
}

// titleArea is the first heading and the short blocks that follow it, before
// the prose starts: where minutes put their title, date and time.
func (r *reader) titleArea() []int {
	start := -1
	for i, b := range r.blocks {
		if b.kind == heading {
			start = i
			break
		}
		if i >= 3 {
			break
		}
	}
	if start < 0 {
		if len(r.blocks) == 0 || !r.blocks[0].short() {
			return nil
		}
		start = 0
	}
	out := []int{start}
	for i := start + 1; i < len(r.blocks) && len(out) < 6; i++ {
		b := r.blocks[i]
		if !b.short() || b.kind == item || sectionOf(b.flat()) != (section{}) {
			break
		}
		out = append(out, i)
	}
	return out
}

func (r *reader) titleAndDate() {
	area := r.titleArea()
	base := path.Base(strings.ReplaceAll(r.in.Name, "\\", "/"))
	var fromName, fromText *found
	var textLine int
	// minutes_2023_12_18.txt: underscores part words in a file name.
	for _, f := range findDates(strings.ReplaceAll(strings.TrimSuffix(base, path.Ext(base)), "_", "-"), dates.Date{}) {
		if !f.date.IsZero() {
			fromName = &f
			break
		}
	}
	for _, i := range area {
		b := r.blocks[i]
		for j, line := range strings.Split(b.text, "\n") {
			for _, f := range findDates(line, dates.Date{}) {
				if fromText != nil {
					break
				}
				if f.date.IsZero() {
					r.missed(b.line+j, "date %q in the title not read: %s", f.text, f.why)
					continue
				}
				fromText, textLine = &f, b.line+j
				if t := findTime(line); t != "" {
					r.p.Time = t
					r.inferred(b.line+j, "time %s from %q", t, strings.TrimSpace(line))
				}
			}
		}
	}
	switch {
	case fromName != nil:
		r.meet = fromName.date
		r.inferred(0, "date %s from the file name %q", fromName.date, base)
		if fromText != nil && fromText.date.String() != fromName.date.String() {
			r.missed(textLine, "the title says %q (%s), the file name %s: took the file name's", fromText.text, fromText.date, fromName.date)
		}
	case fromText != nil:
		r.meet = fromText.date
		r.inferred(textLine, "date %s from %q", fromText.date, fromText.text)
	default:
		r.meet = dates.MustParse("TBD")
		r.missed(0, "no date in the file name or the title: date TBD")
	}
	r.p.Date = r.meet.String()
	if len(area) == 0 {
		r.missed(0, "no heading to take a title from: title is the file name")
		r.p.Title = strings.TrimSuffix(base, path.Ext(base))
		return
	}
	// The title is the first heading's lines that are not only a date, a
	// time or a place-and-date line.
	b := r.blocks[area[0]]
	var words []string
	for _, line := range strings.Split(b.text, "\n") {
		if l := strings.TrimSpace(line); l != "" && !onlyDate(l) {
			words = append(words, l)
		}
	}
	r.p.Title = strings.Join(words, " ")
	if r.p.Title == "" {
		r.p.Title = strings.TrimSuffix(base, path.Ext(base))
		r.missed(b.line, "the first heading is only a date: title is the file name")
		return
	}
	r.inferred(b.line, "title from the first heading")
}

// onlyDate reports whether a title line holds nothing but a date and a
// time, and perhaps a place: "18 December 2023 | 16:00-17:00 UTC".
func onlyDate(l string) bool {
	fs := dates.Find(l, dates.Date{})
	if len(fs) == 0 {
		return false
	}
	rest := l
	for i := len(fs) - 1; i >= 0; i-- {
		rest = rest[:fs[i].Start] + " " + rest[fs[i].End:]
	}
	rest = clock.ReplaceAllString(rest, "")
	letters := strings.TrimFunc(rest, func(c rune) bool { return !unicode.IsLetter(c) })
	return letters == "" || utf8.RuneCountInString(strings.TrimSpace(rest)) < 4
}

// chooseBody takes --body, or the one registry body the title names.
func (r *reader) chooseBody() bool {
	if r.opt.Body != "" {
		ref, ok := r.names.Resolve(r.opt.Body)
		if !ok || !r.names.IsBody(ref) {
			r.missed(0, "--body %s is not a body in the registry", r.opt.Body)
			return false
		}
		r.p.Body = ref
		return true
	}
	if ref, written, ok := r.names.bodyIn(r.p.Title); ok {
		r.p.Body = ref
		r.inferred(0, "body %s from %q in the title", ref, written)
		return true
	}
	r.missed(0, "the title names no registry body: give --body")
	return false
}

func (r *reader) recordID() string {
	base := strings.ToLower(r.p.Body)
	switch {
	case r.meet.IsTBD():
		name := path.Base(strings.ReplaceAll(r.in.Name, "\\", "/"))
		base += "-" + slug(strings.TrimSuffix(name, path.Ext(name)))
	default:
		base += "-" + r.meet.Start.Format("2006-01-02")
		if r.meet.Precision != dates.Day && r.meet.Precision != dates.Range {
			base = strings.ToLower(r.p.Body) + "-" + r.meet.String()
		}
	}
	return r.names.Reserve(strings.ToLower(base))
}

// notDecisions are heading words that only look like decisions.
var notDecisions = regexp.MustCompile(`(?i)\bdecision[- ]mak(?:ing|ers?)\b`)

// sectionOf classifies a heading.
func sectionOf(title string) section {
	s := section{title: title}
	title = notDecisions.ReplaceAllString(title, "")
	switch {
	case regretsHeading.MatchString(title):
		s.attendance, s.regrets = true, true
	case attendanceHeading.MatchString(title):
		s.attendance = true
	}
	s.actions = actionsHeading.MatchString(title)
	s.decisions = decisionsHeading.MatchString(title)
	if s == (section{title: s.title}) {
		return section{}
	}
	return s
}

// readSections walks the blocks under their headings.
func (r *reader) readSections() {
	type open struct {
		level int
		s     section
	}
	var stack []open
	current := func() section {
		var s section
		for _, o := range stack {
			switch {
			case o.s.attendance && s.attendance && !o.s.regrets:
				// A subheading of an attendance list ("Panel Members") stays one.
			case o.s != (section{}):
				s = o.s
			case s.attendance:
				// "IGF Secretariat" under "Attendance": still people present.
			default:
				s = section{}
			}
		}
		return s
	}
	for i := range r.blocks {
		b := &r.blocks[i]
		if b.kind == heading {
			s := current()
			// In plain text a lone name in a list of names reads as a heading.
			if r.in.Format == Text && s.attendance && r.looksLikeName(b.flat()) {
				b.kind = item
			} else {
				for len(stack) > 0 && stack[len(stack)-1].level >= b.level {
					stack = stack[:len(stack)-1]
				}
				stack = append(stack, open{b.level, sectionOf(b.flat())})
				continue
			}
		}
		s := current()
		text := b.flat()
		if b.tracked || strings.Contains(text, "{#") {
			continue // the text's own item: completed in place, if at all
		}
		if m := inlineAttendance.FindStringSubmatch(text); m != nil && b.kind != heading {
			role := "attendees"
			if regretsHeading.MatchString(m[1]) {
				role = "regrets"
			}
			for _, n := range splitNames(m[2]) {
				r.person(role, n, b.line)
			}
			continue
		}
		if s.attendance {
			role := "attendees"
			if s.regrets {
				role = "regrets"
			}
			if ns := r.attendanceEntry(b); len(ns) > 0 {
				for _, n := range ns {
					r.person(role, n, b.line)
				}
				continue
			}
			// Not a name: an action or decision written among the names.
		}
		switch {
		case s.actions && s.decisions:
			if b.kind == item && b.parent >= 0 && decidedIntro.MatchString(r.blocks[b.parent].flat()) {
				r.decision(b, text)
				continue
			}
			if a, ok := r.actionCue(text); ok {
				r.action(b, a)
			}
			continue
		case s.actions:
			// "The Panel agreed the following:" introduces the items.
			if !intro(b, r.blocks, i) && (b.kind == item || r.anyCue(text)) {
				r.action(b, stripMarker(text))
			}
			continue
		case s.decisions:
			if !intro(b, r.blocks, i) && (b.kind == item || decisionMarker.MatchString(text)) {
				r.decision(b, stripDecision(text))
			}
			continue
		}
		if m := actionMarker.FindStringSubmatch(text); m != nil {
			r.action(b, joinOwner(m[1], m[2]))
			continue
		}
		if m := decisionMarker.FindStringSubmatch(text); m != nil {
			r.decision(b, m[1])
			continue
		}
		for _, sent := range sentences(text) {
			if deadlineSentence.MatchString(sent) {
				if a, ok := r.deadlineAction(sent); ok {
					r.action(b, a)
				}
			}
		}
	}
}

// intro reports whether a block introduces a list rather than being an item
// itself: it ends with a colon and items follow.
func intro(b *block, blocks []block, i int) bool {
	if !strings.HasSuffix(strings.TrimSpace(b.text), ":") {
		return false
	}
	return i+1 < len(blocks) && blocks[i+1].kind == item
}

// notNames are capitalised words that start sentences, not names.
var notNames = map[string]bool{"this": true, "that": true, "these": true, "those": true, "it": true, "they": true,
	"we": true, "he": true, "she": true, "there": true, "each": true, "all": true, "some": true, "any": true,
	"both": true, "one": true, "everyone": true, "members": true, "participants": true, "next": true, "action": true}

func (r *reader) looksLikeName(s string) bool {
	if _, ok := r.names.Resolve(s); ok {
		return true
	}
	w := strings.Fields(Clean(s))
	if len(w) == 0 || len(w) > 5 || notNames[strings.ToLower(w[0])] {
		return false
	}
	for _, x := range w {
		if c, _ := utf8.DecodeRuneInString(x); !unicode.IsUpper(c) && c != '\'' {
			return false
		}
	}
	return true
}

// attendanceEntry is who one block of an attendance list names: a list item
// or short paragraph is one person ("Mr. Vint Cerf, Chair"), unless it is a
// list of them ("Lise Fuhr, Carol Roach and 'Gbenga Sesan").
func (r *reader) attendanceEntry(b *block) []string {
	text := b.first()
	if b.kind == para {
		text = b.flat()
	}
	// "Lise Fuhr, Carol Roach" is two people; "Mr. Vint Cerf, Chair" and
	// "Jutta Croll - Dynamic Coalition on ... (DC-Children)" one with a role:
	// split only when every part is a name on its own and no dash or bracket
	// sets off an affiliation.
	affiliation := strings.ContainsAny(text, "–—([") || strings.Contains(text, " - ")
	if parts := splitNames(text); len(parts) > 1 && !affiliation {
		all := true
		for _, n := range parts {
			if _, ok := r.names.Resolve(n); !ok && !r.fullName(n) {
				all = false
			}
		}
		if all {
			return parts
		}
	}
	if _, ok := r.names.Resolve(text); ok {
		return []string{text}
	}
	if b.kind == para && !r.looksLikeName(text) {
		return nil // a note about the list ("* Participating online"), not a name
	}
	return []string{text}
}

// fullName: two to five words, each capitalised (or a particle: de, van).
func (r *reader) fullName(s string) bool {
	w := strings.Fields(Clean(s))
	return len(w) >= 2 && r.looksLikeName(s)
}

// splitNames splits "A, B and C" into names.
func splitNames(s string) []string {
	s = strings.TrimRight(strings.TrimSpace(s), ".")
	var out []string
	for _, n := range regexp.MustCompile(`\s*(?:,|;|\band\b|&)\s*`).Split(s, -1) {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// person lists a named person under role, matched against the registry.
func (r *reader) person(role, written string, line int) {
	written = strings.TrimSpace(written)
	name := Clean(written)
	if name == "" || !strings.ContainsFunc(name, unicode.IsLetter) || len(strings.Fields(name)) > 8 {
		return
	}
	switch strings.ToLower(name) {
	case "none", "n/a", "na", "nil", "tbd":
		return
	}
	ref, ok := r.names.Resolve(written)
	if !ok {
		if !r.opt.AddPeople {
			if !r.mentions[role+"\x00"+key(name)] {
				r.mentions[role+"\x00"+key(name)] = true
				r.p.Unmatched = append(r.p.Unmatched, Mention{Name: name, Written: written, Role: role, Line: line})
			}
			return
		}
		ref = r.propose(name, written, line)
	}
	k := role + "\x00" + strings.ToLower(ref)
	if r.seen[k] {
		return
	}
	r.seen[k] = true
	if role == "regrets" {
		r.p.Regrets = append(r.p.Regrets, ref)
	} else {
		r.p.Attendees = append(r.p.Attendees, ref)
	}
}

// propose makes a registry entry for someone the registry does not have:
// expanded: false, with a note that says where import found them.
func (r *reader) propose(name, written string, line int) string {
	p := &record.Person{}
	f := false
	p.Expanded = &f
	if isInitials(name) {
		p.Initials = name
	} else {
		p.Name = name
	}
	p.ID = r.names.NewPersonID(name)
	if written != name {
		p.Aliases = []string{written}
	}
	where := r.in.Name
	if line > 0 {
		where = fmt.Sprintf("%s:%d", r.in.Name, line)
	}
	p.Note = fmt.Sprintf("Imported by igf import from %s, where it is written %q; not matched to anyone in the registry. "+
		"Check who this is, complete the entry and remove expanded: false.", where, written)
	r.names.Learn(p)
	r.p.people = append(r.p.people, p)
	r.p.NewPeople = append(r.p.NewPeople, NewPerson{ID: p.ID, Written: written})
	return p.ID
}

// anyCue reports whether a paragraph in an action section reads as one.
func (r *reader) anyCue(text string) bool {
	_, ok := r.actionCue(text)
	return ok
}

// actionCue reports whether text reads as an action (a marker, a subject
// doing something, a deadline) and gives it without its marker.
func (r *reader) actionCue(text string) (string, bool) {
	if m := actionMarker.FindStringSubmatch(text); m != nil {
		return joinOwner(m[1], m[2]), true
	}
	if m := subject.FindStringSubmatch(text); m != nil {
		if _, ok := r.owners(m[1]); ok {
			return text, true
		}
	}
	if loc := dueWord.FindStringIndex(text); loc != nil {
		if fs := findDates(text[loc[1]:], r.meet); len(fs) > 0 && !fs[0].date.IsZero() && strings.Index(text[loc[1]:], fs[0].text) < 4 {
			return text, true
		}
	}
	return "", false
}

// deadlineAction reads a sentence of running text as "X to do Y by DATE":
// only when X is in the registry and DATE reads as a date, since prose says
// "to be reviewed by the Panel" too.
func (r *reader) deadlineAction(sent string) (string, bool) {
	m := subject.FindStringSubmatch(sent)
	if m == nil {
		return "", false
	}
	if _, ok := r.owners(m[1]); !ok {
		return "", false
	}
	due, _, _ := r.due(sent)
	if due.IsZero() || due.IsTBD() {
		return "", false
	}
	return sent, true
}

func joinOwner(owner, rest string) string {
	if owner = strings.TrimSpace(owner); owner != "" {
		return rest + " (" + owner + ")"
	}
	return rest
}

func stripMarker(text string) string {
	if m := actionMarker.FindStringSubmatch(text); m != nil {
		return joinOwner(m[1], m[2])
	}
	return text
}

func stripDecision(text string) string {
	if m := decisionMarker.FindStringSubmatch(text); m != nil {
		return m[1]
	}
	return text
}

// owners resolves a written list of owners; ok only when every one is in
// the registry.
func (r *reader) owners(written string) ([]string, bool) {
	var out []string
	for _, w := range listSep.Split(strings.TrimSpace(written), -1) {
		w = strings.TrimSpace(w)
		if l := strings.ToLower(w); strings.HasPrefix(l, "the ") {
			w = strings.TrimSpace(w[4:]) // "the MAG", "the Secretariat"
		}
		if w == "" {
			continue
		}
		ref, ok := r.names.Resolve(w)
		if !ok {
			return nil, false
		}
		out = append(out, ref)
	}
	return out, len(out) > 0
}

// ownerOf finds who an action names: a label (Owner: LF), a bracket ([LF],
// (LF, GS)), or the subject (LF to draft ...). written is what the text says
// when it names someone the registry does not have.
func (r *reader) ownerOf(text string) (refs []string, written string) {
	if m := ownerLabel.FindStringSubmatch(text); m != nil {
		if o, ok := r.owners(m[1]); ok {
			return o, ""
		}
		written = strings.TrimSpace(m[1])
	}
	for _, m := range bracket.FindAllStringSubmatch(text, -1) {
		if strings.EqualFold(strings.TrimSpace(m[1]), record.TBD) {
			return []string{record.TBD}, "" // the text itself leaves it open
		}
		if o, ok := r.owners(m[1]); ok {
			return o, ""
		}
	}
	if m := subject.FindStringSubmatch(text); m != nil {
		if o, ok := r.owners(m[1]); ok {
			return o, ""
		}
		if written == "" && r.looksLikeName(m[1]) {
			written = strings.TrimSpace(m[1])
		}
	}
	// "... – LF" at the end.
	if i := strings.LastIndexAny(text, "–—"); i > 0 {
		if o, ok := r.owners(strings.Trim(text[i+len("–"):], " .")); ok {
			return o, ""
		}
	}
	return nil, written
}

// due finds the deadline an action gives: a date after by, due, before ...
// (a year left out is the meeting's, or the next); written is the deadline's
// words when they do not read as a date ("by Friday").
func (r *reader) due(text string) (d dates.Date, written, why string) {
	for _, loc := range dueWord.FindAllStringIndex(text, -1) {
		rest := text[loc[1]:]
		fs := findDates(rest, r.meet)
		if len(fs) > 0 && strings.Index(rest, fs[0].text) < 4 {
			if fs[0].date.IsZero() {
				return dates.Date{}, fs[0].text, fs[0].why
			}
			return fs[0].date, fs[0].text, ""
		}
		if written == "" && !strings.EqualFold(strings.TrimSpace(text[loc[0]:loc[1]]), "due") {
			w := rest
			if i := strings.IndexAny(w, ".;,)("); i >= 0 {
				w = w[:i]
			}
			if fields := strings.Fields(w); len(fields) > 0 && len(fields) <= 8 && !r.namesSomeone(w) {
				written = strings.TrimSpace(text[loc[0]:loc[1]] + w)
			}
		}
	}
	// A date set off at the end: "... [LF] – 19 December 2023", "(19 December)".
	if fs := findDates(text, r.meet); len(fs) > 0 {
		last := fs[len(fs)-1]
		tail := strings.TrimSpace(text[strings.LastIndex(text, last.text)+len(last.text):])
		before := strings.TrimSpace(text[:strings.LastIndex(text, last.text)])
		if strings.Trim(tail, ").") == "" && (strings.HasSuffix(before, "–") || strings.HasSuffix(before, "—") ||
			strings.HasSuffix(before, "-") || strings.HasSuffix(before, "(") || strings.HasSuffix(before, ",")) && !last.date.IsZero() {
			return last.date, last.text, ""
		}
	}
	if written != "" {
		return dates.Date{}, written, ""
	}
	return dates.Date{}, "", ""
}

func (r *reader) namesSomeone(s string) bool {
	_, ok := r.names.Resolve(strings.TrimSpace(s))
	return ok
}

func (r *reader) action(b *block, text string) {
	title := restate(text)
	if title == "" {
		return
	}
	a := Action{Title: title, Line: b.line, Due: "TBD"}
	owners, written := r.ownerOf(text)
	if len(owners) == 0 {
		a.Owners = []string{record.TBD}
		if written != "" {
			r.missed(b.line, "owner %q of an action is not in the registry: written @TBD", written)
			if !r.mentions["owner\x00"+key(written)] {
				r.mentions["owner\x00"+key(written)] = true
				r.p.Unmatched = append(r.p.Unmatched, Mention{Name: Clean(written), Written: written, Role: "owner", Line: b.line})
			}
		} else {
			r.inferred(b.line, "an action names no owner in the registry: written @TBD")
		}
	} else {
		a.Owners = owners
	}
	d, dw, why := r.due(text)
	switch {
	case !d.IsZero():
		a.Due = d.String()
	case dw != "" && why != "":
		r.missed(b.line, "deadline %q not read as a date (%s): written due:TBD", dw, why)
	case dw != "":
		r.missed(b.line, "deadline %q not read as a date: written due:TBD", dw)
	default:
		// A date the action names without "by", "before" or "due" may be its
		// deadline ("at the beginning of 2024") or not ("the 18 December
		// report"): not taken, but said.
		for _, f := range findDates(text, r.meet) {
			if !f.date.IsZero() {
				r.missed(b.line, "the action names %q, not as a deadline (by, before, due): written due:TBD; check it", f.text)
				break
			}
		}
	}
	a.ID = r.itemID("a", len(r.p.Actions))
	r.p.Actions = append(r.p.Actions, a)
}

func (r *reader) decision(b *block, text string) {
	title := restate(text)
	if title == "" {
		return
	}
	r.p.Decisions = append(r.p.Decisions, Decision{ID: r.itemID("d", len(r.p.Decisions)), Title: title, Line: b.line})
}

// itemID is the record's next free ID in a series: lp-2023-12-18-a1, -d1.
func (r *reader) itemID(letter string, n int) string {
	for i := n + 1; ; i++ {
		id := fmt.Sprintf("%s-%s%d", r.p.ID, letter, i)
		if !r.names.Taken(id) {
			return r.names.Reserve(id)
		}
	}
}

// sentences splits a paragraph at full stops followed by a capital.
func sentences(text string) []string {
	var out []string
	start := 0
	for i := 0; i+2 < len(text); i++ {
		if (text[i] == '.' || text[i] == ';') && text[i+1] == ' ' && unicode.IsUpper(rune(text[i+2])) {
			out = append(out, strings.TrimSpace(text[start:i+1]))
			start = i + 2
		}
	}
	return append(out, strings.TrimSpace(text[start:]))
}

// restate is an item's text as a task or decision item can carry it: one
// line, and every word the item parser (or the validator's near-miss lint)
// would read as a token — @owner, due:, done:, start:, milestone:,
// visibility:, {#id} — in a code span, which is never read for tokens.
// Import writes the tokens itself. The words stay the text's own, so the
// validator knows the prose they restate (record.Restates).
func restate(text string) string {
	words := strings.Fields(strings.ReplaceAll(text, "`", "\\`"))
	for i, w := range words {
		if strings.HasPrefix(w, "@") || strings.Contains(w, "{#") || tokenWord.MatchString(w) {
			words[i] = "`" + w + "`"
		}
	}
	return strings.Join(words, " ")
}

// tokenWord is a word the item parser or the lint reads as a token.
var tokenWord = regexp.MustCompile(`^(?i)(?:due|done|start|milestone|visibility)[:=]`)
