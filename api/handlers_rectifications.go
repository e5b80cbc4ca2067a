package api

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/messages"
)

func (s *Server) runPanel(c echo.Context) error {
	out, err := s.svc.Panel(c.Request().Context(), actor(c), c.Param("cid"), c.Param("rid"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

func (s *Server) createRectification(c echo.Context) error {
	var in rectificationInput
	if err := bind(c, &in); err != nil {
		return err
	}
	out, err := s.svc.CreateRectification(c.Request().Context(), actor(c), c.Param("cid"), in)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/commissions/"+out.CommissionID+"/rectifications/"+out.ID)
	return versioned(c, http.StatusCreated, out.Version, out)
}

func (s *Server) rectificationsFromRun(c echo.Context) error {
	var in rectificationsFromRun
	if err := bind(c, &in); err != nil {
		return err
	}
	out, err := s.svc.OpenRectificationsFromRun(c.Request().Context(), actor(c), c.Param("cid"), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, list(out))
}

func (s *Server) listRectifications(c echo.Context) error {
	f := evaluation.RectificationFilter{Unit: c.QueryParam("unit"), Period: engine.Period(c.QueryParam("period")), Status: c.QueryParam("status")}
	switch f.Status {
	case "", engine.RectifyOpen, engine.RectifyClosed, engine.RectifyAudited:
	default:
		return invalid("status", messages.RectificationStatusFilter, "status", f.Status)
	}
	out, err := s.svc.ListRectifications(c.Request().Context(), actor(c), c.Param("cid"), f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, list(out))
}

func (s *Server) getRectification(c echo.Context) error {
	out, err := s.svc.GetRectification(c.Request().Context(), actor(c), c.Param("cid"), c.Param("xid"))
	if err != nil {
		return err
	}
	return versioned(c, http.StatusOK, out.Version, out)
}

func (s *Server) updateRectification(c echo.Context) error {
	var in rectificationUpdate
	if err := bind(c, &in); err != nil {
		return err
	}
	out, err := s.svc.UpdateRectification(c.Request().Context(), actor(c), c.Param("cid"), c.Param("xid"), ifMatch(c), in)
	if err != nil {
		return err
	}
	return versioned(c, http.StatusOK, out.Version, out)
}

func (s *Server) closeRectification(c echo.Context) error {
	var in rectificationClose
	if err := bind(c, &in); err != nil {
		return err
	}
	out, err := s.svc.CloseRectification(c.Request().Context(), actor(c), c.Param("cid"), c.Param("xid"), ifMatch(c), in)
	if err != nil {
		return err
	}
	return versioned(c, http.StatusOK, out.Version, out)
}

func (s *Server) auditRectification(c echo.Context) error {
	var in rectificationClose
	if err := bind(c, &in); err != nil {
		return err
	}
	out, err := s.svc.AuditRectification(c.Request().Context(), actor(c), c.Param("cid"), c.Param("xid"), ifMatch(c), in)
	if err != nil {
		return err
	}
	return versioned(c, http.StatusOK, out.Version, out)
}
