// Package build says which igf this is: the module version of a released
// build, or the git revision and commit time of a build from a clone.
package build

import (
	"runtime/debug"
	"strings"
	"sync"
)

// Version may be set by packagers with
// -ldflags "-X github.com/igf-records/igf/internal/build.Version=v1.2.3";
// it wins over what the build info says.
var Version = ""

// Info is what the Go toolchain recorded about this binary.
type Info struct {
	Version  string // v1.2.3 for `go install …@v1.2.3`, a pseudo-version or "dev" otherwise
	Revision string // the VCS commit a build from a clone was made at, or ""
	Time     string // that commit's time, RFC 3339, or ""
	Modified bool   // the clone had uncommitted changes
}

var (
	once sync.Once
	info Info
)

// Read returns the build's identity. It reads the build info once, on first
// use, so a command that never asks pays nothing.
func Read() Info {
	once.Do(func() { info = read(debug.ReadBuildInfo) })
	return info
}

func read(get func() (*debug.BuildInfo, bool)) Info {
	i := Info{Version: "dev"}
	bi, ok := get()
	if ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		i.Version = bi.Main.Version
	}
	if ok {
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				i.Revision = s.Value
			case "vcs.time":
				i.Time = s.Value
			case "vcs.modified":
				i.Modified = s.Value == "true"
			}
		}
	}
	if Version != "" {
		i.Version = Version
	}
	// The go command marks a build from a modified clone "+dirty"; say it once.
	i.Version = strings.TrimSuffix(i.Version, "+dirty")
	return i
}

// String is the version line's text: "v1.2.3", or
// "dev (revision 1a2b3c4d5e6f, 2024-03-01T10:00:00Z, modified)".
func (i Info) String() string {
	s := i.Version
	var extra []string
	if i.Revision != "" {
		extra = append(extra, "revision "+short(i.Revision))
	}
	if i.Time != "" {
		extra = append(extra, i.Time)
	}
	if i.Modified {
		extra = append(extra, "modified")
	}
	if len(extra) > 0 {
		s += " (" + strings.Join(extra, ", ") + ")"
	}
	return s
}

// Short is the version with a short revision, for the header of a report:
// "v1.2.3" or "dev 1a2b3c4d5e6f" (with "+modified" when it was).
func (i Info) Short() string {
	s := i.Version
	if i.Revision != "" && !strings.Contains(i.Version, short(i.Revision)) {
		s += " " + short(i.Revision)
	}
	if i.Modified {
		s += "+modified"
	}
	return s
}

func short(rev string) string {
	if len(rev) > 12 {
		return rev[:12]
	}
	return rev
}
