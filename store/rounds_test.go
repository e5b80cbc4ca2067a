package store_test

import (
	"context"
	"crypto/sha256"
	"errors"
	"strings"
	"testing"
	"time"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/store"
	"evalbench/store/storetest"
)

// roundFramework has three dimensions with indicators (the root compares three children, so its
// CR means something) and one dimension with two indicators.
func roundFramework() *engine.Framework {
	ind := func(code, name string) *engine.Node {
		return &engine.Node{Code: code, Kind: engine.KindIndicator, Name: name, NameEN: code, Indicator: &engine.Indicator{
			Unit: "%", ValueKind: engine.ValueQuantity, Polarity: engine.PolarityHigher, TargetKind: engine.TargetLevel}}
	}
	dims := make([]*engine.Node, 4)
	for i, d := range engine.Dimensions {
		n := engine.DimensionNames[d]
		dims[i] = &engine.Node{Code: string(d), Kind: engine.KindDimension, Name: n[0], NameEN: n[1]}
	}
	dims[0].Children = []*engine.Node{ind("a1", "指标甲")}
	dims[1].Children = []*engine.Node{ind("b1", "指标乙")}
	dims[2].Children = []*engine.Node{ind("c1", "指标丙"), ind("c2", "指标丁")}
	return &engine.Framework{Title: "轮次", PlanStart: 2016, PlanEnd: 2020, Dimensions: dims}
}

type roundFixture struct {
	db       *store.DB
	svc      *evaluation.Service
	owner    evaluation.Actor
	cid, wid string
}

func newRoundFixture(t *testing.T) *roundFixture {
	t.Helper()
	db, _ := storetest.New(t)
	ctx := context.Background()
	svc := evaluation.NewService(db)
	a, c := ownerCommission(t, svc, "2016")
	fw, err := svc.CreateFramework(ctx, a, c.ID, roundFramework())
	must(t, err)
	ws, err := svc.CreateWeightSet(ctx, a, c.ID, &engine.WeightSet{FrameworkID: fw.ID, Name: "专家", Method: engine.WeightAHP})
	must(t, err)
	return &roundFixture{db: db, svc: svc, owner: a, cid: c.ID, wid: ws.WeightSet.ID}
}

