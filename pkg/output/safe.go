package output

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Records are edited by anyone who can open a pull request, so every value
// igf prints may be hostile: an escape sequence in a title can clear the
// screen, hide a link (OSC 8) or retitle the window; a carriage return can
// overwrite what was printed before it; a newline in a file name can forge a
// line of output that a CI system reads as a command; a CSV cell that starts
// with "=" runs as a formula when the file is opened in a spreadsheet. The
// helpers here make such values harmless where they are printed.

// Visible returns s with every character that a terminal would act on
// instead of showing written as an escape: C0 controls (\n, \t, \r, \x1b ...),
// DEL, C1 controls (\u009b ...), the bidirectional overrides and isolates
// that reorder what is shown (\u202e ...), the line and paragraph
// separators, and bytes that are not UTF-8 (\xff). Everything else, letters
// of every script included, is kept.
func Visible(s string) string {
	if isPlain(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case unsafeRune(r):
			writeEscape(&b, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

func writeEscape(b *strings.Builder, r rune) {
	switch r {
	case '\n':
		b.WriteString(`\n`)
	case '\t':
		b.WriteString(`\t`)
	case '\r':
		b.WriteString(`\r`)
	default:
		if r < 0x80 {
			fmt.Fprintf(b, `\x%02x`, r)
		} else {
			fmt.Fprintf(b, `\u%04x`, r)
		}
	}
}

// isPlain reports, fast, that s needs no escaping: printable ASCII only.
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

// unsafeRune is a character a terminal acts on, or one that changes the
// order or lines of what is shown.
func unsafeRune(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true // bidirectional embeddings, overrides, isolates and marks
	case r == 0x2028 || r == 0x2029:
		return true
	}
	return false
}

// CSVCell neutralises a cell that a spreadsheet would run as a formula, by
// the OWASP rule: a value starting with =, +, -, @, a tab or a carriage
// return gets a leading apostrophe, which spreadsheets take as "this is
// text" and do not show. A lone "-" (igf's "none", as in a missing due
// date) is no formula and stays as it is.
func CSVCell(s string) string {
	if s != "" && s != "-" && strings.IndexByte("=+-@\t\r", s[0]) >= 0 {
		return "'" + s
	}
	return s
}

// SafeWriter passes text to w with every character Visible would escape
// written as an escape, except newlines, tabs and a carriage return that ends
// a line (CRLF, as calendar files are written). With colour, SGR sequences
// (ESC [ digits and semicolons m: colours and bold, which change no text and
// move no cursor) pass too, so that igf's own colouring works; all else that
// a terminal would act on, in any value a command prints, is shown instead.
// It is the last line of defence for terminals and logs: the values igf
// prints in tables and views are made visible before they get here.
func SafeWriter(w io.Writer, colour bool) io.Writer {
	return &safeWriter{w: w, colour: colour}
}

type safeWriter struct {
	w      io.Writer
	colour bool
	buf    []byte
	carry  []byte // an incomplete UTF-8 sequence or CR at the end of the last write
}

func (s *safeWriter) Write(p []byte) (int, error) {
	n := len(p)
	if len(s.carry) > 0 {
		p = append(s.carry, p...)
		s.carry = nil
	}
	if plainBytes(p) {
		_, err := s.w.Write(p)
		return n, err
	}
	out := s.buf[:0]
	for i := 0; i < len(p); {
		c := p[i]
		switch {
		case c == '\n' || c == '\t' || (c >= 0x20 && c < 0x7f):
			out = append(out, c)
			i++
			continue
		case c == '\r':
			if i+1 == len(p) {
				s.carry = append(s.carry, c)
				i++
				continue
			}
			if p[i+1] == '\n' {
				out = append(out, c)
				i++
				continue
			}
		case c == 0x1b && s.colour:
			if m := sgrLen(p[i:]); m > 0 {
				out = append(out, p[i:i+m]...)
				i += m
				continue
			}
		case c >= 0x80:
			r, size := utf8.DecodeRune(p[i:])
			if r == utf8.RuneError && size == 1 && !utf8.FullRune(p[i:]) {
				s.carry = append(s.carry, p[i:]...)
				i = len(p)
				continue
			}
			if r != utf8.RuneError || size > 1 {
				if !unsafeRune(r) {
					out = append(out, p[i:i+size]...)
				} else {
					out = append(out, Visible(string(r))...)
				}
				i += size
				continue
			}
		}
		out = append(out, Visible(string(p[i:i+1]))...)
		i++
	}
	s.buf = out
	_, err := s.w.Write(out)
	return n, err
}

// plainBytes is isPlain for bytes, with newlines and tabs allowed.
func plainBytes(p []byte) bool {
	for _, c := range p {
		if (c < 0x20 && c != '\n' && c != '\t') || c >= 0x7f {
			return false
		}
	}
	return true
}

// sgrLen is the length of an SGR sequence (ESC [ params m) at the start of
// p, or 0.
func sgrLen(p []byte) int {
	if len(p) < 3 || p[0] != 0x1b || p[1] != '[' {
		return 0
	}
	for i := 2; i < len(p) && i < 32; i++ {
		switch c := p[i]; {
		case c == 'm':
			return i + 1
		case c == ';' || (c >= '0' && c <= '9'):
		default:
			return 0
		}
	}
	return 0
}
