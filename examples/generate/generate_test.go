package main

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/evaluation/ingest"
	"evalbench/examples"
)

const dir = "../subdistricts"

// handWritten are the files of examples/subdistricts that the generator does not write.
var handWritten = []string{"README.md"}

// The committed files are exactly what the generator writes with the default seed: regenerate
// with `go run ./examples/generate` after changing the model.
func TestCommittedFilesAreGenerated(t *testing.T) {
	files, err := Generate(DefaultSeed)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("%s: %v (run `go run ./examples/generate` from the repository root)", name, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from what the generator writes with seed %d: run `go run ./examples/generate` from the repository root", name, DefaultSeed)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if _, ok := files[e.Name()]; !ok && !slices.Contains(handWritten, e.Name()) {
			t.Errorf("%s is in %s but the generator does not write it", e.Name(), dir)
		}
	}
}

// The same seed gives the same bytes; another seed other numbers.
func TestGenerateIsDeterministic(t *testing.T) {
	a, err := Generate(DefaultSeed)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Generate(DefaultSeed)
	c, _ := Generate(DefaultSeed + 1)
	for name := range a {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s: two runs with the same seed differ", name)
		}
	}
	if bytes.Equal(a["data.csv"], c["data.csv"]) || bytes.Equal(a["responses-social.csv"], c["responses-social.csv"]) {
		t.Error("another seed gave the same data")
	}
}

func readJSON(t *testing.T, name string, v any) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

func open(t *testing.T, name string) *os.File {
	t.Helper()
	fh, err := os.Open(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { fh.Close() })
	return fh
}

// example is the example commission as an import reads it.
type example struct {
	commission evaluation.CommissionInput
	units      []engine.Unit
	framework  *engine.Framework
	dataset    engine.RunDataset
	weights    engine.WeightSet
	surveys    map[string]*engine.RunSurvey
	redacted   map[string]int      // survey code → comments changed by redaction
	comments   map[string][]string // survey code → comments after redaction
}

// load reads the example's files the way the service imports them: the framework, the
// observations and the responses through package ingest, response labels mapped to scores by the
// reader, rater keys replaced by HMAC pseudonyms and comments redacted; the rest as JSON.
func load(t *testing.T) *example {
	t.Helper()
	ex := &example{surveys: map[string]*engine.RunSurvey{}, redacted: map[string]int{}, comments: map[string][]string{}}
	readJSON(t, "commission.json", &ex.commission)
	var us struct {
		Units []engine.Unit `json:"units"`
	}
	readJSON(t, "units.json", &us)
	ex.units = us.Units
	codes := make([]string, len(ex.units))
	for i, u := range ex.units {
		codes[i] = u.Code
	}
	f, _, err := ingest.ReadFramework(open(t, "framework.json"), ingest.Options{FileName: "framework.json"})
	if err != nil {
		t.Fatalf("framework.json: %v", err)
	}
	ex.framework = f
	ex.dataset = engine.RunDataset{Number: 1, FileName: "data.csv", Synthetic: true}
	_, err = ingest.ReadObservations(open(t, "data.csv"), ingest.Options{FileName: "data.csv"}, ingest.NewSchema(f, codes),
		func(o engine.Observation) error {
			ex.dataset.Observations = append(ex.dataset.Observations, o)
			return nil
		})
	if err != nil {
		t.Fatalf("data.csv: %v", err)
	}
	readJSON(t, "weights.json", &ex.weights)
	ps := evaluation.NewPseudonymizer([]byte("a per-commission secret for the test"))
	for _, code := range []string{"social", "leadership", "social-2016", "leadership-2016"} {
		var sv engine.Survey
		readJSON(t, code+".json", &sv)
		def := sv.Definition()
		def.Normalize()
		if err := def.Validate(); err != nil {
			t.Fatalf("%s.json: %v", code, err)
		}
		rs := &engine.RunSurvey{Survey: def}
		_, err := ingest.ReadResponses(open(t, "responses-"+code+".csv"), ingest.Options{FileName: "responses-" + code + ".csv"}, def, codes,
			func(r evaluation.ResponseRow) error {
				c, changed := evaluation.RedactComment(r.Comment)
				if changed {
					ex.redacted[code]++
				}
				if c != "" {
					ex.comments[code] = append(ex.comments[code], c)
				}
				rs.Responses = append(rs.Responses, engine.Response{Unit: r.Unit, Group: r.Group, Rater: ps.Pseudonym(r.Rater), Item: r.Item, Score: r.Score})
				return nil
			})
		if err != nil {
			t.Fatalf("responses-%s.csv: %v", code, err)
		}
		ex.surveys[code] = rs
	}
	return ex
}

