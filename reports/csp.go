package reports

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"strings"
)

// ContentSecurityPolicy returns the Content-Security-Policy to serve a report's HTML with. The
// report needs no script, no frame, no form and no file: it is one document whose styles are
// inline <style> elements, allowed here by their SHA-256 hashes (CSP Level 2 hash sources), and
// whose charts are inline SVG (images from data: URLs are allowed for SVG the CSS may use). So a
// script that found its way into a report's text could not run, and no other site can frame it.
// The hashes are those of the HTML served, so reports rendered by an older release keep their
// styles.
func ContentSecurityPolicy(html []byte) string {
	var b strings.Builder
	b.WriteString("default-src 'none'; style-src")
	n := 0
	rest := html
	for {
		i := bytes.Index(rest, []byte("<style"))
		if i < 0 {
			break
		}
		rest = rest[i:]
		open := bytes.IndexByte(rest, '>')
		end := bytes.Index(rest, []byte("</style>"))
		if open < 0 || end < open {
			break
		}
		sum := sha256.Sum256(rest[open+1 : end])
		b.WriteString(" 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'")
		n++
		rest = rest[end+len("</style>"):]
	}
	if n == 0 {
		b.WriteString(" 'none'")
	}
	b.WriteString("; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
	return b.String()
}
