// Package templates holds the Go templates igf renders reports and
// timelines with; `--template FILE` replaces the report's Markdown template.
package templates

import "embed"

// FS holds every *.tmpl file of this directory.
//
//go:embed *.tmpl
var FS embed.FS

// Meeting is the file name of the new-meeting template, embedded in igf and
// looked for in the repository's templates/ directory first (igf init puts
// a copy there).
const Meeting = "meeting.md.tmpl"
