package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/messages"
	"evalbench/reports"
)

func auditCmd(cfg *config) *cobra.Command {
	cmd := &cobra.Command{Use: "audit", Short: "The audit log: verify its chain, sign and export checkpoints"}
	cmd.AddCommand(auditVerifyCmd(cfg), auditCheckpointCmd(cfg), auditCheckpointsCmd(cfg))
	return cmd
}

func auditVerifyCmd(cfg *config) *cobra.Command {
	var files []string
	var key, keyFile string
	var stored, asJSON bool
	cmd := &cobra.Command{
		Use:   "verify",
		Short: "Recompute the audit log's hash chain, check it against signed checkpoints, and name the first break",
		Long: `Recompute the audit log's hash chain and name the first broken entry, check that the stored
head is the chain's end, and check the chain against signed checkpoints: those stored in the
database (unless --stored=false) and those of every --checkpoints FILE — an export
(evalbench audit checkpoints, GET /api/v1/audit/checkpoints), one checkpoint, or a published
report (report.json or report.dsse.json), which embeds the checkpoint signed when it was
published. A checkpoint whose signature does not verify is refused; a checkpoint beyond the end
of the log names the entries missing; a checkpointed entry whose hash differs names the entries
rewritten.

Signatures are checked with --key/--key-file (the institutes' published keys) or, without them,
with the keys the database holds.

Exit status: 0 PASS, 1 FAIL, 2 the files cannot be read.`,
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
				fmt.Fprintln(out, p.Sprintf(messages.CLIAuditFailEntry, "entry", rep.BrokenSeq, "reason", rep.Reason))
			default:
				fmt.Fprintln(out, p.Sprintf(messages.CLIAuditFail, "reason", rep.Reason))
			}
			if !rep.OK {
				return &exitError{1, failure(messages.CLIAuditBroken, "entry", rep.BrokenSeq)}
			}
			return nil
		},
	}
	cmd.Flags().StringArrayVar(&files, "checkpoints", nil, "a file of checkpoints: an export, one checkpoint, or a report (report.json or report.dsse.json); repeatable")
	cmd.Flags().BoolVar(&stored, "stored", true, "check the checkpoints stored in the database too")
	cmd.Flags().StringVar(&key, "key", "", "an institute's public key (PEM, base64 or hex) to check checkpoint signatures with")
	cmd.Flags().StringVar(&keyFile, "key-file", "", "a file with public keys (PEM, base64, hex, or the JSON of GET /api/v1/institutes/{id}/keys)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the result as JSON")
	return cmd
}

func auditCheckpointCmd(cfg *config) *cobra.Command {
	var institute string
	cmd := &cobra.Command{
		Use:   "checkpoint",
		Short: "Sign a checkpoint of the audit chain's head with an institute's key (run it e.g. daily; publication makes one too)",
		RunE: cfg.asPlatform(cfg.reportOptions, func(cmd *cobra.Command, _ []string, svc *evaluation.Service) error {
			ctx := cmd.Context()
			c, err := svc.CreateCheckpoint(ctx, evaluation.SystemActor("evalbench audit checkpoint"), institute)
			if err != nil {
				return err
			}
			return printJSON(cmd, c)
		}),
	}
	cmd.Flags().StringVar(&institute, "institute", "", "the institute whose key signs (required)")
	cmd.MarkFlagRequired("institute")
	return cmd
}

func auditCheckpointsCmd(cfg *config) *cobra.Command {
	var institute, out string
	cmd := &cobra.Command{
		Use:   "checkpoints",
		Short: "Export the stored checkpoints (the JSON of GET /api/v1/audit/checkpoints) to keep outside the database",
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
	cmd.Flags().StringVar(&institute, "institute", "", "only this institute's checkpoints")
	cmd.Flags().StringVar(&out, "out", "", "write to this file (default: standard output)")
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
		return nil, fmt.Errorf("--checkpoints %s: %w", path, err)
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
		return fail(err)
	}
	switch {
	case probe.Manifest != nil:
		b, err := reports.ParseBundle(raw)
		if err != nil {
			return fail(err)
		}
		if b.Manifest.AuditCheckpoint == nil {
			return fail(errors.New("the report embeds no audit checkpoint (it predates them)"))
		}
		return []engine.Checkpoint{*b.Manifest.AuditCheckpoint}, nil
	case probe.Items != nil:
		return decodeCheckpoints(*probe.Items, fail)
	case probe.Format == engine.CheckpointFormat:
		return decodeCheckpoints(append(append([]byte("["), raw...), ']'), fail)
	}
	return fail(errors.New("neither checkpoints nor a report"))
}

func decodeCheckpoints(raw []byte, fail func(error) ([]engine.Checkpoint, error)) ([]engine.Checkpoint, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var cps []engine.Checkpoint
	if err := dec.Decode(&cps); err != nil {
		return fail(err)
	}
	return cps, nil
}
