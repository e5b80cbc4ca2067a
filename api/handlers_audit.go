package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"evalbench/evaluation"
)

func (s *Server) listCheckpoints(c echo.Context) error {
	f := evaluation.CheckpointFilter{CommissionID: c.QueryParam("commission"), InstituteID: c.QueryParam("institute")}
	out, err := s.svc.Checkpoints(c.Request().Context(), actor(c), f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, list(out))
}

func (s *Server) createCheckpoint(c echo.Context) error {
	out, err := s.svc.CreateCheckpoint(c.Request().Context(), actor(c), c.QueryParam("institute"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, out)
}
