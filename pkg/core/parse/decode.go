package parse

import (
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/record"
)

// decoder fills a record from its front-matter mapping. Shapes (a list where a
// string belongs, a missing field) are the JSON Schema's to report; the
// decoder reports what only it can judge: dates, times and IDs it cannot read.
type decoder struct {
	path     string
	rec      *record.Record
	findings []record.Finding
}

func (d *decoder) at(pointer string, n *yaml.Node) {
	if d.rec.FieldPos == nil {
		d.rec.FieldPos = map[string]record.Pos{}
	}
	d.rec.FieldPos[pointer] = pos(n)
}

func (d *decoder) errorf(n *yaml.Node, rule, hint, format string, args ...any) {
	d.findings = append(d.findings, record.At(d.path, pos(n), rule, fmt.Sprintf(format, args...), hint))
}

func mapping(n *yaml.Node, fn func(key string, k, v *yaml.Node)) {
	if n == nil || n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		fn(n.Content[i].Value, n.Content[i], n.Content[i+1])
	}
}

func scalar(n *yaml.Node) string {
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return ""
	}
	return n.Value
}

// names reads a field of registry names. Written as one string with commas
// ("attendees: VC, LF"), it is read as the list it was meant to be, and the
// finding says how to write it.
func (d *decoder) names(pointer, field string, n *yaml.Node) []string {
	s := scalar(n)
	if n == nil || n.Kind != yaml.ScalarNode || !strings.Contains(s, ",") {
		return d.strs(pointer, n)
	}
	var out []string
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			d.at(pointer+"/"+strconv.Itoa(len(out)), n)
			out = append(out, part)
		}
	}
	d.findings = append(d.findings, record.Warn(d.path, pos(n), "list-syntax",
		fmt.Sprintf("`%s` is one string with commas, read as %d names", field, len(out)),
		fmt.Sprintf("write a list: %s: [%s]", field, strings.Join(out, ", "))))
	return out
}

// strings reads a list of scalars, or a single scalar as a one-item list.
func (d *decoder) strs(pointer string, n *yaml.Node) []string {
	if n == nil {
		return nil
	}
	if n.Kind == yaml.ScalarNode {
		if s := scalar(n); s != "" {
			d.at(pointer+"/0", n)
			return []string{s}
		}
		return nil
	}
	var out []string
	for i, c := range n.Content {
		if s := scalar(c); s != "" {
			d.at(pointer+"/"+strconv.Itoa(i), c)
			out = append(out, s)
		}
	}
	return out
}

func (d *decoder) date(pointer string, n *yaml.Node) dates.Date {
	d.at(pointer, n)
	s := scalar(n)
	if s == "" {
		return dates.Date{}
	}
	near := d.rec.Date
	if near.IsZero() {
		near = d.rec.Start
	}
	v, err := dates.ParseNear(s, near)
	if err != nil {
		msg, hint := dates.Explain(err)
		d.findings = append(d.findings, record.At(d.path, pos(n), "date", msg, hint))
	}
	return v
}

