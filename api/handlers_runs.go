package api

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"evalbench/evaluation/calc"
	"evalbench/evaluation/engine"
	"evalbench/messages"
)

func (s *Server) createRun(c echo.Context) error {
	var in runRequest
	if err := bind(c, &in); err != nil {
		return err
	}
	out, err := s.svc.CreateRun(c.Request().Context(), actor(c), c.Param("cid"), in)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/commissions/"+out.CommissionID+"/runs/"+out.ID)
	return c.JSON(http.StatusAccepted, out)
}

func (s *Server) listRuns(c echo.Context) error {
	p, err := page(c)
	if err != nil {
		return err
	}
	out, err := s.svc.ListRuns(c.Request().Context(), actor(c), c.Param("cid"), p)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, list(out))
}

func (s *Server) getRun(c echo.Context) error {
	out, err := s.svc.GetRun(c.Request().Context(), actor(c), c.Param("cid"), c.Param("rid"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

func (s *Server) cancelRun(c echo.Context) error {
	out, err := s.svc.CancelRun(c.Request().Context(), actor(c), c.Param("cid"), c.Param("rid"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

// runEvents streams the run's progress as server-sent events ("progress" while it runs, then one
// "done" event with its final state), polling the database twice a second.
func (s *Server) runEvents(c echo.Context) error {
	ctx := c.Request().Context()
	a := actor(c)
	r, err := s.svc.GetRun(ctx, a, c.Param("cid"), c.Param("rid"))
	if err != nil {
		return err
	}
	w := c.Response()
	w.Header().Set(echo.HeaderContentType, "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	last := ""
	for {
		raw, _ := json.Marshal(r)
		event := "progress"
		if r.Terminal() {
			event = "done"
		}
		if key := fmt.Sprintf("%s|%s|%.4f", r.Status, r.Stage, r.Progress); key != last || event == "done" {
			if _, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", event, raw); err != nil {
				return nil
			}
			w.Flush()
			last = key
		}
		if event == "done" {
			return nil
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(500 * time.Millisecond):
		}
		if r, err = s.svc.GetRun(ctx, a, c.Param("cid"), c.Param("rid")); err != nil {
			lang := requestLanguage(c)
			data, _ := json.Marshal(map[string]string{"message_id": string(messages.RunEventsUnreadable),
				"message": messages.For(lang).Sprintf(messages.RunEventsUnreadable)})
			fmt.Fprintf(w, "event: error\ndata: %s\n\n", data)
			return nil
		}
	}
}

func (s *Server) runResult(c echo.Context) error {
	raw, digest, err := s.svc.RunResult(c.Request().Context(), actor(c), c.Param("cid"), c.Param("rid"))
	if err != nil {
		return err
	}
	c.Response().Header().Set("X-Result-Digest", digest)
	c.Response().Header().Set("ETag", `"`+digest+`"`)
	return c.JSONBlob(http.StatusOK, raw)
}

func (s *Server) runInputs(c echo.Context) error {
	in, err := s.svc.RunInputs(c.Request().Context(), actor(c), c.Param("cid"), c.Param("rid"))
	if err != nil {
		return err
	}
	raw, err := engine.Canonical(in)
	if err != nil {
		return err
	}
	return c.JSONBlob(http.StatusOK, raw)
}

// calc runs one statistical method on a JSON body, as `evalbench calc METHOD` does.
func (s *Server) calc(c echo.Context) error {
	body, err := io.ReadAll(c.Request().Body)
	if err != nil {
		return err
	}
	out, err := calc.Run(c.Param("method"), body)
	if err != nil {
		return err
	}
	return c.JSONBlob(http.StatusOK, out)
}
