//go:build !modernc && !ncruces

package main

import (
	"database/sql"
	"errors"
)

const driverName = "none"

func openDB(path string, create bool) (*sql.DB, error) {
	return nil, errors.New("built without a driver")
}
