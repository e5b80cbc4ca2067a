package store

import (
	"context"
	"database/sql"
	"time"

	"evalbench/evaluation"
)

const raterLinkColumns = `l.id, s.commission_id, l.survey_id, l.unit, l.rater_group, l.deadline, l.created_by, l.created_at,
l.revoked_at, l.submitted_at, l.import_id, l.open, l.rater_pseudonym`

func scanRaterLink(row interface{ Scan(...any) error }) (*evaluation.RaterLink, error) {
	var l evaluation.RaterLink
	var createdBy, importID, rater sql.NullString
	var revoked, submitted sql.NullTime
	if err := row.Scan(&l.ID, &l.CommissionID, &l.SurveyID, &l.Unit, &l.Group, &l.Deadline, &createdBy, &l.CreatedAt,
		&revoked, &submitted, &importID, &l.Open, &rater); err != nil {
		return nil, err
	}
	l.CreatedBy, l.ImportID, l.RaterPseudonym, l.NamedRater = createdBy.String, importID.String, rater.String, rater.Valid
	l.Deadline, l.CreatedAt = l.Deadline.UTC(), l.CreatedAt.UTC()
	if revoked.Valid {
		t := revoked.Time.UTC()
		l.RevokedAt = &t
	}
	if submitted.Valid {
		t := submitted.Time.UTC()
		l.SubmittedAt = &t
	}
	return &l, nil
}

// CreateRaterLink implements evaluation.Tx.
func (t *Tx) CreateRaterLink(ctx context.Context, l *evaluation.RaterLink, linkSHA256 []byte) (err error) {
	defer wrap(&err, "CreateRaterLink(%s)", l.SurveyID)
	const q = `INSERT INTO rater_links (survey_id, unit, rater_group, link_sha256, deadline, created_by, open, rater_pseudonym)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id, created_at`
	err = t.tx.QueryRowxContext(ctx, q, l.SurveyID, l.Unit, l.Group, linkSHA256, l.Deadline, nullable(l.CreatedBy), l.Open, nullable(l.RaterPseudonym)).Scan(&l.ID, &l.CreatedAt)
	l.CreatedAt = l.CreatedAt.UTC()
	return err
}

// RaterLinkByHash implements evaluation.Tx.
func (t *Tx) RaterLinkByHash(ctx context.Context, linkSHA256 []byte) (_ *evaluation.RaterLink, err error) {
	defer wrap(&err, "RaterLinkByHash")
	const q = `SELECT ` + raterLinkColumns + ` FROM rater_links l JOIN surveys s ON s.id = l.survey_id
WHERE l.link_sha256 = $1 FOR UPDATE OF l`
	return scanRaterLink(t.tx.QueryRowxContext(ctx, q, linkSHA256))
}

// ListRaterLinks implements evaluation.Tx.
func (t *Tx) ListRaterLinks(ctx context.Context, surveyID string) (_ []evaluation.RaterLink, err error) {
	defer wrap(&err, "ListRaterLinks(%s)", surveyID)
	const q = `SELECT ` + raterLinkColumns + ` FROM rater_links l JOIN surveys s ON s.id = l.survey_id
WHERE l.survey_id = $1 ORDER BY l.unit COLLATE "C", l.rater_group COLLATE "C", l.created_at, l.id`
	rows, err := t.tx.QueryContext(ctx, q, surveyID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []evaluation.RaterLink{}
	for rows.Next() {
		l, err := scanRaterLink(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *l)
	}
	return out, rows.Err()
}

// RevokeRaterLink implements evaluation.Tx.
func (t *Tx) RevokeRaterLink(ctx context.Context, surveyID, id string, at time.Time) (err error) {
	defer wrap(&err, "RevokeRaterLink(%s, %s)", surveyID, id)
	return execOne(ctx, t, `UPDATE rater_links SET revoked_at = COALESCE(revoked_at, $3) WHERE survey_id = $1 AND id = $2`, surveyID, id, at)
}

// SubmitRaterLink implements evaluation.Tx.
func (t *Tx) SubmitRaterLink(ctx context.Context, id, importID string, at time.Time) (err error) {
	defer wrap(&err, "SubmitRaterLink(%s)", id)
	return execOne(ctx, t, `UPDATE rater_links SET submitted_at = $2, import_id = $3 WHERE id = $1 AND submitted_at IS NULL`, id, at, nullable(importID))
}
