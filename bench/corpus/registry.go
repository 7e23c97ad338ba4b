package corpus

import (
	"fmt"
	"math/rand"
	"strings"
)

// person is a generated registry person; ref is what records write for them.
type person struct {
	id, name, initials string
	bodies             []string
	since              int // year their first membership starts
}

// body is a generated registry body; slug names its records and files.
type body struct {
	id, name, kind, slug string
	parent               string
	weight               float64 // relative meeting frequency
	aliases              []string
}

var firstNames = strings.Fields(`Amina Ana Anja Anriette Bertrand Bishakha Carlos Carol Celine Chengetai
Chris Daniela Eileen Elena Fatima Flavio Gbenga Hanna Hiroshi Huria Ibrahim Irina Jorge Joyce Juan
Jutta Karim Kossi Lan Lara Leila Lucia Luis Mamadou Maria Mark Markus Marta Mei Nadia Nnenna Olga
Paul Poncelet Priya Rafael Raymond Renata Roman Sami Sandra Sergio Tatiana Timea Titti Tomas Wim
Yuki Zainab Aziz Bruna Dmitri Esther Grace Hassan Ines Jonas Kwame Lina Mateo Noor Omar Pilar Quentin`)

var lastNames = strings.Fields(`Abdullah Aguilar Almutairi Aryal Bal Bobo Cancio Carvell Cassa Chukov
Croll Datta Degezelle Dwan Ferreira Franklin Fung Garcia Gengo Gupta Haddad Hesterhuysen Honrado
Horejsova Ibrahim Ileleji Jensen Kleinwachter Kummer Kurbalija Lee Lopez Mamattah Masango Mazzucchi
Middlehurst Mitchell Mensah Nakamura Natris Nemiguentcheva Nguyen Okafor Oliveira Peake Petrov
Prendergast Ramos Resch Rossi Sato Silva Singh Skwarek Suto Szubert Tropina Walpen Wagner Weiss
Yilmaz Zhang Diallo Kowalski Novak Haddad Banda Mwangi Castillo Lindqvist Moreau Tanaka Osei`)

var countries = strings.Fields(`Kenya Brazil Germany India Japan Nigeria Mexico Armenia Bangladesh Benin
Bolivia Canada Chad Chile Colombia Egypt Finland France Ghana Italy Jordan Kazakhstan Lebanon Malawi
Nepal Netherlands Norway Pakistan Panama Paraguay Peru Poland Portugal Rwanda Senegal Serbia Spain
Sweden Togo Tunisia Turkey Uganda Ukraine Uruguay Zambia Zimbabwe Argentina Australia Austria Benin
Bhutan Cameroon Croatia Ecuador Estonia Gambia Georgia Guatemala Haiti Honduras Indonesia Liberia
Madagascar Mali Moldova Mongolia Morocco Namibia Niger Philippines Romania Slovenia Sudan Tanzania`)

var dcTopics = []string{"Accessibility and Disability", "Blockchain Technologies", "Child Online Safety",
	"Community Connectivity", "Core Internet Values", "Data and Trust", "Digital Health",
	"Environment", "Gender and Internet Governance", "Internet Rights and Principles",
	"Internet Standards, Security and Safety", "Internet of Things", "Net Neutrality",
	"Platform Responsibility", "Publicness", "Schools on Internet Governance", "Small Island Developing States",
	"Youth Coalition on Internet Governance", "Digital Economy", "Open Education", "Public Access in Libraries",
	"Interplanetary Networks", "Network Neutrality", "Innovative Approaches to Connecting the Unconnected"}

var bpfTopics = []string{"Cybersecurity", "Gender and Access", "Local Content", "IoT, Big Data and AI",
	"Data and New Technologies", "Fighting Spam", "IXPs", "Municipal Wireless Networks"}

var pnTopics = []string{"Internet Fragmentation", "Meaningful Access", "Artificial Intelligence", "Environment", "Digital Policy"}

// registry is every person and body a generated corpus refers to.
type registry struct {
	people []*person
	bodies []*body
	// owners is ranked busiest first for the Zipf draw; LF leads.
	owners []string
	// byBody lists the refs of the members of each body.
	byBody map[string][]string
	sect   []string // secretariat staff refs
}

func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

