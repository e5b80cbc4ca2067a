package store_test

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/evaluation/ingest"
	"evalbench/messages"
	"evalbench/store"
	"evalbench/store/storetest"
)

// packSurvey makes a commission with a survey and returns the survey's and commission's ids.
func packSurvey(t *testing.T, db *store.DB) (commissionID, surveyID string) {
	t.Helper()
	ctx := context.Background()
	svc := evaluation.NewService(db)
	a, c := ownerCommission(t, svc, "2016")
	sv, err := svc.CreateSurvey(ctx, a, c.ID, &engine.Survey{Code: "s", Title: "360度评价", Kind: engine.Survey360,
		Scale: engine.Scale{Min: 0, Max: 100}, Items: []engine.SurveyItem{{Code: "q1", Text: "履职"}},
		Groups: []engine.RaterGroup{{Code: engine.GroupPeer, Weight: 1}}})
	must(t, err)
	return c.ID, sv.ID
}

// packImport stores rows as one import of the survey, packed or (as imports made before
// migration 0019 were) not, and commits.
func packImport(t *testing.T, db *store.DB, commissionID, surveyID string, n int, packed bool, row func(i int) evaluation.ResponseRow) string {
	t.Helper()
	ctx := context.Background()
	id := fmt.Sprintf("7c0b7d4e-0000-4000-8000-%012d", time.Now().UnixNano()%1e12)
	err := db.Transact(ctx, func(tx evaluation.Tx) error {
		newSink := tx.NewResponseSink
		if !packed {
			newSink = func(ctx context.Context, surveyID, importID string) (evaluation.ResponseSink, error) {
				return store.NewResponseSinkWithoutPack(ctx, tx, surveyID, importID)
			}
		}
		sink, err := newSink(ctx, surveyID, id)
		if err != nil {
			return err
		}
		for i := range n {
			r := row(i)
			if err := sink.Write(&r); err != nil {
				sink.Close()
				return err
			}
		}
		if _, err := sink.Close(); err != nil {
			return err
		}
		imp := &evaluation.ResponseImport{ID: id, CommissionID: commissionID, SurveyID: surveyID,
			FileVersion: evaluation.FileVersion{SHA256: strings.Repeat("0", 48) + fmt.Sprintf("%016x", time.Now().UnixNano()),
				FileName: "r.csv", Format: "csv", Importer: "test", ImportedAt: time.Now(), Rows: n}}
		return tx.CreateResponseImport(ctx, imp, "")
	})
	must(t, err)
	return id
}

// Responses come back from their packs exactly as the rows hold them — codes, the pseudonym's
// 32 bytes (in hex), every score to the bit (whole scores packed in a varint, −0, fractions,
// large and tiny numbers in their IEEE 754 bits) —, across parts (70,000 responses: two parts),
// from several imports sharing codes and raters, and mixed with an import made before packs
// (read row by row); and a run's selection of imports reads only those — with the parts held in
// memory until the import stores them, and with them written to a temporary file.
func TestResponsePacksRoundTrip(t *testing.T) {
	t.Run("in memory", func(t *testing.T) { testResponsePacksRoundTrip(t) })
	t.Run("spilled to a file", func(t *testing.T) {
		store.SetPackMemory(t, 1) // every part goes to the import's temporary file
		testResponsePacksRoundTrip(t)
	})
}

