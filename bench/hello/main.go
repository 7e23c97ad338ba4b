// Command hello is the Go hello-world `igf --help` is measured against:
// the start-up every Go binary pays.
package main

import "fmt"

func main() { fmt.Println("hello, world") }
