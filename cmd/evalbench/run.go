package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"evalbench/api"
	"evalbench/evaluation"
	"evalbench/evaluation/calc"
	"evalbench/evaluation/engine"
	"evalbench/messages"
)

func runCmd(cfg *config) *cobra.Command {
	cmd := &cobra.Command{Use: "run", Short: "Start, follow and read evaluation runs"}
	var commission, file string
	var wait bool
	create := &cobra.Command{
		Use:   "create",
		Short: "Queue a run from a JSON request (evaluation.RunRequest); with --wait, compute it here and show its progress",
		RunE: cfg.acting(nil, func(cmd *cobra.Command, _ []string, svc *evaluation.Service, a evaluation.Actor) error {
			var req evaluation.RunRequest
			if err := readJSON(file, &req); err != nil {
				return &exitError{2, err}
			}
			r, err := svc.CreateRun(cmd.Context(), a, commission, req)
			if err != nil {
				return reportProblems(cmd, cfg.printer(), err)
			}
			fmt.Fprintln(cmd.ErrOrStderr(), cfg.printer().Sprintf(messages.CLIRunQueued, "number", r.Number, "id", r.ID))
			if !wait {
				return printJSON(cmd, r)
			}
			r, err = follow(cmd, svc, a, r, cfg.logger())
			if err != nil {
				return err
			}
			if r.Status != evaluation.RunSucceeded {
				return &exitError{1, failure(messages.CLIErrRunEnded, "number", r.Number, "status", messages.ID("run.status."+string(r.Status)), "error", r.Error)}
			}
			fmt.Fprintln(cmd.ErrOrStderr(), cfg.printer().Sprintf(messages.CLIRunSucceeded, "number", r.Number, "digest", r.ResultDigest))
			return printJSON(cmd, r)
		}),
	}
	commissionFlag(create, &commission)
	create.Flags().StringVar(&file, "file", "-", "the request as JSON (- for stdin)")
	create.Flags().BoolVar(&wait, "wait", false, "compute the run in this process and wait for it, with a progress bar")

	show := &cobra.Command{
		Use:   "show RUN_ID",
		Short: "Show a run's status",
		Args:  cobra.ExactArgs(1),
		RunE: cfg.acting(nil, func(cmd *cobra.Command, args []string, svc *evaluation.Service, a evaluation.Actor) error {
			r, err := svc.GetRun(cmd.Context(), a, commission, args[0])
			if err != nil {
				return err
			}
			return printJSON(cmd, r)
		}),
	}
	commissionFlag(show, &commission)

	result := &cobra.Command{
		Use:   "result RUN_ID",
		Short: "Print a succeeded run's result document (canonical JSON)",
		Args:  cobra.ExactArgs(1),
		RunE: cfg.acting(nil, func(cmd *cobra.Command, args []string, svc *evaluation.Service, a evaluation.Actor) error {
			raw, digest, err := svc.RunResult(cmd.Context(), a, commission, args[0])
			if err != nil {
				return err
			}
			fmt.Fprintln(cmd.ErrOrStderr(), cfg.printer().Sprintf(messages.CLIRunDigest, "digest", digest))
			_, err = cmd.OutOrStdout().Write(append(raw, '\n'))
			return err
		}),
	}
	commissionFlag(result, &commission)
	cfg.tokenFlag(cmd)
	cmd.AddCommand(create, show, result)
	return cmd
}

