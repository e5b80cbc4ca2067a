package engine_test

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// randomSurvey is a 360 survey over fiveUnits' units with seeded random responses, shuffled:
// five groups (self, expert and three others, one of which falls below its minimum in some
// units, so cells are suppressed), items whose byte order differs from their definition order,
// raters shared across units (leniency correction has work) and across groups, items a rater
// could not judge left out (unanswered), tied scores (integers on 1–5) and fractional ones
// (halves and quarters, some written with many digits).
func randomSurvey(seed uint64, leniency bool) (*engine.RunInputs, []engine.Response) {
	in := fiveUnits()
	sv := &engine.Survey{Code: "s360", Title: "360度评价", Kind: engine.Survey360, Scale: engine.Scale{Min: 1, Max: 5},
		Options: engine.SurveyOptions{LeniencyCorrection: leniency, TrimK: 1},
		Items:   []engine.SurveyItem{{Code: "q2", Text: "一"}, {Code: "q10", Text: "二"}, {Code: "q1", Text: "三"}, {Code: "Z9", Text: "四"}},
		Groups: []engine.RaterGroup{{Code: "superior", Name: "上级", Weight: 0.3, MinRaters: 3}, {Code: "peer", Name: "同级", Weight: 0.2, MinRaters: 4},
			{Code: "public", Name: "公众", Weight: 0.4, MinRaters: 3}, {Code: engine.GroupExpert, Name: "专家", Weight: 0.1, MinRaters: 2},
			{Code: engine.GroupSelf, Name: "自评", Weight: 0, MinRaters: 1}}}
	rng := rand.New(rand.NewPCG(seed, 15))
	var units []string
	for _, u := range in.Units {
		units = append(units, u.Code)
	}
	experts := []string{}
	for range 4 {
		experts = append(experts, fmt.Sprintf("%064x", rng.Uint64()))
	}
	var rs []engine.Response
	for _, u := range units {
		for _, g := range sv.Groups {
			n := 2 + rng.IntN(6) // 2–7 raters: below the minimum of 3 or 4 now and then
			if g.Code == engine.GroupSelf {
				n = 1
			}
			for r := range n {
				rater := fmt.Sprintf("%064x", uint64(rng.IntN(12))*7919+uint64(r)<<32+uint64(len(g.Code))<<48)
				if g.Code == engine.GroupExpert && r < len(experts) {
					rater = experts[r] // the same experts rate every unit (Kendall's W)
				}
				for _, it := range sv.Items {
					if rng.IntN(8) == 0 {
						continue // cannot judge: no response
					}
					score := float64(1 + rng.IntN(5))
					switch rng.IntN(6) {
					case 0:
						score = 1 + float64(rng.IntN(17))/4
					case 1:
						score = 1 + 0.1*float64(1+rng.IntN(30)) // 1.1, 1.2000000000000002, …
					}
					rs = append(rs, engine.Response{Unit: u, Group: g.Code, Rater: rater, Item: it.Code, Score: score})
				}
			}
		}
	}
	rng.Shuffle(len(rs), func(i, j int) { rs[i], rs[j] = rs[j], rs[i] })
	in.Surveys = []engine.RunSurvey{{Survey: sv}}
	in.Config.Components = []engine.Component{
		{Code: "targets", Name: "目标考核", Weight: 0.4, Source: "indicators"},
		{Code: "s360", Name: "360度评价", Weight: 0.6, Source: "survey:s360"},
	}
	return in, rs
}

