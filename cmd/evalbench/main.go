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
	"maps"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"evalbench/evaluation/engine"
	"evalbench/messages"
	"evalbench/reports"
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
	root, cfg := newCLI(os.Args[1:])
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

// errorText is how a command's failure is shown: "evalbench: " and the error in p's language.
func errorText(p *messages.Printer, err error) string {
	return p.Sprintf(messages.CLIError, "error", localized(p, err))
}

// localized is an error's text in p's language where it carries a catalogue message (a localized
// error and what it wraps, a validation summary, a refusal of the service, an error of the
// command line's parsing, a text that is not a public key, a common error of the system about a
// file or of encoding/json about its text), as written otherwise (a library's error that none of these recognises).
func localized(p *messages.Printer, err error) string {
	var le *localError
	var ve *engine.ValidationError
	var re *engine.Refusal
	switch {
	case errors.As(err, &le):
		return p.Render(le.message(func(cause error) string { return localized(p, cause) }))
	case errors.As(err, &ve) && ve.SummaryID != "":
		text := p.Or(ve.SummaryID, ve.SummaryArgs, ve.Summary)
		if len(ve.Problems) > 0 {
			text += ": " + problemText(p, ve.Problems[0])
		}
		return text
	case errors.As(err, &re):
		return p.Render(re.Message)
	}
	if m, ok := cobraMessage(err); ok {
		return p.Render(m)
	}
	if m, ok := engine.PublicKeyReason(err).(messages.Message); ok {
		return p.Render(m)
	}
	if m, ok := reports.ParseReason(err).(messages.Message); ok {
		return p.Render(m)
	}
	if reason, ok := systemReason(err); ok {
		if m, ok := reason.(messages.Message); ok {
			return p.Render(m)
		}
		return reason.(string)
	}
	return err.Error()
}

// localError is an error whose text is a catalogue message, shown in the command's language; its
// Error is the English text. When it wraps another error (cause), the message shows that error
// as its {error}, itself in the command's language where it can be.
type localError struct {
	msg   messages.Message
	cause error
}

func (e *localError) Error() string {
	return messages.For(messages.English).Render(e.message(func(cause error) string { return cause.Error() }))
}

// Unwrap makes errors.Is and errors.As see the wrapped error (an engine.ErrNotFound, say).
func (e *localError) Unwrap() error { return e.cause }

// message is the error's message with its cause's text, as text gives it, under "error".
func (e *localError) message(text func(error) string) messages.Message {
	if e.cause == nil {
		return e.msg
	}
	args := make(messages.Args, len(e.msg.Args)+1)
	maps.Copy(args, e.msg.Args)
	args["error"] = text(e.cause)
	return messages.Message{ID: e.msg.ID, Args: args}
}

// failure is a localError of message id with name/value pairs.
func failure(id messages.ID, kv ...any) error { return &localError{msg: messages.New(id, kv...)} }

// wrap is a localError of message id, whose {error} is err, with name/value pairs.
func wrap(err error, id messages.ID, kv ...any) error {
	return &localError{msg: messages.New(id, kv...), cause: err}
}

// newRoot returns the command tree for the command line args (whose --lang, with the
// environment, chooses the language of its help).
func newRoot(args ...string) *cobra.Command {
	root, _ := newCLI(args)
	return root
}

// newCLI returns the command tree and its configuration (whose printer main uses for errors).
// args are the command line's arguments, which will be parsed: their --lang and the environment
// choose the language of the help texts, set as the tree is built (cobra prints help before any
// PersistentPreRun).
func newCLI(args []string) (*cobra.Command, *config) {
	cfg := loadConfig()
	cfg.lang = argsLanguage(args, os.Getenv)
	p := cfg.printer()
	root := &cobra.Command{
		Use:           "evalbench",
		Short:         p.Sprintf(messages.CLICmdRootShort),
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       engine.BuildVersion + " (" + engine.BuildCommit + ")",
	}
	root.PersistentFlags().StringVar(&cfg.DatabaseURL, "database-url", cfg.DatabaseURL, p.Sprintf(messages.CLIFlagDatabaseURL))
	root.PersistentFlags().StringVar(&cfg.LogFormat, "log-format", cfg.LogFormat, p.Sprintf(messages.CLIFlagLogFormat))
	root.PersistentFlags().StringVar(&cfg.LogLevel, "log-level", cfg.LogLevel, p.Sprintf(messages.CLIFlagLogLevel))
	root.PersistentFlags().StringVar(&cfg.Lang, "lang", "", p.Sprintf(messages.CLILangFlag))
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
	localizeCobra(root, p)
	return root, cfg
}
