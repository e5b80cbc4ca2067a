package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
)

type (
	weightSet        = engine.WeightSet
	weightSetDetail  = evaluation.WeightSetDetail
	weightComparison = evaluation.WeightComparison
	judgment         = engine.Judgment
	judgmentInput    = evaluation.JudgmentInput
	judgmentReceipt  = evaluation.JudgmentReceipt
	judgmentPanel    = evaluation.JudgmentPanel
	judgmentImport   = evaluation.JudgmentImport
	surveyIntake     = evaluation.SurveyIntake
	adjustmentInput  = evaluation.AdjustmentInput
)

func weightSetLocation(c echo.Context, ws *engine.WeightSet) {
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/commissions/"+ws.CommissionID+"/weight-sets/"+ws.ID)
}

func (s *Server) createWeightSet(c echo.Context) error {
	var in weightSet
	if err := bind(c, &in); err != nil {
		return err
	}
	out, err := s.svc.CreateWeightSet(c.Request().Context(), actor(c), c.Param("cid"), &in)
	if err != nil {
		return err
	}
	weightSetLocation(c, out.WeightSet)
	return versioned(c, http.StatusCreated, out.WeightSet.Version, out)
}

func (s *Server) listWeightSets(c echo.Context) error {
	out, err := s.svc.ListWeightSets(c.Request().Context(), actor(c), c.Param("cid"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, list(out))
}

func (s *Server) getWeightSet(c echo.Context) error {
	out, err := s.svc.GetWeightSet(c.Request().Context(), actor(c), c.Param("cid"), c.Param("wid"))
	if err != nil {
		return err
	}
	return versioned(c, http.StatusOK, out.WeightSet.Version, out)
}

func (s *Server) updateWeightSet(c echo.Context) error {
	var in weightSet
	if err := bind(c, &in); err != nil {
		return err
	}
	out, err := s.svc.UpdateWeightSet(c.Request().Context(), actor(c), c.Param("cid"), c.Param("wid"), ifMatch(c), &in)
	if err != nil {
		return err
	}
	return versioned(c, http.StatusOK, out.WeightSet.Version, out)
}

func (s *Server) listJudgments(c echo.Context) error {
	out, err := s.svc.ListJudgments(c.Request().Context(), actor(c), c.Param("cid"), c.Param("wid"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, list(out))
}

// submitJudgment answers 201 for a first matrix and 200 for one that replaces the expert's
// earlier matrix for the node.
func (s *Server) submitJudgment(c echo.Context) error {
	var in judgmentInput
	if err := bind(c, &in); err != nil {
		return err
	}
	out, err := s.svc.SubmitJudgment(c.Request().Context(), actor(c), c.Param("cid"), c.Param("wid"), in)
	if err != nil {
		return err
	}
	if out.Replaced != nil {
		return c.JSON(http.StatusOK, out)
	}
	return c.JSON(http.StatusCreated, out)
}

func (s *Server) importJudgments(c echo.Context) error {
	var in judgmentPanel
	if err := bind(c, &in); err != nil {
		return err
	}
	out, err := s.svc.ImportJudgments(c.Request().Context(), actor(c), c.Param("cid"), c.Param("wid"), in)
	if err != nil {
		return err
	}
	noteImport(c, out.Imported, "created")
	return versioned(c, http.StatusOK, out.WeightSet.WeightSet.Version, out)
}

func (s *Server) adjustWeight(c echo.Context) error {
	var in adjustmentInput
	if err := bind(c, &in); err != nil {
		return err
	}
	out, err := s.svc.AdjustWeight(c.Request().Context(), actor(c), c.Param("cid"), c.Param("wid"), in)
	if err != nil {
		return err
	}
	weightSetLocation(c, out.WeightSet)
	return versioned(c, http.StatusCreated, out.WeightSet.Version, out)
}

func (s *Server) compareWeightSets(c echo.Context) error {
	out, err := s.svc.CompareWeightSets(c.Request().Context(), actor(c), c.Param("cid"), c.QueryParam("from"), c.QueryParam("to"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

// importSurveyJudgments reads a questionnaire export (the file, raw or multipart) with its
// column map (the query parameter map, JSON).
func (s *Server) importSurveyJudgments(c echo.Context) error {
	f, name, cleanup, err := upload(c)
	if err != nil {
		return err
	}
	defer cleanup()
	out, err := s.svc.ImportSurveyJudgments(c.Request().Context(), actor(c), c.Param("cid"), c.Param("wid"),
		evaluation.SurveyIntakeInput{Options: fileOptions(c, name), Body: f, MapJSON: c.QueryParam("map")})
	if err != nil {
		return err
	}
	noteImport(c, out.Imported, "created")
	return versioned(c, http.StatusOK, out.WeightSet.WeightSet.Version, out)
}