// inputs builds the run inputs of a run request file, as the service assembles them.
func (ex *example) inputs(t *testing.T, file string, previous *engine.PreviousRun) *engine.RunInputs {
	t.Helper()
	var req evaluation.RunRequest
	readJSON(t, file, &req)
	in := &engine.RunInputs{
		Commission: engine.RunCommission{Title: ex.commission.Title, Client: ex.commission.Client,
			PeriodStart: ex.commission.PeriodStart, PeriodEnd: ex.commission.PeriodEnd, EvaluatedPeriod: req.Config.Period, Synthetic: ex.commission.Synthetic},
		Framework:   ex.framework,
		Units:       slices.Clone(ex.units),
		Datasets:    []engine.RunDataset{ex.dataset},
		Weights:     engine.RunWeights{Set: ex.weights},
		Adjustments: req.Adjustments,
		Previous:    previous,
		Config:      req.Config,
	}
	for _, c := range req.Config.Components {
		if code, ok := strings.CutPrefix(c.Source, "survey:"); ok {
			in.Surveys = append(in.Surveys, *ex.surveys[code])
		}
	}
	in.Canonicalize()
	return in
}

func unitOf(t *testing.T, res *engine.Result, code string) engine.UnitResult {
	t.Helper()
	for _, u := range res.Units {
		if u.Code == code {
			return u
		}
	}
	t.Fatalf("no unit %s", code)
	return engine.UnitResult{}
}

func logResult(t *testing.T, res *engine.Result) {
	t.Helper()
	for _, u := range res.Units {
		line := ""
		for _, c := range u.Components {
			if c.Score != nil {
				line += " " + c.Code + "=" + strconv.FormatFloat(*c.Score, 'f', 2, 64)
			}
		}
		t.Logf("%-10s base %7.3f bonus %.0f composite %7.3f rank %d grade %-9s (base %-9s) lifted %-5v bottom %-5v flagged %-5v%s",
			u.Code, *u.Base, u.Bonus, *u.Composite, u.Rank, u.Grade, u.BaseGrade, u.LiftedByBonus, u.BottomTwo, u.Flagged, line)
	}
}

// bottom lists the units in the last two places, as the service passes them to the next run.
func bottom(res *engine.Result) []string {
	var out []string
	for _, u := range res.Units {
		if u.BottomTwo {
			out = append(out, u.Code)
		}
	}
	slices.Sort(out)
	return out
}

func byRank(res *engine.Result) []string {
	us := slices.Clone(res.Units)
	slices.SortStableFunc(us, func(a, b engine.UnitResult) int { return a.Rank - b.Rank })
	out := make([]string, len(us))
	for i, u := range us {
		out[i] = u.Code
	}
	return out
}

