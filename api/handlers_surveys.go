package api

import (
	"io"
	"net/http"

	"github.com/labstack/echo/v4"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
)

type (
	survey               = engine.Survey
	surveyResult         = engine.SurveyResult
	responseImport       = evaluation.ResponseImport
	responseImportResult = evaluation.ResponseImportResult
)

func surveyLocation(sv *engine.Survey) string {
	return "/api/v1/commissions/" + sv.CommissionID + "/surveys/" + sv.ID
}

func (s *Server) createSurvey(c echo.Context) error {
	var in survey
	if err := bind(c, &in); err != nil {
		return err
	}
	out, err := s.svc.CreateSurvey(c.Request().Context(), actor(c), c.Param("cid"), &in)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, surveyLocation(out))
	return versioned(c, http.StatusCreated, out.Version, out)
}

func (s *Server) listSurveys(c echo.Context) error {
	out, err := s.svc.ListSurveys(c.Request().Context(), actor(c), c.Param("cid"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, list(out))
}

func (s *Server) getSurvey(c echo.Context) error {
	out, err := s.svc.GetSurvey(c.Request().Context(), actor(c), c.Param("cid"), c.Param("sid"))
	if err != nil {
		return err
	}
	return versioned(c, http.StatusOK, out.Version, out)
}

func (s *Server) updateSurvey(c echo.Context) error {
	var in survey
	if err := bind(c, &in); err != nil {
		return err
	}
	out, err := s.svc.UpdateSurvey(c.Request().Context(), actor(c), c.Param("cid"), c.Param("sid"), ifMatch(c), &in)
	if err != nil {
		return err
	}
	return versioned(c, http.StatusOK, out.Version, out)
}

func (s *Server) importResponses(c echo.Context) error {
	return importUpload(c, func(body io.Reader, opts evaluation.FileOptions, dryRun bool) (*responseImportResult, error) {
		return s.svc.ImportResponses(c.Request().Context(), actor(c), c.Param("cid"), c.Param("sid"),
			evaluation.ResponseImportInput{Options: opts, DryRun: dryRun, Body: body})
	}, func(out *responseImportResult) string {
		return "/api/v1/commissions/" + out.Import.CommissionID + "/surveys/" + out.Import.SurveyID + "/imports"
	})
}

func (s *Server) listResponseImports(c echo.Context) error {
	out, err := s.svc.ListResponseImports(c.Request().Context(), actor(c), c.Param("cid"), c.Param("sid"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, list(out))
}

func (s *Server) surveyResults(c echo.Context) error {
	out, err := s.svc.SurveyResults(c.Request().Context(), actor(c), c.Param("cid"), c.Param("sid"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}
