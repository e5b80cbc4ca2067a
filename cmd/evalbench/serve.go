package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net"

	"github.com/spf13/cobra"

	"evalbench/api"
	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/messages"
	"evalbench/store"
)

// open connects to the database named by the configuration.
func (c *config) open(ctx context.Context) (*store.DB, error) {
	if c.DatabaseURL == "" {
		return nil, failure(messages.CLIErrDatabaseURL)
	}
	return store.Open(ctx, c.DatabaseURL)
}

// openMigrated connects and applies pending migrations.
func (c *config) openMigrated(ctx context.Context) (*store.DB, error) {
	db, err := c.open(ctx)
	if err != nil {
		return nil, err
	}
	applied, err := db.Migrate(ctx)
	if err != nil {
		db.Close()
		return nil, err
	}
	for _, m := range applied {
		c.logger().Info("applied migration", "name", m)
	}
	return db, nil
}

// actor resolves the token the CLI acts with (EVALBENCH_TOKEN or --token).
func (c *config) actor(ctx context.Context, svc *evaluation.Service) (evaluation.Actor, error) {
	if c.Token == "" {
		return evaluation.Actor{}, failure(messages.CLIErrToken)
	}
	a, err := svc.Authenticate(ctx, c.Token)
	if err != nil {
		return a, err
	}
	a.RequestID = "cli"
	return a, nil
}

func serveCmd(cfg *config) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "serve",
		Short: cfg.printer().Sprintf(messages.CLICmdServeShort),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			ln, err := net.Listen("tcp", cfg.Addr)
			if err != nil {
				return err
			}
			db, err := cfg.openMigrated(ctx)
			if err != nil {
				ln.Close()
				return err
			}
			defer db.Close()
			return serve(ctx, cfg, db, ln)
		},
	}
	cmd.Flags().StringVar(&cfg.Addr, "addr", cfg.Addr, cfg.printer().Sprintf(messages.CLIFlagAddr))
	metricsFlag(cmd, cfg)
	return cmd
}

func metricsFlag(cmd *cobra.Command, cfg *config) {
	cmd.Flags().StringVar(&cfg.MetricsAddr, "metrics-addr", cfg.MetricsAddr, cfg.printer().Sprintf(messages.CLIFlagMetricsAddr))
}

// serve runs the API and the pages on ln (and the run workers, and the metrics listener) until ctx ends.
func serve(ctx context.Context, cfg *config, db *store.DB, ln net.Listener) error {
	log := cfg.logger()
	svc := cfg.newService(db, cfg.reportOptions()...)
	srv := api.New(svc, cfg.API, log)
	metricsAddr := cfg.serveMetrics(ctx, srv.Metrics())
	wait := startWorkers(ctx, svc, cfg.Workers, log, srv.Metrics().ObserveRun)
	startCheckpointer(ctx, svc, cfg.CheckpointEvery, log)
	log.Info("evalbench serving", "addr", ln.Addr().String(), "version", engine.BuildVersion, "commit", engine.BuildCommit,
		"workers", cfg.Workers, "metrics", metricsAddr, "metrics_on_api", cfg.API.MetricsToken != "")
	err := serveSite(ctx, log, ln, siteHandler(srv.Handler(), svc, log, cfg, ctx.Done())) // the API beside the pages (web/)
	wait()
	log.Info("evalbench stopped")
	return err
}

// serveMetrics serves m on the metrics address until ctx ends, and returns the address served
// ("off" when none). A busy address is logged, not fatal: the API and the runs matter more than
// their metrics.
func (c *config) serveMetrics(ctx context.Context, m *api.Metrics) string {
	if c.MetricsAddr == "" || c.MetricsAddr == "off" {
		return "off"
	}
	ln, err := net.Listen("tcp", c.MetricsAddr)
	if err != nil {
		c.logger().Warn("metrics not served", "addr", c.MetricsAddr, "err", err)
		return "off"
	}
	go m.Serve(ctx, c.logger(), ln)
	return ln.Addr().String()
}

func migrateCmd(cfg *config) *cobra.Command {
	return &cobra.Command{
		Use:   "migrate",
		Short: cfg.printer().Sprintf(messages.CLICmdMigrateShort),
		RunE: func(cmd *cobra.Command, _ []string) error {
			db, err := cfg.open(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			applied, err := db.Migrate(cmd.Context())
			if err != nil {
				return err
			}
			if len(applied) == 0 {
				fmt.Fprintln(cmd.OutOrStdout(), cfg.printer().Sprintf(messages.CLIMigrateUpToDate))
			}
			for _, m := range applied {
				fmt.Fprintln(cmd.OutOrStdout(), cfg.printer().Sprintf(messages.CLIMigrateApplied, "migration", m))
			}
			return nil
		},
	}
}

func tokenCmd(cfg *config) *cobra.Command {
	p := cfg.printer()
	cmd := &cobra.Command{Use: "token", Short: p.Sprintf(messages.CLICmdTokenShort)}
	var admin bool
	var user, name string
	create := &cobra.Command{
		Use:   "create",
		Short: p.Sprintf(messages.CLICmdTokenCreateShort),
		RunE: cfg.asPlatform(nil, func(cmd *cobra.Command, _ []string, svc *evaluation.Service) error {
			ctx := cmd.Context()
			var t *evaluation.NewToken
			var err error
			switch {
			case admin:
				t, err = svc.BootstrapAdmin(ctx, "admin")
			case user != "":
				t, err = svc.CreateToken(ctx, evaluation.SystemActor("evalbench token create"), evaluation.TokenInput{UserID: user, Name: name})
			default:
				return &exitError{2, failure(messages.CLIErrWhoseToken)}
			}
			if err != nil {
				return err
			}
			fmt.Fprintln(cmd.OutOrStdout(), t.Secret)
			fmt.Fprintln(cmd.ErrOrStderr(), cfg.printer().Sprintf(messages.CLITokenShownOnce, "id", t.ID, "user", t.UserID))
			return nil
		}),
	}
	create.Flags().BoolVar(&admin, "admin", false, p.Sprintf(messages.CLIFlagAdmin))
	create.Flags().StringVar(&user, "user", "", p.Sprintf(messages.CLIFlagTokenUser))
	create.Flags().StringVar(&name, "name", "", p.Sprintf(messages.CLIFlagTokenName))

	listCmd := &cobra.Command{
		Use:   "list",
		Short: p.Sprintf(messages.CLICmdTokenListShort),
		RunE: cfg.acting(nil, func(cmd *cobra.Command, _ []string, svc *evaluation.Service, a evaluation.Actor) error {
			ts, err := svc.ListTokens(cmd.Context(), a, user)
			if err != nil {
				return err
			}
			return printJSON(cmd, ts)
		}),
	}
	listCmd.Flags().StringVar(&user, "user", "", p.Sprintf(messages.CLIFlagTokenListUser))
	revoke := &cobra.Command{
		Use:   "revoke TOKEN_ID",
		Short: p.Sprintf(messages.CLICmdTokenRevokeShort),
		Args:  exactArgs(1),
		RunE: cfg.acting(nil, func(cmd *cobra.Command, args []string, svc *evaluation.Service, a evaluation.Actor) error {
			return svc.RevokeToken(cmd.Context(), a, args[0])
		}),
	}
	cfg.tokenFlag(cmd)
	cmd.AddCommand(create, listCmd, revoke)
	return cmd
}

func printJSON(cmd *cobra.Command, v any) error {
	enc := json.NewEncoder(cmd.OutOrStdout())
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
