package build

import (
	"runtime/debug"
	"testing"
)

func TestRead(t *testing.T) {
	for _, tc := range []struct {
		name, main string
		settings   map[string]string
		ldflags    string
		want       string
		short      string
	}{
		{name: "released", main: "v1.2.3", want: "v1.2.3", short: "v1.2.3"},
		{name: "clone", main: "v0.0.0-20240301100000-1a2b3c4d5e6f",
			settings: map[string]string{"vcs.revision": "1a2b3c4d5e6f7a8b9c0d", "vcs.time": "2024-03-01T10:00:00Z"},
			want:     "v0.0.0-20240301100000-1a2b3c4d5e6f (revision 1a2b3c4d5e6f, 2024-03-01T10:00:00Z)",
			short:    "v0.0.0-20240301100000-1a2b3c4d5e6f"},
		{name: "modified clone", main: "v0.0.0-20240301100000-1a2b3c4d5e6f+dirty",
			settings: map[string]string{"vcs.revision": "1a2b3c4d5e6f7a8b9c0d", "vcs.modified": "true"},
			want:     "v0.0.0-20240301100000-1a2b3c4d5e6f (revision 1a2b3c4d5e6f, modified)",
			short:    "v0.0.0-20240301100000-1a2b3c4d5e6f+modified"},
		{name: "devel without vcs", main: "(devel)", want: "dev", short: "dev"},
		{name: "devel with vcs", main: "(devel)", settings: map[string]string{"vcs.revision": "abc"},
			want: "dev (revision abc)", short: "dev abc"},
		{name: "ldflags", main: "(devel)", ldflags: "v9.9.9", want: "v9.9.9", short: "v9.9.9"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			old := Version
			defer func() { Version = old }()
			Version = tc.ldflags
			bi := &debug.BuildInfo{Main: debug.Module{Version: tc.main}}
			for k, v := range tc.settings {
				bi.Settings = append(bi.Settings, debug.BuildSetting{Key: k, Value: v})
			}
			got := read(func() (*debug.BuildInfo, bool) { return bi, true })
			if got.String() != tc.want {
				t.Errorf("String() = %q, want %q", got.String(), tc.want)
			}
			if got.Short() != tc.short {
				t.Errorf("Short() = %q, want %q", got.Short(), tc.short)
			}
		})
	}
	if got := read(func() (*debug.BuildInfo, bool) { return nil, false }); got.String() != "dev" {
		t.Errorf("no build info: %q, want dev", got.String())
	}
}
