package evaluation

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// A judgment round asks named experts, who hold no account, to judge a weight set's hierarchy in
// the browser. Each expert gets a personal link: a capability of 256 random bits, shown once and
// stored only as its SHA-256, good for that expert and that round until the deadline, revocable
// and reissuable. The experts' answers are drafts until they submit; closing the round stores the
// submitted matrices as the weight set's judgments, where the set's gate applies to them as to
// any other matrix (CR threshold, exclusion with reasons, AIJ/AIP, expert weights).

// LinkTx is the storage of the capability links experts and raters answer through: judgment
// rounds and survey rater links.
type LinkTx interface {
	RoundTx
	RaterLinkTx
}

// RoundTx is the storage of judgment rounds, their experts' links and answers. Not-found answers
// wrap ErrNotFound.
type RoundTx interface {
	// CreateRound stores r as the weight set's next round number, filling ID, Number, CreatedAt.
	CreateRound(ctx context.Context, r *Round) error
	// CreateRoundExpert stores an expert of a round with the SHA-256 of their link, filling ID
	// and LinkIssued.
	CreateRoundExpert(ctx context.Context, roundID string, e *RoundExpert, linkSHA256 []byte) error
	// ListRounds lists a weight set's rounds, newest first, each with its experts.
	ListRounds(ctx context.Context, weightSetID string) ([]Round, error)
	// GetRound returns a round of the weight set with its experts, locking the round's row until
	// the transaction ends when forUpdate.
	GetRound(ctx context.Context, weightSetID, id string, forUpdate bool) (*Round, error)
	// RoundExpertByLink returns the round and the expert whose current link has the SHA-256,
	// locking the expert's row until the transaction ends.
	RoundExpertByLink(ctx context.Context, linkSHA256 []byte) (*Round, *RoundExpert, error)
	// SetRoundLink replaces an expert's link hash (a reissue), clearing any revocation.
	SetRoundLink(ctx context.Context, expertID string, linkSHA256 []byte, at time.Time) error
	// RevokeRoundLink marks an expert's link revoked at at.
	RevokeRoundLink(ctx context.Context, expertID string, at time.Time) error
	// ListRoundAnswers lists an expert's answers by node (byte order), i and j.
	ListRoundAnswers(ctx context.Context, expertID string) ([]RoundAnswer, error)
	// SaveRoundAnswer stores one answer, replacing the expert's earlier answer to the pair and
	// incrementing its version (1 for a first answer); it fills a.Version and a.SavedAt.
	SaveRoundAnswer(ctx context.Context, expertID string, a *RoundAnswer, at time.Time) error
	// SubmitRoundExpert marks an expert's answers submitted at at.
	SubmitRoundExpert(ctx context.Context, expertID string, at time.Time) error
	// CloseRound marks a round closed by a user at at.
	CloseRound(ctx context.Context, id, by string, at time.Time) error
}

// Round is one judgment round on a weight set.
type Round struct {
	ID           string        `json:"id"`
	CommissionID string        `json:"commission_id"`
	WeightSetID  string        `json:"weight_set_id"`
	Number       int           `json:"number"`
	Nodes        []string      `json:"nodes"`
	Deadline     time.Time     `json:"deadline"`
	CreatedBy    string        `json:"created_by,omitempty"`
	CreatedAt    time.Time     `json:"created_at"`
	ClosedAt     *time.Time    `json:"closed_at,omitempty"`
	ClosedBy     string        `json:"closed_by,omitempty"`
	Experts      []RoundExpert `json:"experts"`
}

// RoundExpert is an expert asked in a round (never the link: only its hash is stored).
type RoundExpert struct {
	ID           string     `json:"id"`
	Position     int        `json:"position"`
	Key          string     `json:"key"`
	Name         string     `json:"name"`
	Organisation string     `json:"organisation,omitempty"`
	Weight       *float64   `json:"weight,omitempty"`
	LinkIssued   time.Time  `json:"link_issued"`
	RevokedAt    *time.Time `json:"revoked_at,omitempty"`
	SubmittedAt  *time.Time `json:"submitted_at,omitempty"`
}

// RoundExpertInput names an expert of a new round. Key, when given, is the key their matrices
// carry in the weight set's judgments (default: roundN-expertNN).
type RoundExpertInput struct {
	Key          string   `json:"key,omitempty"`
	Name         string   `json:"name"`
	Organisation string   `json:"organisation,omitempty"`
	Weight       *float64 `json:"weight,omitempty"`
}

// RoundInput opens a round: the nodes to judge (default: every node of the framework with two
// children or more), the experts and the deadline.
type RoundInput struct {
	Nodes    []string           `json:"nodes,omitempty"`
	Experts  []RoundExpertInput `json:"experts"`
	Deadline time.Time          `json:"deadline"`
}

