package web

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strings"

	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// homePage is the data of /: the public list of published reports.
type homePage struct {
	Reports []publishedReport
}

// home serves / — the published reports, each with its HTML, PDF, signed envelope and a link to
// verify it.
func (h *handler) home(w http.ResponseWriter, r *http.Request) {
	reps, err := h.list.reports(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "home", homePage{Reports: reps})
}

// verifyPage is the data of /verify: the form, and after an upload the problem with it or the
// verification.
type verifyPage struct {
	Report   string // ?report=: the title of a report chosen in the list, to remind the reader
	ReportID string // and its id, to link its signed envelope
	Problem  string // a message id: what is wrong with the upload
	Limit    string // the upload limit, for the too-large problem
	KeyErr   any    // why the key was refused: a message, rendered in the page's language
	Result   *verifyResult
}

// verifyResult is a verification as the page shows it.
type verifyResult struct {
	*engine.Verification
	Checks []verifyCheck
}

// verifyCheck is one check with its catalogue name and status.
type verifyCheck struct {
	Name, Status string // message ids
	Failed       bool
	Detail       string            // the verifier's English text, shown where Message is nil
	Message      *messages.Message // the detail as a catalogue message, shown in the page's language
	Where        string
}

func (h *handler) verifyForm(w http.ResponseWriter, r *http.Request) {
	p := verifyPage{}
	if id := r.URL.Query().Get("report"); id != "" {
		if reps, err := h.list.reports(r.Context()); err == nil {
			for _, rep := range reps {
				if rep.ID == id {
					p.Report, p.ReportID = rep.Title, rep.ID
				}
			}
		}
	}
	h.render(w, r, http.StatusOK, "verify", p)
}

// verify runs the checks of `evalbench verify` (Service.VerifyReport, as POST /api/v1/verify) on
// an uploaded envelope, with report.json and a public key when given.
func (h *handler) verify(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, h.cfg.UploadLimit)
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			h.render(w, r, http.StatusRequestEntityTooLarge, "verify", verifyPage{Problem: string(messages.WebVerifyTooLarge), Limit: size(h.cfg.UploadLimit)})
			return
		}
		h.render(w, r, http.StatusBadRequest, "verify", verifyPage{Problem: string(messages.WebVerifyMissing)})
		return
	}
	defer r.MultipartForm.RemoveAll()
	envelope, err1 := formFile(r.MultipartForm, "envelope")
	bundle, err2 := formFile(r.MultipartForm, "report")
	if err := errors.Join(err1, err2); err != nil {
		h.fail(w, r, err)
		return
	}
	if len(bytes.TrimSpace(envelope)) == 0 {
		h.render(w, r, http.StatusBadRequest, "verify", verifyPage{Problem: string(messages.WebVerifyMissing)})
		return
	}
	var key ed25519.PublicKey
	if k := strings.TrimSpace(r.FormValue("key")); k != "" {
		var err error
		if key, err = engine.ParsePublicKey(k); err != nil {
			h.render(w, r, http.StatusBadRequest, "verify", verifyPage{Problem: string(messages.WebVerifyBadKey), KeyErr: engine.PublicKeyReason(err)})
			return
		}
	}
	v, err := h.svc.VerifyReport(r.Context(), envelope, bundle, key)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	res := &verifyResult{Verification: v}
	for _, c := range v.Checks {
		vc := verifyCheck{Name: "web.verify.check." + c.Name, Status: "web.verify.status." + c.Status,
			Failed: c.Status == engine.CheckFail, Detail: c.Detail, Where: c.Where}
		if c.Message.ID != "" {
			vc.Message = &c.Message
		}
		res.Checks = append(res.Checks, vc)
	}
	h.render(w, r, http.StatusOK, "verify", verifyPage{Result: res})
}

// formFile returns the content of an uploaded file field, nil when none was sent.
func formFile(form *multipart.Form, name string) ([]byte, error) {
	fs := form.File[name]
	if len(fs) == 0 {
		return nil, nil
	}
	f, err := fs[0].Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// size writes a byte count for a reader (64 MiB).
func size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}

// apiDocs serves the vendored API viewer, which loads /api/v1/openapi.json (served by api).
func (h *handler) apiDocs(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusOK, "apidocs", nil)
}
