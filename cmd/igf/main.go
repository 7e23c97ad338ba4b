// Command igf keeps a governance body's records honest.
package main

import (
	"os"

	"github.com/igf-records/igf/internal/memguard"
	"github.com/igf-records/igf/internal/profile"
	"github.com/igf-records/igf/pkg/cmd/root"
	"github.com/igf-records/igf/pkg/cmdutil"
)

func main() { os.Exit(run()) }

// run is main without os.Exit, so tests can run the command in-process.
func run() int {
	// Under ulimit -v, run supervised: igf then starts, and says plainly
	// when memory runs out (internal/memguard).
	if code, supervised := memguard.Supervise(); supervised {
		return code
	}
	defer profile.Start()()
	f := cmdutil.New()
	cmd := root.NewCmdRoot(f)
	err := cmd.Execute()
	if err != nil {
		if msg := err.Error(); msg != "" && !isSilent(err) {
			f.IO.ErrOut.Write([]byte("igf: " + msg + "\n"))
		}
	}
	return cmdutil.Code(err)
}

func isSilent(err error) bool {
	e, ok := err.(*cmdutil.ExitError)
	return ok && e.Err == nil
}
