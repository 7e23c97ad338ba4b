package render

import (
	"bytes"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/core/report"
)

// A calendar made from records igf could not all read says so in what a
// calendar application shows of the feed, and names each file for tools.
func TestICSSaysWhatItWasMadeFromAndLacks(t *testing.T) {
	clean := false
	made := report.NewProvenance([]record.Omission{
		{Path: "records/meetings/2024/a.md", Line: 3, Col: 9, Rule: "yaml", Reason: "invalid YAML; a, b", Whole: true},
		{Path: "records/b.md", Line: 7, Col: 1, Rule: "date", Reason: "bad date", More: 2},
	})
	made.Commit, made.CommitDate, made.Uncommitted, made.Version = "1a2b3c4", dates.MustParse("2024-04-12"), &clean, "v1.2.0"
	var out bytes.Buffer
	if err := ICS(&out, "IGF", nil, time.Date(2024, 4, 15, 0, 0, 0, 0, time.UTC), Options{Made: &made}); err != nil {
		t.Fatal(err)
	}
	cal, err := ics.ParseCalendar(strings.NewReader(out.String()))
	if err != nil {
		t.Fatal(err)
	}
	props := map[string][]string{}
	for _, p := range cal.CalendarProperties {
		props[p.IANAToken] = append(props[p.IANAToken], p.Value)
	}
	desc := strings.Join(props["DESCRIPTION"], "")
	for _, want := range []string{
		"Made from the records in the working tree, as committed in 1a2b3c4 on 12 April 2024 (no uncommitted changes); today taken as 15 April 2024; igf v1.2.0.",
		"Not included: igf could not read 2 record files in full, so this calendar lacks what they hold",
		"records/meetings/2024/a.md:3:9: left out: invalid YAML; a, b [yaml]",
		"records/b.md:7:1: read in part: bad date [date] (and 2 more errors)",
	} {
		if !strings.Contains(unescapeText(desc), want) {
			t.Errorf("DESCRIPTION lacks %q:\n%s", want, desc)
		}
	}
	if got := props["X-IGF-NOT-INCLUDED"]; len(got) != 2 || !strings.HasPrefix(unescapeText(got[0]), "records/meetings/2024/a.md:3:9: left out") {
		t.Errorf("X-IGF-NOT-INCLUDED = %q", got)
	}
	if len(props["X-WR-CALDESC"]) != 1 || len(props["X-IGF-MADE-FROM"]) != 1 {
		t.Errorf("X-WR-CALDESC %q, X-IGF-MADE-FROM %q", props["X-WR-CALDESC"], props["X-IGF-MADE-FROM"])
	}
}

func unescapeText(s string) string {
	return strings.NewReplacer(`\\`, `\`, `\n`, "\n", `\;`, ";", `\,`, ",").Replace(s)
}

func TestMadeFromSaysEverySource(t *testing.T) {
	yes, no := true, false
	day := dates.MustParse("2024-04-15")
	base := report.Provenance{Commit: "1a2b3c4", CommitDate: dates.MustParse("2024-04-12"), Version: "devel"}
	for _, c := range []struct {
		edit func(p *report.Provenance)
		want string
	}{
		{func(p *report.Provenance) { p.Reading, p.Uncommitted = report.ReadWorktree, &no },
			"the records in the working tree, as committed in 1a2b3c4 on 12 April 2024 (no uncommitted changes); today taken as 15 April 2024; igf devel"},
		{func(p *report.Provenance) { p.Reading, p.Uncommitted = report.ReadWorktree, &yes },
			"the records in the working tree: commit 1a2b3c4 of 12 April 2024, with uncommitted changes; today taken as 15 April 2024; igf devel"},
		{func(p *report.Provenance) { p.Reading = report.ReadWorktree },
			"the records in the working tree at commit 1a2b3c4 of 12 April 2024; whether they have uncommitted changes could not be told; today taken as 15 April 2024; igf devel"},
		{func(p *report.Provenance) { p.Reading, p.Commit = report.ReadWorktree, "" },
			"the records in the working tree (not in a git repository, or before its first commit); today taken as 15 April 2024; igf devel"},
		{func(p *report.Provenance) { p.Reading, p.At = report.ReadRevision, "v2024.1" },
			"the records as committed in 1a2b3c4 on 12 April 2024, read with --at v2024.1; today taken as 15 April 2024; igf devel"},
		{func(p *report.Provenance) { p.Reading, p.AsOf = report.ReadAsOf, "2024-Q1" },
			"the records as they stood at the end of 31 March 2024 (--as-of 2024-Q1): commit 1a2b3c4 of 12 April 2024; today taken as 15 April 2024; igf devel"},
		{func(p *report.Provenance) {
			p.Reading, p.Commit, p.GitError = report.ReadWorktree, "", "object not found"
		},
			"the records in the working tree; the commit they are those of could not be read from git (object not found); today taken as 15 April 2024; igf devel"},
		{func(p *report.Provenance) {
			p.Reading, p.Uncommitted, p.GitError = report.ReadWorktree, &no, "object not found"
		},
			"the records in the working tree, as committed in 1a2b3c4 on 12 April 2024 (no uncommitted changes); whether a commit before it last changed them could not be read from git (object not found); today taken as 15 April 2024; igf devel"},
		{func(p *report.Provenance) {
			p.Reading, p.Uncommitted, p.CommitMayBeEarlier = report.ReadWorktree, &no, true
		},
			"the records in the working tree, as committed in 1a2b3c4 on 12 April 2024 (no uncommitted changes); they may be older than that commit: the history before it was not read (a shallow clone, or 10,000 commits without a change to them); today taken as 15 April 2024; igf devel"},
	} {
		p := base
		c.edit(&p)
		if got := MadeFrom(p, day); got != c.want {
			t.Errorf("got  %q\nwant %q", got, c.want)
		}
	}
}