func newRegistry(rnd *rand.Rand, records, startYear int) *registry {
	g := &registry{byBody: map[string][]string{}}
	add := func(b *body) { g.bodies = append(g.bodies, b) }
	add(&body{id: "IGF", name: "Internet Governance Forum", kind: "forum", slug: "igf", weight: 3, aliases: []string{"Internet Governance Forum", "Forum"}})
	add(&body{id: "LP", name: "IGF Leadership Panel", kind: "panel", slug: "lp", weight: 14, aliases: []string{"Leadership Panel", "IGF Leadership Panel"}})
	add(&body{id: "MAG", name: "IGF Multistakeholder Advisory Group", kind: "advisory-group", slug: "mag", weight: 22, aliases: []string{"Multistakeholder Advisory Group", "IGF MAG"}})
	add(&body{id: "WG-Strategy", name: "MAG Working Group on IGF Strengthening and Strategy", kind: "working-group", parent: "MAG", slug: "wg-strategy", weight: 10})
	add(&body{id: "WG-Hybrid", name: "MAG Working Group on Hybrid Meetings", kind: "working-group", parent: "MAG", slug: "wg-hybrid", weight: 3})
	add(&body{id: "WG-Outreach", name: "MAG Working Group on Outreach and Engagement", kind: "working-group", parent: "MAG", slug: "wg-outreach", weight: 3})
	add(&body{id: "Sect", name: "IGF Secretariat", kind: "secretariat", slug: "sect", weight: 2, aliases: []string{"IGF Secretariat", "Secretariat"}})
	add(&body{id: "NRIs", name: "National, regional, sub-regional and youth initiatives", kind: "forum", slug: "nris", weight: 4, aliases: []string{"NRI"}})
	add(&body{id: "DCs", name: "IGF Dynamic Coalitions", kind: "coalition", slug: "dcs", weight: 3, aliases: []string{"Dynamic Coalitions", "DC"}})
	add(&body{id: "DCCG", name: "Dynamic Coalition Coordination Group", kind: "coalition", parent: "DCs", slug: "dccg", weight: 3})
	add(&body{id: "BPFs", name: "IGF best practice forums", kind: "forum", slug: "bpfs", weight: 1, aliases: []string{"best practice forums", "BPF"}})
	for _, t := range dcTopics {
		s := "dc-" + slug(t)
		add(&body{id: s, name: "Dynamic Coalition on " + t, kind: "coalition", parent: "DCs", slug: s, weight: 1.2})
	}
	for _, t := range bpfTopics {
		s := "bpf-" + slug(t)
		add(&body{id: s, name: "Best Practice Forum on " + t, kind: "forum", parent: "BPFs", slug: s, weight: 1.5})
	}
	for _, t := range pnTopics {
		s := "pn-" + slug(t)
		add(&body{id: s, name: "Policy Network on " + t, kind: "network", slug: s, weight: 1.5})
	}
	seen := map[string]bool{}
	for _, c := range countries {
		if seen[c] {
			continue
		}
		seen[c] = true
		s := "nri-" + slug(c)
		add(&body{id: s, name: c + " IGF", kind: "nri", parent: "NRIs", slug: s, weight: 0.35})
		s = "nri-" + slug(c) + "-youth"
		add(&body{id: s, name: c + " Youth IGF", kind: "nri", parent: "NRIs", slug: s, weight: 0.1})
	}

	// The Leadership Panel's real members keep their initials as IDs, as in
	// the bundled registry; LF is among the busiest owners of any corpus.
	real := []struct{ id, name string }{{"LF", "Lise Fuhr"}, {"VC", "Vint Cerf"}, {"GS", "'Gbenga Sesan"},
		{"MG", "Maria Fernanda Garza"}, {"CR", "Carol Roach"}, {"KE", ""}, {"HD", "Hatem Dowidar"}, {"KS", "Krzysztof Szubert"}}
	names := map[string]bool{}
	ids := map[string]bool{}
	for _, r := range real {
		p := &person{id: r.id, name: r.name, initials: r.id, bodies: []string{"LP"}, since: startYear}
		g.people = append(g.people, p)
		ids[p.id] = true
		names[r.name] = true
	}
	n := 300 + records/250
	for len(g.people) < n {
		name := firstNames[rnd.Intn(len(firstNames))] + " " + lastNames[rnd.Intn(len(lastNames))]
		if names[name] {
			continue
		}
		names[name] = true
		p := &person{name: name, id: slug(name), since: startYear + rnd.Intn(18)}
		// About one in six is known by initials, as the Panel's members are.
		if rnd.Intn(6) == 0 {
			f := strings.Fields(name)
			ini := strings.ToUpper(f[0][:1] + f[1][:1])
			for k := 2; ids[ini] && k < 9; k++ {
				ini = strings.ToUpper(f[0][:1]+f[1][:1]) + fmt.Sprint(k)
			}
			if !ids[ini] {
				p.id, p.initials = ini, ini
			}
		}
		if ids[p.id] {
			continue
		}
		ids[p.id] = true
		g.people = append(g.people, p)
	}
	// Memberships: everyone belongs to one to three bodies, busy bodies first.
	for i, p := range g.people {
		if i < len(real) {
			continue
		}
		k := 1 + rnd.Intn(3)
		for j := 0; j < k; j++ {
			b := g.pickBody(rnd)
			if !contains(p.bodies, b.id) {
				p.bodies = append(p.bodies, b.id)
			}
		}
		if i%25 == 0 {
			p.bodies = append(p.bodies, "Sect")
		}
	}
	for _, p := range g.people {
		for _, b := range p.bodies {
			g.byBody[b] = append(g.byBody[b], p.id)
		}
		if contains(p.bodies, "Sect") {
			g.sect = append(g.sect, p.id)
		}
	}
	// Owners, busiest first: LF, the Secretariat, the chair, then the rest.
	g.owners = []string{"LF", "Sect", "VC", "MAG", "GS", "LP", "MG", "CR"}
	for _, p := range g.people[len(real):] {
		g.owners = append(g.owners, p.id)
	}
	for _, b := range g.bodies {
		if !contains(g.owners, b.id) {
			g.owners = append(g.owners, b.id)
		}
	}
	return g
}

