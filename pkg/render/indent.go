package render

import "io"

// indenter indents compact JSON as it passes through to w, byte for byte
// as encoding/json's Indent with no prefix and two spaces would, without
// holding the indented copy: a quarterly report's JSON on a large
// repository is tens of megabytes, and Indent's scanner and its growing
// buffer were most of the time spent writing it. The input must be what
// encoding/json marshals (compact, valid); it may arrive in any pieces.
type indenter struct {
	w          io.Writer
	out        []byte
	depth      int
	inString   bool
	escaped    bool
	needIndent bool // after { or [: indent before the next value, unless it closes
	err        error
}

func newIndenter(w io.Writer) *indenter {
	return &indenter{w: w, out: make([]byte, 0, 64<<10)}
}

func (d *indenter) newline() {
	d.out = append(d.out, '\n')
	for range d.depth {
		d.out = append(d.out, ' ', ' ')
	}
}

func (d *indenter) Write(p []byte) (int, error) {
	if d.err != nil {
		return 0, d.err
	}
	for i := 0; i < len(p); i++ {
		c := p[i]
		if d.inString {
			// Copy the run up to the next quote or backslash at once.
			j := i
			for j < len(p) && (d.escaped || (p[j] != '"' && p[j] != '\\')) {
				if d.escaped {
					d.escaped = false
				}
				j++
			}
			d.out = append(d.out, p[i:j]...)
			if j == len(p) {
				break
			}
			i = j
			c = p[i]
			if c == '\\' {
				d.escaped = true
			} else {
				d.inString = false
			}
			d.out = append(d.out, c)
		} else {
			if d.needIndent && c != '}' && c != ']' {
				d.needIndent = false
				d.depth++
				d.newline()
			}
			switch c {
			case '"':
				d.inString = true
				d.out = append(d.out, c)
			case '{', '[':
				d.needIndent = true
				d.out = append(d.out, c)
			case ',':
				d.out = append(d.out, c)
				d.newline()
			case ':':
				d.out = append(d.out, c, ' ')
			case '}', ']':
				if d.needIndent {
					d.needIndent = false
				} else {
					d.depth--
					d.newline()
				}
				d.out = append(d.out, c)
			default:
				d.out = append(d.out, c)
			}
		}
		if len(d.out) >= 48<<10 {
			if err := d.flush(); err != nil {
				return 0, err
			}
		}
	}
	return len(p), nil
}

func (d *indenter) flush() error {
	if d.err == nil && len(d.out) > 0 {
		_, d.err = d.w.Write(d.out)
		d.out = d.out[:0]
	}
	return d.err
}