// The example evaluates as designed (README.md): the 2016 run, then the 2017 run with the 2016
// run as its previous period.
func TestSubdistrictEvaluation(t *testing.T) {
	ex := load(t)

	// Everything is labelled synthetic.
	if !ex.commission.Synthetic || !strings.Contains(ex.commission.Title, Synthetic) || !strings.Contains(ex.framework.Title, Synthetic) {
		t.Error("the commission and the framework must say SYNTHETIC")
	}
	for _, o := range ex.dataset.Observations {
		if !strings.HasPrefix(o.Source.Document, Synthetic) || !strings.HasPrefix(o.Note, Synthetic) {
			t.Fatalf("row %d is not labelled synthetic: %+v", o.Row, o)
		}
	}
	for code, rs := range ex.surveys {
		if !rs.Survey.Synthetic || !strings.Contains(rs.Survey.Title, Synthetic) {
			t.Errorf("survey %s is not labelled synthetic", code)
		}
	}
	if !ex.weights.Illustrative || ex.weights.Method != engine.WeightDirect {
		t.Errorf("weights: method %s, illustrative %v", ex.weights.Method, ex.weights.Illustrative)
	}

	// Personal data in comments: five in 2017's public comments, one in 2016's, none in the
	// leadership ratings; after redaction no phone number, ID-card number or e-mail is left.
	want := map[string]int{"social": 5, "social-2016": 1, "leadership": 0, "leadership-2016": 0}
	for code, n := range want {
		if ex.redacted[code] != n {
			t.Errorf("%s: %d comments redacted, want %d", code, ex.redacted[code], n)
		}
	}
	leak := regexp.MustCompile(`[0-9]{7,}|@|1[3-9][0-9]-[0-9]{4}-[0-9]{4}`)
	for code, cs := range ex.comments {
		for _, c := range cs {
			if leak.MatchString(c) {
				t.Errorf("%s: personal data left after redaction: %q", code, c)
			}
		}
	}

	// Public raters: 40–80 per sub-district and year.
	for _, code := range []string{"social", "social-2016"} {
		raters := map[string]map[string]bool{}
		for _, r := range ex.surveys[code].Responses {
			if raters[r.Unit] == nil {
				raters[r.Unit] = map[string]bool{}
			}
			raters[r.Unit][r.Rater] = true
		}
		for _, u := range ex.units {
			if n := len(raters[u.Code]); n < 40 || n > 80 {
				t.Errorf("%s: %s has %d public raters", code, u.Code, n)
			}
		}
	}

	// 2016.
	res16, err := engine.Compute(ex.inputs(t, "run-2016.json", nil))
	if err != nil {
		t.Fatalf("2016: %v", err)
	}
	t.Log("2016:")
	logResult(t, res16)
	if got := bottom(res16); !slices.Equal(got, []string{"dinglan", "jiubao"}) {
		t.Errorf("2016 last two places %v, want dinglan and jiubao", got)
	}
	for _, u := range res16.Units {
		if u.LiftedByBonus || u.Flagged {
			t.Errorf("2016: %s lifted %v flagged %v", u.Code, u.LiftedByBonus, u.Flagged)
		}
	}
	if got, want := byRank(res16), []string{"sijiqing", "caihe", "jianqiao", "zhanongkou", "kaixuan", "pengbu", "dinglan", "jiubao"}; !slices.Equal(got, want) {
		t.Errorf("2016 ranking %v, want %v", got, want)
	}
	for _, u := range res16.Units {
		want := "good"
		if u.Code == "sijiqing" || u.Code == "caihe" {
			want = "excellent"
		}
		if u.Grade != want || u.BaseGrade != want {
			t.Errorf("2016 %s grade %s (base %s), want %s", u.Code, u.Grade, u.BaseGrade, want)
		}
	}
	if cc := res16.Constraints; len(cc) != 1 || !cc[0].Met || math.Abs(cc[0].Share-0.70) > 1e-12 {
		t.Errorf("2016 public share %+v", cc)
	}
	checkMissing(t, res16, "electricity_intensity_reduction", "kaixuan")
	checkSuppressed(t, res16, nil)
	checkTable(t, res16, readme2016)

	// 2017, with 2016's last two places as the previous period.
	prev := engine.PreviousOf("", "2016", "", res16)
	in17 := ex.inputs(t, "run.json", prev)
	// The rectification items of rectifications.json as they stand once closed and audited.
	var rf examples.RectificationsFile
	readJSON(t, "rectifications.json", &rf)
	for k, it := range rf.Items {
		r := engine.Rectification{Number: k + 1, Unit: it.Unit, Period: "2016", Source: it.Source, Reference: it.Reference,
			Issue: it.Issue, Owner: it.Owner, Deadline: it.Deadline, Status: engine.RectifyOpen}
		if it.Close != nil {
			r.Status, r.Evidence, r.ClosedOn = engine.RectifyClosed, it.Close.Evidence, it.Close.On
		}
		if it.Audit != nil {
			r.Status, r.AuditedOn, r.AuditNote = engine.RectifyAudited, it.Audit.On, it.Audit.Note
		}
		in17.Rectifications = append(in17.Rectifications, r)
	}
	res, err := engine.Compute(in17)
	if err != nil {
		t.Fatalf("2017: %v", err)
	}
	checkPanel(t, res)
	t.Log("2017:")
	logResult(t, res)

	// The global sensitivity analysis over eight construction choices and the diagnostics.
	if sa := res.Sensitivity; sa == nil || len(sa.Factors) != 8 || len(sa.Units) != 8 || sa.Evaluations != 512*10 || sa.Failed != 0 {
		t.Errorf("sensitivity %+v", sa)
	} else {
		for _, u := range sa.Units {
			if !(u.Min <= u.Rank && u.Rank <= u.Max) {
				t.Errorf("%s: reported rank %v outside %v–%v", u.Unit, u.Rank, u.Min, u.Max)
			}
			t.Logf("sensitivity %s: rank %v, 5–95 %% %v–%v", u.Unit, u.Rank, u.P5, u.P95)
		}
		for _, x := range sa.Ranking {
			t.Logf("ranking %s: S %v ST %v", x.Factor, deref(x.First), deref(x.Total))
		}
	}
	if d := res.Diagnostics; d == nil || len(d.Outliers) != 9 || len(d.Availability) != 8 {
		t.Errorf("diagnostics %+v", d)
	}

	// Public satisfaction weighs 0.70 of the composite (plan line 3424), for every unit.
	if len(res.Constraints) != 1 {
		t.Fatalf("constraints %+v", res.Constraints)
	}
	if cc := res.Constraints[0]; !cc.Met || math.Abs(cc.Share-0.70) > 1e-12 || cc.Share < cc.Min || len(cc.UnitsBelow) != 0 {
		t.Errorf("public share %+v", cc)
	}

	// One group of one unit is suppressed: jiubao's subordinates (3 raters < 5); jiubao's
	// leadership score renormalises over superiors and peers (0.5 and 0.3 of 0.8).
	checkSuppressed(t, res, []string{"jiubao/subordinate"})
	for _, s := range res.Surveys {
		if s.Code != "leadership" {
			continue
		}
		for _, u := range s.Result.Units {
			if u.Unit != "jiubao" {
				continue
			}
			eff := map[string]float64{}
			for _, w := range u.Weights {
				eff[w.Group] = w.Effective
			}
			if math.Abs(eff["superior"]-0.625) > 1e-12 || math.Abs(eff["peer"]-0.375) > 1e-12 || eff["subordinate"] != 0 {
				t.Errorf("jiubao leadership weights %+v", u.Weights)
			}
		}
	}
	checkMissing(t, res, "pm25", "pengbu")

	// Blind spots: the weak units rate themselves far above how others rate them (more than 15
	// points on at least four of six items); the leading unit has none.
	for _, s := range res.Surveys {
		if s.Code != "leadership" {
			continue
		}
		for _, u := range s.Result.Units {
			n := 0
			for _, g := range u.Gaps {
				if g.BlindSpot && g.Direction == engine.SelfHigher {
					n++
				}
			}
			switch {
			case (u.Unit == "dinglan" || u.Unit == "pengbu") && n < 4:
				t.Errorf("%s has %d blind spots, want at least 4", u.Unit, n)
			case u.Unit == "sijiqing" && n != 0:
				t.Errorf("sijiqing has %d blind spots", n)
			}
		}
	}

	// Ranks (composite with bonus) and grades.
	if got, want := byRank(res), []string{"sijiqing", "kaixuan", "caihe", "jianqiao", "zhanongkou", "jiubao", "pengbu", "dinglan"}; !slices.Equal(got, want) {
		t.Errorf("2017 ranking %v, want %v", got, want)
	}
	grades := map[string]string{"sijiqing": "excellent", "caihe": "excellent", "kaixuan": "excellent", "jianqiao": "good",
		"zhanongkou": "good", "jiubao": "good", "pengbu": "pass", "dinglan": "pass"}
	for code, g := range grades {
		if u := unitOf(t, res, code); u.Grade != g {
			t.Errorf("%s grade %s, want %s", code, u.Grade, g)
		}
	}

	// Exactly one unit is lifted by its bonus: kaixuan, from good into excellent, as an extra
	// place — caihe, whom kaixuan passes on the final score, keeps its excellent place (plan
	// line 3492). jianqiao's and jiubao's bonuses lift nobody.
	var lifted []string
	for _, u := range res.Units {
		if u.LiftedByBonus {
			lifted = append(lifted, u.Code)
		}
	}
	if !slices.Equal(lifted, []string{"kaixuan"}) {
		t.Errorf("lifted by bonus: %v, want kaixuan alone", lifted)
	}
	k, c := unitOf(t, res, "kaixuan"), unitOf(t, res, "caihe")
	if k.BaseGrade != "good" || k.Grade != "excellent" || !(*k.Base < *c.Base) || !(*k.Composite > *c.Composite) || c.BaseGrade != "excellent" {
		t.Errorf("kaixuan base %v %s → %v %s; caihe base %v %s", *k.Base, k.BaseGrade, *k.Composite, k.Grade, *c.Base, c.BaseGrade)
	}
	if g := res.Grades[0]; g.Code != "excellent" || g.Count != 3 || g.Quota != 2 || g.Lifted != 1 {
		t.Errorf("excellent band %+v, want 3 units on a quota of 2, one lifted", g)
	}

	// The last two places: pengbu and dinglan; dinglan was there in 2016 too and is flagged
	// (plan line 3482).
	if got := bottom(res); !slices.Equal(got, []string{"dinglan", "pengbu"}) {
		t.Errorf("2017 last two places %v", got)
	}
	for _, u := range res.Units {
		if u.Flagged != (u.Code == "dinglan") {
			t.Errorf("%s flagged %v", u.Code, u.Flagged)
		}
	}

	// The scores README.md quotes, to their two decimals.
	checkTable(t, res, readme2017)

	// The uncertainty analysis ran with the configured samples and seed.
	if res.Uncertainty == nil || res.Uncertainty.Samples != 2000 || res.Uncertainty.Seed != 20171231 {
		t.Errorf("uncertainty %+v", res.Uncertainty)
	}
}

