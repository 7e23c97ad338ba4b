package validate

import (
	"fmt"
	"strings"

	"github.com/igf-records/igf/pkg/core/record"
)

// Rules of the names registry entries answer to.
const (
	RuleSharedName    = "shared-name"    // an ID, initials or alias held by two entries (error); a name: (warning)
	RuleAmbiguousName = "ambiguous-name" // a record writes a name two entries share
)

// entry is a registry person or body, with where it is written.
type entry struct {
	kind, id string
	path     string
	pos      record.Pos
}

func (e entry) String() string {
	return fmt.Sprintf("%s %s (%s:%d)", e.kind, e.id, e.path, e.pos.Line)
}

// sharedNames reports every ID, initials or alias held by two registry
// entries — the same person or body listed twice, or two that answer to one
// name — as an error at the later entry naming both entries' lines: records
// that write it cannot say which they mean. Two entries with the same name:
// draw a warning, since people do share names.
func (c *checker) sharedNames() {
	type holder struct {
		e    entry
		tier int
		name string // as the entry writes it
	}
	held := map[string][]holder{} // NameKey -> entries holding it
	var keys []string
	hold := func(e entry, tier int, names []string) {
		for _, n := range names {
			k := record.NameKey(n)
			if k == "" {
				continue
			}
			if held[k] == nil {
				keys = append(keys, k)
			}
			own := false // the entry's initials or name repeating its ID or an alias
			for _, h := range held[k] {
				own = own || h.e == e
			}
			if !own {
				held[k] = append(held[k], holder{e, tier, strings.TrimSpace(n)})
			}
		}
	}
	for _, r := range c.s.Records {
		if r.Registry == nil {
			continue
		}
		for _, p := range r.Registry.People {
			e := entry{"person", p.ID, r.Path, p.Pos}
			for tier := range record.NameTiers {
				hold(e, tier, record.NamesAt(tier, p.ID, p.Initials, p.Aliases, p.Name))
			}
		}
		for _, b := range r.Registry.Bodies {
			e := entry{"body", b.ID, r.Path, b.Pos}
			for tier := range record.NameTiers {
				hold(e, tier, record.NamesAt(tier, b.ID, "", b.Aliases, b.Name))
			}
		}
	}
	const nameTier = 3
	for _, k := range keys {
		hs := held[k]
		for i := 1; i < len(hs); i++ {
			for j := 0; j < i; j++ {
				a, b := hs[j], hs[i]
				if a.e == b.e {
					continue
				}
				sameID := strings.EqualFold(a.e.id, b.e.id)
				switch {
				case sameID && !(a.tier == 0 && b.tier == 0):
					// One entry listed twice: its ID says so once.
				case a.tier == nameTier && b.tier == nameTier:
					c.out = append(c.out, record.Warn(b.e.path, b.e.pos, RuleSharedName,
						fmt.Sprintf("%s has the name %q of %s", b.e, b.name, a.e),
						"records that write the name cannot say which they mean: give each entry an alias of its own and write that"))
				case a.tier == nameTier || b.tier == nameTier:
					// An alias or ID another entry's name: the stronger wins, as
					// people who write it mean.
				case sameID:
					c.errAt(b.e.path, b.e.pos, RuleSharedName,
						fmt.Sprintf("%s is listed twice: also %s", b.e, a.e),
						"merge the two entries into one")
				default:
					c.errAt(b.e.path, b.e.pos, RuleSharedName,
						fmt.Sprintf("the %s %q of %s is also the %s of %s", record.NameTier(b.tier), b.name, b.e, record.NameTier(a.tier), a.e),
						"an ID, initials or alias must lead to one entry: remove it from one of them (or merge them, if they are one person or body)")
				}
			}
		}
	}
}