// The run's path — responses in a ResponseTable, canonicalised, digested, then aggregated where
// they lie (AggregateSurveyTable reads a canonical table's rows without a copy) — gives the same inputs
// digest and the same result, byte for byte, as the in-memory path (the responses as a
// []Response), on randomised surveys with tied and fractional scores, unanswered items and
// suppressed cells. The digests are pinned to what the code before issue 15's last changes gave
// (commit 7f7ebb2: the digest wrote each table response through the reflecting encoder, the
// aggregation copied every response into a record slice and sorted that), so both paths are
// also checked against the previous implementation.
func TestTableAggregationMatchesInMemory(t *testing.T) {
	pinned := map[string][2]string{ // {inputs digest, digest of the survey results}
		"seed=1 leniency=false": {"60ead429526d06eaafc15fe90d4d061a42d635b3cedba74fdda424014a017023", "62814f151a5786132d8912b39012c689662a4a2bfe89dbb10ef256ada2ed7719"},
		"seed=1 leniency=true":  {"833652ae18abd93d03002ecde222c9a2034e6954cd011f107bd0831f83756d6b", "1770daed4166f5e815d9cf98f72fd80e19af1e86ad30b6b48e8794709518c68a"},
		"seed=2 leniency=false": {"71635ee7281311f03c6b1dd5a8b69bee79a632aa0dd63aae70e32b4ed98cf357", "d35d8a32ad7958d59c2428e0a7bbd51d887fec2ce18865a0d14fdd615bd9d231"},
		"seed=2 leniency=true":  {"ff61244fb859d52df97a0ae2c29c5fdc899b3d4c75855c8348e681287ee27842", "6aa9bfbc0135992a1216c4dbf105327f4ba7e8eab8f3b0e2c8eb444ca602332e"},
		"seed=3 leniency=false": {"bc9214a152a412c2db3e08db80353e0a6490b96a44f0b534a5dcad7f3bf706ae", "21a9a3fbe325f7fcae50618cda699831c7d3f773ce5b10045bc9745a36b15501"},
		"seed=3 leniency=true":  {"283e33d0f76057702e5b02b8242670ed44524de8e58acf2f05806f75cff78c47", "2b9a1230e4e9b205e96763a9643231a6e08ce5f0d75bdf6e580b2cd3c87570f8"},
	}
	for _, seed := range []uint64{1, 2, 3} {
		for _, leniency := range []bool{false, true} {
			name := fmt.Sprintf("seed=%d leniency=%v", seed, leniency)
			t.Run(name, func(t *testing.T) {
				old, rs := randomSurvey(seed, leniency)
				old.Surveys[0].Responses = slices.Clone(rs)
				old.Canonicalize()
				neu, _ := randomSurvey(seed, leniency)
				neu.Surveys[0].Table = engine.NewResponseTable(rs)
				neu.Canonicalize()
				od, err := engine.Digest(old)
				if err != nil {
					t.Fatal(err)
				}
				nd, err := engine.Digest(neu)
				if err != nil {
					t.Fatal(err)
				}
				if od != nd {
					t.Fatalf("inputs digest %s (slice) ≠ %s (table)", od, nd)
				}
				ores, err := engine.Compute(old)
				if err != nil {
					t.Fatal(err)
				}
				nres, err := engine.Compute(neu)
				if err != nil {
					t.Fatal(err)
				}
				orc, _ := engine.Canonical(ores)
				nrc, _ := engine.Canonical(nres)
				if !bytes.Equal(orc, nrc) {
					t.Fatal("the results differ")
				}
				for _, want := range []string{`"suppressed":true`, `"kendall_w"`, `"gaps"`} {
					if !bytes.Contains(orc, []byte(want)) {
						t.Fatalf("the fixture's result has no %s", want)
					}
				}
				// The aggregated table still holds the run's responses: same inputs digest.
				if again, _ := engine.Digest(neu); again != od {
					t.Fatalf("inputs digest after the aggregation %s, before %s", again, od)
				}
				if got := neu.Surveys[0].Table.Responses(); !slices.Equal(got, old.Surveys[0].Responses) {
					t.Fatal("the aggregated table's responses differ from the sorted slice")
				}
				rd, _ := engine.Digest(ores.Surveys)
				if want := pinned[name]; od != want[0] || rd != want[1] {
					t.Errorf("digests of the inputs %s and of the survey results %s, want %s and %s (the previous implementation's)", od, rd, want[0], want[1])
				}

				// Aggregating a table that is not in canonical order (it sorts the rows itself),
				// and one whose suppressed cells were withheld, gives the same survey result.
				want, err := engine.AggregateSurveyWithheld(old.Surveys[0].Survey, rs, nil)
				if err != nil {
					t.Fatal(err)
				}
				wantJSON, _ := engine.Canonical(want)
				tab := engine.NewResponseTable(rs)
				got, err := engine.AggregateSurveyTable(old.Surveys[0].Survey, tab, nil)
				if err != nil {
					t.Fatal(err)
				}
				if gotJSON, _ := engine.Canonical(got); !bytes.Equal(gotJSON, wantJSON) {
					t.Fatal("the unsorted table aggregates differently")
				}
				if !reflect.DeepEqual(tab, engine.NewResponseTable(rs)) {
					t.Fatal("aggregating a table that is not in canonical order changed the table")
				}
				kept, cells, err := engine.WithholdSuppressed(old.Surveys[0].Survey, rs)
				if err != nil {
					t.Fatal(err)
				}
				if len(cells) == 0 {
					t.Fatal("no cell is suppressed")
				}
				got, err = engine.AggregateSurveyTable(old.Surveys[0].Survey, engine.NewResponseTable(kept), cells)
				if err != nil {
					t.Fatal(err)
				}
				if gotJSON, _ := engine.Canonical(got); !bytes.Equal(gotJSON, wantJSON) {
					t.Fatal("the table with suppressed cells withheld aggregates differently")
				}
			})
		}
	}
}

