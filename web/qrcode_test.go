package web

import (
	"image"
	"image/color"
	"regexp"
	"strconv"
	"strings"
	"testing"

	qr "github.com/piglig/go-qr"
)

// TestQRCodeDecodes draws an open link's address as the page does, rasterises the SVG's module
// squares (4 px each) and reads the image back with the library's decoder: the text comes back
// exactly. Drawing twice gives the same bytes.
func TestQRCodeDecodes(t *testing.T) {
	for _, text := range []string{
		"https://evalbench.example.gov.cn/r/" + strings.Repeat("AbC_-9xY", 5) + "abc",
		"http://127.0.0.1:8080/r/" + strings.Repeat("z", 43),
	} {
		svg, err := qrSVG(text, "二维码")
		if err != nil {
			t.Fatal(err)
		}
		again, _ := qrSVG(text, "二维码")
		if svg != again {
			t.Fatal("the drawing is not deterministic")
		}
		s := string(svg)
		if !strings.Contains(s, `role="img"`) || !strings.Contains(s, `aria-label="二维码"`) {
			t.Errorf("the SVG is not labelled: %.200s", s)
		}
		vb := regexp.MustCompile(`viewBox="0 0 (\d+) (\d+)"`).FindStringSubmatch(s)
		n, _ := strconv.Atoi(vb[1])
		const px = 4
		img := image.NewGray(image.Rect(0, 0, n*px, n*px))
		for i := range img.Pix {
			img.Pix[i] = 255
		}
		dark := 0
		for _, m := range regexp.MustCompile(`M(\d+) (\d+)h1v1h-1z`).FindAllStringSubmatch(s, -1) {
			x, _ := strconv.Atoi(m[1])
			y, _ := strconv.Atoi(m[2])
			for dy := 0; dy < px; dy++ {
				for dx := 0; dx < px; dx++ {
					img.SetGray(x*px+dx, y*px+dy, color.Gray{})
				}
			}
			dark++
		}
		if dark == 0 {
			t.Fatal("no dark module")
		}
		got, err := qr.Decode(img)
		if err != nil {
			t.Fatalf("%s: decoding the drawn code: %v", text, err)
		}
		if got != text {
			t.Errorf("decoded %q, want %q", got, text)
		}
	}
}
