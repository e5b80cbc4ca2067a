package web

import (
	"context"
	"encoding/json"
	"fmt"
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

// publishedList builds the public list of published reports from public service calls: the
// current publications of every institute (Service.CurrentPublications, from the public
// publication logs) give the reports, and each report's public bundle (Service.PublishedReportFile, as
// GET /reports/{id}/report.json) its title, client, period and institute. A report is immutable,
// so what its bundle says is kept by report id.
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
	entries, err := l.svc.CurrentPublications(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]publishedReport, 0, len(entries))
	for _, e := range entries {
		row, err := l.report(ctx, e)
		if err != nil {
			return nil, err
		}
		out = append(out, row)
	}
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
