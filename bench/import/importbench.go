// Package importbench holds what the import benchmark (BenchmarkImport, run.sh) and the crash
// test (store/crash_test.go) share: a commission set up through evaluation.Service, and synthetic
// observation files whose indicator × unit × period keys are all distinct, so that an import of
// any size is accepted.
//
// ingest.GenerateObservationsCSV draws each row's indicator, unit and period independently, so
// any file of more than a few thousand rows repeats a key and is rightly rejected by the
// duplicate check. WriteCSV writes rows of the same shape (same columns, values with two
// decimals, one value in fifty missing, a source document and page on every row, a note on every
// tenth) but visits the key space in a seeded pseudo-random permutation, so no key repeats.
package importbench

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
)

// Keys is the space of observation keys a synthetic file draws from.
type Keys struct {
	Indicators []string
	Units      []string
	Periods    []string
}

// Size is the number of distinct keys: the most rows a file can hold.
func (k Keys) Size() int { return len(k.Indicators) * len(k.Units) * len(k.Periods) }

// DefaultKeys has 8 indicators (Framework's), 250 units (u001…u250) and the 1,200 months
// 1901-01…2000-12: 2.4 million keys.
func DefaultKeys() Keys {
	k := Keys{}
	for _, s := range indicatorSpecs {
		k.Indicators = append(k.Indicators, s.code)
	}
	for i := 1; i <= 250; i++ {
		k.Units = append(k.Units, fmt.Sprintf("u%03d", i))
	}
	for y := 1901; y <= 2000; y++ {
		for m := 1; m <= 12; m++ {
			k.Periods = append(k.Periods, fmt.Sprintf("%04d-%02d", y, m))
		}
	}
	return k
}

type indicatorSpec struct {
	dim    engine.Dimension
	code   string
	name   string
	nameEN string
	in     engine.Indicator
}

func fp(x float64) *float64 { return &x }

// indicatorSpecs are eight indicators after the Jianggan plan, two per 4E dimension, of every
// numeric value kind.
var indicatorSpecs = []indicatorSpec{
	{engine.Economy, "gdp", "地区生产总值", "Gross domestic product", engine.Indicator{Unit: "亿元",
		ValueKind: engine.ValueCurrency, CurrencyScale: 1e8, Polarity: engine.PolarityHigher,
		TargetKind: engine.TargetLevel, Baseline: &engine.Baseline{Year: 2015, Value: 495}, FinalTarget: fp(723)}},
	{engine.Economy, "local_revenue", "地方财政收入", "Local fiscal revenue", engine.Indicator{Unit: "亿元",
		ValueKind: engine.ValueCurrency, CurrencyScale: 1e8, Polarity: engine.PolarityHigher,
		TargetKind: engine.TargetLevel, FinalTarget: fp(94)}},
	{engine.Efficiency, "service_share", "服务业增加值占生产总值比重", "Services share of GDP", engine.Indicator{Unit: "%",
		ValueKind: engine.ValuePercent, Polarity: engine.PolarityHigher, TargetKind: engine.TargetLevel, FinalTarget: fp(78)}},
	{engine.Efficiency, "power_intensity", "单位生产总值电耗", "Power use per unit of GDP", engine.Indicator{Unit: "%",
		ValueKind: engine.ValuePercent, Polarity: engine.PolarityLower, TargetKind: engine.TargetGrowthRate}},
	{engine.Effectiveness, "pm25", "细颗粒物(PM2.5)浓度", "PM2.5 concentration", engine.Indicator{Unit: "微克/M3",
		ValueKind: engine.ValueQuantity, Polarity: engine.PolarityLower, TargetKind: engine.TargetUpperBound,
		FinalTarget: fp(50), TargetText: "50以下"}},
	{engine.Effectiveness, "fdi", "实际利用外资", "Foreign direct investment used", engine.Indicator{Unit: "亿美元",
		ValueKind: engine.ValueQuantity, Polarity: engine.PolarityHigher, TargetKind: engine.TargetCumulative,
		FinalTarget: fp(16), TargetText: "[16]"}},
	{engine.Equity, "income", "城镇居民人均可支配收入", "Urban disposable income per capita", engine.Indicator{Unit: "元",
		ValueKind: engine.ValueCurrency, CurrencyScale: 1, Polarity: engine.PolarityHigher,
		TargetKind: engine.TargetGrowthRate, FinalTarget: fp(8)}},
	{engine.Equity, "doctors", "每千人拥有医生数", "Doctors per thousand residents", engine.Indicator{Unit: "人",
		ValueKind: engine.ValueCount, Polarity: engine.PolarityRange, TargetKind: engine.TargetLowerBound,
		RangeLow: fp(5), RangeHigh: fp(8), FinalTarget: fp(6)}},
}

// Framework returns a 4E framework holding the eight indicators of DefaultKeys.
func Framework() *engine.Framework {
	dims := make([]*engine.Node, len(engine.Dimensions))
	for i, d := range engine.Dimensions {
		n := engine.DimensionNames[d]
		dims[i] = &engine.Node{Code: string(d), Kind: engine.KindDimension, Name: n[0], NameEN: n[1]}
		for _, s := range indicatorSpecs {
			if s.dim == d {
				in := s.in
				dims[i].Children = append(dims[i].Children, &engine.Node{Code: s.code, Kind: engine.KindIndicator,
					Name: s.name, NameEN: s.nameEN, Indicator: &in})
			}
		}
	}
	return &engine.Framework{Title: "导入基准测试框架", PlanStart: 2016, PlanEnd: 2020, Dimensions: dims}
}

