package store

import (
	"bytes"
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"time"

	"github.com/lib/pq"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/messages"
)

type dbSurvey struct {
	ID           string         `db:"id"`
	CommissionID string         `db:"commission_id"`
	Code         string         `db:"code"`
	Title        string         `db:"title"`
	Kind         string         `db:"kind"`
	Synthetic    bool           `db:"synthetic"`
	Scale        []byte         `db:"scale"`
	Items        []byte         `db:"items"`
	Groups       []byte         `db:"rater_groups"`
	Options      []byte         `db:"options"`
	Version      int            `db:"version"`
	CreatedBy    sql.NullString `db:"created_by"`
	CreatedAt    time.Time      `db:"created_at"`
	UpdatedAt    time.Time      `db:"updated_at"`
	Responses    int            `db:"responses"`
	Imports      int            `db:"imports"`
}

func (r dbSurvey) toSurvey() (*engine.Survey, error) {
	s := &engine.Survey{ID: r.ID, CommissionID: r.CommissionID, Code: r.Code, Title: r.Title,
		Kind: engine.SurveyKind(r.Kind), Synthetic: r.Synthetic, Version: r.Version, CreatedBy: r.CreatedBy.String,
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(), Responses: r.Responses, Imports: r.Imports}
	for _, part := range []struct {
		name string
		raw  []byte
		dst  any
	}{{"scale", r.Scale, &s.Scale}, {"items", r.Items, &s.Items}, {"rater_groups", r.Groups, &s.Groups}, {"options", r.Options, &s.Options}} {
		if err := json.Unmarshal(part.raw, part.dst); err != nil {
			return nil, fmt.Errorf("survey %s: stored %s: %w", r.ID, part.name, err)
		}
	}
	return s, nil
}

// surveyColumns selects a survey with its response and import counts (from the import rows, so
// that a survey of a million responses is still read in one index lookup).
const surveyColumns = `s.id, s.commission_id, s.code, s.title, s.kind, s.synthetic, s.scale, s.items, s.rater_groups,
s.options, s.version, s.created_by, s.created_at, s.updated_at,
COALESCE((SELECT sum(i.row_count) FROM survey_imports i WHERE i.survey_id = s.id), 0) AS responses,
(SELECT count(*) FROM survey_imports i WHERE i.survey_id = s.id) AS imports`

func surveyJSON(s *engine.Survey) (scale, items, groups, options string, err error) {
	parts := make([]string, 4)
	for k, v := range []any{s.Scale, s.Items, s.Groups, s.Options} {
		raw, err := json.Marshal(v)
		if err != nil {
			return "", "", "", "", fmt.Errorf("survey %s: %w", s.Code, err)
		}
		parts[k] = string(raw)
	}
	return parts[0], parts[1], parts[2], parts[3], nil
}

// CreateSurvey implements evaluation.Tx.
func (t *Tx) CreateSurvey(ctx context.Context, s *engine.Survey) (err error) {
	defer wrap(&err, "CreateSurvey(%s)", s.Code)
	scale, items, groups, options, err := surveyJSON(s)
	if err != nil {
		return err
	}
	const q = `
INSERT INTO surveys (commission_id, code, title, kind, synthetic, scale, items, rater_groups, options, created_by)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
RETURNING id, version, created_at, updated_at`
	err = t.tx.QueryRowxContext(ctx, q, s.CommissionID, s.Code, s.Title, string(s.Kind), s.Synthetic, scale, items, groups,
		options, nullable(s.CreatedBy)).Scan(&s.ID, &s.Version, &s.CreatedAt, &s.UpdatedAt)
	s.CreatedAt, s.UpdatedAt = s.CreatedAt.UTC(), s.UpdatedAt.UTC()
	return err
}

// GetSurvey implements evaluation.Tx.
func (t *Tx) GetSurvey(ctx context.Context, commissionID, id string) (_ *engine.Survey, err error) {
	defer wrap(&err, "GetSurvey(%s)", id)
	const q = `SELECT ` + surveyColumns + ` FROM surveys s WHERE s.id = $1 AND s.commission_id = $2`
	return getParsedRow(ctx, t, dbSurvey.toSurvey, q, id, commissionID)
}

