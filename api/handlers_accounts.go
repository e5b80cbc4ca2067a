package api

import (
	"context"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
)

// Short names for the domain types the API sends and receives.
type (
	evaluationUser      = evaluation.User
	evaluationInstitute = evaluation.Institute
	evaluationToken     = evaluation.Token
	newToken            = evaluation.NewToken
	instituteInput      = evaluation.InstituteInput
	userInput           = evaluation.UserInput
	tokenInput          = evaluation.TokenInput
	commission          = evaluation.Commission
	commissionInput     = evaluation.CommissionInput
	commissionPatch     = evaluation.CommissionPatch
	unit                = engine.Unit
	upsertResult        = evaluation.UpsertResult
	member              = evaluation.Member
	auditEntry          = evaluation.AuditEntry
)

// Health is the answer of /healthz.
type Health struct {
	Status   string `json:"status"`
	Database string `json:"database"`
	Version  string `json:"version"`
	Commit   string `json:"commit"`
}

// Pinger is implemented by a store that can check its connection.
type Pinger interface{ Ping(context.Context) error }

func (s *Server) health(c echo.Context) error {
	h := Health{Status: "ok", Database: "ok", Version: engine.BuildVersion, Commit: engine.BuildCommit}
	if p, ok := s.svc.Store().(Pinger); ok {
		ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
		defer cancel()
		if err := p.Ping(ctx); err != nil {
			h.Status, h.Database = "degraded", "unreachable"
			c.Response().Header().Set("Retry-After", retryAfter)
			return c.JSON(http.StatusServiceUnavailable, h)
		}
	}
	return c.JSON(http.StatusOK, h)
}

func (s *Server) me(c echo.Context) error {
	u, err := s.svc.Me(c.Request().Context(), actor(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, u)
}

func (s *Server) createInstitute(c echo.Context) error {
	var in instituteInput
	if err := bind(c, &in); err != nil {
		return err
	}
	out, err := s.svc.CreateInstitute(c.Request().Context(), actor(c), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, out)
}

func (s *Server) listInstitutes(c echo.Context) error {
	out, err := s.svc.ListInstitutes(c.Request().Context(), actor(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, list(out))
}

func (s *Server) createUser(c echo.Context) error {
	var in userInput
	if err := bind(c, &in); err != nil {
		return err
	}
	out, err := s.svc.CreateUser(c.Request().Context(), actor(c), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, out)
}

func (s *Server) listUsers(c echo.Context) error {
	out, err := s.svc.ListUsers(c.Request().Context(), actor(c), c.QueryParam("institute"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, list(out))
}

func (s *Server) createToken(c echo.Context) error {
	var in tokenInput
	if err := bind(c, &in); err != nil {
		return err
	}
	out, err := s.svc.CreateToken(c.Request().Context(), actor(c), in)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusCreated, out)
}

func (s *Server) listTokens(c echo.Context) error {
	out, err := s.svc.ListTokens(c.Request().Context(), actor(c), c.QueryParam("user"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, list(out))
}

func (s *Server) revokeToken(c echo.Context) error {
	if err := s.svc.RevokeToken(c.Request().Context(), actor(c), c.Param("tid")); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
