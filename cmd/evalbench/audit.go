package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/messages"
	"evalbench/reports"
)

func auditCmd(cfg *config) *cobra.Command {
	cmd := &cobra.Command{Use: "audit", Short: cfg.printer().Sprintf(messages.CLICmdAuditShort)}
	cmd.AddCommand(auditVerifyCmd(cfg), auditCheckpointCmd(cfg), auditCheckpointsCmd(cfg))
	return cmd
}

func auditVerifyCmd(cfg *config) *cobra.Command {
	var files []string
	var key, keyFile string
	var stored, asJSON bool
	p := cfg.printer()
	cmd := &cobra.Command{
		Use:   "verify",
		Short: p.Sprintf(messages.CLICmdAuditVerifyShort),
		Long:  p.Sprintf(messages.CLICmdAuditVerifyLong),
		RunE: func(cmd *cobra.Command, _ []string) error {
			var cps []engine.Checkpoint
			for _, f := range files {
				c, err := readCheckpoints(f)
				if err != nil {
					return &exitError{2, err}
				}
				cps = append(cps, c...)
			}
			keys, err := readKeys(key, keyFile)
			if err != nil {
				return &exitError{2, err}
			}
			db, err := cfg.open(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			rep, err := evaluation.NewService(db).VerifyAuditWith(cmd.Context(), evaluation.VerifyAuditOptions{Checkpoints: cps, Stored: stored, Keys: keys})
			if err != nil {
				return err
			}
			out, p := cmd.OutOrStdout(), cfg.printer()
			switch {
			case asJSON:
				if err := printJSON(cmd, rep); err != nil {
					return err
				}
			case rep.OK:
				fmt.Fprint(out, p.Sprintf(messages.CLIAuditPass, "entries", rep.Entries, "head", rep.Head))
				if rep.Anchored > 0 {
					fmt.Fprint(out, p.Sprintf(messages.CLIAuditAnchored, "count", len(rep.Checkpoints), "anchored", rep.Anchored))
				} else {
					fmt.Fprint(out, p.Sprintf(messages.CLIAuditUnanchored))
				}
				fmt.Fprintln(out)
			case rep.Failure == evaluation.FailChain:
				fmt.Fprintln(out, p.Sprintf(messages.CLIAuditFailEntry, "entry", rep.BrokenSeq, "reason", rep.ReasonArg()))
			default:
				fmt.Fprintln(out, p.Sprintf(messages.CLIAuditFail, "reason", rep.ReasonArg()))
			}
			if !rep.OK {
				return &exitError{1, failure(messages.CLIAuditBroken, "entry", rep.BrokenSeq)}
			}
			return nil
		},
	}
	cmd.Flags().StringArrayVar(&files, "checkpoints", nil, p.Sprintf(messages.CLIFlagAuditCheckpoints))
	cmd.Flags().BoolVar(&stored, "stored", true, p.Sprintf(messages.CLIFlagAuditStored))
	cmd.Flags().StringVar(&key, "key", "", p.Sprintf(messages.CLIFlagAuditKey))
	cmd.Flags().StringVar(&keyFile, "key-file", "", p.Sprintf(messages.CLIFlagAuditKeyFile, "keys_url", keysURL))
	cmd.Flags().BoolVar(&asJSON, "json", false, p.Sprintf(messages.CLIFlagAuditJSON))
	return cmd
}

func auditCheckpointCmd(cfg *config) *cobra.Command {
	var institute string
	cmd := &cobra.Command{
		Use:   "checkpoint",
		Short: cfg.printer().Sprintf(messages.CLICmdAuditCheckpointShort),
		RunE: cfg.asPlatform(cfg.reportOptions, func(cmd *cobra.Command, _ []string, svc *evaluation.Service) error {
			ctx := cmd.Context()
			c, err := svc.CreateCheckpoint(ctx, evaluation.SystemActor("evalbench audit checkpoint"), institute)
			if err != nil {
				return err
			}
			return printJSON(cmd, c)
		}),
	}
	cmd.Flags().StringVar(&institute, "institute", "", cfg.printer().Sprintf(messages.CLIFlagCheckpointInstitute))
	cmd.MarkFlagRequired("institute")
	return cmd
}

func auditCheckpointsCmd(cfg *config) *cobra.Command {
	var institute, out string
	cmd := &cobra.Command{
		Use:   "checkpoints",
		Short: cfg.printer().Sprintf(messages.CLICmdAuditCheckpointsShort),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			db, err := cfg.open(ctx)
			if err != nil {
				return err
			}
			defer db.Close()
			cps, err := evaluation.NewService(db).Checkpoints(ctx, evaluation.SystemActor("evalbench audit checkpoints"),
				evaluation.CheckpointFilter{InstituteID: institute})
			if err != nil {
				return err
			}
			raw, err := json.MarshalIndent(struct {
				Items []engine.Checkpoint `json:"items"`
			}{cps}, "", "  ")
			if err != nil {
				return err
			}
			raw = append(raw, '\n')
			if out == "" || out == "-" {
				_, err = cmd.OutOrStdout().Write(raw)
				return err
			}
			if err := os.WriteFile(out, raw, 0o644); err != nil {
				return err
			}
			fmt.Fprintln(cmd.ErrOrStderr(), cfg.printer().Sprintf(messages.CLIAuditCheckpointsWritten, "count", len(cps), "file", out))
			return nil
		},
	}
	cmd.Flags().StringVar(&institute, "institute", "", cfg.printer().Sprintf(messages.CLIFlagCheckpointsInstitute))
	cmd.Flags().StringVar(&out, "out", "", cfg.printer().Sprintf(messages.CLIFlagOutput))
	return cmd
}

// readCheckpoints reads the checkpoints of a file: an export ({"items": [...]}), a list, one
// checkpoint, or a published report (report.json or report.dsse.json) with its embedded
// checkpoint.
func readCheckpoints(path string) ([]engine.Checkpoint, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	fail := func(err error) ([]engine.Checkpoint, error) {
		return nil, wrap(err, messages.CLIErrCheckpointsFile, "file", path)
	}
	if reports.IsEnvelope(raw) {
		_, payload, err := reports.ParseEnvelope(raw)
		if err != nil {
			return fail(err)
		}
		raw = payload
	}
	var probe struct {
		Manifest *json.RawMessage `json:"manifest"`
		Items    *json.RawMessage `json:"items"`
		Format   string           `json:"format"`
	}
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) > 0 && trimmed[0] == '[' {
		return decodeCheckpoints(raw, fail)
	}
	if err := json.Unmarshal(raw, &probe); err != nil {
		return fail(&jsonFileError{err, raw})
	}
	switch {
	case probe.Manifest != nil:
		b, err := reports.ParseBundle(raw)
		if err != nil {
			return fail(err)
		}
		if b.Manifest.AuditCheckpoint == nil {
			return fail(failure(messages.CLIErrNoCheckpoint))
		}
		return []engine.Checkpoint{*b.Manifest.AuditCheckpoint}, nil
	case probe.Items != nil:
		return decodeCheckpoints(*probe.Items, fail)
	case probe.Format == engine.CheckpointFormat:
		return decodeCheckpoints(append(append([]byte("["), raw...), ']'), fail)
	}
	return fail(failure(messages.CLIErrNotCheckpoints))
}

func decodeCheckpoints(raw []byte, fail func(error) ([]engine.Checkpoint, error)) ([]engine.Checkpoint, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var cps []engine.Checkpoint
	if err := dec.Decode(&cps); err != nil {
		return fail(&jsonFileError{err, raw})
	}
	return cps, nil
}
