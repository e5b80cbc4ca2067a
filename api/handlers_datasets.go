package api

import (
	"io"
	"net/http"

	"github.com/labstack/echo/v4"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
)

type (
	dataset           = evaluation.Dataset
	importResult      = evaluation.ImportResult
	observation       = engine.Observation
	datasetComparison = evaluation.DatasetComparison
)

func (s *Server) importDataset(c echo.Context) error {
	return importUpload(c, func(body io.Reader, opts evaluation.FileOptions, dryRun bool) (*importResult, error) {
		return s.svc.ImportDataset(c.Request().Context(), actor(c), c.Param("cid"), evaluation.ImportInput{
			FrameworkID: c.QueryParam("framework"), Options: opts, Label: c.QueryParam("label"), DryRun: dryRun, Body: body})
	}, func(out *importResult) string {
		return "/api/v1/commissions/" + out.Dataset.CommissionID + "/datasets/" + out.Dataset.ID
	})
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
