package templates

import "embed"

// SiteFS holds the pages, style sheet and search script of igf site build.
//
//go:embed site
var SiteFS embed.FS
