package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"evalbench/evaluation"
	"evalbench/evaluation/ingest"
)

func init() { extraCommands = append(extraCommands, importCmd) }

// service opens the database and returns a service with the file codec, and the actor of
// EVALBENCH_TOKEN.
func (c *config) service(cmd *cobra.Command) (*evaluation.Service, evaluation.Actor, func(), error) {
	db, err := c.openMigrated(cmd.Context())
	if err != nil {
		return nil, evaluation.Actor{}, nil, err
	}
	svc := newService(db)
	a, err := c.actor(cmd.Context(), svc)
	if err != nil {
		db.Close()
		return nil, a, nil, err
	}
	return svc, a, func() { db.Close() }, nil
}

func newService(st evaluation.Store, opts ...evaluation.Option) *evaluation.Service {
	return evaluation.NewService(st, append([]evaluation.Option{evaluation.WithCodec(ingest.Codec{})}, opts...)...)
}

func importCmd(cfg *config) *cobra.Command {
	cmd := &cobra.Command{Use: "import", Short: "Import a framework or observation data from a file (CSV, XLSX, JSON)"}
	var commission, framework, format, encoding, sheet, label string
	var dryRun bool
	fileFlags := func(c *cobra.Command) {
		c.Flags().StringVar(&commission, "commission", "", "commission id (required)")
		c.Flags().StringVar(&format, "format", "", "csv, tsv, xlsx or json (default: from the name or content)")
		c.Flags().StringVar(&encoding, "encoding", "", "utf-8, gbk or gb18030 for CSV (default: detected)")
		c.Flags().StringVar(&sheet, "sheet", "", "XLSX worksheet (default: the first)")
		c.MarkFlagRequired("commission")
	}
	fw := &cobra.Command{
		Use:   "framework FILE",
		Short: "Import an indicator framework as the commission's next framework version",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			svc, a, done, err := cfg.service(cmd)
			if err != nil {
				return err
			}
			defer done()
			f, err := os.Open(args[0])
			if err != nil {
				return err
			}
			defer f.Close()
			out, err := svc.ImportFramework(cmd.Context(), a, commission, evaluation.FileOptions{FileName: filepath.Base(args[0]), Format: format, Encoding: encoding, Sheet: sheet}, f)
			if err != nil {
				return reportProblems(cmd, err)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "framework %d (%s): %d indicators, digest %s\n", out.Number, out.ID, len(out.Indicators()), out.Digest)
			return nil
		},
	}
	fileFlags(fw)
	data := &cobra.Command{
		Use:   "data FILE",
		Short: "Import observations as a new dataset version (all or nothing; every error listed)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			svc, a, done, err := cfg.service(cmd)
			if err != nil {
				return err
			}
			defer done()
			f, err := os.Open(args[0])
			if err != nil {
				return err
			}
			defer f.Close()
			res, err := svc.ImportDataset(cmd.Context(), a, commission, evaluation.ImportInput{FrameworkID: framework, Label: label, DryRun: dryRun,
				Options: evaluation.FileOptions{FileName: filepath.Base(args[0]), Format: format, Encoding: encoding, Sheet: sheet}, Body: f})
			if err != nil {
				return reportProblems(cmd, err)
			}
			d := res.Dataset
			switch {
			case res.DryRun:
				fmt.Fprintf(cmd.OutOrStdout(), "dry run: %d rows would be stored (%s, %s); nothing was stored\n", d.Rows, res.File.Format, res.File.Encoding)
			case res.Existing:
				fmt.Fprintf(cmd.OutOrStdout(), "already imported: dataset %d (%s), sha256 %s\n", d.Number, d.ID, d.SHA256)
			default:
				fmt.Fprintf(cmd.OutOrStdout(), "dataset %d (%s): %d rows, %s %s, sha256 %s\n", d.Number, d.ID, d.Rows, res.File.Format, res.File.Encoding, d.SHA256)
			}
			return nil
		},
	}
	fileFlags(data)
	data.Flags().StringVar(&framework, "framework", "", "framework id (default: the newest)")
	data.Flags().StringVar(&label, "label", "", "a label for the dataset version")
	data.Flags().BoolVar(&dryRun, "dry-run", false, "validate and report; store nothing")
	cmd.PersistentFlags().StringVar(&cfg.Token, "token", cfg.Token, "act with this token (env EVALBENCH_TOKEN)")
	cmd.AddCommand(fw, data)
	return cmd
}

// reportProblems prints every problem of a validation error on stderr and exits with status 2.
func reportProblems(cmd *cobra.Command, err error) error {
	var ve *evaluation.ValidationError
	if errors.As(err, &ve) {
		w := cmd.ErrOrStderr()
		fmt.Fprintf(w, "%s: %d problem(s)\n", ve.Summary, ve.Total)
		for _, p := range ve.Problems {
			fmt.Fprintln(w, "  "+p.String())
		}
		if ve.Truncated {
			fmt.Fprintf(w, "  … %d more not listed\n", ve.Total-len(ve.Problems))
		}
		return &exitError{2, fmt.Errorf("nothing was imported")}
	}
	return err
}
