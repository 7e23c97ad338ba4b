//go:build !cgo

package main

// builtWithCgo is false in a pure-Go build, as make builds igf: a cgo build
// maps a C malloc arena per thread, which under ulimit -v can stop any Go
// program before its first line runs.
const builtWithCgo = false
