// Package templates holds the Go templates igf renders reports and
// timelines with; `--template FILE` replaces the report's Markdown template.
package templates

import "embed"

// FS holds every *.tmpl file of this directory.
//
//go:embed *.tmpl
var FS embed.FS
