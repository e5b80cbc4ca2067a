package api

import (
	"bytes"
	"compress/gzip"
	clist "container/list"
	"encoding/hex"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/labstack/echo/v4"

	"evalbench/evaluation/engine"
	"evalbench/reports"
)

// The public signed files of a published report (report.json, report.dsse.json, report.html)
// never change: a report is immutable and a new version is a new report. So each is served with
// a strong ETag (its SHA-256, computed by the database when the report was stored),
// Cache-Control: public, max-age=31536000, immutable, If-None-Match answered with 304, HEAD, and
// gzip when the client accepts it. A file is selected alone from the database once, gzipped
// once, and kept in a byte-bounded LRU (reportFileCacheBytes), so a busy report is served from
// memory.

// immutableCacheControl is the Cache-Control of a signed file.
const immutableCacheControl = "public, max-age=31536000, immutable"

// reportFileCacheBytes bounds the memory the cache of public report files holds (identity and
// gzip bytes together); a file larger than a quarter of it is served but not cached.
const reportFileCacheBytes = 64 << 20

// cachedFile is one signed file ready to serve.
type cachedFile struct {
	key      string
	data, gz []byte // gz is nil when compressing does not pay (or the type is not text)
	etag     string // `"<sha256 hex>"`; the gzip representation's is `"<sha256 hex>-gzip"`
	digest   string // the report's digest (X-Report-Digest)
	ctype    string
	csp      string // report.html's Content-Security-Policy
}

func (f *cachedFile) size() int { return len(f.data) + len(f.gz) + len(f.csp) + 256 }

// fileCache is a least-recently-used cache of files bounded by their bytes.
type fileCache struct {
	mu    sync.Mutex
	max   int
	used  int
	order *clist.List // front: most recently used
	items map[string]*clist.Element
	// loading holds a channel per key being selected and prepared, closed when it is done: the
	// first of many concurrent misses loads, the others wait for it.
	loading map[string]chan struct{}
}

func newFileCache(max int) *fileCache {
	return &fileCache{max: max, order: clist.New(), items: map[string]*clist.Element{}, loading: map[string]chan struct{}{}}
}

// claim returns nil when the caller is to load key (and then call loaded), or a channel closed
// when another caller has loaded it.
func (c *fileCache) claim(key string) <-chan struct{} {
	c.mu.Lock()
	defer c.mu.Unlock()
	if ch, ok := c.loading[key]; ok {
		return ch
	}
	c.loading[key] = make(chan struct{})
	return nil
}

func (c *fileCache) loaded(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	close(c.loading[key])
	delete(c.loading, key)
}

func (c *fileCache) get(key string) *cachedFile {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[key]; ok {
		c.order.MoveToFront(e)
		return e.Value.(*cachedFile)
	}
	return nil
}

func (c *fileCache) put(f *cachedFile) {
	if f.size() > c.max/4 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.items[f.key]; ok {
		return
	}
	c.items[f.key] = c.order.PushFront(f)
	c.used += f.size()
	for c.used > c.max {
		e := c.order.Back()
		old := e.Value.(*cachedFile)
		c.order.Remove(e)
		delete(c.items, old.key)
		c.used -= old.size()
	}
}

// signedFile returns a published report's signed file from the cache, or selects it alone,
// prepares it (gzip, CSP) and caches it.
func (s *Server) signedFile(c echo.Context, name string) (*cachedFile, error) {
	key := c.Param("repid") + "/" + name
	if f := s.files.get(key); f != nil {
		return f, nil
	}
	if wait := s.files.claim(key); wait != nil {
		select {
		case <-wait:
		case <-c.Request().Context().Done():
			return nil, c.Request().Context().Err()
		}
		if f := s.files.get(key); f != nil {
			return f, nil
		}
		// The other load failed (or the file is too large to cache): load it here.
	} else {
		defer s.files.loaded(key)
	}
	rf, err := s.svc.PublishedSignedFile(c.Request().Context(), c.Param("repid"), name)
	if err != nil {
		return nil, err
	}
	f := &cachedFile{key: key, data: rf.Data, etag: `"` + hex.EncodeToString(rf.SHA256) + `"`, digest: rf.Digest,
		ctype: reportMediaTypes[name]}
	if name == engine.ReportHTML {
		f.csp = reports.ContentSecurityPolicy(rf.Data)
	}
	f.gz = gzipped(rf.Data)
	s.files.put(f)
	return f, nil
}

// gzipped compresses text once, at the best level; nil when it does not pay.
func gzipped(data []byte) []byte {
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	_, _ = w.Write(data)
	if err := w.Close(); err != nil || b.Len() >= len(data)-len(data)/20 {
		return nil
	}
	return b.Bytes()
}

// publicSignedFile serves report.json, report.dsse.json or report.html of a published report
// (GET and HEAD).
func (s *Server) publicSignedFile(name string) echo.HandlerFunc {
	return func(c echo.Context) error {
		f, err := s.signedFile(c, name)
		if err != nil {
			return err
		}
		req := c.Request()
		body, etag := f.data, f.etag
		h := c.Response().Header()
		if f.gz != nil {
			h.Set(echo.HeaderVary, echo.HeaderAcceptEncoding)
			if acceptsGzip(req.Header.Get(echo.HeaderAcceptEncoding)) {
				body, etag = f.gz, strings.TrimSuffix(f.etag, `"`)+`-gzip"`
				h.Set(echo.HeaderContentEncoding, "gzip")
			}
		}
		h.Set("ETag", etag)
		h.Set("Cache-Control", immutableCacheControl)
		h.Set("X-Report-Digest", f.digest)
		if inm := req.Header.Get("If-None-Match"); inm != "" && noneMatch(inm, f.etag) {
			h.Del(echo.HeaderContentEncoding)
			return c.NoContent(http.StatusNotModified)
		}
		h.Set(echo.HeaderContentDisposition, mime.FormatMediaType("inline", map[string]string{"filename": name}))
		if f.csp != "" {
			h.Set(echo.HeaderContentSecurityPolicy, f.csp)
		}
		h.Set(echo.HeaderContentType, f.ctype)
		h.Set(echo.HeaderContentLength, strconv.Itoa(len(body)))
		c.Response().WriteHeader(http.StatusOK)
		if req.Method == http.MethodHead {
			return nil
		}
		_, err = c.Response().Write(body)
		return err
	}
}

// noneMatch reports whether an If-None-Match header names the file: "*", or its ETag in either
// representation (weak comparison, RFC 9110 §13.1.2).
func noneMatch(header, etag string) bool {
	tag := strings.Trim(etag, `"`)
	for _, v := range strings.Split(header, ",") {
		v = strings.TrimPrefix(strings.TrimSpace(v), "W/")
		if v == "*" || v == etag || v == `"`+tag+`-gzip"` {
			return true
		}
	}
	return false
}

// acceptsGzip reports whether an Accept-Encoding header accepts gzip (not with q=0).
func acceptsGzip(header string) bool {
	for _, v := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(v), ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		if coding != "gzip" && coding != "x-gzip" && coding != "*" {
			continue
		}
		q := 1.0
		for _, p := range strings.Split(params, ";") {
			if k, val, ok := strings.Cut(strings.TrimSpace(p), "="); ok && strings.EqualFold(k, "q") {
				if f, err := strconv.ParseFloat(val, 64); err == nil {
					q = f
				}
			}
		}
		if q > 0 {
			return true
		}
	}
	return false
}
