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
	"strings"
)

type result struct {
	Median float64 `json:"median"`
	Min    float64 `json:"min"`
	User   float64 `json:"user"`
	System float64 `json:"system"`
}

// order is the table's row order; names are the JSON files' base names.
var order = []string{"floor", "ripgrep", "action-list-cold", "action-list-warm", "validate", "validate-staged-10", "help"}

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
	"action-list-cold":   "`igf action list --owner LF`, cold cache",
	"action-list-warm":   "`igf action list --owner LF`, warm cache",
	"validate":           "`igf validate` (whole repository)",
	"validate-staged-10": "`igf validate --staged`, 10 files staged",
	"help":               "`igf --help`",
}

func main() {
	title := flag.String("title", "", "table title")
	mem := flag.String("mem", "", "peak memory in MB: name=MB,...")
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
	for _, name := range append(append([]string{}, order...), storeOrder...) {
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
