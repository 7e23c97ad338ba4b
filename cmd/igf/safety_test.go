package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// Script commands for the safety scripts: hostile values, broken files.
func init() {
	scriptCmds["substitute"] = substitute
	scriptCmds["cpname"] = cpName
	scriptCmds["halve"] = halve
	scriptCmds["clobber"] = clobber
	scriptCmds["manyitems"] = manyItems
	scriptConds["cgo"] = func() bool { return builtWithCgo }
}

// manyitems FILE N [ID] writes a meeting (of ID, default big) of the Panel
// with N actions owned by LF, and one owned by an unknown ZZ at the end.
func manyItems(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 || len(args) > 3 {
		ts.Fatalf("usage: manyitems FILE N [ID]")
	}
	n, err := strconv.Atoi(args[1])
	ts.Check(err)
	id := "big"
	if len(args) == 3 {
		id = args[2]
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "---\nid: %s\ntype: meeting\ntitle: Long\nbody: LP\ndate: \"2024-01-01\"\nformat: virtual\n---\n\n", id)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "- [ ] T @LF due:2024-03 {#%s-a%d}\n", id, i)
	}
	fmt.Fprintf(&b, "- [ ] Last @ZZ due:2024-03 {#%s-last}\n", id)
	p := ts.MkAbs(args[0])
	ts.Check(os.MkdirAll(filepath.Dir(p), 0o755))
	ts.Check(os.WriteFile(p, b.Bytes(), 0o644))
}

// halve DIR cuts every file under DIR to half its size, as a full disk or a
// killed writer that wrote in place would leave it.
func halve(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: halve DIR")
	}
	n := 0
	err := filepath.WalkDir(ts.MkAbs(args[0]), func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		n++
		return os.Truncate(p, info.Size()/2)
	})
	ts.Check(err)
	if n == 0 {
		ts.Fatalf("halve: no files under %s", args[0])
	}
}

// clobber FILE overwrites 64 bytes in the middle of every 4 KiB block of
// FILE after the first, as a failing disk or a stray writer would.
func clobber(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: clobber FILE")
	}
	p := ts.MkAbs(args[0])
	data, err := os.ReadFile(p)
	ts.Check(err)
	if len(data) < 8192 {
		ts.Fatalf("clobber: %s has only %d bytes", args[0], len(data))
	}
	for block := 4096; block+4096 <= len(data); block += 4096 {
		for i := block + 2016; i < block+2080; i++ {
			data[i] ^= 0x5a
		}
	}
	ts.Check(os.WriteFile(p, data, 0o644))
}

// cpname SRC DST copies a file to a name read as a Go string literal
// without the quotes, so a script can make a file whose name holds a newline.
func cpName(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: cpname SRC DST")
	}
	data, err := os.ReadFile(ts.MkAbs(args[0]))
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(goString(ts, args[1])), data, 0o644))
}

// substitute FILE OLD NEW replaces the first OLD in FILE by NEW, both read
// as Go string literals without the quotes (\x1b, \r, \u202e ...), so a
// script can plant escape sequences in a real record.
func substitute(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: substitute FILE OLD NEW")
	}
	p := ts.MkAbs(args[0])
	data, err := os.ReadFile(p)
	ts.Check(err)
	from, to := goString(ts, args[1]), goString(ts, args[2])
	if !bytes.Contains(data, []byte(from)) {
		ts.Fatalf("%s does not contain %q", args[0], from)
	}
	st, err := os.Stat(p)
	ts.Check(err)
	ts.Check(os.WriteFile(p, bytes.Replace(data, []byte(from), []byte(to), 1), st.Mode().Perm()))
}

func goString(ts *testscript.TestScript, s string) string {
	u, err := strconv.Unquote(`"` + strings.ReplaceAll(s, `"`, `\"`) + `"`)
	if err != nil {
		ts.Fatalf("%q: %v", s, err)
	}
	return u
}
