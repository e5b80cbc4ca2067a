package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"

	"github.com/spf13/cobra"

	"evalbench/api"
	"evalbench/evaluation"
	"evalbench/store"
)

// open connects to the database named by the configuration.
func (c *config) open(ctx context.Context) (*store.DB, error) {
	if c.DatabaseURL == "" {
		return nil, errors.New("DATABASE_URL is not set (run `make db-up` for a local PostgreSQL, or pass --database-url)")
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
		slog.Info("applied migration", "name", m)
	}
	return db, nil
}

// actor resolves the token the CLI acts with (EVALBENCH_TOKEN or --token).
func (c *config) actor(ctx context.Context, svc *evaluation.Service) (evaluation.Actor, error) {
	if c.Token == "" {
		return evaluation.Actor{}, errors.New("this command acts as a user: set EVALBENCH_TOKEN or pass --token (create one with `evalbench token create`)")
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
		Short: "Apply migrations and serve the HTTP API",
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			db, err := cfg.openMigrated(ctx)
			if err != nil {
				return err
			}
			defer db.Close()
			return serve(ctx, cfg, db)
		},
	}
	cmd.Flags().StringVar(&cfg.Addr, "addr", cfg.Addr, "listen address (env EVALBENCH_ADDR)")
	return cmd
}

// serve runs the API (and the run workers) until ctx ends.
func serve(ctx context.Context, cfg *config, db *store.DB) error {
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	svc := cfg.newService(db, cfg.reportOptions()...)
	startWorkers(ctx, svc, cfg.Workers, log)
	srv := api.New(svc, cfg.API, log)
	log.Info("evalbench serving", "addr", cfg.Addr, "version", evaluation.BuildVersion)
	return srv.Start(ctx, cfg.Addr)
}

func migrateCmd(cfg *config) *cobra.Command {
	return &cobra.Command{
		Use:   "migrate",
		Short: "Apply pending database migrations",
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
				fmt.Fprintln(cmd.OutOrStdout(), "the database is up to date")
			}
			for _, m := range applied {
				fmt.Fprintln(cmd.OutOrStdout(), "applied", m)
			}
			return nil
		},
	}
}

func tokenCmd(cfg *config) *cobra.Command {
	cmd := &cobra.Command{Use: "token", Short: "Issue, list and revoke API tokens"}
	var admin bool
	var user, name string
	create := &cobra.Command{
		Use:   "create",
		Short: "Issue a token and print it once (--admin bootstraps a platform admin)",
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			db, err := cfg.openMigrated(ctx)
			if err != nil {
				return err
			}
			defer db.Close()
			svc := evaluation.NewService(db)
			var t *evaluation.NewToken
			switch {
			case admin:
				t, err = svc.BootstrapAdmin(ctx, "admin")
			case user != "":
				t, err = svc.CreateToken(ctx, evaluation.SystemActor("evalbench token create"), evaluation.TokenInput{UserID: user, Name: name})
			default:
				return &exitError{2, errors.New("say whose token: --admin, or --user USER_ID")}
			}
			if err != nil {
				return err
			}
			fmt.Fprintln(cmd.OutOrStdout(), t.Secret)
			fmt.Fprintf(cmd.ErrOrStderr(), "token %s for user %s — shown once; store it now\n", t.ID, t.UserID)
			return nil
		},
	}
	create.Flags().BoolVar(&admin, "admin", false, "create (or reuse) the platform admin user and issue its token")
	create.Flags().StringVar(&user, "user", "", "issue the token for this user id")
	create.Flags().StringVar(&name, "name", "", "a label for the token")

	listCmd := &cobra.Command{
		Use:   "list",
		Short: "List your tokens (EVALBENCH_TOKEN)",
		RunE: cfg.acting(nil, func(cmd *cobra.Command, _ []string, svc *evaluation.Service, a evaluation.Actor) error {
			ts, err := svc.ListTokens(cmd.Context(), a, user)
			if err != nil {
				return err
			}
			return printJSON(cmd, ts)
		}),
	}
	listCmd.Flags().StringVar(&user, "user", "", "list this user's tokens (admins)")
	revoke := &cobra.Command{
		Use:   "revoke TOKEN_ID",
		Short: "Revoke a token",
		Args:  cobra.ExactArgs(1),
		RunE: cfg.acting(nil, func(cmd *cobra.Command, args []string, svc *evaluation.Service, a evaluation.Actor) error {
			return svc.RevokeToken(cmd.Context(), a, args[0])
		}),
	}
	cfg.tokenFlag(cmd)
	cmd.AddCommand(create, listCmd, revoke)
	return cmd
}

func auditCmd(cfg *config) *cobra.Command {
	cmd := &cobra.Command{Use: "audit", Short: "The audit log"}
	cmd.AddCommand(&cobra.Command{
		Use:   "verify",
		Short: "Recompute the audit log's hash chain and name the first broken entry",
		RunE: func(cmd *cobra.Command, _ []string) error {
			db, err := cfg.open(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			rep, err := evaluation.NewService(db).VerifyAudit(cmd.Context())
			if err != nil {
				return err
			}
			if rep.OK {
				fmt.Fprintf(cmd.OutOrStdout(), "PASS: %d audit entries, chain intact, head %s\n", rep.Entries, rep.Head)
				return nil
			}
			fmt.Fprintf(cmd.OutOrStdout(), "FAIL: entry %d: %s\n", rep.BrokenSeq, rep.Reason)
			return &exitError{1, fmt.Errorf("the audit chain is broken at entry %d", rep.BrokenSeq)}
		},
	})
	return cmd
}

func printJSON(cmd *cobra.Command, v any) error {
	enc := json.NewEncoder(cmd.OutOrStdout())
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