func testResponsePacksRoundTrip(t *testing.T) {
	db, _ := storetest.New(t)
	ctx := context.Background()
	cid, sid := packSurvey(t, db)
	scores := []float64{0, 1, 5, 100, 1 << 20, 1<<20 + 1, math.Copysign(0, -1), -3, 0.5, 1.0 / 3, 2.675, 1e-300, 1e300, math.SmallestNonzeroFloat64, 4.999999999999999}
	mk := func(imp, n, units, raters int) func(int) evaluation.ResponseRow {
		return func(i int) evaluation.ResponseRow {
			r := evaluation.ResponseRow{Row: i + 2, Unit: fmt.Sprintf("u%d", i%units), Group: []string{"peer", "public", "self"}[i%3],
				Item: fmt.Sprintf("q%d", i%7), Score: scores[(i+imp)%len(scores)], Label: "好", Comment: copyTexts[i%len(copyTexts)]}
			r.Pseudonym = sha256.Sum256([]byte(fmt.Sprint("rater", (i/7)%raters)))
			return r
		}
	}
	type imp struct {
		n, units, raters int
		packed           bool
	}
	imps := []imp{{70_000, 300, 5000, true}, {3_000, 17, 40, false}, {1, 1, 1, true}, {20_000, 500, 900, true}}
	var ids []string
	want := map[string][]engine.Response{}
	for k, im := range imps {
		row := mk(k, im.n, im.units, im.raters)
		id := packImport(t, db, cid, sid, im.n, im.packed, row)
		ids = append(ids, id)
		for i := range im.n {
			r := row(i)
			want[id] = append(want[id], engine.Response{Unit: r.Unit, Group: r.Group, Rater: hex.EncodeToString(r.Pseudonym[:]), Item: r.Item, Score: r.Score})
		}
	}
	same := func(got, want []engine.Response) error {
		// In canonical order, a unit × group × rater × item that two imports both hold by score.
		order := func(rs []engine.Response) []engine.Response {
			rs = slices.Clone(rs)
			slices.SortStableFunc(rs, func(x, y engine.Response) int {
				return cmp.Compare(math.Float64bits(x.Score), math.Float64bits(y.Score))
			})
			engine.SortResponses(rs)
			return rs
		}
		got, want = order(got), order(want)
		if len(got) != len(want) {
			return fmt.Errorf("%d responses, want %d", len(got), len(want))
		}
		for i := range got {
			g, w := got[i], want[i]
			if g.Unit != w.Unit || g.Group != w.Group || g.Rater != w.Rater || g.Item != w.Item ||
				math.Float64bits(g.Score) != math.Float64bits(w.Score) {
				return fmt.Errorf("response %d: %+v, want %+v", i, g, w)
			}
		}
		return nil
	}
	for _, sel := range [][]int{nil, {0}, {1}, {0, 2}, {1, 3}, {0, 1, 2, 3}} {
		var only []string
		var w []engine.Response
		for k, id := range ids {
			if sel == nil || slices.Contains(sel, k) {
				w = append(w, want[id]...)
			}
		}
		for _, k := range sel {
			only = append(only, ids[k])
		}
		if sel != nil && only == nil {
			only = []string{}
		}
		err := db.Transact(ctx, func(tx evaluation.Tx) error {
			got, err := tx.ListResponses(ctx, sid, only)
			if err != nil {
				return err
			}
			return same(got, w)
		})
		if err != nil {
			t.Fatalf("imports %v: %v", sel, err)
		}
	}
	// The first import's pack has two parts, and the import before packs none.
	var parts []int
	must(t, db.SQL().Select(&parts, `SELECT count(pp.part) FROM survey_imports i
LEFT JOIN survey_response_pack_parts pp ON pp.import_id = i.id WHERE i.survey_id = $1 GROUP BY i.number ORDER BY i.number`, sid))
	if !slices.Equal(parts, []int{2, 0, 1, 1}) {
		t.Fatalf("parts per import %v, want [2 0 1 1]", parts)
	}
}

// A pack that does not hold its import's rows is refused at commit, and packs are immutable; a
// pack whose bytes do not read as the format says fails the read with an error, never a panic
// or other responses.
func TestResponsePackChecks(t *testing.T) {
	db, _ := storetest.New(t)
	ctx := context.Background()
	cid, sid := packSurvey(t, db)
	row := func(i int) evaluation.ResponseRow {
		r := evaluation.ResponseRow{Row: i + 2, Unit: "u1", Group: "peer", Item: "q1", Score: 3}
		r.Pseudonym = sha256.Sum256([]byte(fmt.Sprint(i)))
		return r
	}
	good := packImport(t, db, cid, sid, 10, true, row)
	for _, q := range []string{
		`UPDATE survey_response_packs SET row_count = 9 WHERE import_id = $1`,
		`DELETE FROM survey_response_pack_parts WHERE import_id = $1`,
		`INSERT INTO survey_response_pack_parts (import_id, part, row_count, rows) VALUES ($1, 1, 1, '\x0000000006')`,
	} {
		if _, err := db.SQL().Exec(q, good); err == nil {
			t.Errorf("%s: accepted", q)
		}
	}
	// Damaged parts, inserted beside rows that are right: the counts agree, the bytes do not.
	for _, bad := range []string{`\x00000000`, `\x0000000006ff`, `\x0900000006`, `\x0000000003`, `\x00000000ffffffffffffffffffff01`, `\x000000000100`} {
		id := packImport(t, db, cid, sid, 1, false, row)
		insertPack(t, db, id, sid, 1, bad)
		err := db.Transact(ctx, func(tx evaluation.Tx) error {
			_, err := tx.ListResponses(ctx, sid, []string{id})
			return err
		})
		if err == nil || !strings.Contains(err.Error(), "damaged") {
			t.Errorf("part %s: read with %v, want a damaged pack", bad, err)
		}
	}
	// A pack of the wrong size is refused at commit.
	id := packImport(t, db, cid, sid, 2, false, row)
	tx := db.SQL().MustBegin()
	_, err := tx.Exec(`INSERT INTO survey_response_packs (import_id, survey_id, row_count, units, groups, items, raters)
VALUES ($1, $2, 1, '{u1}', '{peer}', '{q1}', $3)`, id, sid, make([]byte, 32))
	must(t, err)
	_, err = tx.Exec(`INSERT INTO survey_response_pack_parts (import_id, part, row_count, rows) VALUES ($1, 0, 1, '\x0000000006')`, id)
	must(t, err)
	if err := tx.Commit(); err == nil || !strings.Contains(err.Error(), "pack") {
		t.Fatalf("a pack of 1 response for an import of 2 committed: %v", err)
	}
}

