package evaluation

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// Rater links let the raters of a 360-degree survey answer in the browser: a personal link per
// rater, bound to one evaluated unit and one rater group, a capability of 256 random bits shown
// once and stored only as its SHA-256. The rater's key is derived from the link's id and kept
// only as the commission's HMAC pseudonym, like every rater key. Submitted answers become a
// response import of the survey through the same checks as a response file.

// RaterLinkTx is the storage of rater links. Not-found answers wrap ErrNotFound.
type RaterLinkTx interface {
	// CreateRaterLink stores a link with the SHA-256 of its secret, filling ID and CreatedAt.
	CreateRaterLink(ctx context.Context, l *RaterLink, linkSHA256 []byte) error
	// RaterLinkByHash returns the link whose secret has the SHA-256, locking its row until the
	// transaction ends.
	RaterLinkByHash(ctx context.Context, linkSHA256 []byte) (*RaterLink, error)
	// ListRaterLinks lists a survey's links by unit, group and time of issue.
	ListRaterLinks(ctx context.Context, surveyID string) ([]RaterLink, error)
	// RevokeRaterLink marks a link of the survey revoked.
	RevokeRaterLink(ctx context.Context, surveyID, id string, at time.Time) error
	// SubmitRaterLink marks a link submitted with the import holding its answers ("" for none).
	SubmitRaterLink(ctx context.Context, id, importID string, at time.Time) error
}

// RaterLink is a survey's personal link for one unit and one rater group (never the secret).
type RaterLink struct {
	ID           string     `json:"id"`
	CommissionID string     `json:"commission_id"`
	SurveyID     string     `json:"survey_id"`
	Unit         string     `json:"unit"`
	Group        string     `json:"group"`
	Deadline     time.Time  `json:"deadline"`
	CreatedBy    string     `json:"created_by,omitempty"`
	CreatedAt    time.Time  `json:"created_at"`
	RevokedAt    *time.Time `json:"revoked_at,omitempty"`
	SubmittedAt  *time.Time `json:"submitted_at,omitempty"`
	ImportID     string     `json:"import_id,omitempty"`
	// Open marks a public link: anyone holding it may answer, once per device (the page keeps a
	// signed cookie), each answer a rater of its own; it is never marked submitted.
	Open bool `json:"open,omitempty"`
	// RaterPseudonym is the HMAC pseudonym of the rater key the owner gave the link (RaterLinksInput.
	// Raters): the links of one key, one per unit, are one rater. Empty when the link is a rater
	// of its own. Never the key itself.
	RaterPseudonym string `json:"-"`
	// NamedRater says the link was issued for a named rater key (shared across units).
	NamedRater bool `json:"named_rater,omitempty"`
}

// RaterLinksInput issues Count links for one unit and one rater group of a survey.
type RaterLinksInput struct {
	Unit     string    `json:"unit"`
	Group    string    `json:"group"`
	Count    int       `json:"count"`
	Deadline time.Time `json:"deadline"`
	// Open issues one public link instead (count must be 1): see RaterLink.Open.
	Open bool `json:"open,omitempty"`
	// Raters, when given, issues one link per rater key instead of Count anonymous ones (Count
	// is then ignored): a rater who rates several units gets, for each unit, a link issued with
	// the same key, and their answers are one rater's across units — as the rows of one rater key
	// in a response file are, which the reliability statistics and the leniency correction need.
	// A key is kept only as the commission's HMAC pseudonym; use codes, not names or phone
	// numbers. At most MaxRaterLinks keys, each 1–128 characters, no repeats.
	Raters []string `json:"raters,omitempty"`
}

// MaxRaterLinks bounds the links one request issues.
const MaxRaterLinks = 1000

// IssuedRaterLink is a new link with its path on the site (/r/SECRET), shown once.
type IssuedRaterLink struct {
	RaterLink
	Path string `json:"path"`
}

// RaterLinkPath is the site path of a rater link.
func RaterLinkPath(secret string) string { return "/r/" + secret }

