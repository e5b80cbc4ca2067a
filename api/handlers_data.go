package api

import (
	"bytes"
	"io"
	"mime"
	"net/http"
	"os"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"evalbench/evaluation"
)

type (
	framework         = evaluation.Framework
	frameworkSummary  = evaluation.FrameworkSummary
	dataset           = evaluation.Dataset
	importResult      = evaluation.ImportResult
	observation       = evaluation.Observation
	datasetComparison = evaluation.DatasetComparison
)

// upload spools an uploaded file to a temporary file: the "file" part of a multipart form, or
// the raw request body. The name comes from the form part or the filename query parameter.
func upload(c echo.Context) (f *os.File, name string, cleanup func(), err error) {
	req := c.Request()
	f, err = os.CreateTemp("", "evalbench-upload-*")
	if err != nil {
		return nil, "", nil, err
	}
	cleanup = func() { f.Close(); os.Remove(f.Name()) }
	var src io.Reader = req.Body
	name = c.QueryParam("filename")
	if mt, params, _ := mime.ParseMediaType(req.Header.Get(echo.HeaderContentType)); mt == "multipart/form-data" {
		mr, err := req.MultipartReader()
		if err != nil {
			cleanup()
			return nil, "", nil, echo.NewHTTPError(http.StatusBadRequest, "malformed multipart body: "+err.Error())
		}
		_ = params
		for {
			part, err := mr.NextPart()
			if err != nil {
				cleanup()
				if he, ok := err.(*echo.HTTPError); ok {
					return nil, "", nil, he
				}
				if err != io.EOF {
					return nil, "", nil, echo.NewHTTPError(http.StatusBadRequest, "malformed multipart body: "+err.Error())
				}
				return nil, "", nil, echo.NewHTTPError(http.StatusBadRequest, `the multipart body has no part named "file"`)
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
	if err := evaluation.CheckText("filename", name); err != nil {
		cleanup()
		return nil, "", nil, err
	}
	if _, err := io.Copy(f, src); err != nil {
		cleanup()
		if he, ok := err.(*echo.HTTPError); ok {
			return nil, "", nil, he
		}
		return nil, "", nil, echo.NewHTTPError(http.StatusBadRequest, "reading the upload: "+err.Error())
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
		return false, evaluation.Invalidf(name, "%s must be true or false", name)
	}
	return b, nil
}

func (s *Server) createFramework(c echo.Context) error {
	var in framework
	if err := bind(c, &in); err != nil {
		return err
	}
	out, err := s.svc.CreateFramework(c.Request().Context(), actor(c), c.Param("cid"), &in)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/commissions/"+out.CommissionID+"/frameworks/"+out.ID)
	return versioned(c, http.StatusCreated, out.Version, out)
}

func (s *Server) importFramework(c echo.Context) error {
	f, name, cleanup, err := upload(c)
	if err != nil {
		return err
	}
	defer cleanup()
	out, err := s.svc.ImportFramework(c.Request().Context(), actor(c), c.Param("cid"), fileOptions(c, name), f)
	if err != nil {
		return err
	}
	noteImport(c, len(out.Indicators()), "created")
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/commissions/"+out.CommissionID+"/frameworks/"+out.ID)
	return versioned(c, http.StatusCreated, out.Version, out)
}

func (s *Server) listFrameworks(c echo.Context) error {
	out, err := s.svc.ListFrameworks(c.Request().Context(), actor(c), c.Param("cid"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, list(out))
}

func (s *Server) getFramework(c echo.Context) error {
	out, err := s.svc.GetFramework(c.Request().Context(), actor(c), c.Param("cid"), c.Param("fid"))
	if err != nil {
		return err
	}
	return versioned(c, http.StatusOK, out.Version, out)
}

func (s *Server) updateFramework(c echo.Context) error {
	var in framework
	if err := bind(c, &in); err != nil {
		return err
	}
	out, created, err := s.svc.UpdateFramework(c.Request().Context(), actor(c), c.Param("cid"), c.Param("fid"), ifMatch(c), &in)
	if err != nil {
		return err
	}
	if created {
		c.Response().Header().Set(echo.HeaderLocation, "/api/v1/commissions/"+out.CommissionID+"/frameworks/"+out.ID)
		return versioned(c, http.StatusCreated, out.Version, out)
	}
	return versioned(c, http.StatusOK, out.Version, out)
}

var exportTypes = map[string]string{
	"json": "application/json",
	"csv":  "text/csv; charset=utf-8",
	"tsv":  "text/tab-separated-values; charset=utf-8",
	"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

func exportFormat(c echo.Context, def string) (string, string, error) {
	f := strings.ToLower(c.QueryParam("format"))
	if f == "" {
		f = def
	}
	ct, ok := exportTypes[f]
	if !ok {
		return "", "", evaluation.Invalidf("format", "format must be json, csv, tsv or xlsx")
	}
	return f, ct, nil
}

func (s *Server) exportFramework(c echo.Context) error {
	format, ct, err := exportFormat(c, "json")
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := s.svc.ExportFramework(c.Request().Context(), actor(c), c.Param("cid"), c.Param("fid"), format, &buf); err != nil {
		return err
	}
	c.Response().Header().Set("Content-Disposition", `attachment; filename="framework.`+format+`"`)
	return c.Blob(http.StatusOK, ct, buf.Bytes())
}

func (s *Server) importDataset(c echo.Context) error {
	return importUpload(c, func(f *os.File, opts evaluation.FileOptions, dryRun bool) (*importResult, error) {
		return s.svc.ImportDataset(c.Request().Context(), actor(c), c.Param("cid"), evaluation.ImportInput{
			FrameworkID: c.QueryParam("framework"), Options: opts, Label: c.QueryParam("label"), DryRun: dryRun, Body: f})
	}, func(out *importResult) string {
		return "/api/v1/commissions/" + out.Dataset.CommissionID + "/datasets/" + out.Dataset.ID
	})
}

// importUpload runs an import of the uploaded file (see upload), a dry run when the dry_run
// parameter says so. It answers 201 Created with the location of the version the import stored,
// or 200 for a dry run and for bytes imported before.
func importUpload[R interface{ Created() bool }](c echo.Context, run func(f *os.File, opts evaluation.FileOptions, dryRun bool) (R, error), location func(R) string) error {
	dryRun, err := boolParam(c, "dry_run")
	if err != nil {
		return err
	}
	f, name, cleanup, err := upload(c)
	if err != nil {
		return err
	}
	defer cleanup()
	out, err := run(f, fileOptions(c, name), dryRun)
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

func (s *Server) listDatasets(c echo.Context) error {
	out, err := s.svc.ListDatasets(c.Request().Context(), actor(c), c.Param("cid"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, list(out))
}

func (s *Server) getDataset(c echo.Context) error {
	out, err := s.svc.GetDataset(c.Request().Context(), actor(c), c.Param("cid"), c.Param("did"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

func (s *Server) listObservations(c echo.Context) error {
	p, err := page(c)
	if err != nil {
		return err
	}
	out, err := s.svc.Observations(c.Request().Context(), actor(c), c.Param("cid"), c.Param("did"), p)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, list(out))
}

func (s *Server) exportDataset(c echo.Context) error {
	format, ct, err := exportFormat(c, "csv")
	if err != nil {
		return err
	}
	// Check access before the first byte goes out, so that errors are still problem documents.
	if _, err := s.svc.GetDataset(c.Request().Context(), actor(c), c.Param("cid"), c.Param("did")); err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderContentType, ct)
	c.Response().Header().Set("Content-Disposition", `attachment; filename="dataset.`+format+`"`)
	c.Response().WriteHeader(http.StatusOK)
	return s.svc.ExportDataset(c.Request().Context(), actor(c), c.Param("cid"), c.Param("did"), format, c.Response())
}

func (s *Server) freezeDataset(c echo.Context) error {
	out, err := s.svc.FreezeDataset(c.Request().Context(), actor(c), c.Param("cid"), c.Param("did"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

func (s *Server) compareDatasets(c echo.Context) error {
	out, err := s.svc.CompareDatasets(c.Request().Context(), actor(c), c.Param("cid"), c.QueryParam("from"), c.QueryParam("to"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}