// RoundLink is an expert's personal link, shown once: Path is the questionnaire's path on the
// site (/q/SECRET).
type RoundLink struct {
	ExpertID     string    `json:"expert_id"`
	Key          string    `json:"key"`
	Name         string    `json:"name"`
	Organisation string    `json:"organisation,omitempty"`
	Path         string    `json:"path"`
	ExpiresAt    time.Time `json:"expires_at"`
}

// OpenedRound is a new round with its links, shown once.
type OpenedRound struct {
	Round *Round      `json:"round"`
	Links []RoundLink `json:"links"`
}

// Answer choices: how an answer came about.
const (
	ChoiceAnswer     = "answer"     // given by the expert
	ChoiceSuggestion = "suggestion" // the expert took the value suggested to lower CR
	ChoiceKept       = "kept"       // the expert kept the answer the suggestion would change
)

// RoundAnswer is one answer: node's children I and J (I < J) compared on the signed scale —
// 1 equal, 2…9 child I more important, −2…−9 child J more important.
type RoundAnswer struct {
	Node    string    `json:"node"`
	I       int       `json:"i"`
	J       int       `json:"j"`
	Value   int       `json:"value"`
	Choice  string    `json:"choice"`
	Version int       `json:"version"`
	SavedAt time.Time `json:"saved_at"`
}

// SaatyValue converts a signed scale value to the matrix entry a_ij: v for v ≥ 1, 1/|v| below.
func SaatyValue(v int) float64 {
	if v >= 1 {
		return float64(v)
	}
	return 1 / float64(-v)
}

// SignedValue converts a matrix entry a_ij on Saaty's scale to the signed scale.
func SignedValue(a float64) int {
	if a >= 1 {
		return int(math.Round(a))
	}
	v := -int(math.Round(1 / a))
	if v == -1 {
		return 1
	}
	return v
}

// validScale reports whether v is on the signed scale.
func validScale(v int) bool { return v >= -9 && v <= 9 && v != 0 && v != -1 }

// MatrixProgress is the state of one matrix of an expert: how many pairs are answered and, when
// all are, its CR under the set's options.
type MatrixProgress struct {
	Node       string   `json:"node"`
	Answered   int      `json:"answered"`
	Pairs      int      `json:"pairs"`
	CR         *float64 `json:"cr,omitempty"`
	Consistent *bool    `json:"consistent,omitempty"`
}

// ExpertProgress is one expert's progress in a round.
type ExpertProgress struct {
	RoundExpert
	Matrices []MatrixProgress `json:"matrices"`
}

// RoundProgress is who has answered what in a round.
type RoundProgress struct {
	Round     *Round           `json:"round"`
	Submitted int              `json:"submitted"`
	Experts   []ExpertProgress `json:"experts"`
}

// RoundClosed reports a closed round: the matrices stored as the weight set's judgments and the
// set as it now derives.
type RoundClosed struct {
	Round     *Round           `json:"round"`
	Stored    int              `json:"stored"`
	WeightSet *WeightSetDetail `json:"weight_set"`
}

// linkBytes is the size of a link's secret: 256 random bits.
const linkBytes = 32

// newLink returns a fresh link secret (base64url, no padding) and its SHA-256.
func newLink() (string, []byte, error) {
	b := make([]byte, linkBytes)
	if _, err := rand.Read(b); err != nil {
		return "", nil, fmt.Errorf("link secret: %w", err)
	}
	secret := base64.RawURLEncoding.EncodeToString(b)
	sum := sha256.Sum256([]byte(secret))
	return secret, sum[:], nil
}

// linkHash returns the SHA-256 of a link secret, or false when the text cannot be a secret (an
// altered link then answers as a missing one, without a query).
func linkHash(secret string) ([]byte, bool) {
	if len(secret) != base64.RawURLEncoding.EncodedLen(linkBytes) {
		return nil, false
	}
	if _, err := base64.RawURLEncoding.DecodeString(secret); err != nil {
		return nil, false
	}
	sum := sha256.Sum256([]byte(secret))
	return sum[:], true
}

// QuestionnairePath is the site path of a questionnaire link.
func QuestionnairePath(secret string) string { return "/q/" + secret }

// errLink is the one answer to a link that is altered, expired, revoked, of a closed round or
// unknown: they all look the same.
var errLink = fmt.Errorf("questionnaire link: %w", engine.ErrNotFound)

func roundLink(r *Round, e *RoundExpert, secret string) RoundLink {
	return RoundLink{ExpertID: e.ID, Key: e.Key, Name: e.Name, Organisation: e.Organisation, Path: QuestionnairePath(secret), ExpiresAt: r.Deadline}
}

