// Command report turns the hyperfine JSON files of one corpus size, written
// by bench/run.sh, into a Markdown table of medians, CPU times and ratios to
// the two references (the stack floor and ripgrep).
//
//	report -title "50000 records" -mem floor=24,action-list-warm=700 DIR
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

type result struct {
	Median float64 `json:"median"`
	Min    float64 `json:"min"`
	User   float64 `json:"user"`
	System float64 `json:"system"`
}

// order is the table's row order; names are the JSON files' base names.
var order = []string{"floor", "ripgrep", "action-list-cold", "action-list-warm", "action-list-at", "validate", "validate-staged-10", "hello", "help"}

// storeOrder is the second table's rows: the store and igf search, with
// their own references.
var storeOrder = []string{"git-status", "store-sync-cold", "store-sync-warm", "ripgrep-phrase", "search-cold", "search-warm", "search-warm-all"}

var labels = map[string]string{
	"git-status":         "`git status --porcelain`",
	"store-sync-cold":    "store sync, cold (no store: list, hash, parse, write)",
	"store-sync-warm":    "store sync, warm (nothing changed)",
	"ripgrep-phrase":     "`rg -n -i -F 'cover letter' records`",
	"search-cold":        "`igf search '\"cover letter\"'`, cold (sync, full-text index, query)",
	"search-warm":        "`igf search '\"cover letter\"'`, warm (best 30)",
	"search-warm-all":    "`igf search '\"cover letter\"' --limit 0`, warm (every hit)",
	"floor":              "stack floor (frontmatter + goldmark, all cores)",
	"ripgrep":            "ripgrep: LF's open task lines",
	"action-list-cold":   "`igf action list --owner LF`, cold (no .git/igf)",
	"action-list-warm":   "`igf action list --owner LF`, warm store",
	"action-list-at":     "`igf action list --owner LF --at HEAD~50`, warm store",
	"hello":              "Go hello-world",
	"validate":           "`igf validate` (whole repository)",
	"validate-staged-10": "`igf validate --staged`, 10 files staged",
	"help":               "`igf --help`",
	"site-build":         "`igf site build -o DIR --reports 8` (every page and calendar, 8 quarterly reports)",
	"site-copy":          "`cp -r` of that site (writing its files, nothing else)",
}

func main() {
	title := flag.String("title", "", "table title")
	mem := flag.String("mem", "", "peak memory in MB: name=MB,...")
	records := flag.Int("records", 0, "records in the corpus: the targets that hold at one size only")
	basePeak := flag.Float64("base-peak", 0, "peak MB of the warm action list at 50,000 records, for the 100,000-record target")
	siteSize := flag.String("site", "", "the built site's size: files=N,mb=M")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: report [-title T] [-mem name=MB,...] DIR")
		os.Exit(2)
	}
	peaks := map[string]string{}
	for _, kv := range strings.Split(*mem, ",") {
		if k, v, ok := strings.Cut(kv, "="); ok {
			peaks[k] = v
		}
	}
	res := map[string]result{}
	for _, name := range append(append([]string{"site-build", "site-copy"}, order...), storeOrder...) {
		data, err := os.ReadFile(filepath.Join(flag.Arg(0), name+".json"))
		if err != nil {
			continue
		}
		var doc struct{ Results []result }
		if err := json.Unmarshal(data, &doc); err != nil || len(doc.Results) == 0 {
			fmt.Fprintf(os.Stderr, "report: %s: %v\n", name, err)
			continue
		}
		res[name] = doc.Results[0]
	}
	floor, rg := res["floor"], res["ripgrep"]
	ratio := func(a, b float64) string {
		if b == 0 {
			return "–"
		}
		return fmt.Sprintf("%.2f×", a/b)
	}
	fmt.Printf("\n### %s\n\n", *title)
	fmt.Println("| command | median wall | CPU (user+sys) | wall ÷ floor | wall ÷ ripgrep | CPU ÷ floor | peak RSS |")
	fmt.Println("|---|--:|--:|--:|--:|--:|--:|")
	for _, name := range order {
		r, ok := res[name]
		if !ok {
			continue
		}
		cpu := r.User + r.System
		peak := "–"
		if p, ok := peaks[name]; ok {
			peak = p + " MB"
		}
		fmt.Printf("| %s | %s | %s | %s | %s | %s | %s |\n", labels[name], secs(r.Median), secs(cpu),
			ratio(r.Median, floor.Median), ratio(r.Median, rg.Median), ratio(cpu, floor.User+floor.System), peak)
	}
	defer targets(res, peaks, *records, *basePeak)
	if r, ok := res["site-build"]; ok {
		v := res["validate"]
		sz := map[string]string{}
		for _, kv := range strings.Split(*siteSize, ",") {
			if k, val, ok := strings.Cut(kv, "="); ok {
				sz[k] = val
			}
		}
		peak := "–"
		if p, ok := peaks["site-build"]; ok {
			peak = p + " MB"
		}
		// cp -r of the same files says what the file system alone costs:
		// where creating a file is slow, that floor is much of the build.
		cp, hasCopy := res["site-copy"]
		fmt.Printf("\n| site | median wall | CPU (user+sys) | wall ÷ validate (target ≤ 3×) | wall ÷ cp -r | files | size | peak RSS |\n")
		fmt.Println("|---|--:|--:|--:|--:|--:|--:|--:|")
		fmt.Printf("| %s | %s | %s | %s | %s | %s | %s MB | %s |\n", labels["site-build"], secs(r.Median), secs(r.User+r.System),
			ratio(r.Median, v.Median), ratio(r.Median, cp.Median), sz["files"], sz["mb"], peak)
		if hasCopy {
			fmt.Printf("| %s | %s | %s | %s | 1.00× | | | – |\n", labels["site-copy"], secs(cp.Median), secs(cp.User+cp.System), ratio(cp.Median, v.Median))
		}
	}
	if _, ok := res["store-sync-warm"]; !ok {
		return
	}
	gs, rgp := res["git-status"], res["ripgrep-phrase"]
	fmt.Printf("\n| store | median wall | CPU (user+sys) | wall ÷ git status | wall ÷ ripgrep (phrase) | wall ÷ floor | peak RSS |\n")
	fmt.Println("|---|--:|--:|--:|--:|--:|--:|")
	for _, name := range storeOrder {
		r, ok := res[name]
		if !ok {
			continue
		}
		peak := "–"
		if p, ok := peaks[name]; ok {
			peak = p + " MB"
		}
		fmt.Printf("| %s | %s | %s | %s | %s | %s | %s |\n", labels[name], secs(r.Median), secs(r.User+r.System),
			ratio(r.Median, gs.Median), ratio(r.Median, rgp.Median), ratio(r.Median, floor.Median), peak)
	}
}