// follow works the queue in this process until the run ends, drawing a progress bar on stderr
// when it is a terminal.
func follow(cmd *cobra.Command, svc *evaluation.Service, a evaluation.Actor, r *evaluation.Run, log *slog.Logger) (*evaluation.Run, error) {
	ctx, cancel := context.WithCancel(cmd.Context())
	defer cancel()
	host, _ := os.Hostname()
	go svc.Work(ctx, evaluation.WorkerOptions{ID: fmt.Sprintf("cli:%s:%d", host, os.Getpid()), Poll: 100 * time.Millisecond, Log: log})
	var bar *progressbar.ProgressBar
	if f, ok := cmd.ErrOrStderr().(*os.File); ok && isatty.IsTerminal(f.Fd()) {
		bar = progressbar.NewOptions64(100, progressbar.OptionSetWriter(f), progressbar.OptionSetDescription("run"),
			progressbar.OptionShowElapsedTimeOnFinish(), progressbar.OptionClearOnFinish())
	}
	for {
		cur, err := svc.GetRun(ctx, a, r.CommissionID, r.ID)
		if err != nil {
			return nil, err
		}
		if bar != nil {
			bar.Describe(cur.Stage)
			bar.Set(int(cur.Progress * 100))
		}
		if cur.Terminal() {
			if bar != nil {
				bar.Finish()
			}
			return cur, nil
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}

func readJSON(file string, v any) error {
	var r io.Reader = os.Stdin
	if file != "-" && file != "" {
		f, err := os.Open(file)
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("reading %s: %w", file, err)
	}
	return nil
}

func calcCmd(cfg *config) *cobra.Command {
	return &cobra.Command{
		Use:   "calc METHOD",
		Short: "Compute one statistical method: JSON request on stdin, JSON result on stdout",
		Long:  "Methods: " + fmt.Sprint(calc.Methods()) + ". The request and response shapes are in docs/methods.md; the same bodies work with POST /api/v1/calc/METHOD.",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			in, err := io.ReadAll(cmd.InOrStdin())
			if err != nil {
				return err
			}
			out, err := calc.Run(args[0], in)
			if err != nil {
				var ve *engine.ValidationError
				if errors.As(err, &ve) {
					return reportProblems(cmd, cfg.printer(), err)
				}
				return &exitError{2, err}
			}
			_, err = cmd.OutOrStdout().Write(append(out, '\n'))
			return err
		},
	}
}

func workerCmd(cfg *config) *cobra.Command {
	var n int
	cmd := &cobra.Command{
		Use:   "worker",
		Short: "Compute queued runs (several processes may share the queue)",
		RunE: func(cmd *cobra.Command, _ []string) error {
			db, err := cfg.openMigrated(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			log := cfg.logger()
			svc := cfg.newService(db)
			m := api.NewMetrics(svc)
			metricsAddr := cfg.serveMetrics(cmd.Context(), m)
			wait := startWorkers(cmd.Context(), svc, n, log, m.ObserveRun)
			startCheckpointer(cmd.Context(), svc, cfg.CheckpointEvery, log)
			log.Info("evalbench worker started", "version", engine.BuildVersion, "commit", engine.BuildCommit, "workers", n, "metrics", metricsAddr)
			<-cmd.Context().Done()
			log.Info("evalbench worker shutting down", "workers", n)
			wait()
			log.Info("evalbench worker stopped")
			return nil
		},
	}
	cmd.Flags().IntVar(&n, "workers", cfg.Workers, "concurrent workers (env EVALBENCH_WORKERS)")
	metricsFlag(cmd, cfg)
	return cmd
}

// startCheckpointer signs due audit checkpoints every interval until ctx ends (none when every is
// 0), so that a cut in the audit chain between two publications is caught too.
func startCheckpointer(ctx context.Context, svc *evaluation.Service, every time.Duration, log *slog.Logger) {
	if every <= 0 {
		return
	}
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
			made, err := svc.CheckpointDue(ctx, every)
			for _, c := range made {
				log.Info("audit checkpoint signed", "institute", c.InstituteID, "seq", c.Seq, "key", c.KeyID)
			}
			if err != nil && ctx.Err() == nil {
				log.Error("audit checkpoint", "err", err)
			}
		}
	}()
}

// startWorkers runs n run workers in the background until ctx ends; each logs the runs it
// claims and finishes, and tells observe (when not nil). The returned function waits for them to
// stop (a run being computed is left to be taken over once its lease expires).
func startWorkers(ctx context.Context, svc *evaluation.Service, n int, log *slog.Logger, observe func(evaluation.RunEvent)) (wait func()) {
	host, _ := os.Hostname()
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			svc.Work(ctx, evaluation.WorkerOptions{ID: fmt.Sprintf("%s:%d:%d", host, os.Getpid(), i), Log: log, Observe: observe})
		})
	}
	return wg.Wait
}