// IssueRaterLinks issues personal links for raters of one group rating one unit.
func (s *Service) IssueRaterLinks(ctx context.Context, a Actor, commissionID, surveyID string, in RaterLinksInput) ([]IssuedRaterLink, error) {
	var out []IssuedRaterLink
	err := s.store.Transact(ctx, func(tx Tx) error {
		if _, err := s.access(ctx, tx, a, commissionID, PermSurveys); err != nil {
			return err
		}
		sv, err := s.survey(ctx, tx, commissionID, surveyID)
		if err != nil {
			return err
		}
		units, err := tx.ListUnits(ctx, commissionID)
		if err != nil {
			return err
		}
		v := engine.NewValidation(messages.ValidationRaterLinks)
		found := false
		for _, u := range units {
			found = found || u.Code == in.Unit
		}
		if !found {
			v.Add(engine.Catalogued("unit", in.Unit, messages.RaterLinksNoUnit))
		}
		if sv.Group(in.Group) == nil {
			v.Add(engine.Catalogued("group", in.Group, messages.ResponsesNoGroup))
		}
		if len(in.Raters) > 0 {
			in.Count = len(in.Raters)
			seen := map[string]bool{}
			for _, k := range in.Raters {
				switch {
				case in.Open:
					v.Add(engine.Catalogued("raters", "", messages.RaterLinksOpenNamed))
				case k == "" || len(k) > 128 || strings.TrimSpace(k) != k:
					v.Add(engine.Catalogued("raters", k, messages.RaterLinksKeyShape))
				case seen[k]:
					v.Add(engine.Catalogued("raters", k, messages.RaterLinksKeyRepeated))
				}
				seen[k] = true
			}
		}
		switch {
		case in.Count < 1 || in.Count > MaxRaterLinks:
			v.Add(engine.Catalogued("count", "", messages.RaterLinksCount, "max", MaxRaterLinks))
		case in.Open && in.Count != 1:
			v.Add(engine.Catalogued("count", "", messages.RaterLinksOpenOne))
		}
		if !in.Deadline.After(s.now()) {
			v.Add(engine.Catalogued("deadline", "", messages.RoundDeadlineFuture))
		}
		if err := v.Err(); err != nil {
			return err
		}
		var ps *Pseudonymizer
		if len(in.Raters) > 0 {
			fresh := make([]byte, 32)
			if _, err := rand.Read(fresh); err != nil {
				return fmt.Errorf("rater links: generating the rater-pseudonym key: %w", err)
			}
			secret, created, err := tx.SurveySecret(ctx, commissionID, fresh)
			if err != nil {
				return err
			}
			if created {
				if err := s.audit(ctx, tx, a, commissionID, "survey.secret.create", "commission", commissionID,
					map[string]any{"purpose": "HMAC-SHA256 key for rater pseudonyms"}); err != nil {
					return err
				}
			}
			ps = NewPseudonymizer(secret)
		}
		for i := 0; i < in.Count; i++ {
			secret, sum, err := newLink()
			if err != nil {
				return err
			}
			l := RaterLink{CommissionID: commissionID, SurveyID: sv.ID, Unit: in.Unit, Group: in.Group, Deadline: in.Deadline.UTC(), CreatedBy: a.UserID, Open: in.Open}
			if ps != nil {
				l.RaterPseudonym, l.NamedRater = ps.Pseudonym(in.Raters[i]), true
			}
			if err := tx.CreateRaterLink(ctx, &l, sum); err != nil {
				return err
			}
			out = append(out, IssuedRaterLink{RaterLink: l, Path: RaterLinkPath(secret)})
		}
		return s.audit(ctx, tx, a, commissionID, "rater_links.issue", "survey", sv.ID, map[string]any{"unit": in.Unit, "group": in.Group, "count": in.Count, "deadline": in.Deadline.UTC(), "open": in.Open, "named_raters": len(in.Raters) > 0})
	})
	return out, err
}

// ListRaterLinks lists a survey's rater links with their state.
func (s *Service) ListRaterLinks(ctx context.Context, a Actor, commissionID, surveyID string) ([]RaterLink, error) {
	var out []RaterLink
	err := s.store.Transact(ctx, func(tx Tx) error {
		if _, err := s.access(ctx, tx, a, commissionID, PermRead); err != nil {
			return err
		}
		sv, err := s.survey(ctx, tx, commissionID, surveyID)
		if err != nil {
			return err
		}
		out, err = tx.ListRaterLinks(ctx, sv.ID)
		return err
	})
	return out, err
}