// roundNodes returns the nodes a round may judge: those of the framework with two children or
// more, in tree order.
func roundNodes(f *engine.Framework) []engine.WeightNode {
	var out []engine.WeightNode
	for _, n := range engine.WeightNodes(f) {
		if len(n.Children) >= 2 {
			out = append(out, n)
		}
	}
	return out
}

// checkRound validates a round's input against the weight set's framework, filling the default
// nodes.
func checkRound(f *engine.Framework, in *RoundInput, now time.Time) error {
	v := engine.NewValidation(messages.ValidationRound)
	all := roundNodes(f)
	if len(in.Nodes) == 0 {
		for _, n := range all {
			in.Nodes = append(in.Nodes, n.Code)
		}
		if len(in.Nodes) == 0 {
			v.Add(engine.Catalogued("nodes", "", messages.RoundNoComparableNode))
		}
	} else {
		seen := map[string]bool{}
		var ordered []string
		for i, code := range in.Nodes {
			if seen[code] {
				v.Add(engine.Catalogued(fmt.Sprintf("nodes[%d]", i), code, messages.RoundNodeTwice))
			}
			seen[code] = true
			if !slices.ContainsFunc(all, func(n engine.WeightNode) bool { return n.Code == code }) {
				v.Add(engine.Catalogued(fmt.Sprintf("nodes[%d]", i), code, messages.RoundNoSuchNode))
			}
		}
		for _, n := range all {
			if seen[n.Code] {
				ordered = append(ordered, n.Code)
			}
		}
		in.Nodes = ordered
	}
	if !in.Deadline.After(now) {
		v.Add(engine.Catalogued("deadline", "", messages.RoundDeadlineFuture))
	}
	if len(in.Experts) == 0 {
		v.Add(engine.Catalogued("experts", "", messages.RoundExpertsRequired))
	}
	keys := map[string]int{}
	for i := range in.Experts {
		e := &in.Experts[i]
		field := fmt.Sprintf("experts[%d]", i)
		e.Name, e.Organisation, e.Key = strings.TrimSpace(e.Name), strings.TrimSpace(e.Organisation), strings.TrimSpace(e.Key)
		checkExpertText(v, field, e.Name, e.Organisation)
		if e.Weight != nil && !(*e.Weight > 0 && !math.IsInf(*e.Weight, 0)) {
			v.Add(engine.Catalogued(field+".weight", "", messages.WeightSetExpertWeight))
		}
		if e.Key == "" {
			continue
		}
		switch prev, dup := keys[e.Key]; {
		case validID(e.Key) || !engine.ValidCode(e.Key):
			v.Add(engine.Catalogued(field+".key", e.Key, messages.RoundKeyFormat))
		case dup:
			v.Add(engine.Catalogued(field+".key", e.Key, messages.PanelKeySame, "index", prev))
		default:
			keys[e.Key] = i
		}
	}
	return v.Err()
}

// OpenRound opens a judgment round on an AHP weight set and answers with each expert's link,
// shown this once.
func (s *Service) OpenRound(ctx context.Context, a Actor, commissionID, weightSetID string, in RoundInput) (*OpenedRound, error) {
	var out *OpenedRound
	err := s.store.Transact(ctx, func(tx Tx) error {
		if _, err := s.access(ctx, tx, a, commissionID, PermWeights); err != nil {
			return err
		}
		_, ws, f, err := s.judgedWeightSet(ctx, tx, commissionID, weightSetID)
		if err != nil {
			return err
		}
		if err := checkRound(f, &in, s.now()); err != nil {
			return err
		}
		r := &Round{CommissionID: commissionID, WeightSetID: ws.ID, Nodes: in.Nodes, Deadline: in.Deadline.UTC(), CreatedBy: a.UserID}
		if err := tx.CreateRound(ctx, r); err != nil {
			return err
		}
		out = &OpenedRound{Round: r}
		for i, ein := range in.Experts {
			key := ein.Key
			if key == "" {
				key = fmt.Sprintf("round%d-expert%02d", r.Number, i+1)
			}
			e := RoundExpert{Position: i + 1, Key: key, Name: ein.Name, Organisation: ein.Organisation, Weight: ein.Weight}
			secret, sum, err := newLink()
			if err != nil {
				return err
			}
			if err := tx.CreateRoundExpert(ctx, r.ID, &e, sum); err != nil {
				return err
			}
			r.Experts = append(r.Experts, e)
			out.Links = append(out.Links, roundLink(r, &e, secret))
		}
		return s.audit(ctx, tx, a, commissionID, "round.open", "judgment_round", r.ID, r)
	})
	return out, err
}

