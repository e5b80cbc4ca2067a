package reports

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/chromedp/chromedp"
)

// This file is the only one that knows chromedp (pinned in go.mod: its API changed a lot in 2026).

// DefaultChromium is where Debian's chromium package installs the browser.
const DefaultChromium = "/usr/bin/chromium"

// ErrNoBrowser says that no Chromium is installed to print PDFs with.
var ErrNoBrowser = errors.New("reports: no Chromium to print the report with (install Debian's chromium package)")

// Browser prints and inspects HTML reports in a headless Chromium, one browser process per call.
type Browser struct {
	ExecPath string        // the browser binary; empty: DefaultChromium
	Timeout  time.Duration // for one call; 0: one minute
}

// Rendering is what Chromium made of a report.
type Rendering struct {
	Title      string      // document.title
	Text       string      // document.body.innerText
	Charts     []ChartSize // every svg.chart element
	Screenshot []byte      // PNG of the whole page, when asked for
	PDF        []byte      // A4 PDF, when asked for
}

// ChartSize is the laid-out size of one chart and the number of marks (shapes and text) it has.
type ChartSize struct {
	ID     string  `json:"id"`
	Width  float64 `json:"width"`
	Height float64 `json:"height"`
	Marks  int     `json:"marks"`
}

// PDF prints an HTML report on A4 paper (see Builder.PDF).
func (b Builder) PDF(ctx context.Context, html []byte) ([]byte, error) {
	if b.Browser == nil {
		return nil, ErrNoBrowser
	}
	r, err := b.Browser.Render(ctx, html, false, true)
	if err != nil {
		return nil, err
	}
	return r.PDF, nil
}

// Render loads the HTML in a fresh headless Chromium (its own profile directory, no network
// services), reads what it shows, and takes a screenshot and prints the PDF when asked.
func (b *Browser) Render(ctx context.Context, html []byte, screenshot, pdf bool) (*Rendering, error) {
	path := b.ExecPath
	if path == "" {
		path = DefaultChromium
	}
	if _, err := exec.LookPath(path); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNoBrowser, err)
	}
	timeout := b.Timeout
	if timeout == 0 {
		timeout = time.Minute
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	dir, err := os.MkdirTemp("", "evalbench-chromium-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	page := filepath.Join(dir, "report.html")
	if err := os.WriteFile(page, html, 0o600); err != nil {
		return nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(filepath.Join(dir, "profile")),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1240, 1754),
	)
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	defer acancel()
	bctx, bcancel := chromedp.NewContext(actx)
	defer bcancel()
	if err := chromedp.Do(bctx, chromedp.Navigate("file://"+page)); err != nil {
		return nil, fmt.Errorf("chromium: loading the report: %w", err)
	}
	r := &Rendering{}
	if r.Title, err = chromedp.Run(bctx, chromedp.Evaluate[string](`document.title`)); err != nil {
		return nil, fmt.Errorf("chromium: %w", err)
	}
	if r.Text, err = chromedp.Run(bctx, chromedp.Evaluate[string](`document.body.innerText`)); err != nil {
		return nil, fmt.Errorf("chromium: %w", err)
	}
	const charts = `Array.from(document.querySelectorAll('svg.chart')).map(s => {
		const b = s.getBoundingClientRect();
		return {id: s.id, width: b.width, height: b.height,
			marks: s.querySelectorAll('rect, line, polyline, path, circle, text').length};
	})`
	if r.Charts, err = chromedp.Run(bctx, chromedp.Evaluate[[]ChartSize](charts)); err != nil {
		return nil, fmt.Errorf("chromium: %w", err)
	}
	if screenshot {
		if r.Screenshot, err = chromedp.Run(bctx, chromedp.FullScreenshot(100)); err != nil {
			return nil, fmt.Errorf("chromium: screenshot: %w", err)
		}
	}
	if pdf {
		if r.PDF, err = chromedp.Run(bctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4),
			chromedp.PDFPrintBackground(), chromedp.PDFPreferCSSPageSize())); err != nil {
			return nil, fmt.Errorf("chromium: printing: %w", err)
		}
	}
	return r, nil
}
