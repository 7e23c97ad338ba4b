package edit

import "testing"

func TestAddListEntry(t *testing.T) {
	entry := "- id: LF\n  name: Lise Fuhr\n"
	for _, tc := range []struct{ name, in, want string }{
		{"block list", "---\nid: registry\npeople:\n  - id: VC\n    name: Vint Cerf\n  # trailing note\n\n# Bodies\nbodies: []\n---\ntext\n",
			"---\nid: registry\npeople:\n  - id: VC\n    name: Vint Cerf\n  - id: LF\n    name: Lise Fuhr\n  # trailing note\n\n# Bodies\nbodies: []\n---\ntext\n"},
		{"items at column 0", "---\npeople:\n- id: VC\nbodies: []\n---\n",
			"---\npeople:\n- id: VC\n- id: LF\n  name: Lise Fuhr\nbodies: []\n---\n"},
		{"empty flow list", "---\npeople: [] # none yet\n#  - id: X\nbodies: []\n---\n",
			"---\npeople: # none yet\n  - id: LF\n    name: Lise Fuhr\n#  - id: X\nbodies: []\n---\n"},
		{"no list", "---\nid: registry\n---\n", "---\nid: registry\npeople:\n  - id: LF\n    name: Lise Fuhr\n---\n"},
		{"last key", "---\nbodies: []\npeople:\n  - id: VC\n---\n", "---\nbodies: []\npeople:\n  - id: VC\n  - id: LF\n    name: Lise Fuhr\n---\n"},
		{"crlf", "---\r\npeople:\r\n  - id: VC\r\n---\r\n", "---\r\npeople:\r\n  - id: VC\r\n  - id: LF\r\n    name: Lise Fuhr\r\n---\r\n"},
	} {
		got, err := AddListEntry([]byte(tc.in), "people", entry)
		if err != nil || string(got) != tc.want {
			t.Errorf("%s:\n got %q, %v\nwant %q", tc.name, got, err, tc.want)
		}
	}
	if _, err := AddListEntry([]byte("---\npeople: [VC]\n---\n"), "people", entry); err == nil {
		t.Error("a one-line list with items was edited")
	}
	if _, err := AddListEntry([]byte("---\npeople:\n"), "people", entry); err == nil {
		t.Error("an unclosed front matter was edited")
	}
}
