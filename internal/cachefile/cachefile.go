// Package cachefile is the one rule for every file igf keeps under
// .git/igf/ (the parsed-records cache, the history cache, the summaries of
// staged files): such a file only ever saves time, so it must never change
// an answer.
//
//   - It is written whole, through a temporary file and a rename
//     (atomicfile), so a reader never sees half of one.
//   - It opens with a header that names its kind, its format version, the
//     identity of the igf binary that wrote it (Identity: a binary with
//     another parser never reads it) and what it describes (a repository's
//     path, a prefix).
//   - It ends with a CRC-32C of everything before it, so that damage — a
//     flipped bit, a truncated or extended file, another program's bytes —
//     is found before a byte of it is used.
//
// A file that fails any of these is ignored and rebuilt, never served.
// Files are read into memory, never mapped: a mapped file truncated by
// someone else would kill igf with SIGBUS at whatever moment it is read.
package cachefile

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/igf-records/igf/internal/atomicfile"
)

var magic = []byte("igf cache\x00")

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// A file starts with magic, then kind, version, identity and scope, each
// as a uvarint length (or value) and bytes, then the payload, then the
// CRC-32C of all of it as 4 little-endian bytes.

// Seal wraps payload in the header and checksum of a file of kind, at
// version, describing scope.
func Seal(kind string, version int, scope string, payload []byte) []byte {
	id := Identity()
	b := make([]byte, 0, len(magic)+len(kind)+len(id)+len(scope)+len(payload)+32)
	b = append(b, magic...)
	b = appendString(b, kind)
	b = binary.AppendUvarint(b, uint64(version))
	b = appendString(b, id)
	b = appendString(b, scope)
	b = append(b, payload...)
	return appendCRC(b)
}

func appendCRC(b []byte) []byte {
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, castagnoli))
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// Open returns the payload of data when data is a whole, undamaged file of
// kind and version, written by this binary about scope; ok is false
// otherwise. The payload shares data's memory.
func Open(data []byte, kind string, version int, scope string) (payload []byte, ok bool) {
	if len(data) < len(magic)+4 || !bytes.HasPrefix(data, magic) {
		return nil, false
	}
	body, sum := data[:len(data)-4], binary.LittleEndian.Uint32(data[len(data)-4:])
	if crc32.Checksum(body, castagnoli) != sum {
		return nil, false
	}
	rest := body[len(magic):]
	str := func() (string, bool) {
		n, w := binary.Uvarint(rest)
		if w <= 0 || n > uint64(len(rest)-w) {
			return "", false
		}
		s := string(rest[w : w+int(n)])
		rest = rest[w+int(n):]
		return s, true
	}
	k, ok1 := str()
	v, w := binary.Uvarint(rest)
	if !ok1 || w <= 0 || k != kind || v != uint64(version) {
		return nil, false
	}
	rest = rest[w:]
	id, ok2 := str()
	sc, ok3 := str()
	if !ok2 || !ok3 || id != Identity() || sc != scope {
		return nil, false
	}
	return rest, true
}

// Read returns the payload of the file at path (see Open); ok is false
// when it is missing, unreadable or not a sound file of kind.
func Read(path, kind string, version int, scope string) (payload []byte, ok bool) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, false
	}
	return Open(data, kind, version, scope)
}

// Write replaces the file at path with payload, sealed, atomically. It
// first sweeps the directory of temporary files that writes cut short left
// behind. A cache that cannot be written costs time, never an answer, so
// callers may ignore the error.
func Write(path, kind string, version int, scope string, payload []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	atomicfile.Sweep(dir, time.Hour)
	return atomicfile.Write(path, Seal(kind, version, scope, payload), atomicfile.Options{Replace: true})
}

// Dir is where igf keeps its files for the repository whose top is root:
// .git/igf of the git repository holding it (a linked worktree's or
// submodule's own git directory when .git is a file), else igf's directory
// in the user cache directory, else "".
func Dir(root string) string {
	for d := root; ; {
		g := filepath.Join(d, ".git")
		if st, err := os.Stat(g); err == nil {
			if st.IsDir() {
				return filepath.Join(g, "igf")
			}
			if b, err := os.ReadFile(g); err == nil {
				if s, ok := strings.CutPrefix(strings.TrimSpace(string(b)), "gitdir:"); ok {
					s = strings.TrimSpace(s)
					if !filepath.IsAbs(s) {
						s = filepath.Join(d, s)
					}
					return filepath.Join(s, "igf")
				}
			}
			break
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	if uc, err := os.UserCacheDir(); err == nil {
		return filepath.Join(uc, "igf")
	}
	return ""
}

var identity struct {
	once sync.Once
	id   string
}

// Identity names the igf binary that is running, as far as its parser is
// concerned: two binaries with the same identity read records alike.
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
