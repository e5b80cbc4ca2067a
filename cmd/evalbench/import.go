package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/evaluation/ingest"
	"evalbench/messages"
)

// platformFunc is the body of a command that acts as the platform (the database URL is the
// credential): it gets the service.
type platformFunc func(cmd *cobra.Command, args []string, svc *evaluation.Service) error

// asPlatform makes the RunE of a command that acts as the platform: it opens the database,
// applying pending migrations, makes a service with the file codec and the options opts returns
// (opts may be nil), runs run and closes the database.
func (c *config) asPlatform(opts func() []evaluation.Option, run platformFunc) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		db, err := c.openMigrated(cmd.Context())
		if err != nil {
			return err
		}
		defer db.Close()
		var extra []evaluation.Option
		if opts != nil {
			extra = opts()
		}
		return run(cmd, args, c.newService(db, extra...))
	}
}

// actingFunc is the body of a command that acts as a user: it gets the service and the actor.
type actingFunc func(cmd *cobra.Command, args []string, svc *evaluation.Service, a evaluation.Actor) error

// acting makes the RunE of a command that acts as the user of EVALBENCH_TOKEN (or --token): as
// asPlatform, and it resolves the actor before it runs run.
func (c *config) acting(opts func() []evaluation.Option, run actingFunc) func(*cobra.Command, []string) error {
	return c.asPlatform(opts, func(cmd *cobra.Command, args []string, svc *evaluation.Service) error {
		a, err := c.actor(cmd.Context(), svc)
		if err != nil {
			return err
		}
		return run(cmd, args, svc, a)
	})
}

// tokenFlag gives cmd and its subcommands the --token flag.
func (c *config) tokenFlag(cmd *cobra.Command) {
	cmd.PersistentFlags().StringVar(&c.Token, "token", c.Token, c.printer().Sprintf(messages.CLIFlagToken))
}

// commissionFlag gives cmd the required --commission flag, its usage in p's language.
func commissionFlag(p *messages.Printer, cmd *cobra.Command, dst *string) {
	cmd.Flags().StringVar(dst, "commission", "", p.Sprintf(messages.CLIFlagCommission))
	cmd.MarkFlagRequired("commission")
}

// newService makes the service over st with the file codec, bounded by the configured XLSX
// limits.
func (c *config) newService(st evaluation.Store, opts ...evaluation.Option) *evaluation.Service {
	return evaluation.NewService(st, append([]evaluation.Option{evaluation.WithCodec(ingest.Codec{Limits: c.XLSX}), evaluation.WithSessionPolicy(c.Session)}, opts...)...)
}

