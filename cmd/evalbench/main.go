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
	"evalbench/messages"
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
	root, cfg := newCLI()
	if err := root.ExecuteContext(ctx); err != nil {
		fmt.Fprintln(os.Stderr, errorText(cfg.printer(), err))
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

// errorText is how a command's failure is shown: in the command's language where the error
// carries a catalogue message (a validation summary, a localized exit error), in the service's
// English otherwise.
func errorText(p *messages.Printer, err error) string {
	var le *localError
	var ve *engine.ValidationError
	text := err.Error()
	switch {
	case errors.As(err, &le):
		text = p.Render(le.msg)
	case errors.As(err, &ve) && ve.SummaryID != "":
		text = p.Or(ve.SummaryID, ve.SummaryArgs, ve.Summary)
		if len(ve.Problems) > 0 {
			text += ": " + problemText(p, ve.Problems[0])
		}
	}
	return p.Sprintf(messages.CLIError, "error", text)
}

// localError is an error whose text is a catalogue message, shown in the command's language; its
// Error is the English text.
type localError struct{ msg messages.Message }

func (e *localError) Error() string { return messages.For(messages.English).Render(e.msg) }

// failure is a localError of message id with name/value pairs.
func failure(id messages.ID, kv ...any) error { return &localError{messages.New(id, kv...)} }

func newRoot() *cobra.Command {
	root, _ := newCLI()
	return root
}

// newCLI returns the command tree and its configuration (whose printer main uses for errors).
func newCLI() (*cobra.Command, *config) {
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
	root.PersistentFlags().StringVar(&cfg.Lang, "lang", "", messages.For(messages.English).Sprintf(messages.CLILangFlag))
	// The one logger of the process, made once the flags are parsed; it also becomes slog's
	// default, set here and nowhere else, for code that logs without one passed down.
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error {
		lang, err := messages.CLILanguage(cfg.Lang, os.Getenv)
		if err != nil {
			return &exitError{2, err}
		}
		cfg.lang = lang
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
	return root, cfg
}
