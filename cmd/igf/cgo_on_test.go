//go:build cgo

package main

// builtWithCgo: this test binary links the C library (see cgo_off_test.go).
const builtWithCgo = true
