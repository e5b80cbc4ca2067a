package web

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"sync"
	"time"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
)

// publishedReport is one row of the public list: what a reader needs to find a report, open it
// and check it.
type publishedReport struct {
	ID          string
	Version     int
	Title       string
	Client      string
	Institute   string
	PeriodStart int
	PeriodEnd   int
	Evaluated   string
	Synthetic   bool
	PublishedAt time.Time
	Digest      string
}

// publishedList builds the public list of published reports from public service calls: each
// institute's publication log (Service.Publications, as GET /api/v1/institutes/{iid}/publications)
// gives the reports, and each report's public bundle (Service.PublishedReportFile, as
// GET /reports/{id}/report.json) its title, client, period and institute. A report is immutable,
// so what its bundle says is kept by report id.
//
// The service has no call listing every institute's publications without an actor, so the
// institutes are listed as the system; only their ids are used, to read their public logs.
// TODO(issue 13): replace with a Service method for the public list once evaluation/ is split.
type publishedList struct {
	svc   *evaluation.Service
	mu    sync.Mutex
	cache map[string]publishedReport // report id → row (without nothing that changes)
}

func newPublishedList(svc *evaluation.Service) *publishedList {
	return &publishedList{svc: svc, cache: map[string]publishedReport{}}
}

// reports returns the current (not superseded) published reports, newest first.
func (l *publishedList) reports(ctx context.Context) ([]publishedReport, error) {
	insts, err := l.svc.ListInstitutes(ctx, evaluation.SystemActor("web: the public list of published reports"))
	if err != nil {
		return nil, fmt.Errorf("listing institutes: %w", err)
	}
	var out []publishedReport
	for _, inst := range insts {
		log, err := l.svc.Publications(ctx, inst.ID)
		if err != nil {
			return nil, fmt.Errorf("institute %s: publications: %w", inst.ID, err)
		}
		superseded := map[string]bool{}
		for _, e := range log.Entries {
			if e.Supersedes != "" {
				superseded[e.Supersedes] = true
			}
		}
		for _, e := range log.Entries {
			if superseded[e.ReportID] {
				continue
			}
			row, err := l.report(ctx, e)
			if err != nil {
				return nil, err
			}
			out = append(out, row)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].PublishedAt.After(out[j].PublishedAt) })
	return out, nil
}

// report returns the row of one publication, reading the report's bundle the first time.
func (l *publishedList) report(ctx context.Context, e evaluation.PublicationEntry) (publishedReport, error) {
	l.mu.Lock()
	row, ok := l.cache[e.ReportID]
	l.mu.Unlock()
	if ok {
		return row, nil
	}
	bundle, _, err := l.svc.PublishedReportFile(ctx, e.ReportID, engine.ReportJSON)
	if err != nil {
		return row, fmt.Errorf("report %s: %w", e.ReportID, err)
	}
	var b struct {
		Manifest struct {
			Commission struct {
				Title           string `json:"title"`
				Client          string `json:"client"`
				Institute       string `json:"institute"`
				PeriodStart     int    `json:"period_start"`
				PeriodEnd       int    `json:"period_end"`
				EvaluatedPeriod string `json:"evaluated_period"`
			} `json:"commission"`
			Flags struct {
				Synthetic bool `json:"synthetic"`
			} `json:"flags"`
		} `json:"manifest"`
	}
	if err := json.Unmarshal(bundle, &b); err != nil {
		return row, fmt.Errorf("report %s: reading its bundle: %w", e.ReportID, err)
	}
	c := b.Manifest.Commission
	row = publishedReport{ID: e.ReportID, Version: e.ReportVersion, Title: c.Title, Client: c.Client, Institute: c.Institute,
		PeriodStart: c.PeriodStart, PeriodEnd: c.PeriodEnd, Evaluated: c.EvaluatedPeriod, Synthetic: b.Manifest.Flags.Synthetic,
		PublishedAt: e.PublishedAt, Digest: e.Digest}
	l.mu.Lock()
	l.cache[e.ReportID] = row
	l.mu.Unlock()
	return row, nil
}
