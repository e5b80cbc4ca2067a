package api

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/messages"
)

type transitionInput struct {
	To evaluation.Status `json:"to"`
}

type unitsInput struct {
	Units []engine.Unit `json:"units"`
}

type grantInput struct {
	UserID string          `json:"user_id"`
	Role   evaluation.Role `json:"role"`
}

func (s *Server) createCommission(c echo.Context) error {
	var in commissionInput
	if err := bind(c, &in); err != nil {
		return err
	}
	out, err := s.svc.CreateCommission(c.Request().Context(), actor(c), in)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/commissions/"+out.ID)
	return versioned(c, http.StatusCreated, out.Version, out)
}

func (s *Server) listCommissions(c echo.Context) error {
	p, err := page(c)
	if err != nil {
		return err
	}
	out, err := s.svc.ListCommissions(c.Request().Context(), actor(c), p)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, list(out))
}

func (s *Server) getCommission(c echo.Context) error {
	out, err := s.svc.GetCommission(c.Request().Context(), actor(c), c.Param("cid"))
	if err != nil {
		return err
	}
	return versioned(c, http.StatusOK, out.Version, out)
}

func (s *Server) updateCommission(c echo.Context) error {
	var in commissionPatch
	if err := bind(c, &in); err != nil {
		return err
	}
	out, err := s.svc.UpdateCommission(c.Request().Context(), actor(c), c.Param("cid"), ifMatch(c), in)
	if err != nil {
		return err
	}
	return versioned(c, http.StatusOK, out.Version, out)
}

func (s *Server) transitionCommission(c echo.Context) error {
	var in transitionInput
	if err := bind(c, &in); err != nil {
		return err
	}
	out, err := s.svc.TransitionCommission(c.Request().Context(), actor(c), c.Param("cid"), ifMatch(c), in.To)
	if err != nil {
		return err
	}
	return versioned(c, http.StatusOK, out.Version, out)
}

func (s *Server) listUnits(c echo.Context) error {
	out, err := s.svc.ListUnits(c.Request().Context(), actor(c), c.Param("cid"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, list(out))
}

func (s *Server) upsertUnits(c echo.Context) error {
	var in unitsInput
	if err := bind(c, &in); err != nil {
		return err
	}
	out, err := s.svc.UpsertUnits(c.Request().Context(), actor(c), c.Param("cid"), in.Units)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

func (s *Server) listMembers(c echo.Context) error {
	out, err := s.svc.ListMembers(c.Request().Context(), actor(c), c.Param("cid"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, list(out))
}

func (s *Server) grant(c echo.Context) error {
	var in grantInput
	if err := bind(c, &in); err != nil {
		return err
	}
	out, err := s.svc.Grant(c.Request().Context(), actor(c), c.Param("cid"), in.UserID, in.Role)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, out)
}

func (s *Server) revoke(c echo.Context) error {
	err := s.svc.Revoke(c.Request().Context(), actor(c), c.Param("cid"), c.Param("uid"), evaluation.Role(c.Param("role")))
	if err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (s *Server) listAudit(c echo.Context) error {
	f := evaluation.AuditFilter{CommissionID: c.QueryParam("commission")}
	if v := c.QueryParam("after"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return invalid("after", messages.ProblemFieldAfter)
		}
		f.AfterSeq = n
	}
	if v := c.QueryParam("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return invalid("limit", messages.ProblemFieldInteger, "name", "limit")
		}
		if n < 1 || n > evaluation.MaxPageSize {
			return invalid("limit", messages.ProblemFieldLimitRange, "max", evaluation.MaxPageSize)
		}
		f.Limit = n
	}
	out, err := s.svc.ListAudit(c.Request().Context(), actor(c), f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, list(out))
}
