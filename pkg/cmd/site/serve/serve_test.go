package serve

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/igf-records/igf/pkg/cmdutil"
)

// lockedBuffer is stderr that the server writes while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// copyRecords copies the bundled records into a new repository folder.
func copyRecords(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	src := filepath.Join("..", "..", "..", "..", "records")
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		dst := filepath.Join(root, "records", rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// waitFor polls until ok says yes, or the test's own deadline ends it: no
// timed assertion of its own, so a slow machine only makes it slower.
func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for !ok() {
		if d, has := t.Deadline(); has && time.Until(d) < 5*time.Second {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// TestServeRebuildsOnChange starts igf site serve on the bundled records,
// fetches the home page and a meeting's page, edits that meeting's record,
// and sees the page rebuilt with the edit; cancelling ends the server.
func TestServeRebuildsOnChange(t *testing.T) {
	root := copyRecords(t)
	stderr := &lockedBuffer{}
	f := &cmdutil.Factory{IO: &cmdutil.IOStreams{In: strings.NewReader(""), Out: io.Discard, ErrOut: stderr},
		Dir: root, TodayFlag: "2024-01-15", Loader: cmdutil.LoadWorktree, Now: time.Now}
	if err := f.Resolve(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, f, &Options{Addr: "127.0.0.1:0", Interval: 10 * time.Millisecond})
	}()

	serving := regexp.MustCompile(`serving the site on (http://\S+/)`)
	var base string
	waitFor(t, "the server to start", func() bool {
		select {
		case err := <-done:
			t.Fatalf("igf site serve ended before serving: %v\n%s", err, stderr.String())
		default:
		}
		if m := serving.FindStringSubmatch(stderr.String()); m != nil {
			base = m[1]
			return true
		}
		return false
	})
	if code, body := get(t, base); code != http.StatusOK || !strings.Contains(body, "<h2>Open and overdue</h2>") {
		t.Fatalf("GET %s: %d, no home page:\n%.300s", base, code, body)
	}
	page := base + "meetings/lp-2023-12-18.html"
	code, before := get(t, page)
	if code != http.StatusOK {
		t.Fatalf("GET %s: %d", page, code)
	}

	const edited = "A title the rebuild must show"
	file := filepath.Join(root, "records", "meetings", "2023", "2023-12-18-lp-virtual.md")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	title := regexp.MustCompile(`(?m)^title: .*$`)
	if !title.Match(data) || strings.Contains(before, edited) {
		t.Fatalf("%s has no title line to edit, or the page already shows the edit", file)
	}
	if err := os.WriteFile(file, title.ReplaceAll(data, []byte("title: "+edited)), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the rebuilt page", func() bool {
		_, body := get(t, page)
		return strings.Contains(body, edited)
	})
	// The rebuild says so once its site is swapped in.
	waitFor(t, "the rebuild's line on stderr", func() bool { return strings.Count(stderr.String(), "built ") >= 2 })
	if strings.Contains(stderr.String(), "not rebuilt") {
		t.Errorf("a rebuild failed:\n%s", stderr.String())
	}

	cancel()
	if err := <-done; err != nil {
		t.Fatalf("igf site serve ended with %v", err)
	}
}
