// Package plainfile reads files that must be plain files of bounded size,
// such as templates: a name that leads to a device (/dev/zero), a FIFO or a
// directory, or to a file larger than the limit, is refused before a byte
// is read, so that a mistaken or hostile path can neither fill memory nor
// hang igf.
package plainfile

import (
	"fmt"
	"io"
	"os"
)

// Read returns the contents of the regular file at path (symlinks
// followed), refusing anything else and any file over limit bytes.
func Read(path string, limit int64) ([]byte, error) {
	// Non-blocking, so that opening a FIFO does not wait for a writer.
	f, err := os.OpenFile(path, os.O_RDONLY|nonBlock, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a plain file (%s); igf reads it only as one", path, kind(st.Mode()))
	}
	if st.Size() > limit {
		return nil, fmt.Errorf("%s is %d bytes; igf reads at most %d here", path, st.Size(), limit)
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s grew past %d bytes while igf read it", path, limit)
	}
	return data, nil
}

func kind(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&os.ModeNamedPipe != 0:
		return "a named pipe"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m&os.ModeDevice != 0:
		return "a device"
	}
	return "not a regular file"
}
