package site_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/igf-records/igf/internal/browsertest"
)

// TestInBrowser opens the site of the bundled records from file:// in
// headless Chromium: the home page, a person followed from it, a search,
// and the timeline at 390 px (a phone) and 1280 px (a laptop), where the
// page must not scroll sideways and no label of the chart may fall outside
// it. The screenshots go to the test's temporary directory, or to
// $IGF_SCREENSHOTS.
func TestInBrowser(t *testing.T) {
	chromium, err := browsertest.Chromium()
	if err != nil {
		t.Skipf("no browser: %v", err)
	}
	dir, _ := bundled(t)
	// IGF_SCREENSHOTS=DIR keeps them for a person to look at.
	shots := os.Getenv("IGF_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	}
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(chromium), chromedp.UserDataDir(t.TempDir())}
	for _, f := range browsertest.Flags {
		name, value, hasValue := strings.Cut(strings.TrimPrefix(f, "--"), "=")
		if hasValue {
			opts = append(opts, chromedp.Flag(name, value))
		} else {
			opts = append(opts, chromedp.Flag(name, true))
		}
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelTime := context.WithTimeout(ctx, 90*time.Second)
	defer cancelTime()
	page := func(p string) string { return "file://" + filepath.ToSlash(filepath.Join(dir, filepath.FromSlash(p))) }
	shot := func(name string) {
		t.Helper()
		buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(shots, name), buf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	// overflow is how many CSS pixels the page is wider than the window.
	overflow := func() int {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
		if err != nil {
			t.Fatalf("page width: %v", err)
		}
		return n
	}

	// The home page, then a person's page through its link.
	do("home page", chromedp.EmulateViewport(1280, 900), chromedp.Navigate(page("index.html")), chromedp.WaitVisible(chromedp.CSS("h1")))
	if h := text("h1"); h != "IGF records" {
		t.Errorf("home page heading %q", h)
	}
	shot("home-1280.png")
	do("person link", chromedp.Click(chromedp.CSS(`a[href="people/lf.html"]`)), chromedp.WaitVisible(chromedp.CSS("dl.facts")))
	if loc, err := chromedp.Run(ctx, chromedp.Location()); err != nil || !strings.HasSuffix(loc, "/people/lf.html") {
		t.Errorf("the person link led to %s (%v)", loc, err)
	}
	if h := text("h1"); h != "Lise Fuhr" {
		t.Errorf("person page heading %q", h)
	}

	// Search: the index loads from file://, a phrase finds its meeting.
	do("search", chromedp.Navigate(page("search/index.html")), chromedp.WaitVisible(chromedp.CSS("#q")),
		chromedp.SendKeys(chromedp.CSS("#q"), "vision paper"))
	summary := text("#summary")
	if !strings.HasSuffix(summary, "results.") && summary != "1 result." || strings.HasPrefix(summary, "0 ") {
		t.Errorf("searching for \"vision paper\" says %q", summary)
	}
	first, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS("#results li a"), "href"))
	if err != nil || !first.Exists {
		t.Errorf("no search result links anywhere (%v)", err)
	}
	shot("search-1280.png")
	do("search result", chromedp.Click(chromedp.CSS("#results li a")), chromedp.WaitVisible(chromedp.CSS("h1")))
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); !strings.Contains(loc, "/meetings/") && !strings.Contains(loc, "/timelines/") {
		t.Errorf("the first result for \"vision paper\" led to %s", loc)
	}

	// The timeline fits at 390 and 1280 px: no sideways scroll, the chart
	// drawn for the width inside the window, every label inside the chart,
	// every legend entry inside the window.
	type fit struct {
		Chart   string   `json:"chart"`
		Right   float64  `json:"right"`
		Clipped []string `json:"clipped"`
		Legend  int      `json:"legend"`
		Labels  int      `json:"labels"`
	}
	for _, width := range []int64{390, 1280} {
		do(fmt.Sprintf("timeline at %d px", width), chromedp.EmulateViewport(width, 900),
			chromedp.Navigate(page("timelines/iww-2024.html")), chromedp.WaitVisible(chromedp.CSS("figure.chart")))
		res, err := chromedp.Run(ctx, chromedp.Evaluate[fit](`(() => {
  const svg = [...document.querySelectorAll("figure.chart > svg")].find(s => s.getBoundingClientRect().width > 0);
  const vb = svg.viewBox.baseVal;
  const texts = [...svg.querySelectorAll("text")];
  const clipped = texts.filter(t => { const b = t.getBBox(); return b.x < -0.5 || b.x + b.width > vb.width + 0.5 || b.y < -0.5 || b.y + b.height > vb.height + 0.5; }).map(t => t.textContent);
  const legend = [...document.querySelectorAll(".legend li")].filter(l => { const r = l.getBoundingClientRect(); return r.width > 0 && r.right <= window.innerWidth + 0.5; }).length;
  return {chart: svg.getAttribute("class"), right: svg.getBoundingClientRect().right, clipped, legend, labels: texts.length};
})()`))
		if err != nil {
			t.Fatalf("timeline at %d px: %v", width, err)
		}
		shot(fmt.Sprintf("timeline-%d.png", width))
		want := "chart-wide"
		if width < 700 {
			want = "chart-narrow"
		}
		if res.Chart != want {
			t.Errorf("at %d px the page shows the %s chart, want %s", width, res.Chart, want)
		}
		if over := overflow(); over > 0 {
			t.Errorf("at %d px the timeline page is %d px wider than the window", width, over)
		}
		if res.Right > float64(width)+0.5 {
			t.Errorf("at %d px the chart ends at %.0f px, outside the window", width, res.Right)
		}
		if res.Labels < 10 {
			t.Errorf("at %d px the chart has only %d labels", width, res.Labels)
		}
		if len(res.Clipped) > 0 {
			t.Errorf("at %d px these labels fall outside the chart: %q", width, res.Clipped)
		}
		if res.Legend != 7 {
			t.Errorf("at %d px %d of the 7 legend entries are inside the window", width, res.Legend)
		}
		t.Logf("timeline at %d px: %s chart, right edge %.0f px, %d labels none outside, %d legend entries", width, res.Chart, res.Right, res.Labels, res.Legend)
		// Every page type at this width, without sideways scroll.
		for _, p := range []string{"index.html", "meetings/lp-2023-12-18.html", "people/lf.html", "bodies/lp.html",
			"decisions/index.html", "recommendations/index.html", "reports/index.html", "search/index.html"} {
			do(p, chromedp.Navigate(page(p)), chromedp.WaitVisible(chromedp.CSS("h1")))
			if over := overflow(); over > 0 {
				t.Errorf("at %d px %s is %d px wider than the window", width, p, over)
			}
		}
		do("home", chromedp.Navigate(page("index.html")), chromedp.WaitVisible(chromedp.CSS("h1")))
		shot(fmt.Sprintf("home-%d.png", width))
		do("meeting", chromedp.Navigate(page("meetings/lp-2023-12-18.html")), chromedp.WaitVisible(chromedp.CSS("h1")))
		shot(fmt.Sprintf("meeting-%d.png", width))
	}
	t.Logf("screenshots in %s", shots)
}
