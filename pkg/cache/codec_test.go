package cache

import (
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/igf-records/igf/pkg/core/parse"
	"github.com/igf-records/igf/pkg/core/record"
)

// realRecords parses every bundled record.
func realRecords(t *testing.T) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir("../../records", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel("../..", p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil || len(files) < 5 {
		t.Fatalf("reading records/: %v (%d files)", err, len(files))
	}
	return files
}

// A decoded entry is the record the parser made, field for field.
func TestRoundTripRealRecords(t *testing.T) {
	for path, data := range realRecords(t) {
		rec, finds := parse.File(path, data)
		if rec == nil {
			t.Fatalf("%s: no record", path)
		}
		got, gotFinds, err := decodeEntry(encodeEntry(nil, rec, finds), []byte(textOf(rec)), newMemo())
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if !reflect.DeepEqual(got, rec) {
			t.Errorf("%s: decoded record differs from the parsed one", path)
		}
		if !reflect.DeepEqual(gotFinds, finds) {
			t.Errorf("%s: findings %v, want %v", path, gotFinds, finds)
		}
		for i, it := range got.Items {
			if it.Record != got {
				t.Errorf("%s: item %d does not point back to its record", path, i)
			}
		}
	}
}

// Findings and nil records (files that are not records) survive too.
func TestRoundTripBrokenFile(t *testing.T) {
	rec, finds := parse.File("records/bad.md", []byte("no front matter here\n"))
	if rec != nil || len(finds) == 0 {
		t.Fatalf("expected a finding and no record, got %v %v", rec, finds)
	}
	got, gotFinds, err := decodeEntry(encodeEntry(nil, rec, finds), []byte(textOf(rec)), newMemo())
	if err != nil || got != nil || !reflect.DeepEqual(gotFinds, finds) {
		t.Fatalf("got %v %v %v", got, gotFinds, err)
	}
}

// Damaged bytes are an error, never a panic or a wrong record.
func TestDecodeDamagedBlob(t *testing.T) {
	for path, data := range realRecords(t) {
		rec, finds := parse.File(path, data)
		blob := encodeEntry(nil, rec, finds)
		for _, cut := range []int{0, 1, len(blob) / 3, len(blob) / 2, len(blob) - 1} {
			if _, _, err := decodeEntry(blob[:cut], nil, newMemo()); err == nil {
				t.Errorf("%s: a blob cut at %d of %d decoded without error", path, cut, len(blob))
			}
		}
		for i := 0; i < len(blob); i += 97 {
			bad := append([]byte(nil), blob...)
			bad[i] ^= 0xff
			decodeEntry(bad, nil, newMemo()) // must not panic
		}
	}
}

// The codec writes fields by name; a field added to the model must be added
// to the codec too, or cached records would silently lose it.
func TestCodecKnowsEveryField(t *testing.T) {
	known := map[reflect.Type]string{
		reflect.TypeOf(record.Record{}):      "Path ID Type Title Body Date Time TimeText Format Location People Agenda NextMeeting Meeting Supersedes Start End ItemKind Sources Tags Visibility Restricted Items Registry Pos FieldPos BodyLine Text",
		reflect.TypeOf(record.Item{}):        "ID Kind Title Owners Due Start Status DoneDate Parent Milestone Objective Tasks Responsible Checkpoints DependsOn Note Visibility Record Pos Lines CheckboxOffset DueText",
		reflect.TypeOf(record.NextMeeting{}): "Date ID Location Note Pos",
		reflect.TypeOf(record.Source{}):      "Title URL Note Visibility",
		reflect.TypeOf(record.Checkpoint{}):  "Label Date",
		reflect.TypeOf(record.Person{}):      "ID Name Initials Aliases Expanded Memberships Note Restricted Pos",
		reflect.TypeOf(record.Membership{}):  "Body Role From To Seen Note",
		reflect.TypeOf(record.Body{}):        "ID Name Kind Parent Aliases Note Restricted Pos",
		reflect.TypeOf(record.Registry{}):    "People Bodies Passthrough",
		reflect.TypeOf(record.Finding{}):     "Path Line Col Severity Rule Message Hint",
		reflect.TypeOf(record.Pos{}):         "Line Col",
	}
	for typ, fields := range known {
		var got []string
		for i := 0; i < typ.NumField(); i++ {
			got = append(got, typ.Field(i).Name)
		}
		want := strings.Fields(fields)
		sort.Strings(got)
		sort.Strings(want)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s has fields %v; the codec knows %v: update codec.go and bump formatVersion", typ, got, want)
		}
	}
}

func textOf(r *record.Record) string {
	if r == nil {
		return ""
	}
	return r.Text
}