// readme2016 and readme2017 are the scores README.md shows: targets, social, leadership, base
// composite (before bonus points).
var readme2016 = map[string][4]float64{
	"sijiqing":   {99.83, 92.30, 90.78, 93.20},
	"caihe":      {97.56, 91.71, 89.51, 92.26},
	"jianqiao":   {95.65, 87.47, 84.52, 88.25},
	"zhanongkou": {94.90, 86.43, 83.10, 87.20},
	"kaixuan":    {93.96, 84.98, 86.69, 86.58},
	"pengbu":     {92.05, 84.37, 81.72, 85.12},
	"dinglan":    {83.07, 82.83, 75.35, 81.75},
	"jiubao":     {82.73, 81.14, 78.66, 81.01},
}

var readme2017 = map[string][4]float64{
	"sijiqing":   {100.00, 92.13, 90.59, 93.08},
	"kaixuan":    {97.83, 88.25, 87.96, 89.65},
	"caihe":      {97.75, 90.71, 88.12, 91.37},
	"jianqiao":   {90.21, 88.08, 83.61, 87.73},
	"zhanongkou": {95.29, 86.47, 83.30, 87.32},
	"jiubao":     {85.72, 83.21, 80.45, 83.17},
	"pengbu":     {78.48, 80.06, 76.86, 79.34},
	"dinglan":    {71.18, 79.77, 74.75, 77.73},
}

