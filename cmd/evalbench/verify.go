package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/messages"
	"evalbench/reports"
)

// keysURL is the API route of an institute's published keys, named in help texts.
const keysURL = "/api/v1/institutes/{id}/keys"

// reports.Builder is the service's Reporter: it builds, signs, verifies and prints reports.
var _ evaluation.Reporter = reports.Builder{}

// reportOptions wires report publishing into a service: the bundle builder (which prints PDFs
// with Debian's chromium) and the master key of EVALBENCH_MASTER_KEY. A missing or malformed key
// leaves publishing disabled, with the reason logged; everything else works.
func (c *config) reportOptions() []evaluation.Option {
	opts := []evaluation.Option{evaluation.WithReporter(reports.Builder{Browser: &reports.Browser{}})}
	if c.MasterKey == "" {
		c.logger().Warn("EVALBENCH_MASTER_KEY is not set: signing keys cannot be created or used, so reports cannot be published")
		return opts
	}
	key, err := evaluation.ParseMasterKey(c.MasterKey)
	if err != nil {
		c.logger().Error("EVALBENCH_MASTER_KEY is invalid: reports cannot be published", "err", err)
		return opts
	}
	return append(opts, evaluation.WithMasterKey(key))
}

func verifyCmd(cfg *config) *cobra.Command {
	var envelopePath, key, keyFile string
	var asJSON bool
	p := cfg.printer()
	cmd := &cobra.Command{
		Use:   "verify REPORT",
		Short: p.Sprintf(messages.CLICmdVerifyShort),
		Long:  p.Sprintf(messages.CLICmdVerifyLong, "keys_url", keysURL),
		Args:  exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			data, err := os.ReadFile(args[0])
			if err != nil {
				return &exitError{2, err}
			}
			var envelope, bundle []byte
			switch {
			case reports.IsEnvelope(data):
				envelope = data
			default:
				bundle = data
				if envelopePath == "" {
					envelopePath = strings.TrimSuffix(args[0], filepath.Ext(args[0])) + ".dsse.json"
				}
			}
			if envelopePath != "" {
				if envelope, err = os.ReadFile(envelopePath); err != nil {
					return &exitError{2, wrap(err, messages.CLIErrEnvelope)}
				}
			}
			keys, err := readKeys(key, keyFile)
			if err != nil {
				return &exitError{2, err}
			}
			v := reports.Verify(envelope, bundle, keys)
			verifyAggregation(v, envelope, bundle)
			if asJSON {
				if err := printJSON(cmd, v); err != nil {
					return err
				}
			} else {
				printVerification(cmd.OutOrStdout(), cfg.printer(), v)
			}
			if !v.OK {
				return &exitError{1, failure(messages.CLIVerifyFailed, "checks", failedChecks(v))}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&envelopePath, "envelope", "", p.Sprintf(messages.CLIFlagVerifyEnvelope))
	cmd.Flags().StringVar(&key, "key", "", p.Sprintf(messages.CLIFlagVerifyKey))
	cmd.Flags().StringVar(&keyFile, "key-file", "", p.Sprintf(messages.CLIFlagVerifyKeyFile, "keys_url", keysURL))
	cmd.Flags().BoolVar(&asJSON, "json", false, p.Sprintf(messages.CLIFlagVerifyJSON))
	return cmd
}

// readKeys reads the trusted keys of --key and --key-file.
func readKeys(key, keyFile string) ([]engine.SigningKey, error) {
	var keys []engine.SigningKey
	add := func(text string) error {
		pub, err := engine.ParsePublicKey(text)
		if err != nil {
			return err
		}
		keys = append(keys, engine.SigningKey{ID: engine.KeyFingerprint(pub), Algorithm: engine.SigningAlgorithm, PublicKey: pub})
		return nil
	}
	if key != "" {
		if err := add(key); err != nil {
			return nil, wrap(err, messages.CLIErrKeyFlag)
		}
	}
	if keyFile == "" {
		return keys, nil
	}
	raw, err := os.ReadFile(keyFile)
	if err != nil {
		return nil, err
	}
	text := strings.TrimSpace(string(raw))
	if !strings.HasPrefix(text, "{") && !strings.HasPrefix(text, "[") {
		if err := add(text); err != nil {
			return nil, wrap(err, messages.CLIErrKeyFile, "file", keyFile)
		}
		return keys, nil
	}
	// The JSON of the keys endpoint ({"items": [...]}), a list of keys or one key.
	var list struct {
		Items []engine.SigningKey `json:"items"`
	}
	var listed []engine.SigningKey
	var one engine.SigningKey
	switch {
	case json.Unmarshal(raw, &list) == nil && len(list.Items) > 0:
		listed = list.Items
	case json.Unmarshal(raw, &listed) == nil && len(listed) > 0:
	case json.Unmarshal(raw, &one) == nil && len(one.PublicKey) > 0:
		listed = []engine.SigningKey{one}
	default:
		return nil, failure(messages.CLIErrKeyFileEmpty, "file", keyFile)
	}
	for _, k := range listed {
		if fp := engine.KeyFingerprint(k.PublicKey); fp != k.ID {
			return nil, failure(messages.CLIErrKeyFingerprint, "file", keyFile, "key", k.ID, "fingerprint", fp)
		}
		keys = append(keys, k)
	}
	return keys, nil
}

// printVerification writes the verdict and every check in p's language. Each check line keeps
// its machine name (signature, recompute, …) beside its title and its detail; the last line
// starts with the verdict PASS or FAIL in every language.
func printVerification(w io.Writer, p *messages.Printer, v *engine.Verification) {
	if v.ReportID != "" {
		fmt.Fprintln(w, p.Sprintf(messages.CLIVerifyReport, "id", v.ReportID, "version", v.ReportVersion))
	}
	if v.KeyID != "" {
		source := any(v.KeySource)
		if id := messages.ID("cli.verify.key_source." + v.KeySource); hasMessage(id) {
			source = id
		}
		fmt.Fprintln(w, p.Sprintf(messages.CLIVerifyKey, "key", v.KeyID, "source", source))
	}
	if v.Digest != "" {
		fmt.Fprintln(w, p.Sprintf(messages.CLIVerifyDigest, "digest", v.Digest))
	}
	for _, c := range v.Checks {
		mark := map[string]messages.ID{engine.CheckPass: messages.CLIVerifyStatusPass, engine.CheckFail: messages.CLIVerifyStatusFail,
			engine.CheckSkipped: messages.CLIVerifyStatusSkipped}[c.Status]
		title := c.Name
		if id := messages.ID("web.verify.check." + c.Name); hasMessage(id) {
			title = p.Sprintf(id)
		}
		fmt.Fprintf(w, "  %s %-15s %s", pad(p.Sprintf(mark), 4), c.Name, p.Sprintf(messages.CLIVerifyCheck, "title", title, "detail", checkDetail(c)))
		if c.Where != "" {
			fmt.Fprint(w, p.Sprintf(messages.CLIVerifyWhere, "where", c.Where))
		}
		fmt.Fprintln(w)
	}
	if v.KeySource == "embedded" {
		fmt.Fprintln(w, p.Sprintf(messages.CLIVerifyNoteEmbedded))
	}
	if v.OK {
		fmt.Fprintln(w, p.Sprintf(messages.CLIVerifyPass))
	} else {
		fmt.Fprintln(w, p.Sprintf(messages.CLIVerifyFail))
	}
}

// checkDetail is a check's detail as a message argument: its catalogue message, which prints in
// the reader's language, or its Detail as written where it has none (a check read back from JSON).
func checkDetail(c engine.VerificationCheck) any {
	if c.Message.ID != "" && hasMessage(c.Message.ID) {
		return c.Message
	}
	return c.Detail
}

// failedChecks lists the failed checks as engine.Verification.Failed does ("name: detail
// (where)"), as messages.
func failedChecks(v *engine.Verification) []messages.Message {
	var out []messages.Message
	for _, c := range v.Checks {
		switch {
		case c.Status != engine.CheckFail:
		case c.Where != "":
			out = append(out, messages.New(messages.CLIVerifyFailedCheckWhere, "name", c.Name, "detail", checkDetail(c), "where", c.Where))
		default:
			out = append(out, messages.New(messages.CLIVerifyFailedCheck, "name", c.Name, "detail", checkDetail(c)))
		}
	}
	return out
}

// pad pads s with spaces to width terminal columns (an East Asian character takes two).
func pad(s string, width int) string {
	cols := 0
	for _, r := range s {
		if r >= 0x1100 {
			cols += 2
		} else {
			cols++
		}
	}
	return s + strings.Repeat(" ", max(0, width-cols))
}

// hasMessage reports whether the catalogue holds id (a message looked up by a machine code).
func hasMessage(id messages.ID) bool {
	_, ok := messages.Lookup(messages.Default, id)
	return ok
}

func reportCmd(cfg *config) *cobra.Command {
	p := cfg.printer()
	cmd := &cobra.Command{Use: "report", Short: p.Sprintf(messages.CLICmdReportShort)}
	var commission, run, report, file, out string
	var illustrative bool
	publish := &cobra.Command{
		Use:   "publish",
		Short: p.Sprintf(messages.CLICmdReportPublishShort),
		RunE: cfg.acting(cfg.reportOptions, func(cmd *cobra.Command, _ []string, svc *evaluation.Service, a evaluation.Actor) error {
			r, err := svc.PublishReport(cmd.Context(), a, commission, run, evaluation.PublishInput{Illustrative: illustrative})
			if err != nil {
				return err
			}
			return printJSON(cmd, r)
		}),
	}
	commissionFlag(p, publish, &commission)
	publish.Flags().StringVar(&run, "run", "", p.Sprintf(messages.CLIFlagRun))
	publish.Flags().BoolVar(&illustrative, "illustrative", false, p.Sprintf(messages.CLIFlagIllustrative))
	publish.MarkFlagRequired("run")
	get := &cobra.Command{
		Use:   "get",
		Short: p.Sprintf(messages.CLICmdReportGetShort),
		RunE: cfg.acting(cfg.reportOptions, func(cmd *cobra.Command, _ []string, svc *evaluation.Service, a evaluation.Actor) error {
			data, _, err := svc.ReportFile(cmd.Context(), a, commission, report, file)
			if errors.Is(err, engine.ErrNotFound) && !strings.HasPrefix(file, "report.") {
				return &exitError{2, failure(messages.CLIErrReportFile, "file", file)}
			}
			if err != nil {
				return err
			}
			if out == "" || out == "-" {
				_, err = cmd.OutOrStdout().Write(data)
				return err
			}
			return os.WriteFile(out, data, 0o644)
		}),
	}
	commissionFlag(p, get, &commission)
	get.Flags().StringVar(&report, "report", "", p.Sprintf(messages.CLIFlagReport))
	get.Flags().StringVar(&file, "file", engine.ReportEnvelope, p.Sprintf(messages.CLIFlagReportFile))
	get.Flags().StringVarP(&out, "output", "o", "", p.Sprintf(messages.CLIFlagOutput))
	get.MarkFlagRequired("report")
	list := &cobra.Command{
		Use:   "list",
		Short: p.Sprintf(messages.CLICmdReportListShort),
		RunE: cfg.acting(cfg.reportOptions, func(cmd *cobra.Command, _ []string, svc *evaluation.Service, a evaluation.Actor) error {
			rs, err := svc.ListReports(cmd.Context(), a, commission)
			if err != nil {
				return err
			}
			return printJSON(cmd, rs)
		}),
	}
	commissionFlag(p, list, &commission)
	cfg.tokenFlag(cmd)
	cmd.AddCommand(publish, get, list)
	return cmd
}
