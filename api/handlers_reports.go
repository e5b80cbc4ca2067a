package api

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/messages"
	"evalbench/reports"
)

func (s *Server) publishReport(c echo.Context) error {
	var in publishInput
	if err := bindOptional(c, &in); err != nil {
		return err
	}
	out, err := s.svc.PublishReport(c.Request().Context(), actor(c), c.Param("cid"), c.Param("rid"), in)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/commissions/"+out.CommissionID+"/reports/"+out.ID)
	return c.JSON(http.StatusCreated, out)
}

// bindOptional binds a JSON body strictly, leaving dst as it is when the body is empty.
func bindOptional(c echo.Context, dst any) error {
	body, err := io.ReadAll(c.Request().Body)
	if err != nil {
		return err
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	c.Request().Body = io.NopCloser(bytes.NewReader(body))
	return bind(c, dst)
}

func (s *Server) listReports(c echo.Context) error {
	out, err := s.svc.ListReports(c.Request().Context(), actor(c), c.Param("cid"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, list(out))
}

func (s *Server) getReport(c echo.Context) error {
	out, err := s.svc.GetReport(c.Request().Context(), actor(c), c.Param("cid"), c.Param("repid"))
	if err != nil {
		return err
	}
	c.Response().Header().Set("ETag", `"`+out.Digest+`"`)
	return c.JSON(http.StatusOK, out)
}

var reportMediaTypes = map[string]string{
	engine.ReportJSON:     "application/json",
	engine.ReportEnvelope: "application/json",
	engine.ReportHTML:     "text/html; charset=utf-8",
	engine.ReportPDF:      "application/pdf",
}

// reportFile answers one stored file of a report. The signed files carry the report's digest as
// their ETag; the PDF, printed on demand, does not.
func (s *Server) reportFile(name string) echo.HandlerFunc {
	return s.serveReportFile(name, func(c echo.Context) ([]byte, *evaluation.Report, error) {
		return s.svc.ReportFile(c.Request().Context(), actor(c), c.Param("cid"), c.Param("repid"), name)
	})
}

// publicReportFile serves a published report's file without a token.
func (s *Server) publicReportFile(name string) echo.HandlerFunc {
	return s.serveReportFile(name, func(c echo.Context) ([]byte, *evaluation.Report, error) {
		return s.svc.PublishedReportFile(c.Request().Context(), c.Param("repid"), name)
	})
}

func (s *Server) serveReportFile(name string, get func(echo.Context) ([]byte, *evaluation.Report, error)) echo.HandlerFunc {
	return func(c echo.Context) error {
		data, r, err := get(c)
		if errors.Is(err, reports.ErrNoBrowser) {
			return httpError(http.StatusServiceUnavailable, messages.ProblemDetailNoPDF)
		}
		if err != nil {
			return err
		}
		h := c.Response().Header()
		if name != engine.ReportPDF {
			h.Set("ETag", `"`+r.Digest+`"`)
		}
		h.Set("X-Report-Digest", r.Digest)
		h.Set(echo.HeaderContentDisposition, mime.FormatMediaType("inline", map[string]string{"filename": name}))
		if name == engine.ReportHTML {
			h.Set(echo.HeaderContentSecurityPolicy, reports.ContentSecurityPolicy(data))
		}
		return c.Blob(http.StatusOK, reportMediaTypes[name], data)
	}
}

// reportBundle loads and parses a report's bundle.
func (s *Server) reportBundle(c echo.Context) (*reports.Bundle, error) {
	data, _, err := s.svc.ReportFile(c.Request().Context(), actor(c), c.Param("cid"), c.Param("repid"), engine.ReportJSON)
	if err != nil {
		return nil, err
	}
	return reports.ParseBundle(data)
}

func (s *Server) resultsCSV(c echo.Context) error {
	b, err := s.reportBundle(c)
	if err != nil {
		return err
	}
	table := c.QueryParam("table")
	out, err := reports.ResultsCSV(b, table)
	if err != nil {
		return err
	}
	if table == "" {
		table = reports.TableUnits
	}
	c.Response().Header().Set(echo.HeaderContentDisposition, mime.FormatMediaType("attachment", map[string]string{"filename": "results-" + table + ".csv"}))
	return c.Blob(http.StatusOK, "text/csv; charset=utf-8", out)
}

func (s *Server) resultsXLSX(c echo.Context) error {
	b, err := s.reportBundle(c)
	if err != nil {
		return err
	}
	out, err := reports.ResultsXLSX(b)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderContentDisposition, mime.FormatMediaType("attachment", map[string]string{"filename": "results.xlsx"}))
	return c.Blob(http.StatusOK, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", out)
}

func (s *Server) getAcceptance(c echo.Context) error {
	out, err := s.svc.Acceptance(c.Request().Context(), actor(c), c.Param("cid"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

func (s *Server) decideAcceptance(c echo.Context) error {
	var in acceptanceInput
	if err := bind(c, &in); err != nil {
		return err
	}
	out, err := s.svc.DecideAcceptance(c.Request().Context(), actor(c), c.Param("cid"), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, out)
}

func (s *Server) listSigningKeys(c echo.Context) error {
	out, err := s.svc.SigningKeys(c.Request().Context(), c.Param("iid"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, list(out))
}

func (s *Server) rotateSigningKey(c echo.Context) error {
	out, err := s.svc.RotateSigningKey(c.Request().Context(), actor(c), c.Param("iid"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, out)
}

func (s *Server) listPublications(c echo.Context) error {
	out, err := s.svc.Publications(c.Request().Context(), c.Param("iid"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

// verifyReport verifies an envelope posted as the body, or as the "envelope" part of a multipart
// form with an optional "report" part (report.json) and "key" part (a public key: PEM, base64 or
// hex). It answers 200 with the checks whether the report passes or not.
func (s *Server) verifyReport(c echo.Context) error {
	req := c.Request()
	var envelope, bundle []byte
	var key ed25519.PublicKey
	if mt, _, _ := mime.ParseMediaType(req.Header.Get(echo.HeaderContentType)); mt == "multipart/form-data" {
		// The parts are read as they stream in, each once: the body is bounded by VerifyLimit
		// (see register), so what is held is too, without the copies a parsed form makes.
		mr, err := req.MultipartReader()
		if err != nil {
			return httpError(http.StatusBadRequest, messages.ProblemDetailMultipartMalformed, "error", evaluation.MultipartReason(err))
		}
		var k []byte
		for {
			p, err := mr.NextPart()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return multipartError(err)
			}
			var dst *[]byte
			switch p.FormName() {
			case "envelope":
				dst = &envelope
			case "report":
				dst = &bundle
			case "key":
				dst = &k
			}
			if dst == nil || *dst != nil {
				continue // an unknown part, or a repeated one: the first counts
			}
			if *dst, err = io.ReadAll(p); err != nil {
				return multipartError(err)
			}
		}
		if len(bytes.TrimSpace(k)) > 0 {
			if key, err = engine.ParsePublicKey(string(k)); err != nil {
				return invalid("key", messages.ProblemFieldKey, "error", engine.PublicKeyReason(err))
			}
		}
	} else {
		// The body is bounded by VerifyLimit (see register): reading it whole holds at most that.
		var err error
		if envelope, err = io.ReadAll(req.Body); err != nil {
			return err
		}
	}
	if len(bytes.TrimSpace(envelope)) == 0 {
		return httpError(http.StatusBadRequest, messages.ProblemDetailEnvelopeRequired)
	}
	v, err := s.svc.VerifyReport(req.Context(), envelope, bundle, key)
	if err != nil {
		return err
	}
	c.Response().Header().Set("X-Verdict", v.Verdict)
	c.Response().Header().Set("X-Checks-Failed", strconv.Itoa(len(v.Failed())))
	return c.JSON(http.StatusOK, v)
}

// multipartError is the answer to a multipart body that cannot be read: 413 when it is over the
// body limit, 400 when it is malformed.
func multipartError(err error) error {
	var he *echo.HTTPError
	if errors.As(err, &he) {
		return he
	}
	return httpError(http.StatusBadRequest, messages.ProblemDetailMultipartMalformed, "error", evaluation.MultipartReason(err))
}