// LockSurvey implements evaluation.Tx.
func (t *Tx) LockSurvey(ctx context.Context, commissionID, id string) (_ *engine.Survey, err error) {
	defer wrap(&err, "LockSurvey(%s)", id)
	const q = `SELECT ` + surveyColumns + ` FROM surveys s WHERE s.id = $1 AND s.commission_id = $2 FOR UPDATE OF s`
	return getParsedRow(ctx, t, dbSurvey.toSurvey, q, id, commissionID)
}

// ListSurveys implements evaluation.Tx.
func (t *Tx) ListSurveys(ctx context.Context, commissionID string) (_ []engine.Survey, err error) {
	defer wrap(&err, "ListSurveys(%s)", commissionID)
	const q = `SELECT ` + surveyColumns + ` FROM surveys s WHERE s.commission_id = $1 ORDER BY s.code COLLATE "C"`
	return selectParsedRows(ctx, t, dbSurvey.toSurvey, q, commissionID)
}

// UpdateSurvey implements evaluation.Tx.
func (t *Tx) UpdateSurvey(ctx context.Context, s *engine.Survey) (err error) {
	defer wrap(&err, "UpdateSurvey(%s)", s.ID)
	scale, items, groups, options, err := surveyJSON(s)
	if err != nil {
		return err
	}
	const q = `
UPDATE surveys SET code = $3, title = $4, kind = $5, synthetic = $6, scale = $7, items = $8, rater_groups = $9,
       options = $10, version = $2, updated_at = $11
WHERE id = $1 AND version = $2 - 1`
	res, err := t.tx.ExecContext(ctx, q, s.ID, s.Version, s.Code, s.Title, string(s.Kind), s.Synthetic, scale, items, groups,
		options, s.UpdatedAt)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return fmt.Errorf("survey changed meanwhile: %w", engine.ErrStale)
	}
	return nil
}

// SurveySecret implements evaluation.Tx.
func (t *Tx) SurveySecret(ctx context.Context, commissionID string, fresh []byte) (_ []byte, created bool, err error) {
	defer wrap(&err, "SurveySecret(%s)", commissionID)
	const ins = `INSERT INTO survey_secrets (commission_id, secret) VALUES ($1, $2) ON CONFLICT (commission_id) DO NOTHING`
	res, err := t.tx.ExecContext(ctx, ins, commissionID, fresh)
	if err != nil {
		return nil, false, err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return nil, false, err
	}
	if n == 1 {
		return fresh, true, nil
	}
	const q = `SELECT secret FROM survey_secrets WHERE commission_id = $1`
	var secret []byte
	if err := t.tx.QueryRowxContext(ctx, q, commissionID).Scan(&secret); err != nil {
		return nil, false, err
	}
	return secret, false, nil
}

// NewResponseSink implements evaluation.Tx. A row's rater is stored as its pseudonym's 32 bytes;
// the responses are also packed for runs (responsepack.go), the pack stored when the sink closes.
func (t *Tx) NewResponseSink(ctx context.Context, surveyID, importID string) (_ evaluation.ResponseSink, err error) {
	defer wrap(&err, "NewResponseSink(%s)", importID)
	return t.newResponseSink(ctx, surveyID, importID, true)
}