// ListRounds lists a weight set's rounds, newest first.
func (s *Service) ListRounds(ctx context.Context, a Actor, commissionID, weightSetID string) ([]Round, error) {
	var out []Round
	err := s.store.Transact(ctx, func(tx Tx) error {
		if _, err := s.access(ctx, tx, a, commissionID, PermRead); err != nil {
			return err
		}
		ws, err := s.weightSet(ctx, tx, commissionID, weightSetID, false)
		if err != nil {
			return err
		}
		out, err = tx.ListRounds(ctx, ws.ID)
		return err
	})
	return out, err
}

// round returns a round of a weight set of the commission (ErrNotFound for a foreign one).
func (s *Service) round(ctx context.Context, tx Tx, commissionID, weightSetID, id string, forUpdate bool) (*engine.WeightSet, *Round, error) {
	ws, err := s.weightSet(ctx, tx, commissionID, weightSetID, forUpdate)
	if err != nil {
		return nil, nil, err
	}
	if !validID(id) {
		return nil, nil, fmt.Errorf("round %q: %w", id, engine.ErrNotFound)
	}
	r, err := tx.GetRound(ctx, ws.ID, id, forUpdate)
	return ws, r, err
}

// GetRoundProgress says who has answered what in a round: each expert's answered pairs and,
// for each complete matrix, its CR.
func (s *Service) GetRoundProgress(ctx context.Context, a Actor, commissionID, weightSetID, id string) (*RoundProgress, error) {
	var out *RoundProgress
	err := s.store.Transact(ctx, func(tx Tx) error {
		if _, err := s.access(ctx, tx, a, commissionID, PermRead); err != nil {
			return err
		}
		ws, r, err := s.round(ctx, tx, commissionID, weightSetID, id, false)
		if err != nil {
			return err
		}
		f, err := weightFramework(ctx, tx, ws)
		if err != nil {
			return err
		}
		out = &RoundProgress{Round: r}
		for _, e := range r.Experts {
			answers, err := tx.ListRoundAnswers(ctx, e.ID)
			if err != nil {
				return err
			}
			q, err := questionnaire(f, ws, r, &e, answers)
			if err != nil {
				return err
			}
			ep := ExpertProgress{RoundExpert: e}
			for _, n := range q.Nodes {
				mp := MatrixProgress{Node: n.Code, Answered: n.Answered, Pairs: len(n.Pairs), CR: n.CR}
				if n.CR != nil {
					c := n.Consistent
					mp.Consistent = &c
				}
				ep.Matrices = append(ep.Matrices, mp)
			}
			if e.SubmittedAt != nil {
				out.Submitted++
			}
			out.Experts = append(out.Experts, ep)
		}
		return nil
	})
	return out, err
}

// openRound refuses changes to a closed round.
func openRound(r *Round) error {
	if r.ClosedAt != nil {
		return engine.Refuse(engine.ErrConflict, messages.ConflictRoundClosed, "number", r.Number)
	}
	return nil
}

// ReissueLink gives an expert of an open round a new link (shown once); the old one stops
// working and a revocation is lifted.
func (s *Service) ReissueLink(ctx context.Context, a Actor, commissionID, weightSetID, id, expertID string) (*RoundLink, error) {
	var out *RoundLink
	err := s.store.Transact(ctx, func(tx Tx) error {
		if _, err := s.access(ctx, tx, a, commissionID, PermWeights); err != nil {
			return err
		}
		_, r, err := s.round(ctx, tx, commissionID, weightSetID, id, true)
		if err != nil {
			return err
		}
		if err := openRound(r); err != nil {
			return err
		}
		e, err := roundExpert(r, expertID)
		if err != nil {
			return err
		}
		secret, sum, err := newLink()
		if err != nil {
			return err
		}
		if err := tx.SetRoundLink(ctx, e.ID, sum, s.now()); err != nil {
			return err
		}
		l := roundLink(r, e, secret)
		out = &l
		return s.audit(ctx, tx, a, commissionID, "round.link.reissue", "judgment_round", r.ID, map[string]any{"expert": e.Key})
	})
	return out, err
}

// RevokeLink stops an expert's link from working (reissuing gives a new one).
func (s *Service) RevokeLink(ctx context.Context, a Actor, commissionID, weightSetID, id, expertID string) error {
	return s.store.Transact(ctx, func(tx Tx) error {
		if _, err := s.access(ctx, tx, a, commissionID, PermWeights); err != nil {
			return err
		}
		_, r, err := s.round(ctx, tx, commissionID, weightSetID, id, true)
		if err != nil {
			return err
		}
		e, err := roundExpert(r, expertID)
		if err != nil {
			return err
		}
		if e.RevokedAt != nil {
			return nil
		}
		if err := tx.RevokeRoundLink(ctx, e.ID, s.now()); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, commissionID, "round.link.revoke", "judgment_round", r.ID, map[string]any{"expert": e.Key})
	})
}

