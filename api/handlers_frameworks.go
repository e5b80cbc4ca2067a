package api

import (
	"bytes"
	"net/http"

	"github.com/labstack/echo/v4"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
)

type (
	framework        = engine.Framework
	frameworkSummary = evaluation.FrameworkSummary
)

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
