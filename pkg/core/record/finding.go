package record

import "fmt"

// Severities of a finding.
const (
	SeverityError   = "error"
	SeverityWarning = "warning"
)

// Finding is one problem in one place: what is wrong and how to fix it.
type Finding struct {
	Path     string `json:"path"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Severity string `json:"severity"`
	Rule     string `json:"rule"`
	Message  string `json:"message"`
	Hint     string `json:"hint,omitempty"`
}

// String is "path:line:col: severity: message [rule]".
func (f Finding) String() string {
	return fmt.Sprintf("%s:%d:%d: %s: %s [%s]", f.Path, f.Line, f.Col, f.Severity, f.Message, f.Rule)
}

// At builds an error finding at a position.
func At(path string, p Pos, rule, msg, hint string) Finding {
	return Finding{Path: path, Line: max(p.Line, 1), Col: max(p.Col, 1), Severity: SeverityError, Rule: rule, Message: msg, Hint: hint}
}

// Warn is At with warning severity.
func Warn(path string, p Pos, rule, msg, hint string) Finding {
	f := At(path, p, rule, msg, hint)
	f.Severity = SeverityWarning
	return f
}