// ownerCommission makes an institute, its owner and a commission of 2016–2020 evaluating period.
func ownerCommission(t *testing.T, svc *evaluation.Service, period string) (evaluation.Actor, *evaluation.Commission) {
	t.Helper()
	ctx := context.Background()
	sys := evaluation.SystemActor("test")
	inst, err := svc.CreateInstitute(ctx, sys, evaluation.InstituteInput{Code: "i", Name: "I"})
	must(t, err)
	u, err := svc.CreateUser(ctx, sys, evaluation.UserInput{InstituteID: inst.ID, Name: "owner"})
	must(t, err)
	a := evaluation.Actor{UserID: u.ID, Name: "owner", InstituteID: inst.ID}
	c, err := svc.CreateCommission(ctx, a, evaluation.CommissionInput{Title: "委托", Client: "c", PeriodStart: 2016, PeriodEnd: 2020, EvaluatedPeriod: period})
	must(t, err)
	return a, c
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func secret(l evaluation.RoundLink) string { return strings.TrimPrefix(l.Path, "/q/") }

func TestRoundLinks(t *testing.T) {
	fx := newRoundFixture(t)
	ctx := context.Background()
	w := 2.0
	open, err := fx.svc.OpenRound(ctx, fx.owner, fx.cid, fx.wid, evaluation.RoundInput{Deadline: time.Now().Add(24 * time.Hour),
		Experts: []evaluation.RoundExpertInput{{Name: "张三", Organisation: "大学", Weight: &w}, {Name: "李四"}}})
	must(t, err)
	if got := open.Round.Nodes; len(got) != 2 || got[0] != "root" || got[1] != "effectiveness" {
		t.Fatalf("default nodes %v", got)
	}
	if len(open.Links) != 2 || open.Links[0].Path == open.Links[1].Path || len(secret(open.Links[0])) != 43 {
		t.Fatalf("links %+v", open.Links)
	}
	s0, s1 := secret(open.Links[0]), secret(open.Links[1])

	// Only the hash is stored.
	var stored []byte
	must(t, fx.db.SQL().QueryRowContext(ctx, `SELECT link_sha256 FROM round_experts WHERE position = 1`).Scan(&stored))
	if sum := sha256.Sum256([]byte(s0)); string(stored) != string(sum[:]) {
		t.Fatal("the stored link is not the SHA-256 of the secret")
	}
	var n int
	must(t, fx.db.SQL().QueryRowContext(ctx, `SELECT count(*) FROM round_experts WHERE encode(link_sha256, 'escape') LIKE '%'||$1||'%'`, s0).Scan(&n))
	if n != 0 {
		t.Fatal("the secret is stored")
	}

	q, err := fx.svc.OpenQuestionnaire(ctx, s0)
	must(t, err)
	if q.ExpertName != "张三" || len(q.Nodes) != 2 || len(q.Nodes[0].Pairs) != 3 || len(q.Nodes[1].Pairs) != 1 {
		t.Fatalf("questionnaire %+v", q)
	}

	// Altered and unknown links answer the same not-found.
	altered := s0[:42] + map[bool]string{true: "B", false: "A"}[s0[42] == 'A']
	for _, bad := range []string{altered, "x", s0 + "A", strings.Repeat("A", 43)} {
		if _, err := fx.svc.OpenQuestionnaire(ctx, bad); !errors.Is(err, engine.ErrNotFound) || err.Error() != "questionnaire link: not found" {
			t.Errorf("link %q: %v", bad, err)
		}
	}

	// Answers: inconsistent root (a>b 9, b>c 9, a<c), then a version conflict between two tabs.
	ans := func(s string, in ...evaluation.AnswerInput) *evaluation.Questionnaire {
		t.Helper()
		q, err := fx.svc.SaveAnswers(ctx, s, in)
		must(t, err)
		return q
	}
	q = ans(s0, evaluation.AnswerInput{Node: "root", I: 0, J: 1, Value: 9}, evaluation.AnswerInput{Node: "root", I: 1, J: 2, Value: 9},
		evaluation.AnswerInput{Node: "root", I: 0, J: 2, Value: -5})
	root := q.Nodes[0]
	if root.CR == nil || root.Consistent || root.Suggestion == nil {
		t.Fatalf("root %+v", root)
	}
	if root.Pairs[0].Version != 1 {
		t.Fatalf("first version %d", root.Pairs[0].Version)
	}
	// Tab 2 saw the form before the first answer (seen 0) and changes only the (0,2) pair; the
	// unchanged pairs it sends with seen = value are not written.
	q = ans(s0, evaluation.AnswerInput{Node: "root", I: 0, J: 1, Value: 9, Seen: 9}, evaluation.AnswerInput{Node: "root", I: 0, J: 2, Value: 3, Seen: -5})
	if p := q.Nodes[0].Pairs; p[0].Version != 1 || p[1].Value != 3 || p[1].Version != 2 {
		t.Fatalf("pairs after the second tab %+v", p)
	}
	sg := q.Nodes[0].Suggestion
	if sg != nil {
		q = ans(s0, evaluation.AnswerInput{Node: "root", I: sg.I, J: sg.J, Value: sg.Suggested, Seen: sg.Current, Choice: evaluation.ChoiceSuggestion})
	}
	if _, err := fx.svc.SaveAnswers(ctx, s0, []evaluation.AnswerInput{{Node: "root", I: 0, J: 1, Value: 0}}); !errors.Is(err, engine.ErrInvalid) {
		t.Fatalf("value 0: %v", err)
	}
	if _, err := fx.svc.SaveAnswers(ctx, s0, []evaluation.AnswerInput{{Node: "c1", I: 0, J: 1, Value: 2}}); !errors.Is(err, engine.ErrInvalid) {
		t.Fatalf("a node outside the round: %v", err)
	}

	// Submitting with a pair missing submits nothing; then submit twice.
	q, err = fx.svc.SubmitQuestionnaire(ctx, s0)
	must(t, err)
	if q.SubmittedAt != nil || len(q.Missing) != 1 {
		t.Fatalf("incomplete submission %+v", q)
	}
	ans(s0, evaluation.AnswerInput{Node: "effectiveness", I: 0, J: 1, Value: 3})
	q1, err := fx.svc.SubmitQuestionnaire(ctx, s0)
	must(t, err)
	q2, err := fx.svc.SubmitQuestionnaire(ctx, s0)
	must(t, err)
	if q1.SubmittedAt == nil || q2.SubmittedAt == nil || !q1.SubmittedAt.Equal(*q2.SubmittedAt) {
		t.Fatalf("submit twice: %v, %v", q1.SubmittedAt, q2.SubmittedAt)
	}
	if _, err := fx.svc.SaveAnswers(ctx, s0, []evaluation.AnswerInput{{Node: "effectiveness", I: 0, J: 1, Value: 5, Seen: 3}}); !errors.Is(err, engine.ErrConflict) {
		t.Fatalf("a change after submitting: %v", err)
	}

	// Revoke, reissue, expiry; the other expert's link is good for them only.
	exp := open.Round.Experts[1].ID
	must(t, fx.svc.RevokeLink(ctx, fx.owner, fx.cid, fx.wid, open.Round.ID, exp))
	if _, err := fx.svc.OpenQuestionnaire(ctx, s1); !errors.Is(err, engine.ErrNotFound) {
		t.Fatalf("revoked link: %v", err)
	}
	l, err := fx.svc.ReissueLink(ctx, fx.owner, fx.cid, fx.wid, open.Round.ID, exp)
	must(t, err)
	q, err = fx.svc.OpenQuestionnaire(ctx, secret(*l))
	must(t, err)
	if q.ExpertName != "李四" {
		t.Fatalf("the reissued link opens %s", q.ExpertName)
	}
	if _, err := fx.svc.OpenQuestionnaire(ctx, s1); !errors.Is(err, engine.ErrNotFound) {
		t.Fatalf("the old link after a reissue: %v", err)
	}
	if _, err := fx.svc.ReissueLink(ctx, fx.owner, fx.cid, fx.wid, open.Round.ID, open.Round.Experts[0].ID+"x"); !errors.Is(err, engine.ErrNotFound) {
		t.Fatalf("a foreign expert: %v", err)
	}
	links, err := fx.svc.UnansweredLinks(ctx, fx.owner, fx.cid, fx.wid, open.Round.ID)
	must(t, err)
	if len(links) != 1 || links[0].Name != "李四" {
		t.Fatalf("unanswered links %+v", links)
	}

	prog, err := fx.svc.GetRoundProgress(ctx, fx.owner, fx.cid, fx.wid, open.Round.ID)
	must(t, err)
	if prog.Submitted != 1 || prog.Experts[0].Matrices[0].CR == nil || prog.Experts[1].Matrices[0].Answered != 0 {
		t.Fatalf("progress %+v", prog)
	}

	closed, err := fx.svc.CloseRound(ctx, fx.owner, fx.cid, fx.wid, open.Round.ID)
	must(t, err)
	if closed.Stored != 2 || closed.WeightSet.WeightSet.AHP.Experts["round1-expert01"] != 2 {
		t.Fatalf("closed %+v", closed)
	}
	if len(closed.WeightSet.Judgments) != 2 {
		t.Fatalf("judgments %+v", closed.WeightSet.Judgments)
	}
	if _, err := fx.svc.OpenQuestionnaire(ctx, secret(links[0])); !errors.Is(err, engine.ErrNotFound) {
		t.Fatalf("a link of a closed round: %v", err)
	}
	if _, err := fx.svc.CloseRound(ctx, fx.owner, fx.cid, fx.wid, open.Round.ID); !errors.Is(err, engine.ErrConflict) {
		t.Fatalf("closing twice: %v", err)
	}

	// Expiry.
	open2, err := fx.svc.OpenRound(ctx, fx.owner, fx.cid, fx.wid, evaluation.RoundInput{Deadline: time.Now().Add(time.Hour), Nodes: []string{"effectiveness"},
		Experts: []evaluation.RoundExpertInput{{Name: "王五"}}})
	must(t, err)
	if _, err := fx.svc.OpenQuestionnaire(ctx, secret(open2.Links[0])); err != nil {
		t.Fatal(err)
	}
	_, err = fx.db.SQL().ExecContext(ctx, `UPDATE judgment_rounds SET deadline = now() - interval '1 second' WHERE id = $1`, open2.Round.ID)
	must(t, err)
	if _, err := fx.svc.OpenQuestionnaire(ctx, secret(open2.Links[0])); !errors.Is(err, engine.ErrNotFound) {
		t.Fatalf("an expired link: %v", err)
	}
	rs, err := fx.svc.ListRounds(ctx, fx.owner, fx.cid, fx.wid)
	must(t, err)
	if len(rs) != 2 || rs[0].Number != 2 {
		t.Fatalf("rounds %+v", rs)
	}
}

func TestOpenRoundValidation(t *testing.T) {
	fx := newRoundFixture(t)
	ctx := context.Background()
	neg := -1.0
	_, err := fx.svc.OpenRound(ctx, fx.owner, fx.cid, fx.wid, evaluation.RoundInput{Deadline: time.Now().Add(-time.Hour), Nodes: []string{"c1", "root", "root"},
		Experts: []evaluation.RoundExpertInput{{Name: " "}, {Name: "x", Weight: &neg, Key: "bad key"}}})
	var ve *engine.ValidationError
	if !errors.As(err, &ve) || len(ve.Problems) < 5 {
		t.Fatalf("err = %v", err)
	}
}
