// Package corpus generates realistic igf records repositories for benchmarks
// and scale tests: meetings of the Leadership Panel, the MAG, its working
// groups, dynamic coalitions, NRIs and best practice forums; standalone
// decisions; process timelines; a registry of hundreds of people and bodies.
// Owners follow a Zipf law with LF among the busiest; due dates use every
// fuzzy form. The output is a pure function of the options (seeded), and
// with Commits > 0 it comes with a git history, written with go-git's
// plumbing, in which later commits tick actions, add notes and rename files.
package corpus

import (
	"fmt"
	"math/rand"
	"os"
	"path"
	"path/filepath"
	"sort"
	"time"
)

// Options say what to generate.
type Options struct {
	Records int    // record files, the registry included
	Commits int    // commits of history; 0 writes the files without git
	Seed    int64  // the same seed gives the same repository
	Out     string // directory to create the repository in (records/ goes below it)
	// StartYear is the first year of records; they span twenty years.
	StartYear int
}

// Stats describe what was generated.
type Stats struct {
	Records, Items, Open, Commits, Renames int
	Bytes                                  int64
}

type gen struct {
	opt         Options
	rnd         *rand.Rand
	reg         *registry
	zipf        *rand.Zipf
	recs        []*rec
	lastMeeting map[string]string
	milestones  []string
}

// Generate writes the repository described by opt.
func Generate(opt Options) (Stats, error) {
	if opt.Records < 2 {
		return Stats{}, fmt.Errorf("records must be at least 2 (the registry and one record)")
	}
	if opt.StartYear == 0 {
		opt.StartYear = 2006
	}
	if opt.Commits < 0 {
		return Stats{}, fmt.Errorf("commits must not be negative")
	}
	g := &gen{opt: opt, rnd: rand.New(rand.NewSource(opt.Seed)), lastMeeting: map[string]string{}}
	g.reg = newRegistry(g.rnd, opt.Records, opt.StartYear)
	g.zipf = rand.NewZipf(g.rnd, 1.15, 2, uint64(len(g.reg.owners)-1))
	g.planAll()

	if err := os.MkdirAll(opt.Out, 0o755); err != nil {
		return Stats{}, err
	}
	var st Stats
	var err error
	if opt.Commits == 0 {
		err = g.writeFiles()
	} else {
		st, err = g.history()
	}
	if err != nil {
		return st, err
	}
	st.Records = len(g.recs) + 1
	for _, r := range g.recs {
		for _, it := range r.items {
			for _, x := range append([]*item{it}, it.children...) {
				if !x.decision {
					st.Items++
					if !x.done {
						st.Open++
					}
				}
			}
		}
	}
	return st, nil
}

// planAll draws every record in date order, spread over twenty years.
func (g *gen) planAll() {
	n := g.opt.Records - 1
	start := time.Date(g.opt.StartYear, 1, 10, 0, 0, 0, 0, time.UTC)
	span := time.Date(g.opt.StartYear+20, 1, 1, 0, 0, 0, 0, time.UTC).Sub(start)
	ids := map[string]bool{}
	counts := map[string]int{}
	for i := 0; i < n; i++ {
		r := &rec{seed: g.rnd.Int63(), index: i}
		r.date = start.Add(time.Duration(float64(span) * float64(i) / float64(n))).Truncate(24 * time.Hour)
		r.body = g.reg.pickBody(g.rnd)
		switch x := g.rnd.Intn(100); {
		case x < 85:
			r.kind = "meeting"
		case x < 95:
			r.kind = "decision"
		default:
			r.kind = "timeline"
		}
		day := r.date.Format("2006-01-02")
		year := r.date.Format("2006")
		switch r.kind {
		case "meeting":
			r.id = r.body.slug + "-" + day
			for k := 2; ids[r.id]; k++ {
				r.id = fmt.Sprintf("%s-%s-%d", r.body.slug, day, k)
			}
			r.path = path.Join("records/meetings", year, r.body.slug, r.id+".md")
		case "decision":
			counts[r.body.id+year]++
			r.id = fmt.Sprintf("%s-%s-%03d", r.body.slug, year, counts[r.body.id+year])
			r.path = path.Join("records/decisions", year, r.id+".md")
		case "timeline":
			r.id = fmt.Sprintf("%s-%s-plan", r.body.slug, day)
			for k := 2; ids[r.id]; k++ {
				r.id = fmt.Sprintf("%s-%s-plan%d", r.body.slug, day, k)
			}
			r.path = path.Join("records/timelines", year, r.id+".md")
		}
		ids[r.id] = true
		g.plan(r, g.rnd)
		switch r.kind {
		case "meeting":
			g.lastMeeting[r.body.id] = r.id
		case "timeline":
			for _, it := range r.items {
				g.milestones = append(g.milestones, it.id)
			}
			if len(g.milestones) > 200 {
				g.milestones = g.milestones[len(g.milestones)-200:]
			}
		}
		// Some reports get a clearer name later (the history renames them).
		if r.kind == "meeting" && g.rnd.Intn(25) == 0 {
			r.renamed = path.Join(path.Dir(r.path), r.id+"-"+[]string{"virtual", "report", "minutes", "summary"}[g.rnd.Intn(4)]+".md")
		}
		g.recs = append(g.recs, r)
	}
}

// writeFiles writes the final state of every record, without git.
func (g *gen) writeFiles() error {
	if err := writeFile(g.opt.Out, "records/registry.md", g.reg.render(g.opt.StartYear)); err != nil {
		return err
	}
	for _, r := range g.recs {
		if err := writeFile(g.opt.Out, r.path, g.render(r)); err != nil {
			return err
		}
	}
	return nil
}

func writeFile(root, p string, data []byte) error {
	full := filepath.Join(root, filepath.FromSlash(p))
	if err := os.WriteFile(full, data, 0o644); err != nil {
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		return os.WriteFile(full, data, 0o644)
	}
	return nil
}

// openItems lists a record's open trackable items.
func openItems(r *rec) []*item {
	var out []*item
	for _, it := range r.items {
		for _, x := range append([]*item{it}, it.children...) {
			if !x.decision && !x.done {
				out = append(out, x)
			}
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
