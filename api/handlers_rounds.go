package api

import (
	"bytes"
	"encoding/csv"
	"net/http"

	"github.com/labstack/echo/v4"

	"evalbench/evaluation"
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

// roundRoutes lists the routes of AHP judgment rounds: the owner's side. The experts answer on
// the pages (/q/{link}), without an account.
func (s *Server) roundRoutes() []Route {
	const base = "/api/v1/commissions/:cid/weight-sets/:wid/rounds"
	const links = "/api/v1/commissions/:cid/surveys/:sid/rater-links"
	return []Route{
		{Method: http.MethodPost, Path: base, Summary: "Open a judgment round: the nodes to judge (default: every node with two children or more), the experts (name, organisation, optional weight) and the deadline; answers each expert's personal link, shown once", Tag: "rounds", Auth: User, Body: roundInput{}, Response: openedRound{}, Status: 201, Handler: s.openRound},
		{Method: http.MethodGet, Path: base, Summary: "List a weight set's judgment rounds, newest first", Tag: "rounds", Auth: User, Response: List[round]{}, Status: 200, Handler: s.listRounds},
		{Method: http.MethodGet, Path: base + "/:jrid", Summary: "A round's progress: who has submitted, each expert's answered pairs and each complete matrix's CR", Tag: "rounds", Auth: User, Response: roundProgress{}, Status: 200, Handler: s.roundProgress},
		{Method: http.MethodPost, Path: base + "/:jrid/experts/:eid/link", Summary: "Reissue an expert's link (shown once; the old link stops working, a revocation is lifted)", Tag: "rounds", Auth: User, Response: roundLink{}, Status: 200, Handler: s.reissueLink},
		{Method: http.MethodDelete, Path: base + "/:jrid/experts/:eid/link", Summary: "Revoke an expert's link", Tag: "rounds", Auth: User, Status: 204, Handler: s.revokeLink},
		{Method: http.MethodPost, Path: base + "/:jrid/reminders", Summary: "Reissue the links of the experts who have not submitted and export them as CSV for mail merge or SMS (links are stored only as hashes, so the old ones stop working)", Tag: "rounds", Auth: User, Produces: []string{"text/csv; charset=utf-8"}, Status: 200, Handler: s.remindRound},
		{Method: http.MethodPost, Path: links, Summary: "Issue personal rater links for one evaluated unit and one rater group of a survey (shown once; the group is bound to the link, the rater known only by a pseudonym)", Tag: "rounds", Auth: User, Body: raterLinksInput{}, Response: List[issuedRaterLink]{}, Status: 201, Handler: s.issueRaterLinks},
		{Method: http.MethodGet, Path: links, Summary: "List a survey's rater links with their state (never the secrets)", Tag: "rounds", Auth: User, Response: List[raterLink]{}, Status: 200, Handler: s.listRaterLinks},
		{Method: http.MethodGet, Path: links + "/board", Summary: "A survey's response-rate board: per unit × rater group the links issued and submitted, the raters with responses, the anonymity threshold and whether the cell would be suppressed today", Tag: "rounds", Auth: User, Response: raterBoard{}, Status: 200, Handler: s.raterBoard},
		{Method: http.MethodDelete, Path: links + "/:lid", Summary: "Revoke a rater link", Tag: "rounds", Auth: User, Status: 204, Handler: s.revokeRaterLink},
		{Method: http.MethodPost, Path: base + "/:jrid/close", Summary: "Close a round: the submitted matrices become the weight set's judgments through the panel checks, with the experts' weights; links stop working", Tag: "rounds", Auth: User, Response: roundClosed{}, Status: 200, Handler: s.closeRound},
	}
}

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