func (d *decoder) record(doc *yaml.Node) {
	r := d.rec
	var passthrough []string
	defer func() {
		if passthrough != nil && r.Type == record.TypeRegistry {
			if r.Registry == nil {
				r.Registry = &record.Registry{}
			}
			r.Registry.Passthrough = passthrough
		}
	}()
	mapping(doc, func(key string, k, v *yaml.Node) {
		p := "/" + key
		d.at(p, k)
		switch key {
		case "id":
			r.ID = scalar(v)
		case "type":
			r.Type = scalar(v)
		case "title":
			r.Title = scalar(v)
		case "body":
			r.Body = scalar(v)
		case "date":
			r.Date = d.date(p, v)
		case "time":
			r.TimeText = scalar(v)
			if r.TimeText != "" {
				c, err := dates.ParseClock(r.TimeText)
				if err != nil {
					d.errorf(v, "time", "see igf help dates", "%v", err)
				} else {
					r.Time = &c
				}
			}
		case "format":
			r.Format = scalar(v)
		case "location":
			r.Location = scalar(v)
		case "agenda":
			r.Agenda = d.strs(p, v)
		case "meeting":
			r.Meeting = scalar(v)
		case "supersedes":
			r.Supersedes = d.strs(p, v)
		case "start":
			r.Start = d.date(p, v)
		case "end":
			r.End = d.date(p, v)
		case "items":
			r.ItemKind = scalar(v)
		case "tags":
			r.Tags = d.strs(p, v)
		case "visibility":
			r.Visibility = scalar(v)
		case "restricted":
			r.Restricted = d.strs(p, v)
		case "sources":
			_ = v.Decode(&r.Sources)
		case "next_meeting":
			nm := &record.NextMeeting{Pos: pos(k)}
			mapping(v, func(key string, k2, v2 *yaml.Node) {
				switch key {
				case "date":
					nm.Date = d.date(p+"/date", v2)
				case "id":
					d.at(p+"/id", v2)
					nm.ID = scalar(v2)
				case "location":
					nm.Location = scalar(v2)
				case "note":
					nm.Note = scalar(v2)
				}
			})
			r.NextMeeting = nm
		case "milestones":
			for i, m := range v.Content {
				d.milestone(fmt.Sprintf("%s/%d", p, i), m)
			}
		case "people", "bodies":
			d.registry(key, p, v)
		case "passthrough":
			passthrough = d.strs(p, v)
			if passthrough == nil {
				passthrough = []string{}
			}
		default:
			for _, role := range record.PersonFields {
				if key == role {
					if r.People == nil {
						r.People = map[string][]string{}
					}
					r.People[role] = d.names(p, role, v)
				}
			}
		}
	})
}

func (d *decoder) milestone(p string, n *yaml.Node) {
	it := &record.Item{Kind: record.KindMilestone, Status: record.StatusOpen, Record: d.rec, Pos: pos(n), CheckboxOffset: -1}
	mapping(n, func(key string, k, v *yaml.Node) {
		d.at(p+"/"+key, k)
		switch key {
		case "id":
			it.ID = scalar(v)
			it.Pos = pos(k)
		case "title":
			it.Title = scalar(v)
		case "objective":
			it.Objective = scalar(v)
		case "tasks":
			it.Tasks = d.strs(p+"/tasks", v)
		case "owners":
			it.Owners = d.names(p+"/owners", "owners", v)
		case "responsible":
			it.Responsible = scalar(v)
		case "start":
			it.Start = d.date(p+"/start", v)
		case "due":
			it.DueText = scalar(v)
			it.Due = d.date(p+"/due", v)
		case "done":
			it.DoneDate = d.date(p+"/done", v)
		case "status":
			if s := scalar(v); s != "" {
				it.Status = s
			}
		case "parent":
			it.Parent = scalar(v)
		case "depends_on":
			it.DependsOn = d.strs(p+"/depends_on", v)
		case "note":
			it.Note = scalar(v)
		case "visibility":
			it.Visibility = scalar(v)
		case "checkpoints":
			for i, c := range v.Content {
				var cp record.Checkpoint
				mapping(c, func(key string, _, v2 *yaml.Node) {
					switch key {
					case "label":
						cp.Label = scalar(v2)
					case "date":
						cp.Date = d.date(fmt.Sprintf("%s/checkpoints/%d/date", p, i), v2)
					}
				})
				it.Checkpoints = append(it.Checkpoints, cp)
			}
		}
	})
	d.rec.Items = append(d.rec.Items, it)
}

func (d *decoder) registry(key, p string, v *yaml.Node) {
	if d.rec.Registry == nil {
		d.rec.Registry = &record.Registry{}
	}
	if v.Kind != yaml.SequenceNode {
		return
	}
	for i, c := range v.Content {
		ip := fmt.Sprintf("%s/%d", p, i)
		mapping(c, func(k string, kn, _ *yaml.Node) { d.at(ip+"/"+k, kn) })
		if key == "people" {
			var person record.Person
			_ = c.Decode(&person)
			person.Pos = pos(c)
			d.rec.Registry.People = append(d.rec.Registry.People, &person)
		} else {
			var body record.Body
			_ = c.Decode(&body)
			body.Pos = pos(c)
			d.rec.Registry.Bodies = append(d.rec.Registry.Bodies, &body)
		}
	}
}