// RevokeRaterLink stops a rater link from working.
func (s *Service) RevokeRaterLink(ctx context.Context, a Actor, commissionID, surveyID, id string) error {
	return s.store.Transact(ctx, func(tx Tx) error {
		if _, err := s.access(ctx, tx, a, commissionID, PermSurveys); err != nil {
			return err
		}
		sv, err := s.survey(ctx, tx, commissionID, surveyID)
		if err != nil {
			return err
		}
		if !validID(id) {
			return fmt.Errorf("rater link %q: %w", id, engine.ErrNotFound)
		}
		if err := tx.RevokeRaterLink(ctx, sv.ID, id, s.now()); err != nil {
			return err
		}
		return s.audit(ctx, tx, a, commissionID, "rater_link.revoke", "survey", sv.ID, map[string]any{"link": id})
	})
}

// RaterForm is what a rater link shows: the survey's items on its scale for one unit, as one
// rater group.
type RaterForm struct {
	SurveyTitle string              `json:"survey_title"`
	Commission  string              `json:"commission"`
	Unit        engine.Unit         `json:"unit"`
	Group       engine.RaterGroup   `json:"group"`
	Scale       engine.Scale        `json:"scale"`
	Items       []engine.SurveyItem `json:"items"`
	Deadline    time.Time           `json:"deadline"`
	SubmittedAt *time.Time          `json:"submitted_at,omitempty"`
	Open        bool                `json:"open,omitempty"`
}

// liveRaterLink resolves a rater link that works (not expired or revoked) or answers errLink.
func (s *Service) liveRaterLink(ctx context.Context, tx Tx, secret string) (*RaterLink, *engine.Survey, *RaterForm, error) {
	sum, ok := linkHash(secret)
	if !ok {
		return nil, nil, nil, errLink
	}
	l, err := tx.RaterLinkByHash(ctx, sum)
	if errors.Is(err, engine.ErrNotFound) {
		return nil, nil, nil, errLink
	}
	if err != nil {
		return nil, nil, nil, err
	}
	if l.RevokedAt != nil || !s.now().Before(l.Deadline) {
		return nil, nil, nil, errLink
	}
	sv, err := s.survey(ctx, tx, l.CommissionID, l.SurveyID)
	if err != nil {
		return nil, nil, nil, err
	}
	c, err := tx.GetCommission(ctx, l.CommissionID)
	if err != nil {
		return nil, nil, nil, err
	}
	units, err := tx.ListUnits(ctx, l.CommissionID)
	if err != nil {
		return nil, nil, nil, err
	}
	f := &RaterForm{SurveyTitle: sv.Title, Commission: c.Title, Scale: sv.Scale, Items: sv.Items, Deadline: l.Deadline, SubmittedAt: l.SubmittedAt, Open: l.Open}
	for _, u := range units {
		if u.Code == l.Unit {
			f.Unit = u
		}
	}
	if g := sv.Group(l.Group); g != nil {
		f.Group = *g
	}
	return l, sv, f, nil
}

// OpenRaterForm returns the form of a rater link. An altered, expired, revoked or unknown link
// answers ErrNotFound with one and the same text.
func (s *Service) OpenRaterForm(ctx context.Context, secret string) (*RaterForm, error) {
	var out *RaterForm
	err := s.store.Transact(ctx, func(tx Tx) error {
		_, _, f, err := s.liveRaterLink(ctx, tx, secret)
		out = f
		return err
	})
	return out, err
}

// RaterAnswers are a rater's answers: a score per item code (an item left out is "cannot
// judge") and an optional comment. Respondent tells the answers of an open link apart (the
// page's random device id, 16 characters or more); a personal link ignores it.
type RaterAnswers struct {
	Scores     map[string]float64 `json:"scores"`
	Comment    string             `json:"comment,omitempty"`
	Respondent string             `json:"respondent,omitempty"`
}

