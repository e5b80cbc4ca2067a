package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"evalbench/evaluation"
	"evalbench/examples"
	"evalbench/messages"
)

func demoCmd(cfg *config) *cobra.Command {
	var serveToo bool
	var tokenFile string
	t := cfg.printer()
	cmd := &cobra.Command{
		Use:   "demo",
		Short: t.Sprintf(messages.CLICmdDemoShort),
		Long:  t.Sprintf(messages.CLICmdDemoLong),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if cfg.MasterKey == "" {
				return failure(messages.CLIErrMasterKey)
			}
			// With --serve, take the address first: the links printed are those of the address
			// actually served (":0" included), and a busy port fails before anything is loaded.
			var ln net.Listener
			served := cfg.Addr
			if serveToo {
				var err error
				if ln, err = net.Listen("tcp", cfg.Addr); err != nil {
					return err
				}
				defer ln.Close()
				served = ln.Addr().String()
			}
			db, err := cfg.openMigrated(ctx)
			if err != nil {
				return err
			}
			defer db.Close()
			svc := cfg.newService(db, cfg.reportOptions()...)
			out := cmd.OutOrStdout()
			p := cfg.printer()
			fmt.Fprintln(cmd.ErrOrStderr(), p.Sprintf(messages.CLIDemoLoading))
			owner, err := examples.Owner(ctx, svc)
			if err != nil {
				return err
			}
			cs, err := examples.LoadWithLog(ctx, svc, owner, cfg.logger())
			if err != nil {
				return err
			}
			token, err := demoToken(ctx, svc, owner, tokenFile)
			if err != nil {
				return err
			}
			base := linkBase(cfg.API.BaseURL, served)
			self := selfCommand()
			fmt.Fprintf(out, "\n%s\n\n", p.Sprintf(messages.CLIDemoServing, "url", base))
			if err := printDemoSignin(ctx, out, svc, owner, cs, base); err != nil {
				return err
			}
			fmt.Fprintf(out, "  %s %s/api/v1   %s\n", label(p, messages.CLIDemoLabelAPI), base, p.Sprintf(messages.CLIDemoOpenAPI, "url", base+"/api/v1/openapi.json"))
			fmt.Fprintf(out, "  %s %s\n", label(p, messages.CLIDemoLabelToken), token)
			fmt.Fprintf(out, "  %s export EVALBENCH_TOKEN=%s   # %s\n", label(p, ""), token, p.Sprintf(messages.CLIDemoTokenUser, "user", owner.Name))
			fmt.Fprintf(out, "  %s %s/api/v1/institutes/%s/keys\n", label(p, messages.CLIDemoLabelKeys), base, owner.InstituteID)
			fmt.Fprintln(out)
			for _, c := range cs {
				rep, err := publish(ctx, svc, owner, c)
				if err != nil {
					return wrap(err, messages.CLIErrExample, "example", c.Key)
				}
				label := ""
				if c.Synthetic {
					label = "  " + p.Sprintf(messages.CLIDemoSynthetic)
				}
				fmt.Fprintf(out, "%s%s\n", c.Title, label)
				fmt.Fprintf(out, "  %s\n", p.Sprintf(messages.CLIDemoCommission, "id", c.ID, "run", rep.RunNumber, "version", rep.Version, "digest", rep.Digest))
				fmt.Fprintf(out, "  HTML:   %s/reports/%s/report.html\n", base, rep.ID)
				fmt.Fprintf(out, "  PDF:    %s/reports/%s/report.pdf\n", base, rep.ID)
				fmt.Fprintf(out, "  %s curl -s %s/reports/%s/report.dsse.json > %s.dsse.json && curl -s %s/api/v1/institutes/%s/keys > keys.json \\\n",
					demoLabel(p, messages.CLIDemoLabelVerify, 8), base, rep.ID, c.Key, base, owner.InstituteID)
				fmt.Fprintf(out, "  %s && %s verify %s.dsse.json --key-file keys.json --lang %s\n\n", demoLabel(p, "", 8), self, c.Key, p.Language())
			}
			if !serveToo {
				return nil
			}
			return serve(ctx, cfg, db, ln)
		},
	}
	cmd.Flags().BoolVar(&serveToo, "serve", false, t.Sprintf(messages.CLIFlagServe))
	cmd.Flags().StringVar(&cfg.Addr, "addr", cfg.Addr, t.Sprintf(messages.CLIFlagDemoAddr))
	cmd.Flags().StringVar(&tokenFile, "token-file", "", t.Sprintf(messages.CLIFlagTokenFile))
	metricsFlag(cmd, cfg)
	return cmd
}