// Invalid responses in a table fail as the same responses in a slice do, with the same problems,
// and leave the table as it was; a repeated response (found once the rows are in order) too.
func TestTableAggregationInvalid(t *testing.T) {
	in, rs := randomSurvey(4, false)
	sv := in.Surveys[0].Survey
	dup := rs[7]
	dup.Score = 6 - dup.Score
	for _, c := range []struct {
		name  string
		extra []engine.Response
		id    messages.ID
	}{
		{"unknown group, item and unit, score off the scale", []engine.Response{
			{Unit: "", Group: "nobody", Rater: rs[1].Rater, Item: "q99", Score: 9}, {Unit: "u1", Group: "peer", Rater: "", Item: "q1", Score: 0.5}}, messages.ResponsesNoGroup},
		{"repeated response", []engine.Response{dup}, messages.ResponsesTwice},
	} {
		t.Run(c.name, func(t *testing.T) {
			bad := append(slices.Clone(rs[:len(rs)/2]), c.extra...)
			bad = append(bad, rs[len(rs)/2:]...)
			_, errSlice := engine.AggregateSurveyWithheld(sv, bad, nil)
			tab := engine.NewResponseTable(bad)
			_, errTable := engine.AggregateSurveyTable(sv, tab, nil)
			var ve, vs *engine.ValidationError
			if !errors.As(errTable, &ve) || !errors.As(errSlice, &vs) || errSlice.Error() != errTable.Error() || !reflect.DeepEqual(ve, vs) {
				t.Fatalf("slice: %v\ntable: %v", errSlice, errTable)
			}
			found := false
			for _, p := range ve.Problems {
				if p.MessageID == string(c.id) {
					found = true
				}
			}
			if !found {
				t.Fatalf("no %s problem in %v", c.id, errTable)
			}
			if !reflect.DeepEqual(tab, engine.NewResponseTable(bad)) {
				t.Fatal("the table's responses changed")
			}
		})
	}
}

// ResponseTable.Sort orders rows as SortResponses orders the same responses, repeated ones (equal
// unit, group, rater and item) in their original order — with few unit × group cells (one
// counting pass over the cells) and with more cells than rows (a pass by group, then by unit).
func TestResponseTableSortLikeSortResponses(t *testing.T) {
	for _, c := range []struct {
		name         string
		units, n     int
		groups       []string
		raters, reps int
	}{{"few cells", 7, 5000, []string{"peer", "b", "self", "a0"}, 40, 300}, {"more cells than rows", 30000, 20000, []string{"z", "y", "x"}, 5, 2000}} {
		t.Run(c.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(uint64(c.units), 9))
			var rs []engine.Response
			for range c.n {
				rs = append(rs, engine.Response{Unit: fmt.Sprintf("u%d", rng.IntN(c.units)), Group: c.groups[rng.IntN(len(c.groups))],
					Rater: fmt.Sprintf("%064x", rng.IntN(c.raters)), Item: fmt.Sprintf("q%d", rng.IntN(12)), Score: float64(rng.IntN(5))})
			}
			for range c.reps { // the same unit, group, rater and item again, with another score
				r := rs[rng.IntN(len(rs))]
				r.Score += 10
				rs = append(rs, r)
			}
			rng.Shuffle(len(rs), func(i, j int) { rs[i], rs[j] = rs[j], rs[i] })
			tab := engine.NewResponseTable(rs)
			tab.Sort()
			engine.SortResponses(rs)
			if !slices.Equal(tab.Responses(), rs) {
				t.Fatal("the sorted table differs from the sorted responses")
			}
		})
	}
}

