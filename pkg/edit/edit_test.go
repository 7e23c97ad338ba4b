package edit

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/igf-records/igf/pkg/core/parse"
	"github.com/igf-records/igf/pkg/core/record"
)

const lpNotes = "records/meetings/2023/2023-12-18-lp-virtual.md"

func readReal(t *testing.T, rel string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("../..", rel))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func item(t *testing.T, rel string, data []byte, id string) *record.Item {
	t.Helper()
	rec, findings := parse.File(rel, data)
	if rec == nil {
		t.Fatalf("%s does not parse: %v", rel, findings)
	}
	for _, it := range rec.Items {
		if it.ID == id {
			return it
		}
	}
	t.Fatalf("%s has no item %s", rel, id)
	return nil
}

// crlfWithBOM is a real record as a Windows editor saves it: a byte-order
// mark, CRLF line endings, and trailing blanks left on some lines.
func crlfWithBOM(data []byte) []byte {
	s := strings.ReplaceAll(string(data), "\n", "\r\n")
	s = strings.Replace(s, "title: IGF Leadership Panel virtual meeting\r\n", "title: IGF Leadership Panel virtual meeting   \r\n", 1)
	s = strings.Replace(s, "## Decisions, Action Items & Next Steps\r\n", "## Decisions, Action Items & Next Steps \t\r\n", 1)
	return append([]byte("\xef\xbb\xbf"), s...)
}

// oneByteDiff reports the offsets where a and b (equal length) differ.
func diffOffsets(a, b []byte) []int {
	var out []int
	for i := range a {
		if a[i] != b[i] {
			out = append(out, i)
		}
	}
	return out
}

func TestCloseAndReopenChangeOnlyTheBox(t *testing.T) {
	for name, data := range map[string][]byte{"LF": readReal(t, lpNotes), "CRLF+BOM": crlfWithBOM(readReal(t, lpNotes))} {
		t.Run(name, func(t *testing.T) {
			it := item(t, lpNotes, data, "lp-2023-12-18-a2")
			done, err := SetStatus(data, it, true, "")
			if err != nil {
				t.Fatal(err)
			}
			if len(done) != len(data) {
				t.Fatalf("length changed: %d -> %d", len(data), len(done))
			}
			box := bytes.Index(data, []byte("[ ] Draft a cover letter"))
			if d := diffOffsets(data, done); len(d) != 1 || d[0] != box+1 || done[box+1] != 'x' {
				t.Fatalf("changed bytes at %v, want only %d", d, box+1)
			}
			if got := item(t, lpNotes, done, "lp-2023-12-18-a2"); got.Status != record.StatusDone {
				t.Fatalf("after closing: status %s", got.Status)
			}
			again, err := SetStatus(done, item(t, lpNotes, done, "lp-2023-12-18-a2"), false, "")
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(again, data) {
				t.Fatal("closing then reopening did not give back the original bytes")
			}
		})
	}
}

func TestDoneDateTokenWrittenAndDropped(t *testing.T) {
	data := crlfWithBOM(readReal(t, lpNotes))
	it := item(t, lpNotes, data, "lp-2023-12-18-a2")
	done, err := SetStatus(data, it, true, "2024-01-10")
	if err != nil {
		t.Fatal(err)
	}
	want := bytes.Replace(data, []byte("- [ ] Draft a cover letter"), []byte("- [x] Draft a cover letter"), 1)
	want = bytes.Replace(want, []byte("@KS due:2023-12-19 {#lp-2023-12-18-a2}\r\n"), []byte("@KS due:2023-12-19 done:2024-01-10 {#lp-2023-12-18-a2}\r\n"), 1)
	if !bytes.Equal(done, want) {
		t.Fatalf("done:DATE not written as expected:\n%s", firstDiff(want, done))
	}
	got := item(t, lpNotes, done, "lp-2023-12-18-a2")
	if got.DoneDate.String() != "2024-01-10" || got.Title != item(t, lpNotes, data, "lp-2023-12-18-a2").Title {
		t.Fatalf("reparsed: done %s, title %q", got.DoneDate, got.Title)
	}
	// A second close with another date replaces the token, not adds one.
	redone, err := SetStatus(done, got, true, "2024-01-11")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(redone, bytes.Replace(done, []byte("done:2024-01-10"), []byte("done:2024-01-11"), 1)) {
		t.Fatalf("second date:\n%s", firstDiff(done, redone))
	}
	// Reopening drops the date, giving back the original file.
	open, err := SetStatus(redone, item(t, lpNotes, redone, "lp-2023-12-18-a2"), false, "")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(open, data) {
		t.Fatalf("reopen:\n%s", firstDiff(data, open))
	}
}

func firstDiff(want, got []byte) string {
	for i := 0; i < min(len(want), len(got)); i++ {
		if want[i] != got[i] {
			lo := max(0, i-40)
			return "want …" + string(want[lo:min(len(want), i+40)]) + "…\n got …" + string(got[lo:min(len(got), i+40)]) + "…"
		}
	}
	return "lengths differ"
}

