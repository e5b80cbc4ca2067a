package web_test

import (
	"bytes"
	"cmp"
	"context"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/chromedp/chromedp"
)

// The README's browser walkthrough shows screenshots that the browser tests take: with
// EVALBENCH_SCREENSHOTS set to a folder (relative to the repository's root; `make screenshots`
// sets docs/screenshots), docShot writes the page shown at desktop width (1280 px) as NAME.png
// there, at most docShotHeight px tall, in at most 256 colours and compressed, so that the
// committed images stay small. Unset, it does nothing (the tests' own screenshots go to
// testdata/out as before).
const docShotHeight = 1200

func docShot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("EVALBENCH_SCREENSHOTS")
	if dir == "" {
		return
	}
	if !filepath.IsAbs(dir) {
		dir = filepath.Join("..", dir) // the tests run in web/
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800)); err != nil {
		t.Fatal(err)
	}
	raw, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	// Back to the phone's width, where the browser tests go on.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(375, 812)); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	b := img.Bounds()
	if b.Dy() > docShotHeight {
		b.Max.Y = b.Min.Y + docShotHeight
	}
	var out bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&out, reduce(img, b)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%s.png: %d×%d, %d bytes", name, b.Dx(), b.Dy(), out.Len())
}

// reduce returns the part b of img in the 256 colours it uses most (ties by colour value, so
// the same page gives the same image), every pixel mapped to its nearest one: the pages are
// mostly flat colour and anti-aliased text, which this keeps legible at a fraction of the size.
func reduce(img image.Image, b image.Rectangle) *image.Paletted {
	rgba := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(rgba, rgba.Bounds(), img, b.Min, draw.Src)
	count := map[color.RGBA]int{}
	for i := 0; i+3 < len(rgba.Pix); i += 4 {
		count[color.RGBA{rgba.Pix[i], rgba.Pix[i+1], rgba.Pix[i+2], 255}]++
	}
	cs := make([]color.RGBA, 0, len(count))
	for c := range count {
		cs = append(cs, c)
	}
	slices.SortFunc(cs, func(x, y color.RGBA) int {
		if d := cmp.Compare(count[y], count[x]); d != 0 {
			return d
		}
		return cmp.Compare(uint32(x.R)<<16|uint32(x.G)<<8|uint32(x.B), uint32(y.R)<<16|uint32(y.G)<<8|uint32(y.B))
	})
	pal := make(color.Palette, 0, 256)
	for _, c := range cs[:min(256, len(cs))] {
		pal = append(pal, c)
	}
	out := image.NewPaletted(rgba.Bounds(), pal)
	index := map[color.RGBA]uint8{}
	for i, j := 0, 0; i+3 < len(rgba.Pix); i, j = i+4, j+1 {
		c := color.RGBA{rgba.Pix[i], rgba.Pix[i+1], rgba.Pix[i+2], 255}
		k, ok := index[c]
		if !ok {
			k = uint8(pal.Index(c))
			index[c] = k
		}
		out.Pix[j] = k
	}
	return out
}
