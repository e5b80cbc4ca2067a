package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"evalbench/api"
	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/evaluation/ingest"
	"evalbench/reports"
	"evalbench/store"
	"evalbench/store/storetest"
)

// fixture is a small installation: institutes A and B; in A a commission with one user per role
// plus an outsider with no role; in B a commission of its own. objects maps path parameters to
// ids of real objects in each commission, so that routes below a commission can be called.
type fixture struct {
	t      testing.TB
	db     *store.DB
	url    string // the test database's URL
	svc    *evaluation.Service
	srv    *api.Server
	admin  string                     // platform admin token
	tokens map[evaluation.Role]string // users of A, one role each on commission A
	// outsider belongs to A but holds no role; ownerB owns commission B.
	outsider, ownerB string
	instAdmin        string // an institute admin of A (no commission role)
	actors           map[evaluation.Role]evaluation.Actor
	instA, instB     string
	cidA, cidB       string
	objects          map[string]map[string]string // commission id → path parameter → id
}

func newFixture(t testing.TB, cfg api.Config) *fixture {
	t.Helper()
	db, url := storetest.New(t)
	svc := evaluation.NewService(db, evaluation.WithCodec(ingest.Codec{}), evaluation.WithReporter(reports.Builder{Browser: &reports.Browser{}}), evaluation.WithMasterKey(testMasterKey))
	fx := &fixture{t: t, db: db, url: url, svc: svc, tokens: map[evaluation.Role]string{}, actors: map[evaluation.Role]evaluation.Actor{},
		objects: map[string]map[string]string{}}
	fx.srv = api.New(svc, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	ctx := context.Background()
	adm, err := svc.BootstrapAdmin(ctx, "admin")
	must(t, err)
	fx.admin = adm.Secret
	sys := evaluation.SystemActor("fixture")
	a, err := svc.CreateInstitute(ctx, sys, evaluation.InstituteInput{Code: "inst-a", Name: "评估院A"})
	must(t, err)
	b, err := svc.CreateInstitute(ctx, sys, evaluation.InstituteInput{Code: "inst-b", Name: "评估院B"})
	must(t, err)
	fx.instA, fx.instB = a.ID, b.ID

	user := func(inst, name string) (evaluation.Actor, string) {
		u, err := svc.CreateUser(ctx, sys, evaluation.UserInput{InstituteID: inst, Name: name})
		must(t, err)
		tok, err := svc.CreateToken(ctx, sys, evaluation.TokenInput{UserID: u.ID})
		must(t, err)
		act, err := svc.Authenticate(ctx, tok.Secret)
		must(t, err)
		return act, tok.Secret
	}
	owner, ownerTok := user(a.ID, "owner")
	c, err := svc.CreateCommission(ctx, owner, evaluation.CommissionInput{Title: "江干区“十三五”规划中期评估", Client: "江干区绩效办",
		PeriodStart: 2016, PeriodEnd: 2020, EvaluatedPeriod: "2016"})
	must(t, err)
	fx.cidA = c.ID
	fx.tokens[evaluation.RoleOwner], fx.actors[evaluation.RoleOwner] = ownerTok, owner
	for _, r := range evaluation.Roles[1:] {
		act, tok := user(a.ID, string(r))
		_, err := svc.Grant(ctx, owner, c.ID, act.UserID, r)
		must(t, err)
		fx.tokens[r], fx.actors[r] = tok, act
	}
	_, fx.outsider = user(a.ID, "outsider")
	ia, err := svc.CreateUser(ctx, sys, evaluation.UserInput{InstituteID: a.ID, Name: "inst-admin", InstituteAdmin: true})
	must(t, err)
	iaTok, err := svc.CreateToken(ctx, sys, evaluation.TokenInput{UserID: ia.ID})
	must(t, err)
	fx.instAdmin = iaTok.Secret
	ownerB, ownerBTok := user(b.ID, "owner-b")
	cb, err := svc.CreateCommission(ctx, ownerB, evaluation.CommissionInput{Title: "B的委托", Client: "某区", PeriodStart: 2016, PeriodEnd: 2020, EvaluatedPeriod: "2017"})
	must(t, err)
	fx.cidB, fx.ownerB = cb.ID, ownerBTok
	for cid, act := range map[string]evaluation.Actor{c.ID: owner, cb.ID: ownerB} {
		fx.objects[cid] = fx.populate(act, cid)
	}
	return fx
}

// populate creates the objects below a commission that routes address, returning path
// parameter → id.
func (fx *fixture) populate(owner evaluation.Actor, cid string) map[string]string {
	ctx := context.Background()
	_, err := fx.svc.UpsertUnits(ctx, owner, cid, []engine.Unit{{Code: "caihe", Name: "采荷街道", Kind: engine.UnitSubdistrict}})
	must(fx.t, err)
	spare, err := fx.svc.CreateUser(ctx, evaluation.SystemActor("fixture"), evaluation.UserInput{InstituteID: owner.InstituteID, Name: "spare"})
	must(fx.t, err)
	_, err = fx.svc.Grant(ctx, owner, cid, spare.ID, evaluation.RoleViewer)
	must(fx.t, err)
	fw, err := fx.svc.CreateFramework(ctx, owner, cid, smallFramework())
	must(fx.t, err)
	res, err := fx.svc.ImportDataset(ctx, owner, cid, evaluation.ImportInput{Options: evaluation.FileOptions{FileName: "data.csv"},
		Body: strings.NewReader("indicator,unit,period,value\ngdp,caihe,2016,555.79\npm25,caihe,2016,49\n")})
	must(fx.t, err)
	objs := map[string]string{"uid": spare.ID, "role": string(evaluation.RoleViewer), "fid": fw.ID, "did": res.Dataset.ID}
	for _, hook := range populateHooks {
		for k, v := range hook(fx, owner, cid, objs) {
			objs[k] = v
		}
	}
	return objs
}

// populateHooks add objects of later features below each commission (surveys, weight sets,
// runs), given the objects made so far; each returns path parameter → id.
var populateHooks []func(fx *fixture, owner evaluation.Actor, cid string, objs map[string]string) map[string]string

func init() {
	populateHooks = append(populateHooks, populateSurveys, populateWeights, populateRounds, populateRuns, populateReports)
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// do sends a request through the router and returns the recorder.
func (fx *fixture) do(method, path, token string, body any, headers ...string) *httptest.ResponseRecorder {
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = strings.NewReader(b)
	case []byte:
		r = bytes.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		must(fx.t, err)
		r = bytes.NewReader(raw)
	}
	req := httptest.NewRequest(method, path, r)
	switch b := body.(type) {
	case nil:
	case string:
		req.Header.Set("Content-Type", contentTypeOf([]byte(b)))
	case []byte:
		req.Header.Set("Content-Type", contentTypeOf(b))
	default:
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	fx.serve(rec, req)
	return rec
}

// contentTypeOf names what a raw body is: JSON when it parses (or looks like an attempt at a
// JSON object), the bytes of a file otherwise.
func contentTypeOf(b []byte) string {
	if t := bytes.TrimSpace(b); json.Valid(t) || bytes.HasPrefix(t, []byte("{")) || len(t) == 0 {
		return "application/json"
	}
	return "application/octet-stream"
}

func decode[T any](t testing.TB, rec *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		t.Fatalf("decode %T from %d %s: %v", v, rec.Code, rec.Body.String(), err)
	}
	return v
}

func expect(t testing.TB, rec *httptest.ResponseRecorder, status int) {
	t.Helper()
	if rec.Code != status {
		t.Fatalf("status %d, want %d: %s", rec.Code, status, rec.Body.String())
	}
}

// noLimits is a configuration without rate limiting, for tests that send many requests.
func noLimits() api.Config {
	c := api.DefaultConfig()
	c.RateLimit, c.PublicRateLimit = 0, 0
	return c
}

func ptr(x float64) *float64 { return &x }

// smallFramework is a two-indicator framework after the plan's GDP and PM2.5 indicators.
func smallFramework() *engine.Framework {
	dims := make([]*engine.Node, 4)
	for i, d := range engine.Dimensions {
		n := engine.DimensionNames[d]
		dims[i] = &engine.Node{Code: string(d), Kind: engine.KindDimension, Name: n[0], NameEN: n[1]}
	}
	dims[2].Children = []*engine.Node{
		{Code: "gdp", Kind: engine.KindIndicator, Name: "地区生产总值", NameEN: "GDP", Indicator: &engine.Indicator{
			Unit: "亿元", ValueKind: engine.ValueCurrency, CurrencyScale: 1e8, Polarity: engine.PolarityHigher,
			TargetKind: engine.TargetLevel, Key: true, Baseline: &engine.Baseline{Year: 2015, Value: 495},
			AnnualTargets: []engine.AnnualTarget{{Year: 2017, Basis: engine.BasisGrowth, Value: ptr(5), Text: "同比增长5%左右"}},
			FinalTarget:   ptr(723)}},
		{Code: "pm25", Kind: engine.KindIndicator, Name: "PM2.5平均浓度", NameEN: "PM2.5", Indicator: &engine.Indicator{
			Unit: "微克/M3", ValueKind: engine.ValueQuantity, Polarity: engine.PolarityLower,
			TargetKind: engine.TargetUpperBound, FinalTarget: ptr(50), TargetText: "50以下"}},
	}
	return &engine.Framework{Title: "示例", PlanStart: 2016, PlanEnd: 2020, Dimensions: dims}
}