func TestStaleOffsetRefused(t *testing.T) {
	data := readReal(t, lpNotes)
	it := item(t, lpNotes, data, "lp-2023-12-18-a2")
	shifted := append([]byte("\n"), data...)
	if _, err := SetStatus(shifted, it, true, ""); err == nil {
		t.Fatal("an edit at a stale offset was made")
	}
}

const timeline = "records/timelines/iww-2024.md"

func TestMilestoneStatusRewrittenInPlace(t *testing.T) {
	for name, data := range map[string][]byte{"LF": readReal(t, timeline), "CRLF": []byte(strings.ReplaceAll(string(readReal(t, timeline)), "\n", "\r\n"))} {
		t.Run(name, func(t *testing.T) {
			it := item(t, timeline, data, "iww-2")
			done, err := SetStatus(data, it, true, "")
			if err != nil {
				t.Fatal(err)
			}
			// iww-2's status line is the second "status: open" of the file.
			first := bytes.Index(data, []byte("status: open"))
			second := first + 1 + bytes.Index(data[first+1:], []byte("status: open"))
			want := append(append(bytes.Clone(data[:second]), "status: done"...), data[second+len("status: open"):]...)
			if !bytes.Equal(done, want) {
				t.Fatalf("milestone edit:\n%s", firstDiff(want, done))
			}
			if got := item(t, timeline, done, "iww-2"); got.Status != record.StatusDone {
				t.Fatalf("reparsed status %s", got.Status)
			}
			if got := item(t, timeline, done, "iww-1"); got.Status != record.StatusOpen {
				t.Fatal("another milestone changed")
			}
			back, err := SetStatus(done, item(t, timeline, done, "iww-2"), false, "")
			if err != nil || !bytes.Equal(back, data) {
				t.Fatalf("reopen did not restore the file: %v", err)
			}
		})
	}
}

func TestMilestoneQuotedOrMissingStatus(t *testing.T) {
	data := readReal(t, timeline)
	quoted := bytes.Replace(data, []byte("    status: open\n"), []byte("    status: \"open\"   # as agreed\n"), 1)
	done, err := SetStatus(quoted, item(t, timeline, quoted, "iww-1"), true, "")
	if err != nil {
		t.Fatal(err)
	}
	if want := bytes.Replace(quoted, []byte(`status: "open"`), []byte(`status: "done"`), 1); !bytes.Equal(done, want) {
		t.Fatalf("quoted:\n%s", firstDiff(want, done))
	}
	missing := bytes.Replace(data, []byte("    status: open\n"), nil, 1)
	done, err = SetStatus(missing, item(t, timeline, missing, "iww-1"), true, "")
	if err != nil {
		t.Fatal(err)
	}
	if want := bytes.Replace(missing, []byte("  - id: iww-1\n"), []byte("  - id: iww-1\n    status: done\n"), 1); !bytes.Equal(done, want) {
		t.Fatalf("missing:\n%s", firstDiff(want, done))
	}
	if got := item(t, timeline, done, "iww-1"); got.Status != record.StatusDone {
		t.Fatalf("reparsed: %s", got.Status)
	}
	if _, err := SetStatus(data, item(t, timeline, data, "iww-1"), true, "2024-03-01"); err == nil {
		t.Fatal("a done date on a milestone accepted")
	}
}

func TestAssignIDsToItemsWithout(t *testing.T) {
	data := crlfWithBOM(readReal(t, lpNotes))
	// Take the IDs off an action, two decisions (one of a nested list) and add
	// a new action with none.
	stripped := bytes.Replace(data, []byte(" {#lp-2023-12-18-a3}"), nil, 1)
	stripped = bytes.Replace(stripped, []byte(" {#lp-2023-12-18-d2}"), nil, 1)
	stripped = bytes.Replace(stripped, []byte(" {#lp-2023-12-18-d6}"), nil, 1)
	stripped = bytes.Replace(stripped, []byte("{#lp-2023-12-18-a6}\r\n"), []byte("{#lp-2023-12-18-a6}\r\n- [ ] Circulate the revised timeline @LF  \r\n"), 1)
	rec, _ := parse.File(lpNotes, stripped)
	missing := MissingIDs(stripped, rec)
	kinds := ""
	for _, m := range missing {
		kinds += m.Kind[:1]
	}
	if kinds != "ddaa" {
		t.Fatalf("missing kinds %q, want ddaa: %+v", kinds, missing)
	}
	taken := map[string]bool{"lp-2023-12-18-d8": true} // used by another record
	ids := NewIDs(rec.ID, rec.Items, missing, func(id string) bool { return taken[id] })
	if got := strings.Join(ids, " "); got != "lp-2023-12-18-d9 lp-2023-12-18-d10 lp-2023-12-18-a7 lp-2023-12-18-a8" {
		t.Fatalf("new IDs: %s", got)
	}
	out := AssignIDs(stripped, missing, ids)
	// Only the tokens were added; the hard break's two blanks stay last.
	want := bytes.Replace(stripped, []byte("@LF  \r\n"), []byte("@LF {#lp-2023-12-18-a8}  \r\n"), 1)
	want = bytes.Replace(want, []byte("Chair and Vice-Chair's signatures, inviting organizations to participate in the first IWW consultation on March 1st.\r\n"),
		[]byte("Chair and Vice-Chair's signatures, inviting organizations to participate in the first IWW consultation on March 1st. {#lp-2023-12-18-d9}\r\n"), 1)
	want = bytes.Replace(want, []byte("without the Panel member assignments.\r\n"), []byte("without the Panel member assignments. {#lp-2023-12-18-d10}\r\n"), 1)
	want = bytes.Replace(want, []byte("stated in the meeting). @LP due:2023-12-20\r\n"), []byte("stated in the meeting). @LP due:2023-12-20 {#lp-2023-12-18-a7}\r\n"), 1)
	if !bytes.Equal(out, want) {
		t.Fatalf("assigned:\n%s", firstDiff(want, out))
	}
	again, _ := parse.File(lpNotes, out)
	if left := MissingIDs(out, again); len(left) != 0 {
		t.Fatalf("still missing: %+v", left)
	}
	// The real record lacks none: its introducing bullets are not decisions.
	real := readReal(t, lpNotes)
	realRec, _ := parse.File(lpNotes, real)
	if m := MissingIDs(real, realRec); len(m) != 0 {
		t.Fatalf("the bundled record reported missing IDs: %+v", m)
	}
}

