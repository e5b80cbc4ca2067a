package api

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/messages"
)

func randomID(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// bind decodes a JSON body strictly: unknown fields and trailing data are errors that say where.
func bind(c echo.Context, dst any) error {
	body, err := requireJSONValue(c)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		var he *echo.HTTPError
		if errors.As(err, &he) {
			return he
		}
		if errors.Is(err, io.EOF) {
			return httpError(http.StatusBadRequest, messages.ProblemDetailBodyRequired)
		}
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			line, col := evaluation.JSONPosition(body, se.Offset)
			return httpError(http.StatusBadRequest, messages.ProblemDetailJSONSyntaxAt, "line", line, "column", col, "error", evaluation.JSONSyntaxReason(se))
		case errors.As(err, &te):
			return invalid(te.Field, messages.ProblemFieldJSONType, "expected", evaluation.JSONTypeName(te.Type), "found", evaluation.JSONKindName(te.Value))
		case strings.HasPrefix(err.Error(), "json: unknown field"):
			return invalid(strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`), messages.ProblemFieldUnknown)
		}
		return httpError(http.StatusBadRequest, messages.ProblemDetailJSONMalformed, "error", evaluation.JSONReason(err, body))
	}
	if dec.More() {
		return httpError(http.StatusBadRequest, messages.ProblemDetailJSONTrailing)
	}
	return nil
}

// etag formats a version as a strong entity tag.
func etag(version int) string { return `"` + strconv.Itoa(version) + `"` }

// ifMatch reads the version an update is based on from If-Match: 0 when the header is missing
// (the service answers 428 once it has checked access), -1 when it names no version of ours (the
// service answers 412).
func ifMatch(c echo.Context) int {
	h := strings.TrimSpace(c.Request().Header.Get("If-Match"))
	if h == "" {
		return 0
	}
	v, err := strconv.Atoi(strings.Trim(strings.TrimPrefix(h, "W/"), `"`))
	if err != nil || v < 1 {
		return -1
	}
	return v
}

// versioned answers a versioned resource with its ETag.
func versioned(c echo.Context, status, version int, body any) error {
	c.Response().Header().Set("ETag", etag(version))
	return c.JSON(status, body)
}

// page reads limit and offset query parameters.
func page(c echo.Context) (evaluation.Page, error) {
	var p evaluation.Page
	for _, q := range []struct {
		name string
		dst  *int
	}{{"limit", &p.Limit}, {"offset", &p.Offset}} {
		if v := c.QueryParam(q.name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil {
				return p, invalid(q.name, messages.ProblemFieldInteger, "name", q.name)
			}
			if q.name == "limit" && n == 0 { // 0 is the default only when the parameter is absent
				return p, invalid("limit", messages.ProblemFieldLimitRange, "max", evaluation.MaxPageSize)
			}
			*q.dst = n
		}
	}
	return p, p.Check()
}

// List is the envelope of every listing.
type List[T any] struct {
	Items []T `json:"items"`
}

func list[T any](items []T) List[T] {
	if items == nil {
		items = []T{}
	}
	return List[T]{Items: items}
}

// requireJSONValue reads the body, refusing an empty body and the body null with 422 (a route that
// takes a body needs a JSON object), and leaves it to be read again.
func requireJSONValue(c echo.Context) ([]byte, error) {
	body, err := io.ReadAll(c.Request().Body)
	if err != nil {
		var he *echo.HTTPError
		if errors.As(err, &he) {
			return nil, he
		}
		return nil, httpError(http.StatusBadRequest, messages.ProblemDetailBodyUnreadable)
	}
	c.Request().Body = io.NopCloser(bytes.NewReader(body))
	if t := bytes.TrimSpace(body); len(t) == 0 || string(t) == "null" {
		return nil, invalid("body", messages.ProblemFieldBodyObject)
	}
	return body, nil
}

// uploadStream opens an uploaded file for one read: the "file" part of a multipart form, or the
// raw request body. The name comes from the form part or the filename query parameter. A failure
// to read the body answers 400 (413 past the upload limit), wherever it is met.
func uploadStream(c echo.Context) (r io.Reader, name string, err error) {
	req := c.Request()
	var src io.Reader = req.Body
	name = c.QueryParam("filename")
	if mt, _, _ := mime.ParseMediaType(req.Header.Get(echo.HeaderContentType)); mt == "multipart/form-data" {
		mr, err := req.MultipartReader()
		if err != nil {
			return nil, "", httpError(http.StatusBadRequest, messages.ProblemDetailMultipartMalformed, "error", evaluation.MultipartReason(err))
		}
		for {
			part, err := mr.NextPart()
			if err != nil {
				if he, ok := err.(*echo.HTTPError); ok {
					return nil, "", he
				}
				if err != io.EOF {
					return nil, "", httpError(http.StatusBadRequest, messages.ProblemDetailMultipartMalformed, "error", evaluation.MultipartReason(err))
				}
				return nil, "", httpError(http.StatusBadRequest, messages.ProblemDetailMultipartNoFile)
			}
			if part.FormName() == "file" {
				if name == "" {
					name = part.FileName()
				}
				src = part
				break
			}
		}
	}
	if err := engine.CheckText("filename", name); err != nil {
		return nil, "", err
	}
	return &uploadReader{r: src, rc: http.NewResponseController(c.Response()), end: time.Now().Add(uploadTimeout)}, name, nil
}

// An upload is read while its import's transaction holds the commission's lock, so it must keep
// arriving: a pause longer than uploadIdle, or an upload longer than uploadTimeout, ends it
// (400), and the import stores nothing. (Variables for the tests.)
var (
	uploadIdle    = 30 * time.Second
	uploadTimeout = 30 * time.Minute
)

// uploadReader reads an upload under its deadlines and turns a failure to read the request body
// into 400 (an *echo.HTTPError, such as the 413 of the upload limit, is kept).
type uploadReader struct {
	r   io.Reader
	rc  *http.ResponseController
	end time.Time
}

func (u *uploadReader) Read(p []byte) (int, error) {
	// Without a connection to set deadlines on (a test recorder), the body is read as it comes.
	d := time.Now().Add(uploadIdle)
	if d.After(u.end) {
		d = u.end
	}
	_ = u.rc.SetReadDeadline(d)
	n, err := u.r.Read(p)
	if err != nil && err != io.EOF {
		switch _, ok := err.(*echo.HTTPError); {
		case ok:
		case errors.Is(err, os.ErrDeadlineExceeded):
			err = httpError(http.StatusBadRequest, messages.ProblemDetailUploadStalled, "idle", uploadIdle.String(), "total", uploadTimeout.String())
		default:
			err = httpError(http.StatusBadRequest, messages.ProblemDetailUploadUnreadable, "error", evaluation.UploadReason(err))
		}
	}
	return n, err
}

// upload spools an uploaded file (see uploadStream) to a temporary file, for the readers that
// need to read it more than once.
func upload(c echo.Context) (f *os.File, name string, cleanup func(), err error) {
	src, name, err := uploadStream(c)
	if err != nil {
		return nil, "", nil, err
	}
	f, err = os.CreateTemp("", "evalbench-upload-*")
	if err != nil {
		return nil, "", nil, err
	}
	cleanup = func() { f.Close(); os.Remove(f.Name()) }
	if _, err := io.Copy(f, src); err != nil {
		cleanup()
		if he, ok := err.(*echo.HTTPError); ok {
			return nil, "", nil, he
		}
		return nil, "", nil, httpError(http.StatusBadRequest, messages.ProblemDetailUploadUnreadable, "error", evaluation.UploadReason(err))
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		cleanup()
		return nil, "", nil, err
	}
	return f, name, cleanup, nil
}

func fileOptions(c echo.Context, name string) evaluation.FileOptions {
	return evaluation.FileOptions{FileName: name, Format: c.QueryParam("format"), Encoding: c.QueryParam("encoding"), Sheet: c.QueryParam("sheet")}
}

func boolParam(c echo.Context, name string) (bool, error) {
	v := c.QueryParam(name)
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, invalid(name, messages.ProblemFieldBoolean, "name", name)
	}
	return b, nil
}

func exportFormat(c echo.Context, def string) (string, string, error) {
	f := strings.ToLower(c.QueryParam("format"))
	if f == "" {
		f = def
	}
	ct, ok := exportTypes[f]
	if !ok {
		return "", "", invalid("format", messages.ProblemFieldExportFormat)
	}
	return f, ct, nil
}

// importUpload runs an import of the uploaded file, read once as it arrives (see uploadStream;
// the import hashes, parses and stores it in one pass), a dry run when the dry_run parameter
// says so. It answers 201 Created with the location of the version the import stored, or 200
// for a dry run and for bytes imported before.
func importUpload[R interface{ Created() bool }](c echo.Context, run func(body io.Reader, opts evaluation.FileOptions, dryRun bool) (R, error), location func(R) string) error {
	dryRun, err := boolParam(c, "dry_run")
	if err != nil {
		return err
	}
	body, name, err := uploadStream(c)
	if err != nil {
		return err
	}
	out, err := run(body, fileOptions(c, name), dryRun)
	if err != nil {
		return err
	}
	if o, ok := any(out).(interface {
		ImportedRows() int
		Outcome() string
	}); ok {
		noteImport(c, o.ImportedRows(), o.Outcome())
	}
	if !out.Created() {
		return c.JSON(http.StatusOK, out)
	}
	c.Response().Header().Set(echo.HeaderLocation, location(out))
	return c.JSON(http.StatusCreated, out)
}

var exportTypes = map[string]string{
	"json": "application/json",
	"csv":  "text/csv; charset=utf-8",
	"tsv":  "text/tab-separated-values; charset=utf-8",
	"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