// linkBase returns the start of the links the demo prints: the configured base URL
// (EVALBENCH_BASE_URL) when one is set, otherwise http:// and the address served, with a
// wildcard or empty host (":8080", "0.0.0.0:8080", "[::]:8080") shown as localhost.
func linkBase(configured, served string) string {
	if configured != "" {
		return strings.TrimRight(configured, "/")
	}
	host, port, err := net.SplitHostPort(served)
	if err != nil {
		return "http://" + served
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	hostport := net.JoinHostPort(host, port)
	if port == "80" {
		hostport = strings.TrimSuffix(hostport, ":80")
	}
	return "http://" + hostport
}

// selfCommand returns how to run this binary, as a shell would from the working directory: its
// path relative to the directory when it lies below it (bin/evalbench after `make run`), its
// absolute path otherwise — not "evalbench", which need not be on PATH.
func selfCommand() string {
	exe, err := os.Executable()
	if err != nil {
		return "evalbench"
	}
	wd, _ := os.Getwd()
	return commandPath(exe, wd)
}

// commandPath is selfCommand's rule: exe relative to wd when below it ("./" first when it has no
// directory), absolute otherwise, single-quoted when the shell would split or expand it.
func commandPath(exe, wd string) string {
	p := exe
	if rel, err := filepath.Rel(wd, exe); err == nil && wd != "" && !strings.HasPrefix(rel, "..") {
		p = rel
		if !strings.ContainsRune(p, filepath.Separator) {
			p = "." + string(filepath.Separator) + p
		}
	}
	if strings.ContainsFunc(p, func(r rune) bool {
		return !(r < 128 && (r == '/' || r == '.' || r == '-' || r == '_' || r == '+' || r == ':' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'))
	}) {
		p = "'" + strings.ReplaceAll(p, "'", `'\''`) + "'"
	}
	return p
}

// publish publishes the report of a commission's final run unless its newest report already is
// that run's, moving the commission to review first as publishing requires.
func publish(ctx context.Context, svc *evaluation.Service, a evaluation.Actor, c *examples.Commission) (*evaluation.Report, error) {
	run := c.Runs[len(c.Runs)-1]
	reps, err := svc.ListReports(ctx, a, c.ID)
	if err != nil {
		return nil, err
	}
	if len(reps) > 0 && reps[0].RunID == run.ID {
		return &reps[0], nil
	}
	for {
		com, err := svc.GetCommission(ctx, a, c.ID)
		if err != nil {
			return nil, err
		}
		next := map[evaluation.Status]evaluation.Status{
			evaluation.StatusDraft:      evaluation.StatusCollecting,
			evaluation.StatusCollecting: evaluation.StatusWeighting,
			evaluation.StatusWeighting:  evaluation.StatusComputing,
			evaluation.StatusComputing:  evaluation.StatusReview,
		}[com.Status]
		if next == "" {
			break
		}
		if _, err := svc.TransitionCommission(ctx, a, c.ID, com.Version, next); err != nil {
			return nil, err
		}
	}
	return svc.PublishReport(ctx, a, c.ID, run.ID, evaluation.PublishInput{})
}

// demoToken reuses the token in file while it still authenticates the owner, or issues a new one
// (and keeps it in file when one is named).
func demoToken(ctx context.Context, svc *evaluation.Service, owner evaluation.Actor, file string) (string, error) {
	if file != "" {
		if raw, err := os.ReadFile(file); err == nil {
			tok := strings.TrimSpace(string(raw))
			if a, err := svc.Authenticate(ctx, tok); err == nil && a.UserID == owner.UserID {
				return tok, nil
			}
		}
	}
	t, err := svc.CreateToken(ctx, evaluation.SystemActor("evalbench demo"), evaluation.TokenInput{UserID: owner.UserID, Name: "demo"})
	if err != nil {
		return "", err
	}
	if file != "" {
		if err := os.MkdirAll(filepath.Dir(file), 0o700); err != nil {
			return "", err
		}
		if err := os.WriteFile(file, []byte(t.Secret+"\n"), 0o600); err != nil {
			return "", err
		}
	}
	return t.Secret, nil
}

// label is a demo line's label in p's language, padded to the labels' width ("" for a
// continuation line), so that the values line up.
func label(p *messages.Printer, id messages.ID) string { return demoLabel(p, id, 10) }

func demoLabel(p *messages.Printer, id messages.ID, width int) string {
	text := ""
	if id != "" {
		text = p.Sprintf(id)
		if p.Language() == messages.English {
			text += ":"
		} else {
			text += "："
		}
	}
	return pad(text+" ", width)
}