// readmeAHP is the 2017 table of README.md computed with the expert panel's AHP weights
// (run-ahp.json): targets, social, leadership, base.
var readmeAHP = map[string][4]float64{
	"sijiqing":   {100.00, 92.13, 90.59, 93.08},
	"kaixuan":    {97.47, 88.25, 87.96, 89.59},
	"caihe":      {97.81, 90.71, 88.12, 91.38},
	"jianqiao":   {89.62, 88.08, 83.61, 87.64},
	"zhanongkou": {95.06, 86.47, 83.30, 87.28},
	"jiubao":     {84.51, 83.21, 80.45, 82.99},
	"pengbu":     {76.06, 80.06, 76.86, 78.98},
	"dinglan":    {70.10, 79.77, 74.75, 77.57},
}

func checkTable(t *testing.T, res *engine.Result, table map[string][4]float64) {
	t.Helper()
	for code, want := range table {
		u := unitOf(t, res, code)
		got := [4]float64{*u.Components[0].Score, *u.Components[1].Score, *u.Components[2].Score, *u.Base}
		for i := range got {
			if math.Abs(got[i]-want[i]) > 0.0051 {
				t.Errorf("%s %s: %s is %.4f, README.md says %.2f", res.Period, code, []string{"targets", "social", "leadership", "base"}[i], got[i], want[i])
			}
		}
	}
}