// newResponseSink is NewResponseSink, without a pack when pack is false (as imports made before
// migration 0019 are).
func (t *Tx) newResponseSink(ctx context.Context, surveyID, importID string, pack bool) (evaluation.ResponseSink, error) {
	sink, err := newCopySink(ctx, t, "survey_responses", []string{"import_id", "survey_id", "row_no", "unit",
		"rater_group", "rater", "item", "score", "label", "comment"},
		func(b []byte, r *evaluation.ResponseRow) ([]byte, error) {
			if r.Pseudonym == ([32]byte{}) {
				return nil, fmt.Errorf("store: COPY survey_responses: row %d: the rater has no pseudonym", r.Row)
			}
			b = append(b, importID...)
			b = append(b, '\t')
			b = append(b, surveyID...)
			b = append(b, '\t')
			b = copyInt(b, int64(r.Row))
			b = append(b, '\t')
			b = copyText(b, r.Unit)
			b = append(b, '\t')
			b = copyText(b, r.Group)
			b = append(b, '\t')
			b = copyBytea(b, r.Pseudonym[:])
			b = append(b, '\t')
			b = copyText(b, r.Item)
			b = append(b, '\t')
			b = copyFloat(b, r.Score)
			b = append(b, '\t')
			b = copyText(b, r.Label)
			b = append(b, '\t')
			b = copyText(b, r.Comment)
			return append(b, '\n'), nil
		})
	if err != nil {
		return nil, err
	}
	rs := &responseSink{copySink: sink, t: t, ctx: ctx, surveyID: surveyID, importID: importID}
	if pack {
		rs.pack = newPackBuilder()
	}
	return rs, nil
}

// DuplicateResponses implements evaluation.Tx.
func (t *Tx) DuplicateResponses(ctx context.Context, surveyID, importID string, within bool) (_ []engine.Problem, err error) {
	defer wrap(&err, "DuplicateResponses(%s)", importID)
	var out []engine.Problem
	if within {
		if out, err = t.duplicatesWithin(ctx, surveyID, importID); err != nil {
			return nil, err
		}
	}
	// Against the survey's earlier imports, if it has any.
	var earlierImports bool
	if err := t.tx.QueryRowxContext(ctx, `SELECT EXISTS (SELECT 1 FROM survey_imports WHERE survey_id = $1)`, surveyID).Scan(&earlierImports); err != nil {
		return nil, err
	}
	if !earlierImports {
		return out, nil
	}
	const earlier = `
SELECT n.row_no, n.unit, n.rater_group, n.item, i.number, o.row_no
FROM survey_responses n
JOIN survey_responses o ON o.survey_id = n.survey_id AND o.import_id <> n.import_id
     AND o.unit = n.unit AND o.rater_group = n.rater_group AND o.rater = n.rater AND o.item = n.item
JOIN survey_imports i ON i.id = o.import_id
WHERE n.import_id = $1 AND n.survey_id = $2
ORDER BY n.row_no, i.number`
	rows, err := t.tx.QueryContext(ctx, earlier, importID, surveyID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var row, number, oldRow int
		var unit, group, item string
		if err := rows.Scan(&row, &unit, &group, &item, &number, &oldRow); err != nil {
			return nil, err
		}
		out = append(out, problemText(engine.Problem{Row: row, Column: "rater", Value: unit + " / " + group + " / " + item},
			messages.New(messages.ImportDuplicateResponseEarlier, "number", number, "row", oldRow, "item", item, "unit", unit, "group", group)))
	}
	return out, rows.Err()
}

// duplicatesWithin lists every row of the import after the first of a unit × group × rater ×
// item.
func (t *Tx) duplicatesWithin(ctx context.Context, surveyID, importID string) ([]engine.Problem, error) {
	const within = `
SELECT unit, rater_group, item, array_agg(row_no ORDER BY row_no)
FROM survey_responses WHERE survey_id = $2 AND import_id = $1
GROUP BY unit, rater_group, rater, item HAVING count(*) > 1
ORDER BY min(row_no)`
	var out []engine.Problem
	err := t.eachRepeat(ctx, within, []any{importID, surveyID}, func(key []string, first, row int64) {
		unit, group, item := key[0], key[1], key[2]
		out = append(out, problemText(engine.Problem{Row: int(row), Column: "rater", Value: unit + " / " + group + " / " + item},
			messages.New(messages.ImportDuplicateResponse, "first", first, "item", item, "unit", unit, "group", group)))
	})
	return out, err
}

type dbResponseImport struct {
	ID           string `db:"id"`
	CommissionID string `db:"commission_id"`
	SurveyID     string `db:"survey_id"`
	dbFileVersion
	RaterCount       int `db:"rater_count"`
	RedactedComments int `db:"redacted_comments"`
}

