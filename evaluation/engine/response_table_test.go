package engine_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"evalbench/evaluation/engine"
)

// tableFixture is a run of fiveUnits with a 360 survey of shuffled responses: four groups (one
// below its minimum for u3, so suppressed), three items (q10 sorts before q2), raters as hex
// pseudonyms shared across units (so leniency correction has work), scores on a 1–5 scale.
func tableFixture(leniency bool) (*engine.RunInputs, []engine.Response) {
	in := fiveUnits()
	sv := &engine.Survey{Code: "s360", Title: "360度评价", Kind: engine.Survey360, Scale: engine.Scale{Min: 1, Max: 5},
		Options: engine.SurveyOptions{LeniencyCorrection: leniency},
		Items:   []engine.SurveyItem{{Code: "q1", Text: "一"}, {Code: "q10", Text: "二"}, {Code: "q2", Text: "三"}},
		Groups: []engine.RaterGroup{{Code: "superior", Name: "上级", Weight: 0.3, MinRaters: 3}, {Code: "peer", Name: "同级", Weight: 0.2, MinRaters: 3},
			{Code: "public", Name: "公众", Weight: 0.5, MinRaters: 3}, {Code: "self", Name: "自评", Weight: 0, MinRaters: 1}}}
	rng := rand.New(rand.NewPCG(3, 4))
	var rs []engine.Response
	for ui, u := range []string{"u1", "u2", "u3", "u4", "u5"} {
		for _, g := range sv.Groups {
			n := 4 + ui
			if u == "u3" && g.Code == "peer" {
				n = 2
			}
			for r := range n {
				rater := fmt.Sprintf("%064x", rng.Uint64()%5+uint64(r)*7919+uint64(len(g.Code))<<40)
				for _, it := range sv.Items {
					if rng.IntN(10) == 0 {
						continue // an unanswered item
					}
					rs = append(rs, engine.Response{Unit: u, Group: g.Code, Rater: rater, Item: it.Code, Score: float64(1 + rng.IntN(5))})
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

// A run whose responses are in a ResponseTable canonicalises, digests and computes to the same
// bytes as the same run with the responses as a []Response — the old path (the worker loads the
// table; reports and the verifier read the slice).
func TestResponseTableMatchesResponses(t *testing.T) {
	for _, leniency := range []bool{false, true} {
		t.Run(fmt.Sprintf("leniency=%v", leniency), func(t *testing.T) {
			old, rs := tableFixture(leniency)
			old.Surveys[0].Responses = slices.Clone(rs)
			old.Canonicalize()
			neu, _ := tableFixture(leniency)
			neu.Surveys[0].Table = engine.NewResponseTable(rs)
			neu.Canonicalize()
			if got := neu.Surveys[0].Table.Responses(); !slices.Equal(got, old.Surveys[0].Responses) {
				t.Fatal("the sorted table's responses differ from the sorted slice")
			}
			oc, err := engine.Canonical(old)
			if err != nil {
				t.Fatal(err)
			}
			nc, err := engine.Canonical(neu)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(oc, nc) {
				t.Fatalf("canonical inputs differ:\nslice %s\ntable %s", oc[:min(len(oc), 400)], nc[:min(len(nc), 400)])
			}
			if !bytes.Contains(nc, []byte(`"item":"q2"`)) {
				t.Fatal("the canonical inputs hold no responses")
			}
			od, _ := engine.Digest(old)
			nd, _ := engine.Digest(neu)
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
			if !bytes.Contains(orc, []byte(`"suppressed"`)) {
				t.Fatal("the fixture suppresses no cell")
			}
			if leniency && !bytes.Contains(orc, []byte(`"leniency"`)) {
				t.Fatal("no leniency report")
			}
		})
	}
}

// A table of responses that break the survey fails as the slice does, with the same problems.
func TestResponseTableInvalidLikeResponses(t *testing.T) {
	in, rs := tableFixture(false)
	rs = append(rs, rs[0], engine.Response{Unit: "u1", Group: "nobody", Rater: rs[1].Rater, Item: "q1", Score: 9})
	_, errSlice := engine.AggregateSurveyWithheld(in.Surveys[0].Survey, rs, nil)
	_, errTable := engine.AggregateSurveyTable(in.Surveys[0].Survey, engine.NewResponseTable(rs), nil)
	if errSlice == nil || errTable == nil || errSlice.Error() != errTable.Error() {
		t.Fatalf("slice: %v\ntable: %v", errSlice, errTable)
	}
}