// SubmitRaterForm stores a rater's answers as a response import of the survey — the checks of a
// response file: scale, unit, group, duplicates, the rater key kept only as its pseudonym, the
// comment redacted — and marks the link submitted. Submitting again changes nothing.
func (s *Service) SubmitRaterForm(ctx context.Context, secret string, in RaterAnswers) (*RaterForm, error) {
	var l *RaterLink
	var sv *engine.Survey
	var form *RaterForm
	err := s.store.Transact(ctx, func(tx Tx) (err error) {
		l, sv, form, err = s.liveRaterLink(ctx, tx, secret)
		return err
	})
	if err != nil || form.SubmittedAt != nil {
		return form, err
	}
	rater := "link-" + l.ID
	if l.RaterPseudonym != "" {
		// The named rater: the same key for this rater's links of every unit. The import
		// pseudonymizes it again, so only the HMAC of the HMAC is stored with the responses.
		rater = "rater-" + l.RaterPseudonym
	}
	if l.Open {
		if len(in.Respondent) < 16 || len(in.Respondent) > 64 {
			return nil, engine.Refuse(engine.ErrInvalid, messages.RaterLinksRespondent)
		}
		rater = "open-" + l.ID + "-" + in.Respondent
	}
	body, answered, err := answerRows(sv, l.Unit, l.Group, rater, in)
	if err != nil {
		return nil, err
	}
	importID := ""
	if answered > 0 {
		name := "rater-link-" + l.ID + ".json"
		if l.Open {
			name = "open-link-" + l.ID + ".json"
		}
		res, err := s.ImportResponses(ctx, SystemActor("rater link"), l.CommissionID, l.SurveyID, ResponseImportInput{
			Options: FileOptions{FileName: name}, Body: bytes.NewReader(body)})
		if err != nil {
			return nil, err
		}
		if res.Import != nil {
			importID = res.Import.ID
		}
	}
	if l.Open {
		now := s.now()
		form.SubmittedAt = &now
		return form, nil
	}
	err = s.store.Transact(ctx, func(tx Tx) error {
		cur, err := tx.RaterLinkByHash(ctx, mustHash(secret))
		if err != nil {
			return err
		}
		if cur.SubmittedAt != nil {
			form.SubmittedAt = cur.SubmittedAt
			return nil
		}
		now := s.now()
		if err := tx.SubmitRaterLink(ctx, l.ID, importID, now); err != nil {
			return err
		}
		form.SubmittedAt = &now
		return s.audit(ctx, tx, SystemActor("rater link"), l.CommissionID, "rater_link.submit", "survey", l.SurveyID,
			map[string]any{"link": l.ID, "import": importID, "answered": answered})
	})
	return form, err
}

// answerRows builds a rater's answers as the rows of a JSON response file (unit, group, rater,
// item, score, the comment on the first row), in the survey's item order, so that the answers pass
// the checks of a response import; answered counts the rows. An item the survey lacks is refused.
func answerRows(sv *engine.Survey, unit, group, rater string, in RaterAnswers) (body []byte, answered int, err error) {
	type row struct {
		Unit    string  `json:"unit"`
		Group   string  `json:"group"`
		Rater   string  `json:"rater"`
		Item    string  `json:"item"`
		Score   float64 `json:"score"`
		Comment string  `json:"comment,omitempty"`
	}
	for code := range in.Scores {
		if sv.Item(code) == nil {
			return nil, 0, answersProblem(code)
		}
	}
	var rows []row
	comment := strings.TrimSpace(in.Comment)
	for _, it := range sv.Items {
		score, ok := in.Scores[it.Code]
		if !ok {
			continue
		}
		rows = append(rows, row{Unit: unit, Group: group, Rater: rater, Item: it.Code, Score: score, Comment: comment})
		comment = ""
	}
	if len(rows) == 0 {
		return nil, 0, nil
	}
	body, err = json.Marshal(rows)
	return body, len(rows), err
}

// EnumeratedAnswers are one respondent's answers typed in by an enumerator (访员) — from a
// telephone interview or a paper questionnaire — for one evaluated unit and rater group.
// Respondent is the form's one-time id (16 to 64 characters): the same form sent twice is the
// same respondent, and the same bytes find the same import.
type EnumeratedAnswers struct {
	Unit  string `json:"unit"`
	Group string `json:"group"`
	RaterAnswers
}