func (r dbResponseImport) toImport() *evaluation.ResponseImport {
	return &evaluation.ResponseImport{ID: r.ID, CommissionID: r.CommissionID, SurveyID: r.SurveyID,
		FileVersion: r.toFileVersion(), Raters: r.RaterCount, RedactedComments: r.RedactedComments}
}

const responseImportColumns = `id, commission_id, survey_id, number, sha256, file_name, format, encoding, sheet,
importer_name, imported_at, row_count, rater_count, redacted_comments`

// CreateResponseImport implements evaluation.Tx; it numbers the import after the survey's newest
// (the caller holds the survey's lock).
func (t *Tx) CreateResponseImport(ctx context.Context, imp *evaluation.ResponseImport, importerID string) (err error) {
	defer wrap(&err, "CreateResponseImport(%s)", imp.FileName)
	const q = `
INSERT INTO survey_imports (id, commission_id, survey_id, number, sha256, file_name, format, encoding, sheet,
                            importer_id, importer_name, imported_at, row_count, rater_count, redacted_comments)
SELECT $1, $2, $3, COALESCE((SELECT max(number) FROM survey_imports WHERE survey_id = $3), 0) + 1,
       $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14
RETURNING number`
	return t.tx.QueryRowxContext(ctx, q, imp.ID, imp.CommissionID, imp.SurveyID, imp.SHA256, imp.FileName, imp.Format,
		imp.Encoding, imp.Sheet, nullable(importerID), imp.Importer, imp.ImportedAt, imp.Rows, imp.Raters, imp.RedactedComments).
		Scan(&imp.Number)
}

// ResponseImportBySHA implements evaluation.Tx.
func (t *Tx) ResponseImportBySHA(ctx context.Context, surveyID, sha256 string) (_ *evaluation.ResponseImport, err error) {
	defer wrap(&err, "ResponseImportBySHA(%s)", sha256)
	const q = `SELECT ` + responseImportColumns + ` FROM survey_imports WHERE survey_id = $1 AND sha256 = $2`
	return getRow(ctx, t, dbResponseImport.toImport, q, surveyID, sha256)
}

// ListResponseImports implements evaluation.Tx.
func (t *Tx) ListResponseImports(ctx context.Context, surveyID string) (_ []evaluation.ResponseImport, err error) {
	defer wrap(&err, "ListResponseImports(%s)", surveyID)
	const q = `SELECT ` + responseImportColumns + ` FROM survey_imports WHERE survey_id = $1 ORDER BY number DESC`
	return selectRows(ctx, t, dbResponseImport.toImport, q, surveyID)
}

// ListResponses implements evaluation.Tx: ListResponseTable's responses expanded.
func (t *Tx) ListResponses(ctx context.Context, surveyID string, imports []string) ([]engine.Response, error) {
	tab, err := t.ListResponseTable(ctx, surveyID, imports)
	if err != nil {
		return nil, err
	}
	return tab.Responses(), nil
}