// UnansweredLinks reissues the links of the experts of an open round who have not submitted,
// for reminders by mail merge or SMS: links are stored only as hashes, so a reminder carries a
// new link and the old one stops working.
func (s *Service) UnansweredLinks(ctx context.Context, a Actor, commissionID, weightSetID, id string) ([]RoundLink, error) {
	var out []RoundLink
	err := s.store.Transact(ctx, func(tx Tx) error {
		if _, err := s.access(ctx, tx, a, commissionID, PermWeights); err != nil {
			return err
		}
		_, r, err := s.round(ctx, tx, commissionID, weightSetID, id, true)
		if err != nil {
			return err
		}
		if err := openRound(r); err != nil {
			return err
		}
		out = []RoundLink{}
		var keys []string
		for i := range r.Experts {
			e := &r.Experts[i]
			if e.SubmittedAt != nil {
				continue
			}
			secret, sum, err := newLink()
			if err != nil {
				return err
			}
			if err := tx.SetRoundLink(ctx, e.ID, sum, s.now()); err != nil {
				return err
			}
			out = append(out, roundLink(r, e, secret))
			keys = append(keys, e.Key)
		}
		return s.audit(ctx, tx, a, commissionID, "round.link.remind", "judgment_round", r.ID, map[string]any{"experts": keys})
	})
	return out, err
}

func roundExpert(r *Round, expertID string) (*RoundExpert, error) {
	for i := range r.Experts {
		if r.Experts[i].ID == expertID {
			return &r.Experts[i], nil
		}
	}
	return nil, fmt.Errorf("round expert %q: %w", expertID, engine.ErrNotFound)
}

// CloseRound closes a round and stores the submitted experts' matrices as the weight set's
// judgments under their keys, with their expert weights in the set's AHP configuration — the
// checks and storage of a panel import, so the set's gate treats them as any other matrix.
// Drafts that were not submitted are left out. Links stop working.
func (s *Service) CloseRound(ctx context.Context, a Actor, commissionID, weightSetID, id string) (*RoundClosed, error) {
	var out *RoundClosed
	err := s.store.Transact(ctx, func(tx Tx) error {
		if _, err := s.access(ctx, tx, a, commissionID, PermWeights); err != nil {
			return err
		}
		c, ws, f, err := s.judgedWeightSet(ctx, tx, commissionID, weightSetID)
		if err != nil {
			return err
		}
		if !validID(id) {
			return fmt.Errorf("round %q: %w", id, engine.ErrNotFound)
		}
		r, err := tx.GetRound(ctx, ws.ID, id, true)
		if err != nil {
			return err
		}
		if err := openRound(r); err != nil {
			return err
		}
		panel := JudgmentPanel{}
		weights := map[string]float64{}
		for i := range r.Experts {
			e := &r.Experts[i]
			if e.SubmittedAt == nil {
				continue
			}
			answers, err := tx.ListRoundAnswers(ctx, e.ID)
			if err != nil {
				return err
			}
			pe := PanelExpert{Key: e.Key, Name: e.Name, Organisation: e.Organisation}
			for _, code := range r.Nodes {
				pe.Judgments = append(pe.Judgments, JudgmentInput{Node: code, Matrix: answerMatrix(f, code, answers)})
			}
			panel.Experts = append(panel.Experts, pe)
			if e.Weight != nil {
				weights[e.Key] = *e.Weight
			}
		}
		if len(panel.Experts) == 0 {
			return engine.Refuse(engine.ErrConflict, messages.ConflictRoundNoSubmission, "number", r.Number)
		}
		js, err := panelJudgments(f, panel, s.now())
		if err != nil {
			return err
		}
		for i := range js {
			if err := tx.SaveJudgment(ctx, ws.ID, &js[i], a.UserID); err != nil {
				return err
			}
		}
		if len(weights) > 0 {
			old := *ws
			ws.AHP.Experts = map[string]float64{}
			for k, w := range old.AHP.Experts {
				ws.AHP.Experts[k] = w
			}
			for k, w := range weights {
				ws.AHP.Experts[k] = w
			}
			ws.Version++
			if err := tx.UpdateWeightSet(ctx, ws); err != nil {
				return err
			}
			if err := s.audit(ctx, tx, a, commissionID, "weightset.update", "weight_set", ws.ID, map[string]any{"old": &old, "new": ws}); err != nil {
				return err
			}
		}
		now := s.now()
		if err := tx.CloseRound(ctx, r.ID, a.UserID, now); err != nil {
			return err
		}
		r.ClosedAt, r.ClosedBy = &now, a.UserID
		if err := s.audit(ctx, tx, a, commissionID, "round.close", "judgment_round", r.ID, map[string]any{"judgments": js, "expert_weights": weights}); err != nil {
			return err
		}
		out = &RoundClosed{Round: r, Stored: len(js)}
		out.WeightSet, err = s.weightSetDetail(ctx, tx, c, ws)
		return err
	})
	return out, err
}

