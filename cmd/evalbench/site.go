package main

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"

	"evalbench/evaluation"
	"evalbench/web"
)

// siteHandler routes the pages (web.Owns: the page routes of web/routes.go, /static/…) to the web
// layer and everything else (/api/v1/…, /healthz, /reports/…, /metrics) to the API. Closing stop
// (the server shutting down) ends the pages' open event streams.
func siteHandler(apiHandler http.Handler, svc *evaluation.Service, log *slog.Logger, cfg *config, stop <-chan struct{}) http.Handler {
	wc := cfg.webConfig()
	wc.Stop = stop
	pages := web.New(svc, wc, log)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if web.Owns(r.URL.Path) {
			pages.ServeHTTP(w, r)
			return
		}
		apiHandler.ServeHTTP(w, r)
	})
}

// serveSite serves h on ln until ctx ends, then shuts down gracefully (as api.Server.Serve does
// for the API alone).
func serveSite(ctx context.Context, log *slog.Logger, ln net.Listener, h http.Handler) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second,
		ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		log.Error("listener failed", "listener", "site", "addr", ln.Addr().String(), "err", err)
		return err
	case <-ctx.Done():
		log.Info("shutting down", "listener", "site", "addr", ln.Addr().String())
		sctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("shutdown", "listener", "site", "err", err)
			return err
		}
		log.Info("stopped", "listener", "site")
		return nil
	}
}

// webConfig is the pages' share of the configuration: the public URL and proxy trust the API
// uses, and the same per-address limit as the API's public routes.
func (c *config) webConfig() web.Config {
	w := web.DefaultConfig()
	w.PublicURL, w.TrustProxy = c.API.BaseURL, c.API.TrustProxy
	w.PublicRateLimit, w.PublicRateBurst = c.API.PublicRateLimit, c.API.PublicRateBurst
	return w
}
