package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"

	"github.com/igf-records/igf/pkg/core/record"
	"github.com/igf-records/igf/pkg/core/report"
	"github.com/igf-records/igf/templates"
)

// Template names in templates/.
const (
	ReportTemplate      = "report.md.tmpl"
	OutstandingTemplate = "outstanding.md.tmpl"
	pageTemplate        = "page.html.tmpl"
)

// ReportMarkdown renders a report through a Markdown template; custom is the
// text of a --template file, or "" for the bundled one.
func ReportMarkdown(w io.Writer, r *report.Report, o Options, custom string) error {
	return execute(w, ReportTemplate, r, o, custom, r.NotIncluded, "report")
}

// OutstandingMarkdown renders the carry-forward section of an agenda.
func OutstandingMarkdown(w io.Writer, r *report.Outstanding, o Options, custom string) error {
	return execute(w, OutstandingTemplate, r, o, custom, r.NotIncluded, "list")
}

// execute renders a Markdown template. A --template that does not show what
// the document could not include gets the "Not included" section at its
// end: no template can make a document silently incomplete.
func execute(w io.Writer, name string, data any, o Options, custom string, left []record.Omission, what string) error {
	md, err := markdownOf(name, data, o, custom, left, what, nil)
	if err != nil {
		return err
	}
	_, err = w.Write(md)
	return err
}

// markdownOf is execute's document; funcs, when set, gives helpers that
// replace the template's own for this run, from the buffer being written.
func markdownOf(name string, data any, o Options, custom string, left []record.Omission, what string, funcs func(*bytes.Buffer) template.FuncMap) ([]byte, error) {
	t, err := o.ParseTemplate(name, custom)
	if err != nil {
		return nil, fmt.Errorf("template: %w", err)
	}
	var buf bytes.Buffer
	if funcs != nil {
		t.Funcs(funcs(&buf))
	}
	if err := t.Execute(&buf, data); err != nil {
		return nil, fmt.Errorf("template: %w", err)
	}
	if custom != "" && len(left) > 0 && !strings.Contains(custom, "notIncluded") && !strings.Contains(custom, "NotIncluded") {
		if buf.Len() > 0 && !bytes.HasSuffix(buf.Bytes(), []byte("\n")) {
			buf.WriteByte('\n')
		}
		buf.WriteString("\n" + o.NotIncludedMarkdown(left, what) + "\n")
	}
	if o.Withheld != "" {
		fmt.Fprintf(&buf, "\n*%s*\n", Markdown(WithheldNote(o.Withheld)))
	}
	return buf.Bytes(), nil
}

// markdown turns report Markdown into HTML. Raw HTML stays off (goldmark's
// default): record values are escaped before they reach the Markdown, and
// anything that still looks like a tag is dropped, never passed through.
var markdown = goldmark.New(
	goldmark.WithExtensions(extension.Table, extension.Strikethrough),
	goldmark.WithParserOptions(parser.WithAutoHeadingID()),
)

// HTMLPage renders Markdown as one self-contained HTML page with print CSS.
func HTMLPage(w io.Writer, title string, md []byte) error {
	var body bytes.Buffer
	if err := markdown.Convert(md, &body); err != nil {
		return err
	}
	return page(w, title, body.Bytes())
}

// page wraps an HTML body as the page HTMLPage writes.
func page(w io.Writer, title string, body []byte) error {
	t, err := template.ParseFS(templates.FS, pageTemplate)
	if err != nil {
		return err
	}
	// The body is goldmark's output from escaped Markdown with raw HTML off.
	return t.Execute(w, map[string]any{"Title": title, "Body": template.HTML(body)})
}

// ReportHTML renders the report's Markdown and wraps it as an HTML page.
func ReportHTML(w io.Writer, r *report.Report, o Options, custom string) error {
	_, html, err := ReportDocuments(r, o, custom)
	if err != nil {
		return err
	}
	_, err = w.Write(html)
	return err
}

// ReportDocuments is what ReportMarkdown and ReportHTML write, from one run
// of the template: the site's archive puts both beside each other.
func ReportDocuments(r *report.Report, o Options, custom string) (md, html []byte, err error) {
	md, html, _, err = reportDocuments(r, o, custom)
	return md, html, err
}

// reportDocuments is ReportDocuments, saying whether the owner tables' rows
// were converted apart.
func reportDocuments(r *report.Report, o Options, custom string) (md, html []byte, apart bool, err error) {
	var blocks []rowBlock
	var funcs func(*bytes.Buffer) template.FuncMap
	if custom == "" {
		// The bundled template's owner tables: each block of rows is noted
		// with where it lands in the Markdown (the template writes straight
		// into the buffer, so its length is that place).
		funcs = func(buf *bytes.Buffer) template.FuncMap {
			return template.FuncMap{"actionRows": func(lines []report.Line) string {
				rows := o.actionRows(lines)
				blocks = append(blocks, rowBlock{at: buf.Len(), text: rows})
				return rows
			}}
		}
	}
	md, err = markdownOf(ReportTemplate, r, o, custom, r.NotIncluded, "report", funcs)
	if err != nil {
		return nil, nil, false, err
	}
	body, apart, err := o.Rows.convert(md, blocks)
	if err != nil {
		return nil, nil, false, err
	}
	var out bytes.Buffer
	if err := page(&out, "Report to the Secretary-General: "+r.PeriodText, body); err != nil {
		return nil, nil, false, err
	}
	return md, out.Bytes(), apart, nil
}

// JSON writes v indented, with HTML characters left as they are.
func JSON(w io.Writer, v any) error {
	// Marshalled compact, indented on the way out (indenter): the same
	// bytes as Encoder.SetIndent("", "  "), in a fraction of the time.
	ind := newIndenter(w)
	enc := json.NewEncoder(ind)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	return ind.flush()
}

// CompactJSON writes v as JSON on one line, with "<", ">" and "&" as they
// are: the data JSON writes, for files a program reads (a site's reports),
// about two thirds of the size and in half the time.
func CompactJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// OutstandingHTML renders the carry-forward section as an HTML page.
func OutstandingHTML(w io.Writer, r *report.Outstanding, o Options, custom string) error {
	var md bytes.Buffer
	if err := OutstandingMarkdown(&md, r, o, custom); err != nil {
		return err
	}
	return HTMLPage(w, "Actions from previous meetings: "+r.Body.Name, md.Bytes())
}

// WithheldNote is the sentence a public edition carries about what it leaves out.
func WithheldNote(what string) string {
	return "Public edition: " + what + " marked restricted in the records " + leaveVerb(what) + " left out."
}

func leaveVerb(what string) string {
	if strings.HasPrefix(what, "1 ") && !strings.Contains(what, " and ") && !strings.Contains(what, ",") {
		return "is"
	}
	return "are"
}