func (g *registry) pickBody(rnd *rand.Rand) *body {
	total := 0.0
	for _, b := range g.bodies {
		total += b.weight
	}
	x := rnd.Float64() * total
	for _, b := range g.bodies {
		if x -= b.weight; x < 0 {
			return b
		}
	}
	return g.bodies[len(g.bodies)-1]
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// render writes registry.md.
func (g *registry) render(startYear int) []byte {
	var b strings.Builder
	b.WriteString("---\nid: registry\ntype: registry\npeople:\n")
	for _, p := range g.people {
		fmt.Fprintf(&b, "  - id: %s\n", p.id)
		if p.name != "" {
			fmt.Fprintf(&b, "    name: %s\n", yamlString(p.name))
		}
		if p.initials != "" {
			fmt.Fprintf(&b, "    initials: %s\n", p.initials)
		}
		if p.name != "" {
			fmt.Fprintf(&b, "    aliases: [%s]\n", yamlString(p.name))
		} else {
			b.WriteString("    expanded: false\n    note: Initials from a timeline; never expanded in the sources.\n")
		}
		b.WriteString("    memberships:\n")
		for i, body := range p.bodies {
			role := "member"
			if i == 0 && p.id == "VC" {
				role = "chair"
			}
			fmt.Fprintf(&b, "      - {body: %s, role: %s, from: \"%d\"}\n", body, role, p.since)
		}
	}
	b.WriteString("bodies:\n")
	for _, body := range g.bodies {
		fmt.Fprintf(&b, "  - id: %s\n    name: %s\n    kind: %s\n", body.id, yamlString(body.name), body.kind)
		if body.parent != "" {
			fmt.Fprintf(&b, "    parent: %s\n", body.parent)
		}
		if len(body.aliases) > 0 {
			quoted := make([]string, len(body.aliases))
			for i, a := range body.aliases {
				quoted[i] = yamlString(a)
			}
			fmt.Fprintf(&b, "    aliases: [%s]\n", strings.Join(quoted, ", "))
		}
	}
	b.WriteString("---\n# Registry\n\nPeople and bodies the records refer to.\n")
	return []byte(b.String())
}

// yamlString quotes a value when YAML would read it as something else.
func yamlString(s string) string {
	if strings.ContainsAny(s, ":#'\"[]{},&*!|>%@`") || strings.TrimSpace(s) != s {
		return `"` + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), `"`, `\"`) + `"`
	}
	return s
}