// ListResponseTable implements evaluation.Tx. The rows come in storage order: the caller sorts
// them (ResponseTable.Sort takes linear time, where a database sort of a million rows spills to
// disk). imports, when not nil, keeps the responses of those imports only.
func (t *Tx) ListResponseTable(ctx context.Context, surveyID string, imports []string) (_ *engine.ResponseTable, err error) {
	defer wrap(&err, "ListResponseTable(%s)", surveyID)
	var only any
	if imports != nil {
		if only, err = pq.Array(imports).Value(); err != nil {
			return nil, err
		}
	}
	// The imports' row counts are exactly their responses (survey_import_complete): the rows are
	// made once at their size instead of growing (which held up to twice the responses at once).
	const count = `
SELECT COALESCE(sum(row_count), 0) FROM survey_imports
WHERE survey_id = $1 AND ($2::uuid[] IS NULL OR id = ANY($2))`
	var n int
	if err := t.tx.QueryRowxContext(ctx, count, surveyID, only).Scan(&n); err != nil {
		return nil, err
	}
	tab := &engine.ResponseTable{Rows: make([]engine.ResponseRow, 0, n)}
	b := &tableBuilder{tab: tab, units: newInterner(&tab.Units), groups: newInterner(&tab.Groups), items: newInterner(&tab.Items),
		raters: map[[32]byte]int32{}, lastRater: -1}
	packed, err := t.readResponsePacks(ctx, surveyID, only, b)
	if err != nil {
		return nil, err
	}
	if len(tab.Rows) == n {
		return tab, nil
	}
	// Imports made before response packs (migration 0019) are read row by row.
	const unpacked = `
SELECT id FROM survey_imports
WHERE survey_id = $1 AND ($2::uuid[] IS NULL OR id = ANY($2))
  AND NOT EXISTS (SELECT 1 FROM survey_response_packs p WHERE p.import_id = survey_imports.id)
ORDER BY number`
	var rest []string
	if err := t.tx.SelectContext(ctx, &rest, unpacked, surveyID, only); err != nil {
		return nil, err
	}
	for _, id := range rest {
		if packed[id] {
			return nil, errBadPack
		}
	}
	if len(rest) == 0 {
		return nil, fmt.Errorf("read %d responses of imports that hold %d", len(tab.Rows), n)
	}
	restIDs, err := pq.Array(rest).Value()
	if err != nil {
		return nil, err
	}
	err = t.walkResponses(ctx, surveyID, restIDs, func(unit, group, rater, item, score []byte) error {
		if len(rater) != 32 || len(score) != 8 {
			return fmt.Errorf("a stored response has a %d-byte rater pseudonym and a %d-byte score, not 32 and 8", len(rater), len(score))
		}
		g, i := b.groups.index(group), b.items.index(item)
		if g > math.MaxUint16 || i > math.MaxUint16 {
			return errTooManyCodes
		}
		b.add(b.units.index(unit), g, b.rater(rater), i, math.Float64frombits(binary.BigEndian.Uint64(score)))
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(tab.Rows) != n {
		return nil, fmt.Errorf("read %d responses of imports that hold %d", len(tab.Rows), n)
	}
	return tab, nil
}

// interner numbers the distinct codes met while reading rows, making each code's string once.
// Rows come mostly in the order they were imported — a unit's, a group's and a rater's rows
// together, the items in turn — so the code of the row before and the one after it are tried
// before the map.
type interner struct {
	list *[]string
	ids  map[string]int32
	last int32
}

func newInterner(list *[]string) *interner {
	return &interner{list: list, ids: map[string]int32{}, last: -1}
}

// index returns b's number, numbering it if it is new.
func (in *interner) index(b []byte) int32 {
	codes := *in.list
	if l := in.last; l >= 0 {
		if codes[l] == string(b) {
			return l
		}
		if int(l+1) < len(codes) && codes[l+1] == string(b) {
			in.last = l + 1
			return l + 1
		}
	}
	i, ok := in.ids[string(b)]
	if !ok {
		i = int32(len(codes))
		*in.list = append(codes, string(b))
		in.ids[string(b)] = i
	}
	in.last = i
	return i
}

// walkResponses calls fn with the unit, group, rater, item and score of every stored response of
// the survey (of the imports in only, a PostgreSQL uuid[] literal, when it is not nil), in
// storage order. The byte slices are valid during the call only.
//
// Each response comes as one bytea value, which lib/pq passes on in PostgreSQL's binary format
// without making a value of it: the rater's 32 bytes (the column's CHECK), the score as
// float8send's 8 bytes (IEEE 754, big endian: the stored number exactly, with no decimal text to
// parse), then the item, group and unit codes as their UTF-8 bytes (textsend: the server's and
// the connection's encodings are both UTF-8, so nothing is converted) separated by NUL bytes,
// which text never contains. One value a row instead of five: lib/pq allocates for each value it
// returns, and that was a third of the reading. The rows are read from lib/pq's driver
// connection directly (sql.Conn.Raw): database/sql's per-row locking and conversions cost more
// than the reading itself at a million rows.
func (t *Tx) walkResponses(ctx context.Context, surveyID string, only any, fn func(unit, group, rater, item, score []byte) error) error {
	const q = `
SELECT rater || float8send(score) || textsend(item) || '\x00'::bytea || textsend(rater_group) || '\x00'::bytea || textsend(unit)
FROM survey_responses
WHERE survey_id = $1 AND ($2::uuid[] IS NULL OR import_id = ANY($2))`
	return t.conn.Raw(func(dc any) error {
		qc, ok := dc.(driver.QueryerContext)
		if !ok {
			return errors.New("the driver cannot query with a context")
		}
		rows, err := qc.QueryContext(ctx, q, []driver.NamedValue{{Ordinal: 1, Value: surveyID}, {Ordinal: 2, Value: only}})
		if err != nil {
			return err
		}
		defer rows.Close()
		dest := make([]driver.Value, 1)
		for {
			if err := rows.Next(dest); err != nil {
				if err == io.EOF {
					return nil
				}
				return err
			}
			row, _ := dest[0].([]byte)
			if len(row) < 42 {
				return fmt.Errorf("a stored response reads as %d bytes, fewer than a rater, a score and three codes take", len(row))
			}
			codes := row[40:]
			i := bytes.IndexByte(codes, 0)
			j := i + 1 + bytes.IndexByte(codes[i+1:], 0)
			if i < 0 || j <= i {
				return errors.New("a stored response's codes are not three")
			}
			if err := fn(codes[j+1:], codes[i+1:j], row[:32], codes[:i], row[32:40]); err != nil {
				return err
			}
		}
	})
}

// CountRaters implements evaluation.Tx: distinct raters per unit × rater group, counted by the
// database (the board needs the counts, not the responses).
func (t *Tx) CountRaters(ctx context.Context, surveyID string) (_ map[engine.SurveyCell]int, err error) {
	defer wrap(&err, "CountRaters(%s)", surveyID)
	const q = `
SELECT unit, rater_group, count(DISTINCT rater) FROM survey_responses
WHERE survey_id = $1 GROUP BY unit, rater_group`
	rows, err := t.tx.QueryContext(ctx, q, surveyID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[engine.SurveyCell]int{}
	for rows.Next() {
		var c engine.SurveyCell
		var n int
		if err := rows.Scan(&c.Unit, &c.Group, &n); err != nil {
			return nil, err
		}
		out[c] = n
	}
	return out, rows.Err()
}

// CountImportRaters implements evaluation.Tx.
func (t *Tx) CountImportRaters(ctx context.Context, importID string) (_ int, err error) {
	defer wrap(&err, "CountImportRaters(%s)", importID)
	const q = `SELECT count(*) FROM (SELECT DISTINCT rater_group, rater FROM survey_responses WHERE import_id = $1) r`
	var n int
	err = t.tx.QueryRowxContext(ctx, q, importID).Scan(&n)
	return n, err
}

// ListComments implements evaluation.Tx: the survey's non-empty comments (one per row that
// carries one), pseudonymous, restricted to the given imports when not nil, in canonical order.
func (t *Tx) ListComments(ctx context.Context, surveyID string, imports []string) (_ []engine.SurveyComment, err error) {
	defer wrap(&err, "ListComments(%s)", surveyID)
	const q = `
SELECT unit, rater_group, rater, comment FROM survey_responses
WHERE survey_id = $1 AND ($2::uuid[] IS NULL OR import_id = ANY($2)) AND comment IS NOT NULL AND comment <> ''
ORDER BY unit, rater_group, rater, comment`
	var only any
	if imports != nil {
		only = pq.Array(imports)
	}
	rows, err := t.tx.QueryContext(ctx, q, surveyID, only)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []engine.SurveyComment{}
	for rows.Next() {
		var c engine.SurveyComment
		var rater []byte
		if err := rows.Scan(&c.Unit, &c.Group, &rater, &c.Text); err != nil {
			return nil, err
		}
		c.Rater = hex.EncodeToString(rater)
		out = append(out, c)
	}
	return out, rows.Err()
}
