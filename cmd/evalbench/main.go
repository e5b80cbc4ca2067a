// Command evalbench is the evalbench service and its tools.
//
//	evalbench serve            migrate, then serve the HTTP API
//	evalbench migrate          apply pending database migrations
//	evalbench token create     issue an API token (--admin bootstraps a platform admin)
//	evalbench audit verify     check the audit log's hash chain, against signed checkpoints too
//	evalbench audit checkpoint sign a checkpoint of the audit chain with an institute's key
//	evalbench audit checkpoints export the signed checkpoints (--out FILE)
//
// Configuration comes from the environment (see config.go and the README).
package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"evalbench/evaluation/engine"
)

// exitError carries a process exit status (2 for bad input, 1 for failures).
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	root := newRoot()
	if err := root.ExecuteContext(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "evalbench:", err)
		var ee *exitError
		if errors.As(err, &ee) {
			os.Exit(ee.code)
		}
		if errors.Is(err, engine.ErrInvalid) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

func newRoot() *cobra.Command {
	cfg := loadConfig()
	root := &cobra.Command{
		Use:           "evalbench",
		Short:         "Third-party performance evaluation of government: frameworks, data, weights, runs, signed reports",
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       engine.BuildVersion + " (" + engine.BuildCommit + ")",
	}
	root.PersistentFlags().StringVar(&cfg.DatabaseURL, "database-url", cfg.DatabaseURL, "PostgreSQL URL (env DATABASE_URL)")
	root.PersistentFlags().StringVar(&cfg.LogFormat, "log-format", cfg.LogFormat, "log lines as text or json (env EVALBENCH_LOG_FORMAT)")
	root.PersistentFlags().StringVar(&cfg.LogLevel, "log-level", cfg.LogLevel, "least level logged: debug, info, warn or error (env EVALBENCH_LOG_LEVEL)")
	// The one logger of the process, made once the flags are parsed; it also becomes slog's
	// default, set here and nowhere else, for code that logs without one passed down.
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error {
		log, err := newLogger(cmd.ErrOrStderr(), cfg.LogFormat, cfg.LogLevel)
		if err != nil {
			return &exitError{2, err}
		}
		cfg.log = log
		slog.SetDefault(log)
		for _, w := range cfg.warnings {
			log.Warn("configuration: " + w)
		}
		return nil
	}
	// Every subcommand, registered here and nowhere else.
	root.AddCommand(
		serveCmd(cfg), migrateCmd(cfg), tokenCmd(cfg), auditCmd(cfg),
		demoCmd(cfg), importCmd(cfg), runCmd(cfg), calcCmd(cfg), workerCmd(cfg), verifyCmd(cfg), reportCmd(cfg), userCmd(cfg),
	)
	return root
}
