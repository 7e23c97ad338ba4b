//go:build modernc

package main

import (
	"database/sql"

	_ "modernc.org/sqlite"
)

const driverName = "modernc.org/sqlite"

func openDB(path string, create bool) (*sql.DB, error) {
	return sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=busy_timeout(5000)")
}
