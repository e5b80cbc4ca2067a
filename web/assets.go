package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
)

// static holds the stylesheets, scripts and vendored libraries (scripts/vendor-web.sh).
//
//go:embed static
var static embed.FS

// asset is one embedded file with its content hash.
type asset struct {
	body []byte
	hash string // the first 16 hex digits of its SHA-256
	typ  string
}

// assets serves the embedded files under /static/HASH/NAME. The hash in the URL makes the URL
// change whenever the file does, so every asset is cached for a year as immutable, and a page
// never runs with a stale script.
type assets struct {
	files map[string]*asset // name below static/ → file
}

func newAssets() *assets {
	as := &assets{files: map[string]*asset{}}
	err := fs.WalkDir(static, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := static.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		typ := mime.TypeByExtension(path.Ext(p))
		if typ == "" {
			typ = "application/octet-stream"
		}
		as.files[p[len("static/"):]] = &asset{body: b, hash: hex.EncodeToString(sum[:8]), typ: typ}
		return nil
	})
	if err != nil {
		panic("web: reading the embedded assets: " + err.Error())
	}
	return as
}

// url returns the content-hash URL of an embedded file; it panics for a file that does not
// exist, so that a template naming a missing asset fails at start-up (and in the tests).
func (as *assets) url(name string) string {
	a, ok := as.files[name]
	if !ok {
		panic("web: no asset " + name)
	}
	return "/static/" + a.hash + "/" + name
}

func (as *assets) serve(w http.ResponseWriter, r *http.Request) {
	a, ok := as.files[r.PathValue("file")]
	if !ok || a.hash != r.PathValue("hash") {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", a.typ)
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("ETag", `"`+a.hash+`"`)
	if match := r.Header.Get("If-None-Match"); match == `"`+a.hash+`"` {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(a.body)))
	w.Write(a.body)
}

// favicon answers browsers' unasked request for /favicon.ico with the site's icon.
func (as *assets) favicon(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, as.url("icon.svg"), http.StatusMovedPermanently)
}