// answerMatrix builds the matrix of one node from an expert's answers: 1 on the diagonal, the
// answers and their reciprocals, 0 where a pair is unanswered.
func answerMatrix(f *engine.Framework, node string, answers []RoundAnswer) [][]float64 {
	var n int
	for _, wn := range engine.WeightNodes(f) {
		if wn.Code == node {
			n = len(wn.Children)
		}
	}
	m := make([][]float64, n)
	for i := range m {
		m[i] = make([]float64, n)
		m[i][i] = 1
	}
	for _, a := range answers {
		if a.Node != node || a.I < 0 || a.J >= n || a.I >= a.J {
			continue
		}
		m[a.I][a.J] = SaatyValue(a.Value)
		m[a.J][a.I] = 1 / SaatyValue(a.Value)
	}
	return m
}

// Questionnaire is what an expert's link shows: the round's nodes level by level, each pair
// with its answer, and each complete matrix's CR with a suggestion when it exceeds the threshold.
type Questionnaire struct {
	RoundNumber  int             `json:"round_number"`
	Commission   string          `json:"commission"`
	ExpertName   string          `json:"expert_name"`
	Organisation string          `json:"organisation,omitempty"`
	Deadline     time.Time       `json:"deadline"`
	SubmittedAt  *time.Time      `json:"submitted_at,omitempty"`
	Threshold    float64         `json:"threshold"`
	Nodes        []QuestionNode  `json:"nodes"`
	Missing      []QuestionPlace `json:"missing,omitempty"` // unanswered pairs, after a submission attempt
}

// QuestionPlace names one pair of a node.
type QuestionPlace struct {
	Node string `json:"node"`
	I    int    `json:"i"`
	J    int    `json:"j"`
}

// QuestionItem is a node of the framework as the questionnaire names it.
type QuestionItem struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	NameEN string `json:"name_en,omitempty"`
}

// QuestionPair is one pair to compare, with the answer so far (Value 0: none).
type QuestionPair struct {
	I       int          `json:"i"`
	J       int          `json:"j"`
	Left    QuestionItem `json:"left"`
	Right   QuestionItem `json:"right"`
	Value   int          `json:"value,omitempty"`
	Choice  string       `json:"choice,omitempty"`
	Version int          `json:"version"`
}

// QuestionSuggestion is the judgment that contributes most to a matrix's inconsistency and the
// value (signed scale) that brings CR under the threshold.
type QuestionSuggestion struct {
	I         int     `json:"i"`
	J         int     `json:"j"`
	Left      string  `json:"left"`
	Right     string  `json:"right"`
	Current   int     `json:"current"`
	Suggested int     `json:"suggested"`
	CR        float64 `json:"cr"`
}

// QuestionNode is one matrix of the questionnaire.
type QuestionNode struct {
	QuestionItem
	Level      int                 `json:"level"` // 0 for the root, 1 for a dimension, …
	Pairs      []QuestionPair      `json:"pairs"`
	Answered   int                 `json:"answered"`
	CR         *float64            `json:"cr,omitempty"`
	Consistent bool                `json:"consistent"`
	Suggestion *QuestionSuggestion `json:"suggestion,omitempty"`
}

// frameworkItems maps every node code of f to its names and depth.
func frameworkItems(f *engine.Framework) (map[string]QuestionItem, map[string]int) {
	items := map[string]QuestionItem{engine.RootNode: {Code: engine.RootNode}}
	depth := map[string]int{engine.RootNode: 0}
	var walk func(n *engine.Node, d int)
	walk = func(n *engine.Node, d int) {
		items[n.Code] = QuestionItem{Code: n.Code, Name: n.Name, NameEN: n.NameEN}
		depth[n.Code] = d
		for _, c := range n.Children {
			walk(c, d+1)
		}
	}
	for _, d := range f.Dimensions {
		walk(d, 1)
	}
	return items, depth
}

