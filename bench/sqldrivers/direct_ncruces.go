//go:build ncruces

package main

import (
	"fmt"
	"slices"
	"time"

	"github.com/ncruces/go-sqlite3"
)

// queryDirect runs the owner query through ncruces's own API, without
// database/sql, to see what that layer costs per row.
func queryDirect(q string, args ...string) error {
	c, err := sqlite3.Open("file:" + *dbPath)
	if err != nil {
		return err
	}
	defer c.Close()
	var cpus []time.Duration
	n := 0
	for r := 0; r < *reps; r++ {
		c0 := cpuTime()
		st, _, err := c.Prepare(q)
		if err != nil {
			return err
		}
		for i, a := range args {
			st.BindText(i+1, a)
		}
		n = 0
		for st.Step() {
			for col := 0; col < st.ColumnCount(); col++ {
				_ = st.ColumnText(col)
			}
			n++
		}
		if err := st.Err(); err != nil {
			return err
		}
		st.Close()
		cpus = append(cpus, cpuTime()-c0)
	}
	slices.Sort(cpus)
	fmt.Printf("%-28s %-30s %6d rows  cpu median %8v min %8v\n", "owner LF open, direct API", driverName, n, cpus[len(cpus)/2].Round(100*time.Microsecond), cpus[0].Round(100*time.Microsecond))
	return nil
}