// Canonical writes a struct's members in parallel and joins them: the same bytes as the
// sequential WriteCanonical, for a run's inputs and result, a struct value, nil and a failure.
func TestCanonicalParallelLikeSequential(t *testing.T) {
	in, rs := randomSurvey(5, true)
	in.Surveys[0].Responses = rs
	in.Canonicalize()
	res, err := engine.Compute(in)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []any{in, res, *res, res.Surveys[0].Result, nil, (*engine.Result)(nil), struct{ A, B []int }{A: []int{1}}} {
		var seq bytes.Buffer
		if err := engine.WriteCanonical(&seq, v); err != nil {
			t.Fatal(err)
		}
		par, err := engine.Canonical(v)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(par, seq.Bytes()) {
			t.Fatalf("%T: parallel %.200s\nsequential %.200s", v, par, seq.Bytes())
		}
	}
	bad := struct {
		A float64
		B string
	}{A: math.NaN(), B: "x"}
	var seq bytes.Buffer
	errSeq := engine.WriteCanonical(&seq, bad)
	_, errPar := engine.Canonical(bad)
	if errSeq == nil || errPar == nil || errSeq.Error() != errPar.Error() {
		t.Fatalf("sequential %v, parallel %v", errSeq, errPar)
	}
}

// Responses naming more distinct groups than a table can index (65,536) are refused like any
// response naming a group the survey does not have, not wrapped around to a valid index.
func TestAggregateTooManyGroups(t *testing.T) {
	in, rs := randomSurvey(6, false)
	sv := in.Surveys[0].Survey
	for g := range 70_000 {
		rs = append(rs, engine.Response{Unit: "u1", Group: fmt.Sprintf("g%05d", g), Rater: rs[0].Rater, Item: "q1", Score: 3})
	}
	_, err := engine.AggregateSurveyWithheld(sv, rs, nil)
	var ve *engine.ValidationError
	if !errors.As(err, &ve) || ve.Total != 70_000 || ve.Problems[0].MessageID != string(messages.ResponsesNoGroup) {
		t.Fatalf("aggregate: %v", err)
	}
	if _, _, err := engine.WithholdSuppressed(sv, rs); !errors.As(err, &ve) || ve.Total != 70_000 {
		t.Fatalf("withhold: %v", err)
	}
}

// Compute only reads its inputs: the run writes the inputs' digest on another goroutine while it
// computes (evaluation's worker), so the race detector (make test runs with -race) fails this
// test on any write; and the inputs afterwards equal, field for field, a fresh copy of them.
func TestComputeLeavesInputsAlone(t *testing.T) {
	for _, leniency := range []bool{false, true} {
		fresh := func() *engine.RunInputs {
			in, rs := randomSurvey(5, leniency)
			in.Surveys[0].Table = engine.NewResponseTable(rs)
			in.Canonicalize()
			return in
		}
		in := fresh()
		want, err := engine.Digest(in)
		if err != nil {
			t.Fatal(err)
		}
		got := make(chan string, 1)
		go func() {
			d, _ := engine.Digest(in)
			got <- d
		}()
		if _, err := engine.Compute(in); err != nil {
			t.Fatal(err)
		}
		if d := <-got; d != want {
			t.Fatalf("leniency=%v: inputs digest while computing %s, before %s", leniency, d, want)
		}
		if !reflect.DeepEqual(in, fresh()) {
			t.Fatalf("leniency=%v: computing changed the inputs", leniency)
		}
	}
}
