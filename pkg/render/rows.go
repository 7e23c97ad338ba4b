package render

import (
	"bytes"
	"strings"
	"sync"
)

// A report's owner tables are most of its Markdown (at 10,000 records, 35,000
// rows of a 5 MB document), and goldmark parsing them was most of the time
// of its HTML. A row's HTML depends on the row alone: a table cell is parsed
// by itself, and a report has no link reference definitions, its values
// being escaped. So the HTML is made from two goldmark conversions: the
// report with the owner tables' rows left out, and one table of the rows,
// each distinct row once; the rows go back into their tables. Whenever the
// pieces do not fit exactly as expected, the whole Markdown is converted
// instead: the result is always goldmark's HTML of the report's Markdown
// (TestReportHTMLIsGoldmarks, FuzzReportHTMLIsGoldmarks).

// rowBlock is the rows of one owner table, as actionRows wrote them, and
// where they start in the Markdown.
type rowBlock struct {
	at   int
	text string
}

// ownerHeader is the Markdown head of an owner table, as the bundled
// template writes it, and ownerTableEnd how goldmark ends that table when it
// has no rows.
const (
	ownerHeader   = "| ID | Action | Due | Status | Opened |\n|---|---|---|---|---|"
	ownerTableEnd = "<th>ID</th>\n<th>Action</th>\n<th>Due</th>\n<th>Status</th>\n<th>Opened</th>\n</tr>\n</thead>\n</table>\n"
)

// RowCache keeps the HTML of report table rows by their Markdown, for every
// report made with it. Safe for concurrent use; a nil cache keeps nothing
// past one report.
type RowCache struct {
	mu sync.Mutex
	m  map[string]string
}

// NewRowCache is an empty RowCache.
func NewRowCache() *RowCache { return &RowCache{m: map[string]string{}} }

// convert is goldmark's HTML of md, whose owner tables' rows are blocks;
// apart says the rows were converted apart, not with the whole.
func (c *RowCache) convert(md []byte, blocks []rowBlock) (html []byte, apart bool, err error) {
	whole := func() ([]byte, bool, error) {
		var out bytes.Buffer
		err := markdown.Convert(md, &out)
		return out.Bytes(), false, err
	}
	if len(blocks) == 0 {
		return whole()
	}
	// The report without the rows.
	var skeleton bytes.Buffer
	skeleton.Grow(len(md) / 8)
	last := 0
	for _, b := range blocks {
		end := b.at + len(b.text)
		if b.at < last || end > len(md) || string(md[b.at:end]) != b.text ||
			!bytes.HasSuffix(md[:b.at], []byte(ownerHeader)) || !strings.HasPrefix(b.text, "\n|") {
			return whole()
		}
		skeleton.Write(md[last:b.at])
		last = end
	}
	skeleton.Write(md[last:])
	var sk bytes.Buffer
	if err := markdown.Convert(skeleton.Bytes(), &sk); err != nil {
		return nil, false, err
	}
	if bytes.Count(sk.Bytes(), []byte(ownerTableEnd)) != len(blocks) {
		return whole()
	}
	rows, ok, err := c.rowsHTML(blocks)
	if err != nil {
		return nil, false, err
	}
	if !ok {
		return whole()
	}
	// Each header-only owner table gets its rows back, in order.
	var out bytes.Buffer
	out.Grow(sk.Len() + len(md))
	rest := sk.Bytes()
	const tail = "</table>\n"
	for _, block := range rows {
		i := bytes.Index(rest, []byte(ownerTableEnd)) + len(ownerTableEnd) - len(tail)
		out.Write(rest[:i])
		out.WriteString("<tbody>\n")
		for _, r := range block {
			out.WriteString(r)
		}
		out.WriteString("</tbody>\n")
		rest = rest[i:]
	}
	out.Write(rest)
	return out.Bytes(), true, nil
}

// rowsHTML is the HTML of every row of blocks, block by block; ok is false
// when goldmark did not make one <tr> of each row.
func (c *RowCache) rowsHTML(blocks []rowBlock) ([][]string, bool, error) {
	split := make([][]string, len(blocks))
	for i, b := range blocks {
		split[i] = strings.Split(b.text[1:], "\n")
	}
	known := map[string]string{}
	if c != nil {
		c.mu.Lock()
		for _, block := range split {
			for _, r := range block {
				if h, ok := c.m[r]; ok {
					known[r] = h
				}
			}
		}
		c.mu.Unlock()
	}
	var fresh []string
	for _, block := range split {
		for _, r := range block {
			if _, ok := known[r]; !ok {
				known[r] = ""
				fresh = append(fresh, r)
			}
		}
	}
	if len(fresh) > 0 {
		md := ownerHeader + "\n" + strings.Join(fresh, "\n") + "\n"
		var out bytes.Buffer
		if err := markdown.Convert([]byte(md), &out); err != nil {
			return nil, false, err
		}
		html := out.String()
		const open, close = "<tbody>\n", "</tbody>\n</table>\n"
		i := strings.Index(html, open)
		if i < 0 || !strings.HasSuffix(html, close) {
			return nil, false, nil
		}
		trs := strings.SplitAfter(html[i+len(open):len(html)-len(close)], "</tr>\n")
		if len(trs) != len(fresh)+1 || trs[len(fresh)] != "" {
			return nil, false, nil
		}
		for i, r := range fresh {
			if !strings.HasPrefix(trs[i], "<tr>\n") {
				return nil, false, nil
			}
			known[r] = trs[i]
		}
		if c != nil {
			c.mu.Lock()
			for _, r := range fresh {
				c.m[r] = known[r]
			}
			c.mu.Unlock()
		}
	}
	out := make([][]string, len(split))
	for i, block := range split {
		out[i] = make([]string, len(block))
		for j, r := range block {
			out[i][j] = known[r]
		}
	}
	return out, true, nil
}
