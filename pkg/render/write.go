package render

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/igf-records/igf/internal/atomicfile"
)

// Target is where a rendering goes: a format, and a file (or "" for stdout).
type Target struct {
	Format string
	Path   string
}

// ParseTarget reads an -o value: a format name, or a file name whose
// extension names the format (exts maps ".md" to "md" and so on).
func ParseTarget(value string, formats []string, exts map[string]string) (Target, error) {
	for _, f := range formats {
		if value == f {
			return Target{Format: f}, nil
		}
	}
	if f, ok := exts[strings.ToLower(filepath.Ext(value))]; ok && filepath.Base(value) != filepath.Ext(value) {
		return Target{Format: f, Path: value}, nil
	}
	var names []string
	for e := range exts {
		names = append(names, e)
	}
	sortStrings(names)
	return Target{}, fmt.Errorf("-o %q: give a format (%s) or a file name ending %s",
		value, strings.Join(formats, ", "), strings.Join(names, ", "))
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// Emit renders into a buffer first, so a failed rendering leaves no partial
// output, then writes it to stdout or, atomically, to the target file.
func Emit(t Target, stdout io.Writer, render func(w io.Writer) error) error {
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return err
	}
	if t.Path == "" {
		_, err := stdout.Write(buf.Bytes())
		return err
	}
	return WriteFileAtomic(t.Path, buf.Bytes())
}

// WriteFileAtomic writes data to a temporary file in the same directory and
// renames it over path (internal/atomicfile), so readers see the old file or
// the new one, never half.
func WriteFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return fmt.Errorf("write %s: the directory %s does not exist", path, dir)
	}
	if err := atomicfile.Write(path, data, atomicfile.Options{Replace: true, Durable: true}); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// RelativeBase is the LinkBase for a document written at file: the way from
// its directory back up to the repository top (with a trailing slash), or ""
// when the document goes to stdout. inside is false when the file lies
// outside the repository: a relative link from there would climb into the
// file system of the machine that wrote it (a file:// path anywhere else),
// so such a document gets no record links unless --link-base gives them.
func RelativeBase(root, file string) (base string, inside bool) {
	if file == "" || root == "" {
		return "", true
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return "", false
	}
	if r, err := filepath.Rel(root, abs); err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", false
	}
	rel, err := filepath.Rel(filepath.Dir(abs), root)
	if err != nil || rel == "." {
		return "", true
	}
	return filepath.ToSlash(rel) + "/", true
}

// CheckLinkBase refuses a --link-base that points into this machine's files.
func CheckLinkBase(base string) error {
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(base)), "file:") {
		return fmt.Errorf("--link-base %q: a file: link points into this machine's files and is broken anywhere else; give an https URL such as https://github.com/ORG/REPO/blob/main/, or leave it out for links relative to the output file", base)
	}
	return nil
}
