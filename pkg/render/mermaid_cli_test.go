package render

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/igf-records/igf/internal/browsertest"
	"github.com/igf-records/igf/pkg/core/dates"
	"github.com/igf-records/igf/pkg/core/report"
)

// TestMermaidCLIParsesChart has the real Mermaid CLI (mmdc, on Chromium)
// draw the raw chart, when both are installed.
func TestMermaidCLIParsesChart(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the Mermaid CLI starts a browser")
	}
	mmdc, err := browsertest.NodeTool("mmdc", "@mermaid-js/mermaid-cli")
	if err != nil {
		t.Skip(err)
	}
	chromium, err := browsertest.Chromium()
	if err != nil {
		t.Skip(err)
	}
	s := load(t, hostile)
	tl := report.NewTimeline(s, s.Record("iww-2024"), dates.MustParse("2024-03-15"))
	var chart bytes.Buffer
	if err := Mermaid(&chart, tl); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in, out, conf := filepath.Join(dir, "iww.mmd"), filepath.Join(dir, "iww.svg"), filepath.Join(dir, "puppeteer.json")
	pp, _ := json.Marshal(map[string]any{"executablePath": chromium,
		"args": append(append([]string{}, browsertest.Flags...), "--user-data-dir="+filepath.Join(dir, "profile"))})
	if err := os.WriteFile(in, chart.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(conf, pp, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(mmdc, "-q", "-p", conf, "-i", in, "-o", out)
	cmd.Env = append(os.Environ(), "PUPPETEER_EXECUTABLE_PATH="+chromium, "HOME="+dir)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("mmdc does not draw the chart: %v\n%s\n%s", err, msg, chart.String())
	}
	svg, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"iww-3 and its 5 parts", "iww-5 Presentation at WSIS+20 in late May (KS, LF) open", "‹script›"} {
		if !strings.Contains(string(svg), want) {
			t.Errorf("the drawn chart lacks %q", want)
		}
	}
}
