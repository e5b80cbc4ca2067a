package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/evaluation/ingest"
	"evalbench/store/storetest"
)

func TestRaterLinks(t *testing.T) {
	db, _ := storetest.New(t)
	ctx := context.Background()
	svc := evaluation.NewService(db, evaluation.WithCodec(ingest.Codec{}))
	a, c := ownerCommission(t, svc, "2016")
	_, err := svc.UpsertUnits(ctx, a, c.ID, []engine.Unit{{Code: "caihe", Name: "采荷街道", Kind: engine.UnitSubdistrict}})
	must(t, err)
	sv, err := svc.CreateSurvey(ctx, a, c.ID, &engine.Survey{Code: "r360", Title: "360度评价", Kind: engine.Survey360,
		Scale:  engine.Scale{Categories: []engine.ScaleCategory{{Label: "好", Score: 100}, {Label: "较好", Score: 80}, {Label: "一般", Score: 60}, {Label: "差", Score: 0}}},
		Items:  []engine.SurveyItem{{Code: "q1", Text: "履职"}, {Code: "q2", Text: "作风"}},
		Groups: []engine.RaterGroup{{Code: engine.GroupPeer, Weight: 1}}})
	must(t, err)

	bad := evaluation.RaterLinksInput{Unit: "nowhere", Group: "mars", Count: 0, Deadline: time.Now().Add(-time.Hour)}
	var ve *engine.ValidationError
	if _, err := svc.IssueRaterLinks(ctx, a, c.ID, sv.ID, bad); !errors.As(err, &ve) || len(ve.Problems) != 4 {
		t.Fatalf("bad input: %v", err)
	}
	links, err := svc.IssueRaterLinks(ctx, a, c.ID, sv.ID, evaluation.RaterLinksInput{Unit: "caihe", Group: engine.GroupPeer, Count: 3, Deadline: time.Now().Add(time.Hour)})
	must(t, err)
	sec := func(i int) string { return strings.TrimPrefix(links[i].Path, "/r/") }

	f, err := svc.OpenRaterForm(ctx, sec(0))
	must(t, err)
	if f.Unit.Name != "采荷街道" || f.Group.Code != engine.GroupPeer || len(f.Items) != 2 {
		t.Fatalf("form %+v", f)
	}
	// A score off the scale is refused by the file checks and the link stays open.
	if _, err := svc.SubmitRaterForm(ctx, sec(0), evaluation.RaterAnswers{Scores: map[string]float64{"q1": 55}}); !errors.Is(err, engine.ErrInvalid) {
		t.Fatalf("a score off the scale: %v", err)
	}
	// q2 "cannot judge"; a comment; submit twice.
	for i := 0; i < 2; i++ {
		f, err = svc.SubmitRaterForm(ctx, sec(0), evaluation.RaterAnswers{Scores: map[string]float64{"q1": 80}, Comment: "电话13812345678联系"})
		must(t, err)
		if f.SubmittedAt == nil {
			t.Fatal("not submitted")
		}
	}
	_, err = svc.SubmitRaterForm(ctx, sec(1), evaluation.RaterAnswers{Scores: map[string]float64{"q1": 100, "q2": 60}})
	must(t, err)
	got, err := svc.GetSurvey(ctx, a, c.ID, sv.ID)
	must(t, err)
	if got.Responses != 3 || got.Imports != 2 {
		t.Fatalf("responses %d in %d imports, want 3 in 2", got.Responses, got.Imports)
	}
	var raters, comments int
	must(t, db.SQL().QueryRowContext(ctx, `SELECT count(DISTINCT rater), count(*) FILTER (WHERE comment LIKE '%13812345678%') FROM survey_responses WHERE survey_id = $1`, sv.ID).Scan(&raters, &comments))
	if raters != 2 || comments != 0 {
		t.Fatalf("raters %d, unredacted comments %d", raters, comments)
	}
	must(t, svc.RevokeRaterLink(ctx, a, c.ID, sv.ID, links[2].ID))
	for _, s := range []string{sec(2), sec(1)[:42] + "x", "short"} {
		if _, err := svc.OpenRaterForm(ctx, s); !errors.Is(err, engine.ErrNotFound) {
			t.Errorf("%s: %v", s, err)
		}
	}
	board, err := svc.GetRaterBoard(ctx, a, c.ID, sv.ID)
	must(t, err)
	if cell := board.Cells[0]; len(board.Cells) != 1 || cell.Issued != 2 || cell.Submitted != 2 || cell.Raters != 2 || cell.MinRaters != 3 || !cell.Suppressed {
		t.Fatalf("board %+v", board)
	}
	ls, err := svc.ListRaterLinks(ctx, a, c.ID, sv.ID)
	must(t, err)
	if len(ls) != 3 {
		t.Fatalf("links %+v", ls)
	}
}