func secs(s float64) string {
	if s < 1 {
		return fmt.Sprintf("%.0f ms", s*1000)
	}
	return fmt.Sprintf("%.2f s", s)
}

// targets prints each target of the store's issue as met or missed, with
// the figure it was judged on and, for a miss, where the time or memory
// goes, from the same run's reference figures; one whose measurement is
// missing is said to be unmeasured.
func targets(res map[string]result, peaks map[string]string, records int, basePeak float64) {
	fmt.Printf("\n| target | figure | verdict | where it goes |\n|---|--:|---|---|\n")
	row := func(what, figure string, ok, measured bool, why string) {
		verdict := "met"
		switch {
		case !measured:
			verdict, figure, why = "not measured", "–", ""
		case !ok:
			verdict = "**missed**"
		default:
			why = ""
		}
		fmt.Printf("| %s | %s | %s | %s |\n", what, figure, verdict, why)
	}
	median := func(name string) (float64, bool) { r, ok := res[name]; return r.Median, ok && r.Median > 0 }
	// part says what share of a's time b alone takes.
	part := func(a, b, what string) string {
		ta, oka := median(a)
		tb, okb := median(b)
		if !oka || !okb {
			return what
		}
		return fmt.Sprintf("%s alone: %s of %s (%.0f%%); %s", labels[b], secs(tb), secs(ta), 100*tb/ta, what)
	}
	ratioTarget := func(a, b string, limit float64, why string) {
		ta, oka := median(a)
		tb, okb := median(b)
		r := 0.0
		if oka && okb {
			r = ta / tb
		}
		row(fmt.Sprintf("%s ≤ %.1f× %s", labels[a], limit, labels[b]), fmt.Sprintf("%.2f× (%s ÷ %s)", r, secs(ta), secs(tb)), r <= limit, oka && okb, why)
	}
	peakTarget := func(name string, limit float64, why string) {
		p, err := strconv.ParseFloat(peaks[name], 64)
		row(fmt.Sprintf("%s peak ≤ %.0f MB", labels[name], limit), fmt.Sprintf("%.0f MB", p), p <= limit, err == nil, why)
	}
	ratioTarget("action-list-warm", "git-status", 1.0,
		part("action-list-warm", "store-sync-warm", "the rest is the indexed query, decoding each of the owner's items and writing the table; git status writes nothing"))
	peakTarget("action-list-warm", 100, "the owner's items are decoded and held to size the table's columns; SQLite's page cache is up to 64 MiB")
	if records >= 100000 {
		p, err := strconv.ParseFloat(peaks["action-list-warm"], 64)
		measured := err == nil && basePeak > 0
		row("warm `action list` peak at 100,000 ≤ 1.3× the 50,000 peak", fmt.Sprintf("%.2f× (%.0f ÷ %.0f MB)", p/basePeak, p, basePeak), p <= 1.3*basePeak, measured,
			"the answer grows with the corpus: the busiest owner has a fixed share of all items")
	}
	ratioTarget("action-list-cold", "floor", 1.5,
		part("action-list-cold", "store-sync-cold", "the store parses every file and writes its rows in one transaction before the query"))
	peakTarget("action-list-cold", 400, "parsed records wait in memory for the store's single write transaction")
	ratioTarget("validate", "floor", 1.5, "each file is parsed with its YAML nodes kept for the schemas' positions, then the body rules walk it again; the floor only decodes")
	peakTarget("validate", 400, "every record is held for the cross-record rules (unique IDs, owners, supersedes)")
	if records == 50000 {
		r, ok := res["validate-staged-10"]
		row("`igf validate --staged`, 10 files, ≤ 0.2 s at 50,000", secs(r.Median), r.Median <= 0.2, ok,
			part("validate-staged-10", "git-status", "reading the index and the cross-record facts of the other files from the store"))
	}
	ratioTarget("search-warm", "ripgrep-phrase", 0.5, part("search-warm", "store-sync-warm", "the FTS5 query and snippets are the rest"))
	ratioTarget("action-list-at", "action-list-warm", 2.0, "the revision's tree is read from git's objects to name its blobs")
	ratioTarget("help", "hello", 1.5, "package initialisation of the linked libraries, before main (GODEBUG=inittrace=1 igf --help lists them)")
	ratioTarget("site-build", "validate", 3.0,
		part("site-build", "site-copy", "the rest is rendering: page templates, the reports (each lists every item open at its quarter's end) and their JSON"))
}
