package web

import (
	"bytes"
	"errors"
	"html"
	"net/http"

	"evalbench/evaluation/engine"
	"evalbench/messages"
	"evalbench/reports"
)

// previewReport answers GET …/runs/{rid}/report: the HTML report of a succeeded run as publishing
// would make it, not signed, stored or published (Service.PreviewReport), for the staff who may
// start runs. A line at the top says it is a preview; the report keeps its own
// Content-Security-Policy (its inline styles allowed by hash), and nothing caches it.
func (h *handler) previewReport(w http.ResponseWriter, r *http.Request) {
	a, _ := actorFrom(r)
	doc, err := h.svc.PreviewReport(r.Context(), a, r.PathValue("id"), r.PathValue("rid"))
	if errors.Is(err, engine.ErrConflict) {
		h.render(w, r, http.StatusConflict, "error", errorPage{Message: string(messages.WebRunPreviewNotReady)})
		return
	}
	if h.failed(w, r, err) {
		return
	}
	lang := language(w, r)
	banner := `<p class="preview-banner" role="note" lang="` + string(lang) + `"><strong>` +
		html.EscapeString(messages.For(lang).Sprintf(messages.WebRunPreviewBanner)) + `</strong></p>`
	doc = insertAfterBody(doc, []byte(banner))
	hd := w.Header()
	hd.Set("Content-Type", "text/html; charset=utf-8")
	hd.Set("Content-Security-Policy", reports.ContentSecurityPolicy(doc))
	hd.Set("Cache-Control", "no-store")
	hd.Set("X-Robots-Tag", "noindex")
	hd.Add("Vary", "Accept-Language, Cookie")
	w.WriteHeader(http.StatusOK)
	w.Write(doc)
}

// insertAfterBody inserts b just after the document's <body …> tag (at the start when it has none).
func insertAfterBody(doc, b []byte) []byte {
	i := bytes.Index(doc, []byte("<body"))
	at := 0
	if i >= 0 {
		if j := bytes.IndexByte(doc[i:], '>'); j >= 0 {
			at = i + j + 1
		}
	}
	out := make([]byte, 0, len(doc)+len(b))
	out = append(out, doc[:at]...)
	out = append(out, b...)
	return append(out, doc[at:]...)
}