func checkMissing(t *testing.T, res *engine.Result, indicator, unit string) {
	t.Helper()
	if len(res.Coverage.Missing) != 1 || res.Coverage.Missing[0].Indicator != indicator || res.Coverage.Missing[0].Unit != unit {
		t.Errorf("%s: missing values %+v, want %s of %s", res.Period, res.Coverage.Missing, indicator, unit)
	}
}

// checkSuppressed checks that exactly the given unit/group cells are suppressed, in every survey
// of the run, and that each has its warning.
func checkSuppressed(t *testing.T, res *engine.Result, want []string) {
	t.Helper()
	var got []string
	for _, s := range res.Surveys {
		for _, u := range s.Result.Units {
			for _, w := range u.Weights {
				if w.Status == engine.GroupStatusSuppressed {
					got = append(got, u.Unit+"/"+w.Group)
				}
			}
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("%s: suppressed %v, want %v", res.Period, got, want)
	}
	var warned []string
	for _, w := range res.Warnings {
		if w.Code == "group_suppressed" {
			warned = append(warned, w.Unit)
		}
	}
	if len(warned) != len(want) {
		t.Errorf("%s: suppression warnings for %v", res.Period, warned)
	}
}

// checkPanel asserts the panel of 2016 and 2017, the awards and the rectification items of the
// README ("The panel, the awards and rectification").
func checkPanel(t *testing.T, res *engine.Result) {
	t.Helper()
	if res.Panel == nil || len(res.Panel.Rows) != 8 {
		t.Fatalf("panel %+v", res.Panel)
	}
	want := map[string][3]int{ // previous rank, rank, places gained
		"sijiqing": {1, 1, 0}, "caihe": {2, 3, -1}, "jianqiao": {3, 4, -1}, "zhanongkou": {4, 5, -1},
		"kaixuan": {5, 2, 3}, "pengbu": {6, 7, -1}, "dinglan": {7, 8, -1}, "jiubao": {8, 6, 2},
	}
	for _, r := range res.Panel.Rows {
		w := want[r.Unit]
		if r.PreviousRank != w[0] || r.Rank != w[1] || r.DeltaRank == nil || *r.DeltaRank != w[2] {
			t.Errorf("panel %s: rank %d → %d (Δ %v), want %v", r.Unit, r.PreviousRank, r.Rank, r.DeltaRank, w)
		}
		if r.DeltaScore == nil || math.Abs(*r.DeltaScore-(*r.Composite-*r.PreviousComposite)) > 1e-12 {
			t.Errorf("panel %s: Δscore %v", r.Unit, r.DeltaScore)
		}
		t.Logf("panel %-10s %6.2f → %6.2f (%+.2f), rank %d → %d", r.Unit, *r.PreviousComposite, *r.Composite, *r.DeltaScore, r.PreviousRank, r.Rank)
	}
	// 进位显著奖: 凯旋 rose 3 places (the rule: at least 3); 九堡's 2 places are not enough.
	// 意见整改成效显著奖: 九堡's one item was closed and audited in 2017; 丁兰's audit fell in 2018.
	got := []string{}
	for _, a := range res.Awards {
		got = append(got, a.Code+":"+a.Unit)
	}
	if w := []string{"rank_rise:kaixuan", "rectification:jiubao"}; !slices.Equal(got, w) {
		t.Errorf("awards %v, want %v", got, w)
	}
	status := map[string]string{}
	for _, r := range res.Rectifications {
		status[r.Unit] = r.StatusAtEnd
	}
	if status["jiubao"] != engine.RectifyAudited || status["dinglan"] != engine.RectifyClosed || len(status) != 2 {
		t.Errorf("rectification status at the end of 2017 %v, want jiubao audited, dinglan closed", status)
	}
	// The two assessment dimensions, and the challenge target of revenue growth (10 %).
	for _, u := range res.Units {
		if len(u.Assessment) != 2 || u.Assessment[0].Code != engine.AssessAchievement || u.Assessment[0].Score == nil ||
			u.Assessment[1].Code != engine.AssessMeasurement || u.Assessment[1].Score == nil {
			t.Errorf("%s assessment %+v", u.Code, u.Assessment)
		}
	}
	met := 0
	for _, ir := range res.Indicators {
		if ir.Code != "fiscal_revenue" {
			continue
		}
		if ir.Benchmark == nil || ir.Benchmark.BestUnit == "" {
			t.Errorf("fiscal_revenue benchmark %+v", ir.Benchmark)
		}
		for _, c := range ir.Cells {
			if c.Challenge == nil || *c.Challenge != 10 || c.ChallengeMet == nil || c.Previous == nil {
				t.Errorf("fiscal_revenue %s: challenge %v met %v previous %v", c.Unit, c.Challenge, c.ChallengeMet, c.Previous)
				continue
			}
			growth := 100 * (*c.Value / *c.Previous - 1)
			if *c.ChallengeMet != (growth >= 10) {
				t.Errorf("fiscal_revenue %s: growth %.2f%%, met %v", c.Unit, growth, *c.ChallengeMet)
			}
			if *c.ChallengeMet {
				met++
			}
		}
	}
	t.Logf("fiscal_revenue: %d of 8 units met the 10%% challenge target", met)
}

func deref(x *float64) float64 {
	if x == nil {
		return math.NaN()
	}
	return *x
}

// The expert panel of weights-ahp.json (ahp-panel.json): five experts, every matrix on Saaty's
// scale and reciprocal, in the framework's nodes and child order; the AHP set derives complete
// weights with exactly one matrix — 王志刚's root — above CR 0.10 and excluded by the gate, the
// others consistent; the economy dimension weighs least, as in the direct set (plan line 3398).
// run-ahp.json computed with these weights changes only the target-assessment component: the
// social and leadership scores are those of the same request with the direct weights.
func TestExpertPanel(t *testing.T) {
	ex := load(t)
	var p evaluation.JudgmentPanel
	readJSON(t, "ahp-panel.json", &p)
	var ws engine.WeightSet
	readJSON(t, "weights-ahp.json", &ws)
	if !p.Illustrative || !strings.HasPrefix(p.Note, Synthetic) || !ws.Illustrative || ws.Method != engine.WeightAHP || !strings.Contains(ws.Name, Synthetic) {
		t.Errorf("the panel and its weight set must be illustrative and say SYNTHETIC: %+v", ws)
	}
	nodes := engine.WeightNodes(ex.framework)
	scale := map[float64]bool{}
	for k := 1; k <= 9; k++ {
		scale[float64(k)], scale[1/float64(k)] = true, true
	}
	keys := map[string]bool{}
	var js []engine.Judgment
	for _, e := range p.Experts {
		if keys[e.Key] || e.Organisation == "" || strings.ContainsAny(e.Name, "（）()") || !strings.HasPrefix(e.Name, "模拟专家 ") {
			t.Errorf("expert %q %q (%q): keys must differ, the organisation is its own field, and the name (模拟专家 …) carries no brackets", e.Key, e.Name, e.Organisation)
		}
		keys[e.Key] = true
		if len(e.Judgments) != len(nodes) {
			t.Fatalf("%s: %d matrices for %d nodes", e.Key, len(e.Judgments), len(nodes))
		}
		for k, j := range e.Judgments {
			if j.Node != nodes[k].Code || !slices.Equal(j.Criteria, nodes[k].Children) {
				t.Errorf("%s: matrix %d is for %s %v, want %s %v", e.Key, k, j.Node, j.Criteria, nodes[k].Code, nodes[k].Children)
			}
			for a, row := range j.Matrix {
				for b, x := range row {
					if a == b && x != 1 || a != b && (!scale[x] || j.Matrix[b][a] != 1/x) {
						t.Errorf("%s/%s: a[%d][%d] = %v is not on Saaty's scale with its reciprocal", e.Key, j.Node, a, b, x)
					}
				}
			}
			js = append(js, engine.Judgment{Node: j.Node, Expert: e.Key, ExpertName: e.Name, Organisation: e.Organisation, Criteria: j.Criteria, Matrix: j.Matrix})
		}
	}
	if len(p.Experts) != 5 {
		t.Errorf("%d experts, want 5", len(p.Experts))
	}
	w, err := engine.DeriveWeights(ex.framework, &ws, js, nil)
	if err != nil || !w.Complete {
		t.Fatalf("weights: %v %+v", err, w)
	}
	var excluded []string
	for _, er := range w.Experts {
		t.Logf("%-13s %-13s CR %.3f excluded %v", er.Expert, er.Node, er.CR, er.Excluded)
		if er.Excluded {
			excluded = append(excluded, er.Expert+"/"+er.Node)
		}
		if er.Excluded != (er.CR > 0.1) || er.Consistent == er.Excluded {
			t.Errorf("%s/%s: CR %.3f, consistent %v, excluded %v", er.Expert, er.Node, er.CR, er.Consistent, er.Excluded)
		}
	}
	if want := []string{inconsistent[0] + "/" + inconsistent[1]}; !slices.Equal(excluded, want) {
		t.Errorf("excluded %v, want %v", excluded, want)
	}
	for _, n := range w.Nodes {
		if want := 5 - map[bool]int{true: 1}[n.Node == inconsistent[1]]; n.Experts != want {
			t.Errorf("node %s aggregates %d matrices, want %d", n.Node, n.Experts, want)
		}
	}
	dims := map[string]float64{}
	for _, d := range w.Dimensions {
		dims[string(d.Dimension)] = d.Weight
	}
	for _, g := range w.Global {
		t.Logf("%-32s %.4f", g.Indicator, g.Weight)
	}
	// The dimension weights of README.md, to three decimals.
	for d, want := range map[string]float64{"economy": 0.168, "efficiency": 0.242, "effectiveness": 0.300, "equity": 0.289} {
		if got := dims[d]; math.Abs(got-want) > 0.0005 {
			t.Errorf("dimension %s weighs %.4f, README.md says %.3f", d, got, want)
		}
		if d != "economy" && dims[d] <= dims["economy"] {
			t.Errorf("dimension %s weighs %.3f, not more than economy's %.3f", d, dims[d], dims["economy"])
		}
	}

	res16, err := engine.Compute(ex.inputs(t, "run-2016.json", nil))
	if err != nil {
		t.Fatal(err)
	}
	prev := engine.PreviousOf("", "2016", "", res16)
	direct, err := engine.Compute(ex.inputs(t, "run-ahp.json", prev))
	if err != nil {
		t.Fatal(err)
	}
	in := ex.inputs(t, "run-ahp.json", prev)
	in.Weights = engine.RunWeights{Set: ws, Judgments: js}
	in.Canonicalize()
	ahp, err := engine.Compute(in)
	if err != nil {
		t.Fatal(err)
	}
	t.Log("2017 with the panel's AHP weights:")
	logResult(t, ahp)
	targetsDiffer := 0
	for _, u := range ahp.Units {
		d := unitOf(t, direct, u.Code)
		for k, c := range u.Components {
			same := c.Score == nil && d.Components[k].Score == nil || deref(c.Score) == deref(d.Components[k].Score)
			switch {
			case c.Code == "targets" && !same:
				targetsDiffer++
			case c.Code != "targets" && !same:
				t.Errorf("%s: %s %.4f with AHP weights, %.4f with the direct ones", u.Code, c.Code, deref(c.Score), deref(d.Components[k].Score))
			}
		}
	}
	if targetsDiffer == 0 {
		t.Error("the AHP weights change no unit's target-assessment score")
	}
	// The ranking and the grades are those of the direct weights (README.md).
	if got, want := byRank(ahp), byRank(direct); !slices.Equal(got, want) {
		t.Errorf("ranking with the AHP weights %v, with the direct ones %v", got, want)
	}
	for _, u := range ahp.Units {
		if d := unitOf(t, direct, u.Code); u.Grade != d.Grade || u.BaseGrade != d.BaseGrade {
			t.Errorf("%s: grade %s (base %s) with the AHP weights, %s (base %s) with the direct ones", u.Code, u.Grade, u.BaseGrade, d.Grade, d.BaseGrade)
		}
	}
	checkTable(t, ahp, readmeAHP)
	if cc := ahp.Constraints; len(cc) != 1 || !cc[0].Met {
		t.Errorf("public share %+v", cc)
	}
}
