package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
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
	p := cfg.printer()
	cmd := &cobra.Command{Use: "run", Short: p.Sprintf(messages.CLICmdRunShort)}
	var commission, file string
	var wait bool
	create := &cobra.Command{
		Use:   "create",
		Short: p.Sprintf(messages.CLICmdRunCreateShort),
		RunE: cfg.acting(nil, func(cmd *cobra.Command, _ []string, svc *evaluation.Service, a evaluation.Actor) error {
			var req evaluation.RunRequest
			if err := readJSON(file, &req); err != nil {
				return &exitError{2, err}
			}
			r, err := svc.CreateRun(cmd.Context(), a, commission, req)
			if err != nil {
				return reportProblems(cmd, cfg.printer(), err, messages.CLIRunNotCreated)
			}
			fmt.Fprintln(cmd.ErrOrStderr(), cfg.printer().Sprintf(messages.CLIRunQueued, "number", r.Number, "id", r.ID))
			if !wait {
				return printJSON(cmd, r)
			}
			r, err = follow(cmd, cfg.printer(), svc, a, r, cfg.logger())
			if err != nil {
				return err
			}
			if r.Status != evaluation.RunSucceeded {
				return &exitError{1, failure(messages.CLIErrRunEnded, "number", r.Number, "status", messages.ID("run.status."+string(r.Status)), "error", storedError(r))}
			}
			fmt.Fprintln(cmd.ErrOrStderr(), cfg.printer().Sprintf(messages.CLIRunSucceeded, "number", r.Number, "digest", r.ResultDigest))
			return printJSON(cmd, r)
		}),
	}
	commissionFlag(p, create, &commission)
	create.Flags().StringVar(&file, "file", "-", p.Sprintf(messages.CLIFlagRunFile))
	create.Flags().BoolVar(&wait, "wait", false, p.Sprintf(messages.CLIFlagWait))

	show := &cobra.Command{
		Use:   "show RUN_ID",
		Short: p.Sprintf(messages.CLICmdRunShowShort),
		Args:  exactArgs(1),
		RunE: cfg.acting(nil, func(cmd *cobra.Command, args []string, svc *evaluation.Service, a evaluation.Actor) error {
			r, err := svc.GetRun(cmd.Context(), a, commission, args[0])
			if err != nil {
				return err
			}
			return printJSON(cmd, r)
		}),
	}
	commissionFlag(p, show, &commission)

	result := &cobra.Command{
		Use:   "result RUN_ID",
		Short: p.Sprintf(messages.CLICmdRunResultShort),
		Args:  exactArgs(1),
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
	commissionFlag(p, result, &commission)
	cfg.tokenFlag(cmd)
	cmd.AddCommand(create, show, result)
	return cmd
}

// follow works the queue in this process until the run ends, drawing a progress bar on stderr
// when it is a terminal, its stages in p's language.
func follow(cmd *cobra.Command, p *messages.Printer, svc *evaluation.Service, a evaluation.Actor, r *evaluation.Run, log *slog.Logger) (*evaluation.Run, error) {
	ctx, cancel := context.WithCancel(cmd.Context())
	defer cancel()
	host, _ := os.Hostname()
	go svc.Work(ctx, evaluation.WorkerOptions{ID: fmt.Sprintf("cli:%s:%d", host, os.Getpid()), Poll: 100 * time.Millisecond, Log: log})
	var bar *progressbar.ProgressBar
	if f, ok := cmd.ErrOrStderr().(*os.File); ok && isatty.IsTerminal(f.Fd()) {
		bar = progressbar.NewOptions64(100, progressbar.OptionSetWriter(f), progressbar.OptionSetDescription(p.Sprintf(messages.CLIRunProgress)),
			progressbar.OptionShowElapsedTimeOnFinish(), progressbar.OptionClearOnFinish())
	}
	for {
		cur, err := svc.GetRun(ctx, a, r.CommissionID, r.ID)
		if err != nil {
			return nil, err
		}
		if bar != nil {
			bar.Describe(stageText(p, cur.Stage))
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

// stageText is a run's stage in p's language: a stage of the worker ("loading inputs") or the
// status it ends with ("succeeded") (evaluation.RunStageID, as the run page says it), as stored
// where the catalogue has neither.
func stageText(p *messages.Printer, stage string) string {
	if id := evaluation.RunStageID(stage); id != "" {
		return p.Sprintf(id)
	}
	return stage
}

// storedError is why a run ended, as a message argument: its ErrorMessage, which renders in the
// command's language; for a run stored without one, its Error as written (a catalogue message
// as an older worker recorded one, {"id": …, "args": {…}}, is rendered too).
func storedError(r *evaluation.Run) any {
	if r.ErrorMessage != nil {
		return *r.ErrorMessage
	}
	if text := r.Error; strings.HasPrefix(strings.TrimSpace(text), "{") {
		var m messages.Message
		if json.Unmarshal([]byte(text), &m) == nil && hasMessage(m.ID) {
			return m
		}
	}
	return r.Error
}

// maxJSONFile bounds the JSON file (or standard input) readJSON reads (a variable for tests).
var maxJSONFile = 64 << 20

// readJSON decodes the JSON of file ("-" or "" for standard input) into v, strictly (unknown
// fields are errors). A file larger than maxJSONFile is refused.
func readJSON(file string, v any) error {
	var r io.Reader = os.Stdin
	if file == "" {
		file = "-"
	}
	if file != "-" {
		f, err := os.Open(file)
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, int64(maxJSONFile)+1))
	if err != nil {
		return err
	}
	if len(data) > maxJSONFile {
		return failure(messages.CLIErrTooLarge, "file", file, "max", maxJSONFile)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return wrap(&jsonFileError{err, data}, messages.CLIErrReading, "file", file)
	}
	return nil
}

func calcCmd(cfg *config) *cobra.Command {
	p := cfg.printer()
	return &cobra.Command{
		Use:   "calc METHOD",
		Short: p.Sprintf(messages.CLICmdCalcShort),
		Long:  p.Sprintf(messages.CLICmdCalcLong, "methods", fmt.Sprint(calc.Methods())),
		Args:  exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			in, err := io.ReadAll(cmd.InOrStdin())
			if err != nil {
				return err
			}
			out, err := calc.Run(args[0], in)
			if err != nil {
				var ve *engine.ValidationError
				if errors.As(err, &ve) {
					return reportProblems(cmd, cfg.printer(), err, messages.CLICalcNotComputed)
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
		Short: cfg.printer().Sprintf(messages.CLICmdWorkerShort),
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
	cmd.Flags().IntVar(&n, "workers", cfg.Workers, cfg.printer().Sprintf(messages.CLIFlagWorkers))
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
