package reports_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"evalbench/reports"
)

// TestHTMLInChromium opens the report in Debian's headless Chromium (installed by
// scripts/setup.sh): it renders, its Chinese text is there, every chart has a size and marks,
// and a screenshot and an A4 PDF come out; pdftotext (poppler-utils) finds the Chinese title in
// the PDF. EVALBENCH_REPORT_OUT names a directory to keep the files in for a look.
func TestHTMLInChromium(t *testing.T) {
	if _, err := exec.LookPath(reports.DefaultChromium); err != nil {
		t.Fatalf("Chromium is missing (%v): run scripts/setup.sh (make test does) to install Debian's chromium", err)
	}
	b := build(t)
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Second)
	defer cancel()
	r, err := (&reports.Browser{}).Render(ctx, b.html, true, true)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("Chromium rendered, screenshot and PDF in %v", time.Since(start).Round(time.Millisecond))
	if !strings.Contains(r.Title, "江干区街道年度绩效评估") {
		t.Errorf("title %q", r.Title)
	}
	for _, want := range []string{"江干区街道年度绩效评估（示例）", "综合排名", "采荷街道", "已抑制 suppressed", "如何验证", "SYNTHETIC"} {
		if !strings.Contains(r.Text, want) {
			t.Errorf("the rendered text lacks %q", want)
		}
	}
	if n := strings.Count(string(b.html), `<svg class="chart`); len(r.Charts) != n || n == 0 {
		t.Errorf("Chromium sees %d charts of %d", len(r.Charts), n)
	}
	for _, c := range r.Charts {
		if c.Width < 100 || c.Height < 50 || c.Marks < 3 {
			t.Errorf("chart %s is empty: %+v", c.ID, c)
		}
	}
	if !bytes.HasPrefix(r.Screenshot, []byte("\x89PNG")) || len(r.Screenshot) < 10000 {
		t.Errorf("screenshot of %d bytes", len(r.Screenshot))
	}
	if !bytes.HasPrefix(r.PDF, []byte("%PDF-")) {
		t.Fatalf("PDF of %d bytes", len(r.PDF))
	}
	dir := os.Getenv("EVALBENCH_REPORT_OUT")
	if dir == "" {
		dir = t.TempDir()
	}
	for name, data := range map[string][]byte{"report.html": b.html, "report.png": r.Screenshot, "report.pdf": r.PDF, "report.json": b.bundle, "report.dsse.json": b.envelope} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatalf("pdftotext is missing (%v): run scripts/setup.sh to install poppler-utils", err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", filepath.Join(dir, "report.pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	for _, want := range []string{"江干区街道年度绩效评估", "绩效评估报告", "综合排名"} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext does not find %q in the PDF", want)
		}
	}
	if pages := strings.Count(text, "\f"); pages < 5 {
		t.Errorf("the PDF has %d pages", pages)
	}
}