// questionnaire assembles an expert's questionnaire from their answers, computing each complete
// matrix's CR with the weight set's own AHP options.
func questionnaire(f *engine.Framework, ws *engine.WeightSet, r *Round, e *RoundExpert, answers []RoundAnswer) (*Questionnaire, error) {
	q := &Questionnaire{RoundNumber: r.Number, ExpertName: e.Name, Organisation: e.Organisation, Deadline: r.Deadline,
		SubmittedAt: e.SubmittedAt, Threshold: ws.AHP.Threshold()}
	items, depth := frameworkItems(f)
	byPair := map[QuestionPlace]RoundAnswer{}
	for _, a := range answers {
		byPair[QuestionPlace{a.Node, a.I, a.J}] = a
	}
	for _, wn := range roundNodes(f) {
		if !slices.Contains(r.Nodes, wn.Code) {
			continue
		}
		qn := QuestionNode{QuestionItem: items[wn.Code], Level: depth[wn.Code]}
		for i := range wn.Children {
			for j := i + 1; j < len(wn.Children); j++ {
				p := QuestionPair{I: i, J: j, Left: items[wn.Children[i]], Right: items[wn.Children[j]]}
				if a, ok := byPair[QuestionPlace{wn.Code, i, j}]; ok {
					p.Value, p.Choice, p.Version = a.Value, a.Choice, a.Version
					qn.Answered++
				}
				qn.Pairs = append(qn.Pairs, p)
			}
		}
		if qn.Answered == len(qn.Pairs) {
			j := engine.Judgment{Node: wn.Code, Expert: e.Key, ExpertName: e.Name, Organisation: e.Organisation, Matrix: answerMatrix(f, wn.Code, answers)}
			if err := engine.CheckJudgment(f, &j); err != nil {
				return nil, err
			}
			res, _, err := judgmentEffect(f, ws, j)
			if err != nil {
				return nil, err
			}
			cr := res.CR
			qn.CR, qn.Consistent = &cr, res.Consistent
			if !res.Consistent && len(res.Suggestions) > 0 {
				sg := res.Suggestions[0]
				i, k, cur, sug := sg.I, sg.J, sg.Current, sg.Suggested
				if i > k {
					i, k, cur, sug = k, i, 1/cur, 1/sug
				}
				qn.Suggestion = &QuestionSuggestion{I: i, J: k, Left: wn.Children[i], Right: wn.Children[k],
					Current: SignedValue(cur), Suggested: SignedValue(sug), CR: sg.CR}
			}
		}
		q.Nodes = append(q.Nodes, qn)
	}
	return q, nil
}

// linkRound resolves a link to its live round and expert — not expired, not revoked, round open,
// weight set still taking judgments — or answers errLink.
func (s *Service) linkRound(ctx context.Context, tx Tx, secret string) (*Commission, *engine.WeightSet, *engine.Framework, *Round, *RoundExpert, error) {
	sum, ok := linkHash(secret)
	if !ok {
		return nil, nil, nil, nil, nil, errLink
	}
	r, e, err := tx.RoundExpertByLink(ctx, sum)
	if errors.Is(err, engine.ErrNotFound) {
		return nil, nil, nil, nil, nil, errLink
	}
	if err != nil {
		return nil, nil, nil, nil, nil, err
	}
	if e.RevokedAt != nil || r.ClosedAt != nil || !s.now().Before(r.Deadline) {
		return nil, nil, nil, nil, nil, errLink
	}
	ws, err := tx.GetWeightSet(ctx, r.CommissionID, r.WeightSetID)
	if err != nil {
		return nil, nil, nil, nil, nil, err
	}
	c, err := tx.GetCommission(ctx, r.CommissionID)
	if err != nil {
		return nil, nil, nil, nil, nil, err
	}
	f, err := weightFramework(ctx, tx, ws)
	if err != nil {
		return nil, nil, nil, nil, nil, err
	}
	return c, ws, f, r, e, nil
}

func (s *Service) linkQuestionnaire(ctx context.Context, tx Tx, c *Commission, ws *engine.WeightSet, f *engine.Framework, r *Round, e *RoundExpert) (*Questionnaire, error) {
	answers, err := tx.ListRoundAnswers(ctx, e.ID)
	if err != nil {
		return nil, err
	}
	q, err := questionnaire(f, ws, r, e, answers)
	if err != nil {
		return nil, err
	}
	q.Commission = c.Title
	return q, nil
}

// OpenQuestionnaire returns the questionnaire of a link. An altered, expired, revoked or unknown
// link, or one of a closed round, answers ErrNotFound with one and the same text.
func (s *Service) OpenQuestionnaire(ctx context.Context, secret string) (*Questionnaire, error) {
	var out *Questionnaire
	err := s.store.Transact(ctx, func(tx Tx) error {
		c, ws, f, r, e, err := s.linkRound(ctx, tx, secret)
		if err != nil {
			return err
		}
		out, err = s.linkQuestionnaire(ctx, tx, c, ws, f, r, e)
		return err
	})
	return out, err
}