// EnumerateResponse stores the answers of one anonymous respondent collected by the enumerator
// a: a rater of its own (key enum-{respondent}, kept only as its pseudonym, so never the
// enumerator), through the checks of a response import. The import and its audit row name the
// enumerator as the one who recorded it (the collector, not the rater). It needs the surveys
// permission on the commission.
func (s *Service) EnumerateResponse(ctx context.Context, a Actor, commissionID, surveyID string, in EnumeratedAnswers) (*ResponseImportResult, error) {
	var sv *engine.Survey
	err := s.store.Transact(ctx, func(tx Tx) error {
		if _, err := s.access(ctx, tx, a, commissionID, PermSurveys); err != nil {
			return err
		}
		var err error
		sv, err = s.survey(ctx, tx, commissionID, surveyID)
		return err
	})
	if err != nil {
		return nil, err
	}
	v := engine.NewValidation(messages.ValidationAnswers)
	if sv.Group(in.Group) == nil {
		v.Add(engine.Catalogued("group", in.Group, messages.ResponsesNoGroup))
	}
	if n := len(in.Respondent); n < 16 || n > 64 || strings.Trim(in.Respondent, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != "" {
		v.Add(engine.Catalogued("respondent", "", messages.RaterLinksEnumRespondent))
	}
	if len(in.Scores) == 0 {
		v.Add(engine.Catalogued("scores", "", messages.RaterLinksEnumNoScores))
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	body, _, err := answerRows(sv, in.Unit, in.Group, "enum-"+in.Respondent, in.RaterAnswers)
	if err != nil {
		return nil, err
	}
	// The unit is checked by the import like a file's (an unknown unit is a problem of its rows).
	return s.ImportResponses(ctx, a, commissionID, sv.ID, ResponseImportInput{
		Options: FileOptions{FileName: "enumerator-" + in.Respondent[:8] + ".json"}, Body: bytes.NewReader(body)})
}

func mustHash(secret string) []byte {
	sum, _ := linkHash(secret)
	return sum
}

// BoardCell is one unit × rater group of a survey's response-rate board: the links issued and
// submitted, the raters with responses (from links and files alike), the group's anonymity
// threshold, and whether the cell would be suppressed today (fewer raters than the threshold).
type BoardCell struct {
	Unit       string `json:"unit"`
	Group      string `json:"group"`
	Issued     int    `json:"issued"`
	Submitted  int    `json:"submitted"`
	OpenLinks  int    `json:"open_links"`
	Raters     int    `json:"raters"`
	MinRaters  int    `json:"min_raters"`
	Suppressed bool   `json:"suppressed"`
}

// RaterBoard is a survey's response-rate board.
type RaterBoard struct {
	SurveyID string      `json:"survey_id"`
	Cells    []BoardCell `json:"cells"`
}

// GetRaterBoard returns a survey's response-rate board: a cell for every evaluated unit × rater
// group, in unit and group order.
func (s *Service) GetRaterBoard(ctx context.Context, a Actor, commissionID, surveyID string) (*RaterBoard, error) {
	var out *RaterBoard
	err := s.store.Transact(ctx, func(tx Tx) error {
		if _, err := s.access(ctx, tx, a, commissionID, PermRead); err != nil {
			return err
		}
		sv, err := s.survey(ctx, tx, commissionID, surveyID)
		if err != nil {
			return err
		}
		units, err := tx.ListUnits(ctx, commissionID)
		if err != nil {
			return err
		}
		links, err := tx.ListRaterLinks(ctx, sv.ID)
		if err != nil {
			return err
		}
		raters, err := tx.CountRaters(ctx, sv.ID)
		if err != nil {
			return err
		}
		type key struct{ unit, group string }
		cells := map[key]*BoardCell{}
		out = &RaterBoard{SurveyID: sv.ID}
		for _, u := range units {
			for _, g := range sv.Groups {
				out.Cells = append(out.Cells, BoardCell{Unit: u.Code, Group: g.Code, MinRaters: g.MinRaters, Raters: raters[engine.SurveyCell{Unit: u.Code, Group: g.Code}]})
			}
		}
		for i := range out.Cells {
			c := &out.Cells[i]
			c.Suppressed = c.Raters < c.MinRaters
			cells[key{c.Unit, c.Group}] = c
		}
		for _, l := range links {
			c := cells[key{l.Unit, l.Group}]
			if c == nil || l.RevokedAt != nil {
				continue
			}
			switch {
			case l.Open:
				c.OpenLinks++
			default:
				c.Issued++
				if l.SubmittedAt != nil {
					c.Submitted++
				}
			}
		}
		return nil
	})
	return out, err
}

// answersProblem is the 422 of an answer to an item the survey does not have.
func answersProblem(code string) error {
	v := engine.NewValidation(messages.ValidationAnswers)
	v.Add(engine.Catalogued("scores", code, messages.ResponsesNoItem))
	return v
}

// RaterRemindersInput chooses the personal links a reminder reissues: those of one unit and/or
// one rater group ("" for all). Deadline, when set, is the reissued links' new deadline (in the
// future) and the expired unanswered links are reissued too; when zero each link keeps its own
// deadline and the expired ones are left alone (they can no longer be answered).
type RaterRemindersInput struct {
	Unit     string    `json:"unit,omitempty"`
	Group    string    `json:"group,omitempty"`
	Deadline time.Time `json:"deadline,omitempty"`
}

// RemindedRaterLink is a reissued personal link (shown once) with the id of the link it replaces,
// so that the owner can match it to the rater the old link was sent to: only the link's pseudonym
// is stored, never a rater's name or code.
type RemindedRaterLink struct {
	IssuedRaterLink
	Replaces string `json:"replaces"`
}

// RemindRaterLinks reissues every unanswered personal link of a survey (or of one unit × rater
// group), for reminders by mail merge or SMS: links are stored only as hashes, so a reminder
// carries a new link, and the old one is revoked. A new link keeps the old one's unit, group and
// named rater (the same pseudonym, so the rater's answers stay one rater's across units). Open
// links, submitted, revoked and — without a new deadline — expired links are not reissued. The
// links come in the board's order (unit, group, time of issue).
func (s *Service) RemindRaterLinks(ctx context.Context, a Actor, commissionID, surveyID string, in RaterRemindersInput) ([]RemindedRaterLink, error) {
	var out []RemindedRaterLink
	err := s.store.Transact(ctx, func(tx Tx) error {
		if _, err := s.access(ctx, tx, a, commissionID, PermSurveys); err != nil {
			return err
		}
		sv, err := s.survey(ctx, tx, commissionID, surveyID)
		if err != nil {
			return err
		}
		v := engine.NewValidation(messages.ValidationRaterReminders)
		if in.Unit != "" {
			units, err := tx.ListUnits(ctx, commissionID)
			if err != nil {
				return err
			}
			found := false
			for _, u := range units {
				found = found || u.Code == in.Unit
			}
			if !found {
				v.Add(engine.Catalogued("unit", in.Unit, messages.RaterLinksNoUnit))
			}
		}
		if in.Group != "" && sv.Group(in.Group) == nil {
			v.Add(engine.Catalogued("group", in.Group, messages.ResponsesNoGroup))
		}
		now := s.now()
		if !in.Deadline.IsZero() && !in.Deadline.After(now) {
			v.Add(engine.Catalogued("deadline", "", messages.RaterLinksDeadlineFuture))
		}
		if err := v.Err(); err != nil {
			return err
		}
		links, err := tx.ListRaterLinks(ctx, sv.ID)
		if err != nil {
			return err
		}
		out = []RemindedRaterLink{}
		var replaced []string
		for _, old := range links {
			if old.Open || old.SubmittedAt != nil || old.RevokedAt != nil ||
				(in.Unit != "" && old.Unit != in.Unit) || (in.Group != "" && old.Group != in.Group) ||
				(in.Deadline.IsZero() && !now.Before(old.Deadline)) {
				continue
			}
			secret, sum, err := newLink()
			if err != nil {
				return err
			}
			l := RaterLink{CommissionID: commissionID, SurveyID: sv.ID, Unit: old.Unit, Group: old.Group, Deadline: old.Deadline,
				CreatedBy: a.UserID, RaterPseudonym: old.RaterPseudonym, NamedRater: old.NamedRater}
			if !in.Deadline.IsZero() {
				l.Deadline = in.Deadline.UTC()
			}
			if err := tx.RevokeRaterLink(ctx, sv.ID, old.ID, now); err != nil {
				return err
			}
			if err := tx.CreateRaterLink(ctx, &l, sum); err != nil {
				return err
			}
			out = append(out, RemindedRaterLink{IssuedRaterLink: IssuedRaterLink{RaterLink: l, Path: RaterLinkPath(secret)}, Replaces: old.ID})
			replaced = append(replaced, old.ID)
		}
		details := map[string]any{"unit": in.Unit, "group": in.Group, "replaced": replaced}
		if !in.Deadline.IsZero() {
			details["deadline"] = in.Deadline.UTC()
		}
		return s.audit(ctx, tx, a, commissionID, "rater_links.remind", "survey", sv.ID, details)
	})
	return out, err
}

// RaterRemindersCSV writes reissued rater links as CSV for mail merge or SMS, one row a link:
// unit, group, link_id, replaces (the old link's id), named_rater ("yes" for a link issued for a
// rater key, whose key is never stored), link (origin + path) and expires_at (RFC 3339, UTC).
func RaterRemindersCSV(links []RemindedRaterLink, origin string) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write([]string{"unit", "group", "link_id", "replaces", "named_rater", "link", "expires_at"})
	for _, l := range links {
		named := ""
		if l.NamedRater {
			named = "yes"
		}
		_ = w.Write([]string{l.Unit, l.Group, l.ID, l.Replaces, named, origin + l.Path, l.Deadline.UTC().Format(time.RFC3339)})
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}
