//go:build ncruces

package main

import (
	"database/sql"

	"github.com/ncruces/go-sqlite3"
	"github.com/ncruces/go-sqlite3/driver"
	"github.com/ncruces/go-sqlite3/ext/fts5"
)

const driverName = "github.com/ncruces/go-sqlite3"

func openDB(path string, create bool) (*sql.DB, error) {
	return driver.Open("file:"+path+"?_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=busy_timeout(5000)",
		func(c *sqlite3.Conn) error {
			if create && *checksums {
				if err := c.EnableChecksums("main"); err != nil {
					return err
				}
			}
			return fts5.Register(c)
		})
}