// AnswerInput is one answer from a questionnaire form. Seen is the value the form showed (0:
// none): an answer equal to it was not changed in that form and is not written, so a form that
// was open in a second tab does not undo what the first saved since. Choice defaults to answer.
type AnswerInput struct {
	Node   string `json:"node"`
	I      int    `json:"i"`
	J      int    `json:"j"`
	Value  int    `json:"value"`
	Seen   int    `json:"seen"`
	Choice string `json:"choice,omitempty"`
}

// SaveAnswers stores a link's changed answers as a draft (the last write to a pair wins and
// increments its version) and returns the questionnaire as it now stands. A submitted
// questionnaire refuses changes with ErrConflict.
func (s *Service) SaveAnswers(ctx context.Context, secret string, in []AnswerInput) (*Questionnaire, error) {
	var out *Questionnaire
	err := s.store.Transact(ctx, func(tx Tx) error {
		c, ws, f, r, e, err := s.linkRound(ctx, tx, secret)
		if err != nil {
			return err
		}
		if e.SubmittedAt != nil {
			changed := slices.ContainsFunc(in, func(a AnswerInput) bool { return a.Value != a.Seen })
			if changed {
				return engine.Refuse(engine.ErrConflict, messages.ConflictAnswersSubmitted)
			}
		}
		sizes := map[string]int{}
		for _, wn := range roundNodes(f) {
			if slices.Contains(r.Nodes, wn.Code) {
				sizes[wn.Code] = len(wn.Children)
			}
		}
		v := engine.NewValidation(messages.ValidationAnswers)
		var save []RoundAnswer
		for k, a := range in {
			field := fmt.Sprintf("answers[%d]", k)
			n, ok := sizes[a.Node]
			switch {
			case !ok:
				v.Add(engine.Catalogued(field+".node", a.Node, messages.AnswersNoComparison))
				continue
			case a.I < 0 || a.J <= a.I || a.J >= n:
				v.Add(engine.Catalogued(field, "", messages.AnswersNoPair))
				continue
			case !validScale(a.Value):
				v.Add(engine.Catalogued(field+".value", "", messages.AnswersScale))
				continue
			}
			choice := a.Choice
			if choice == "" {
				choice = ChoiceAnswer
			}
			if choice != ChoiceAnswer && choice != ChoiceSuggestion && choice != ChoiceKept {
				v.Add(engine.Catalogued(field+".choice", choice, messages.AnswersChoice))
				continue
			}
			if a.Value == a.Seen && choice == ChoiceAnswer {
				continue
			}
			save = append(save, RoundAnswer{Node: a.Node, I: a.I, J: a.J, Value: a.Value, Choice: choice})
		}
		if err := v.Err(); err != nil {
			return err
		}
		for i := range save {
			if err := tx.SaveRoundAnswer(ctx, e.ID, &save[i], s.now()); err != nil {
				return err
			}
		}
		out, err = s.linkQuestionnaire(ctx, tx, c, ws, f, r, e)
		return err
	})
	return out, err
}

// SubmitQuestionnaire locks a link's answers. Every pair must be answered; submitting again
// changes nothing and answers the same.
func (s *Service) SubmitQuestionnaire(ctx context.Context, secret string) (*Questionnaire, error) {
	var out *Questionnaire
	err := s.store.Transact(ctx, func(tx Tx) error {
		c, ws, f, r, e, err := s.linkRound(ctx, tx, secret)
		if err != nil {
			return err
		}
		q, err := s.linkQuestionnaire(ctx, tx, c, ws, f, r, e)
		if err != nil {
			return err
		}
		out = q
		if e.SubmittedAt != nil {
			return nil
		}
		for _, n := range q.Nodes {
			for _, p := range n.Pairs {
				if p.Value == 0 {
					q.Missing = append(q.Missing, QuestionPlace{n.Code, p.I, p.J})
				}
			}
		}
		if len(q.Missing) > 0 {
			return nil
		}
		now := s.now()
		if err := tx.SubmitRoundExpert(ctx, e.ID, now); err != nil {
			return err
		}
		q.SubmittedAt = &now
		answers, err := tx.ListRoundAnswers(ctx, e.ID)
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, SystemActor("questionnaire link"), r.CommissionID, "round.submit", "judgment_round", r.ID,
			map[string]any{"expert": e.Key, "answers": answers})
	})
	return out, err
}