func importCmd(cfg *config) *cobra.Command {
	p := cfg.printer()
	cmd := &cobra.Command{Use: "import", Short: p.Sprintf(messages.CLICmdImportShort)}
	var commission, framework, format, encoding, sheet, label string
	var dryRun bool
	fileFlags := func(c *cobra.Command) {
		commissionFlag(p, c, &commission)
		c.Flags().StringVar(&format, "format", "", p.Sprintf(messages.CLIFlagFormat))
		c.Flags().StringVar(&encoding, "encoding", "", p.Sprintf(messages.CLIFlagEncoding))
		c.Flags().StringVar(&sheet, "sheet", "", p.Sprintf(messages.CLIFlagSheet))
	}
	// importing makes the RunE of an import of the file FILE.
	importing := func(run func(cmd *cobra.Command, svc *evaluation.Service, a evaluation.Actor, f *os.File, opts evaluation.FileOptions) error) func(*cobra.Command, []string) error {
		return cfg.acting(nil, func(cmd *cobra.Command, args []string, svc *evaluation.Service, a evaluation.Actor) error {
			f, err := os.Open(args[0])
			if err != nil {
				return err
			}
			defer f.Close()
			return run(cmd, svc, a, f, evaluation.FileOptions{FileName: filepath.Base(args[0]), Format: format, Encoding: encoding, Sheet: sheet})
		})
	}
	fw := &cobra.Command{
		Use:   "framework FILE",
		Short: p.Sprintf(messages.CLICmdImportFrameworkShort),
		Args:  exactArgs(1),
		RunE: importing(func(cmd *cobra.Command, svc *evaluation.Service, a evaluation.Actor, f *os.File, opts evaluation.FileOptions) error {
			out, err := svc.ImportFramework(cmd.Context(), a, commission, opts, f)
			if err != nil {
				return reportProblems(cmd, cfg.printer(), err, messages.CLIImportNothing)
			}
			fmt.Fprintln(cmd.OutOrStdout(), cfg.printer().Sprintf(messages.CLIImportFramework, "number", out.Number, "id", out.ID, "indicators", len(out.Indicators()), "digest", out.Digest))
			return nil
		}),
	}
	fileFlags(fw)
	data := &cobra.Command{
		Use:   "data FILE",
		Short: p.Sprintf(messages.CLICmdImportDataShort),
		Args:  exactArgs(1),
		RunE: importing(func(cmd *cobra.Command, svc *evaluation.Service, a evaluation.Actor, f *os.File, opts evaluation.FileOptions) error {
			res, err := svc.ImportDataset(cmd.Context(), a, commission, evaluation.ImportInput{FrameworkID: framework, Label: label, DryRun: dryRun,
				Options: opts, Body: f})
			if err != nil {
				return reportProblems(cmd, cfg.printer(), err, messages.CLIImportNothing)
			}
			d := res.Dataset
			switch {
			case res.DryRun:
				fmt.Fprintln(cmd.OutOrStdout(), cfg.printer().Sprintf(messages.CLIImportDryRun, "rows", d.Rows, "format", res.File.Format, "encoding", res.File.Encoding))
			case res.Existing:
				fmt.Fprintln(cmd.OutOrStdout(), cfg.printer().Sprintf(messages.CLIImportExisting, "number", d.Number, "id", d.ID, "sha256", d.SHA256))
			default:
				fmt.Fprintln(cmd.OutOrStdout(), cfg.printer().Sprintf(messages.CLIImportDataset, "number", d.Number, "id", d.ID, "rows", d.Rows,
					"format", res.File.Format, "encoding", res.File.Encoding, "sha256", d.SHA256))
			}
			return nil
		}),
	}
	fileFlags(data)
	data.Flags().StringVar(&framework, "framework", "", p.Sprintf(messages.CLIFlagFramework))
	data.Flags().StringVar(&label, "label", "", p.Sprintf(messages.CLIFlagDatasetLabel))
	data.Flags().BoolVar(&dryRun, "dry-run", false, p.Sprintf(messages.CLIFlagDryRun))
	cfg.tokenFlag(cmd)
	cmd.AddCommand(fw, data)
	return cmd
}

// reportProblems prints every problem of a validation error on stderr, in p's language where the
// problem is a catalogue message, and exits with status 2 saying what did not happen (outcome).
func reportProblems(cmd *cobra.Command, p *messages.Printer, err error, outcome messages.ID) error {
	var ve *engine.ValidationError
	if errors.As(err, &ve) {
		w := cmd.ErrOrStderr()
		fmt.Fprintln(w, p.Sprintf(messages.CLIImportProblems, "summary", p.Or(ve.SummaryID, ve.SummaryArgs, ve.Summary), "total", ve.Total))
		for _, q := range ve.Problems {
			fmt.Fprintln(w, "  "+problemText(p, q))
		}
		if ve.Truncated {
			fmt.Fprintln(w, "  "+p.Sprintf(messages.CLIImportMore, "count", ve.Total-len(ve.Problems)))
		}
		return &exitError{2, failure(outcome)}
	}
	return err
}

// problemText is a problem as one line in p's language: its row, column, field and value, then
// its message (in p's language where it is a catalogue message, as the service wrote it
// otherwise).
func problemText(p *messages.Printer, q engine.Problem) string {
	text := p.Or(q.MessageID, q.Args, q.Message)
	if q.Value != "" {
		text = p.Sprintf(messages.CLIImportValue, "value", q.Value, "reason", text)
	}
	if q.Field != "" {
		text = p.Sprintf(messages.CLIImportField, "field", q.Field, "reason", text)
	}
	switch {
	case q.Row > 0 && q.Column != "":
		text = p.Sprintf(messages.IngestCellProblem, "row", q.Row, "column", q.Column, "reason", text)
	case q.Row > 0:
		text = p.Sprintf(messages.IngestRowProblem, "row", q.Row, "reason", text)
	case q.Column != "":
		text = p.Sprintf(messages.CLIImportColumn, "column", q.Column) + ": " + text
	}
	return text
}