// insertPack stores a one-part pack of the given bytes for an import that has none.
func insertPack(t *testing.T, db *store.DB, importID, surveyID string, rows int, part string) {
	t.Helper()
	tx := db.SQL().MustBegin()
	_, err := tx.Exec(`INSERT INTO survey_response_packs (import_id, survey_id, row_count, units, groups, items, raters)
VALUES ($1, $2, $3, '{u1}', '{peer}', '{q1}', $4)`, importID, surveyID, rows, make([]byte, 32))
	must(t, err)
	_, err = tx.Exec(`INSERT INTO survey_response_pack_parts (import_id, part, row_count, rows) VALUES ($1, 0, $2, $3::bytea)`, importID, rows, part)
	must(t, err)
	must(t, tx.Commit())
}

// An import past the response keys' memory bound (WithResponseKeyPairs) leaves the repeats and
// the rater count to the database, with the same outcome: the repeated row refused with its
// number, the raters counted; one past the pack's rater bound is stored without a pack and read
// row by row. Both give the responses and counts the defaults give.
func TestResponseImportPastItsMemoryBounds(t *testing.T) {
	csv := "unit,group,rater,item,score\n"
	for r := range 6 {
		for _, item := range []string{"q1"} {
			csv += fmt.Sprintf("u1,peer,r%d,%s,%d\n", r, item, 50+r)
		}
	}
	csv += "u2,peer,r0,q1,70\n"
	dup := csv + "u1,peer,r3,q1,80\n" // row 9 repeats row 5
	for _, bounded := range []bool{false, true} {
		t.Run(fmt.Sprintf("bounded=%v", bounded), func(t *testing.T) {
			db, _ := storetest.New(t)
			ctx := context.Background()
			opts := []evaluation.Option{evaluation.WithCodec(ingest.Codec{})}
			if bounded {
				opts = append(opts, evaluation.WithResponseKeyPairs(3))
				store.SetPackRaters(t, 3)
			}
			svc := evaluation.NewService(db, opts...)
			a, c := ownerCommission(t, svc, "2016")
			_, err := svc.UpsertUnits(ctx, a, c.ID, []engine.Unit{{Code: "u1", Name: "甲", Kind: engine.UnitSubdistrict}, {Code: "u2", Name: "乙", Kind: engine.UnitSubdistrict}})
			must(t, err)
			sv, err := svc.CreateSurvey(ctx, a, c.ID, &engine.Survey{Code: "s", Title: "360度评价", Kind: engine.Survey360,
				Scale: engine.Scale{Min: 0, Max: 100}, Items: []engine.SurveyItem{{Code: "q1", Text: "履职"}},
				Groups: []engine.RaterGroup{{Code: engine.GroupPeer, Weight: 1}}})
			must(t, err)
			_, err = svc.ImportResponses(ctx, a, c.ID, sv.ID, evaluation.ResponseImportInput{Options: evaluation.FileOptions{FileName: "dup.csv"}, Body: strings.NewReader(dup)})
			var ve *engine.ValidationError
			if !errors.As(err, &ve) || len(ve.Problems) != 1 || ve.Problems[0].Row != 9 || ve.Problems[0].MessageID != string(messages.ImportDuplicateResponse) {
				t.Fatalf("the repeated row: %v", err)
			}
			res, err := svc.ImportResponses(ctx, a, c.ID, sv.ID, evaluation.ResponseImportInput{Options: evaluation.FileOptions{FileName: "r.csv"}, Body: strings.NewReader(csv)})
			must(t, err)
			if res.Import.Rows != 7 || res.Import.Raters != 6 {
				t.Fatalf("import of %d rows, %d raters; want 7 and 6", res.Import.Rows, res.Import.Raters)
			}
			var packs int
			must(t, db.SQL().Get(&packs, `SELECT count(*) FROM survey_response_packs WHERE import_id = $1`, res.Import.ID))
			if want := map[bool]int{false: 1, true: 0}[bounded]; packs != want {
				t.Fatalf("%d packs, want %d", packs, want)
			}
			err = db.Transact(ctx, func(tx evaluation.Tx) error {
				rs, err := tx.ListResponses(ctx, sv.ID, nil)
				if err == nil && len(rs) != 7 {
					err = fmt.Errorf("%d responses read, want 7", len(rs))
				}
				return err
			})
			must(t, err)
		})
	}
}