func TestWriteIsAtomicAndRefusesChangedFiles(t *testing.T) {
	dir := t.TempDir()
	rel := "records/note.md"
	p := filepath.Join(dir, rel)
	os.MkdirAll(filepath.Dir(p), 0o755)
	orig := crlfWithBOM(readReal(t, lpNotes))
	if err := os.WriteFile(p, orig, 0o640); err != nil {
		t.Fatal(err)
	}
	edited, err := SetStatus(orig, item(t, lpNotes, orig, "lp-2023-12-18-a2"), true, "")
	if err != nil {
		t.Fatal(err)
	}
	tx := begin(t, dir)
	if read, err := tx.Read(rel); err != nil || !bytes.Equal(read, orig) {
		t.Fatalf("Read: %v", err)
	}
	tx.Replace(rel, edited)
	if err := tx.Write(); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(p)
	st, _ := os.Stat(p)
	if !bytes.Equal(got, edited) || st.Mode().Perm() != 0o640 {
		t.Fatalf("written file: mode %v, equal %v", st.Mode().Perm(), bytes.Equal(got, edited))
	}
	// Someone else saved the file meanwhile: refuse, leave their bytes.
	tx = begin(t, dir)
	tx.Read(rel)
	tx.Replace(rel, orig)
	theirs := append(bytes.Clone(edited), "<!-- saved by an editor -->\n"...)
	os.WriteFile(p, theirs, 0o640)
	if err := tx.Write(); !errors.Is(err, ErrChanged) {
		t.Fatalf("got %v, want ErrChanged", err)
	}
	if now, _ := os.ReadFile(p); !bytes.Equal(now, theirs) {
		t.Fatal("a refused write changed the file")
	}
	entries, _ := os.ReadDir(filepath.Dir(p))
	if len(entries) != 1 {
		t.Fatalf("temporary files left: %v", entries)
	}
	tx = begin(t, dir)
	if err := tx.Create(rel, []byte("x")); err == nil {
		t.Fatal("Create accepted an existing file")
	}
	if err := tx.Create("records/sub/new.md", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := tx.Write(); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "records/sub/new.md")); string(got) != "x" {
		t.Fatalf("created %q", got)
	}
}

func begin(t *testing.T, dir string) *Tx {
	t.Helper()
	tx, err := Begin(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(tx.Close)
	return tx
}

func TestMilestoneInFlowStyleRefused(t *testing.T) {
	data := readReal(t, timeline)
	flow := bytes.Replace(data, []byte("  - id: iww-1\n"), []byte("  - {id: iww-0, title: Kick-off, status: open, due: \"2024-02\"}\n  - id: iww-1\n"), 1)
	if _, err := SetStatus(flow, item(t, timeline, flow, "iww-0"), true, ""); err == nil {
		t.Fatal("a flow-style milestone was edited as if its status ended the line")
	}
}

func TestNextMeetingIDFilledOnlyWhenEmpty(t *testing.T) {
	data := crlfWithBOM(readReal(t, lpNotes))
	rec, _ := parse.File(lpNotes, data)
	out, err := SetNextMeetingID(data, rec, "lp-2024-02-26")
	if err != nil {
		t.Fatal(err)
	}
	if want := bytes.Replace(data, []byte("\r\n  id: \"\"\r\n"), []byte("\r\n  id: \"lp-2024-02-26\"\r\n"), 1); !bytes.Equal(out, want) {
		t.Fatalf("next_meeting.id:\n%s", firstDiff(want, out))
	}
	again, _ := parse.File(lpNotes, out)
	if again.NextMeeting.ID != "lp-2024-02-26" {
		t.Fatalf("reads back as %q", again.NextMeeting.ID)
	}
	if _, err := SetNextMeetingID(out, again, "lp-2024-03-01"); err == nil {
		t.Fatal("an ID already there was replaced")
	}
}
