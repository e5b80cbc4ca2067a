package api

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
)

type (
	roundInput    = evaluation.RoundInput
	round         = evaluation.Round
	openedRound   = evaluation.OpenedRound
	roundLink     = evaluation.RoundLink
	roundProgress = evaluation.RoundProgress
	roundClosed   = evaluation.RoundClosed

	raterLinksInput = evaluation.RaterLinksInput
	raterLink       = evaluation.RaterLink
	issuedRaterLink = evaluation.IssuedRaterLink
	raterBoard      = evaluation.RaterBoard
)

func (s *Server) openRound(c echo.Context) error {
	var in roundInput
	if err := bind(c, &in); err != nil {
		return err
	}
	out, err := s.svc.OpenRound(c.Request().Context(), actor(c), c.Param("cid"), c.Param("wid"), in)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, c.Request().URL.Path+"/"+out.Round.ID)
	return c.JSON(http.StatusCreated, out)
}

func (s *Server) listRounds(c echo.Context) error {
	out, err := s.svc.ListRounds(c.Request().Context(), actor(c), c.Param("cid"), c.Param("wid"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, list(out))
}

func (s *Server) roundProgress(c echo.Context) error {
	out, err := s.svc.GetRoundProgress(c.Request().Context(), actor(c), c.Param("cid"), c.Param("wid"), c.Param("jrid"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

func (s *Server) reissueLink(c echo.Context) error {
	out, err := s.svc.ReissueLink(c.Request().Context(), actor(c), c.Param("cid"), c.Param("wid"), c.Param("jrid"), c.Param("eid"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

func (s *Server) revokeLink(c echo.Context) error {
	if err := s.svc.RevokeLink(c.Request().Context(), actor(c), c.Param("cid"), c.Param("wid"), c.Param("jrid"), c.Param("eid")); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// remindRound answers the unanswered experts' new links as CSV: key, name, organisation, link
// (absolute, on the address the request came to), expires_at.
func (s *Server) remindRound(c echo.Context) error {
	links, err := s.svc.UnansweredLinks(c.Request().Context(), actor(c), c.Param("cid"), c.Param("wid"), c.Param("jrid"))
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write([]string{"key", "name", "organisation", "link", "expires_at"})
	origin := c.Scheme() + "://" + c.Request().Host
	for _, l := range links {
		_ = w.Write([]string{l.Key, l.Name, l.Organisation, origin + l.Path, l.ExpiresAt.Format("2006-01-02T15:04:05Z07:00")})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.Blob(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
}

func (s *Server) closeRound(c echo.Context) error {
	out, err := s.svc.CloseRound(c.Request().Context(), actor(c), c.Param("cid"), c.Param("wid"), c.Param("jrid"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

func (s *Server) issueRaterLinks(c echo.Context) error {
	var in raterLinksInput
	if err := bind(c, &in); err != nil {
		return err
	}
	out, err := s.svc.IssueRaterLinks(c.Request().Context(), actor(c), c.Param("cid"), c.Param("sid"), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, list(out))
}

func (s *Server) listRaterLinks(c echo.Context) error {
	out, err := s.svc.ListRaterLinks(c.Request().Context(), actor(c), c.Param("cid"), c.Param("sid"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, list(out))
}

func (s *Server) revokeRaterLink(c echo.Context) error {
	if err := s.svc.RevokeRaterLink(c.Request().Context(), actor(c), c.Param("cid"), c.Param("sid"), c.Param("lid")); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (s *Server) raterBoard(c echo.Context) error {
	out, err := s.svc.GetRaterBoard(c.Request().Context(), actor(c), c.Param("cid"), c.Param("sid"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

// remindRaterLinks reissues a survey's unanswered personal rater links and answers them as CSV
// (evaluation.RaterRemindersCSV, links absolute on the address the request came to).
func (s *Server) remindRaterLinks(c echo.Context) error {
	in := evaluation.RaterRemindersInput{Unit: c.QueryParam("unit"), Group: c.QueryParam("group")}
	if d := c.QueryParam("deadline"); d != "" {
		t, err := time.Parse(time.RFC3339, d)
		if err != nil {
			return &engine.ValidationError{Summary: "invalid reminders", Problems: []engine.Problem{{Field: "deadline", Value: d, Message: "an RFC 3339 date-time"}}}
		}
		in.Deadline = t
	}
	links, err := s.svc.RemindRaterLinks(c.Request().Context(), actor(c), c.Param("cid"), c.Param("sid"), in)
	if err != nil {
		return err
	}
	body, err := evaluation.RaterRemindersCSV(links, c.Scheme()+"://"+c.Request().Host)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.Blob(http.StatusOK, "text/csv; charset=utf-8", body)
}
