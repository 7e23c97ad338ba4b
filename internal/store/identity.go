package store

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sync"
)

var identity struct {
	once sync.Once
	id   string
}

// Identity names the igf binary that is running, as far as its parser is
// concerned: two binaries with the same identity read records alike, so a
// store written by another is discarded.
//
// A binary built from a clean checkout is named by its build information
// (Go version, module version, VCS revision, every dependency's version and
// checksum, build settings), so reinstalling the same version keeps the
// caches. Any other build — with local changes, without VCS information
// (go run, go test, -buildvcs=false) — is named by its Go build ID, which
// the toolchain derives from every input of the build, and failing that by
// the executable's path, size and modification time.
func Identity() string {
	identity.once.Do(func() {
		h := sha256.New()
		clean := false
		if bi, ok := debug.ReadBuildInfo(); ok {
			io.WriteString(h, bi.String())
			var revision, modified string
			for _, s := range bi.Settings {
				switch s.Key {
				case "vcs.revision":
					revision = s.Value
				case "vcs.modified":
					modified = s.Value
				}
			}
			clean = revision != "" && modified == "false"
		}
		if !clean {
			io.WriteString(h, "\x00"+executableID())
		}
		identity.id = hex.EncodeToString(h.Sum(nil)[:16])
	})
	return identity.id
}

// executableID is the running executable's Go build ID, else its path,
// size and modification time.
func executableID() string {
	exe, err := os.Executable()
	if err != nil {
		return "unknown executable"
	}
	f, err := os.Open(exe)
	if err != nil {
		return exe
	}
	defer f.Close()
	if id := elfBuildID(f); id != "" {
		return "buildid " + id
	}
	// Other formats carry it as text near the start of the binary.
	head := make([]byte, 64<<10)
	n, _ := f.ReadAt(head, 0)
	if id := buildID(head[:n]); id != "" {
		return "buildid " + id
	}
	if st, err := f.Stat(); err == nil {
		return fmt.Sprintf("%s %d %d", exe, st.Size(), st.ModTime().UnixNano())
	}
	return exe
}

// elfBuildID reads the Go build ID note of an ELF executable.
func elfBuildID(f *os.File) string {
	ef, err := elf.NewFile(f)
	if err != nil {
		return ""
	}
	sec := ef.Section(".note.go.buildid")
	if sec == nil {
		return ""
	}
	note, err := sec.Data()
	// namesz, descsz, type, "Go\x00\x00", then the ID.
	if err != nil || len(note) < 16 || string(note[12:16]) != "Go\x00\x00" {
		return ""
	}
	n := binary.LittleEndian.Uint32(note[4:8])
	if uint64(n) > uint64(len(note)-16) {
		return ""
	}
	return string(note[16 : 16+n])
}

func buildID(head []byte) string {
	const prefix = "\xff Go build ID: \""
	i := bytes.Index(head, []byte(prefix))
	if i < 0 {
		return ""
	}
	rest := head[i+len(prefix):]
	j := bytes.IndexByte(rest, '"')
	if j <= 0 || j > 400 {
		return ""
	}
	return string(rest[:j])
}