// Fixture is an institute with one user who owns commissions to import into.
type Fixture struct {
	Owner evaluation.Actor
	Token string // the owner's bearer token, for EVALBENCH_TOKEN
	Keys  Keys
}

// Setup creates an institute, its user and the user's token through the service.
func Setup(ctx context.Context, svc *evaluation.Service) (*Fixture, error) {
	sys := evaluation.SystemActor("importbench")
	inst, err := svc.CreateInstitute(ctx, sys, evaluation.InstituteInput{Code: "bench", Name: "导入基准评估院"})
	if err != nil {
		return nil, err
	}
	u, err := svc.CreateUser(ctx, sys, evaluation.UserInput{InstituteID: inst.ID, Name: "importer"})
	if err != nil {
		return nil, err
	}
	tok, err := svc.CreateToken(ctx, sys, evaluation.TokenInput{UserID: u.ID})
	if err != nil {
		return nil, err
	}
	owner, err := svc.Authenticate(ctx, tok.Secret)
	if err != nil {
		return nil, err
	}
	return &Fixture{Owner: owner, Token: tok.Secret, Keys: DefaultKeys()}, nil
}

// NewCommission creates a commission owned by the fixture's user, with the units of f.Keys and
// Framework, and returns its id.
func (f *Fixture) NewCommission(ctx context.Context, svc *evaluation.Service, title string) (string, error) {
	c, err := svc.CreateCommission(ctx, f.Owner, evaluation.CommissionInput{Title: title, Client: "江干区绩效办",
		PeriodStart: 2016, PeriodEnd: 2020, EvaluatedPeriod: "2016", Synthetic: true})
	if err != nil {
		return "", err
	}
	units := make([]engine.Unit, len(f.Keys.Units))
	for i, code := range f.Keys.Units {
		units[i] = engine.Unit{Code: code, Name: "单位" + code, Kind: engine.UnitSubdistrict}
	}
	if _, err := svc.UpsertUnits(ctx, f.Owner, c.ID, units); err != nil {
		return "", err
	}
	if _, err := svc.CreateFramework(ctx, f.Owner, c.ID, Framework()); err != nil {
		return "", err
	}
	return c.ID, nil
}

// Format says which file WriteCSV writes.
type Format int

const (
	// ImportCSV is an observation file as offices send it: indicator, unit, period, value,
	// source_document, source_location, note (the columns of ingest.GenerateObservationsCSV).
	ImportCSV Format = iota
	// CopyCSV holds the same rows as the importer stores them, in the column order of the
	// observations table, for COPY … FROM … WITH (FORMAT csv): dataset_id, row_no, indicator,
	// unit, period, value (empty = NULL when missing), label, source_document, source_table,
	// source_location, source_quote, note. It serves psql \copy as the ceiling.
	CopyCSV
)

// CopyColumns are the observations columns of a CopyCSV file, in order.
const CopyColumns = "dataset_id, row_no, indicator, unit, period, value, label, source_document, source_table, source_location, source_quote, note"

// WriteCSV writes rows synthetic observations with distinct keys drawn from keys. The same
// arguments always give the same bytes; another seed gives other keys, order and values. For
// CopyCSV, datasetID fills the dataset_id column and row_no is the row's line in the ImportCSV
// file (the header is line 1).
func WriteCSV(w io.Writer, keys Keys, rows int, seed uint64, format Format, datasetID string) error {
	n := keys.Size()
	if n == 0 {
		return errors.New("importbench: the key space is empty")
	}
	if rows > n {
		return fmt.Errorf("importbench: %d rows asked but only %d distinct keys", rows, n)
	}
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	// Key j = (a·i + c) mod n visits every key once for i < n when gcd(a, n) = 1.
	a := uint64(1 + rng.IntN(n))
	for gcd(a, uint64(n)) != 1 {
		a++
	}
	c := uint64(rng.IntN(n))
	nu, np := uint64(len(keys.Units)), uint64(len(keys.Periods))
	bw := bufio.NewWriterSize(w, 256<<10)
	if format == ImportCSV {
		bw.WriteString("indicator,unit,period,value,source_document,source_location,note\n")
	}
	var line []byte
	for i := range rows {
		j := (a*uint64(i) + c) % uint64(n)
		ind, unit, period := keys.Indicators[j/(nu*np)], keys.Units[j/np%nu], keys.Periods[j%np]
		missing := rng.IntN(50) == 0
		value := float64(rng.IntN(10_000_000)) / 100
		line = line[:0]
		if format == CopyCSV {
			line = append(line, datasetID...)
			line = append(line, ',')
			line = strconv.AppendInt(line, int64(i+2), 10)
			line = append(line, ',')
		}
		line = append(line, ind...)
		line = append(line, ',')
		line = append(line, unit...)
		line = append(line, ',')
		line = append(line, period...)
		line = append(line, ',')
		switch {
		case !missing:
			line = strconv.AppendFloat(line, value, 'f', 2, 64)
		case format == ImportCSV:
			line = append(line, "—"...)
		}
		if format == CopyCSV {
			line = append(line, `,"",统计年鉴,"",p.`...)
		} else {
			line = append(line, ",统计年鉴,p."...)
		}
		line = strconv.AppendInt(line, int64(i%400+1), 10)
		if format == CopyCSV {
			line = append(line, `,""`...)
		}
		line = append(line, ',')
		switch {
		case i%10 == 0:
			line = append(line, "快报数"...)
		case format == CopyCSV:
			line = append(line, `""`...)
		}
		line = append(line, '\n')
		if _, err := bw.Write(line); err != nil {
			return err
		}
	}
	return bw.Flush()
}

func gcd(a, b uint64) uint64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
