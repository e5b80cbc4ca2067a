package importbench_test

import (
	"bufio"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	importbench "evalbench/bench/import"
	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/evaluation/ingest"
	"evalbench/store/storetest"
)

// The 360 survey of the run benchmark (bench/run): 300 units × 20 items × 167 raters in four
// groups = 1,002,000 responses.
var responseGroups = []struct {
	code   string
	weight float64
	raters int
}{{"superior", 0.2, 5}, {"peer", 0.1, 12}, {"subordinate", 0.1, 20}, {"public", 0.6, 130}}

const (
	responseUnits = 300
	responseItems = 20
)

// BenchmarkResponseImportHTTP measures the upload of the 1,002,000 responses of the run
// benchmark's 360 survey to POST …/surveys/{sid}/responses (raw CSV body, loopback TCP, a real
// net/http server; every rater key turned into its HMAC pseudonym, duplicates and distinct
// raters counted, the rows COPYed, the import's completeness checked at commit) against
// `psql \copy` of the same rows as stored (pseudonyms as bytea) into a table like
// survey_responses (its columns, checks and indexes; no trigger). The two alternate -rounds
// times, as in BenchmarkImportHTTP; the target of issue 15 is a share ≥ 80 %.
func BenchmarkResponseImportHTTP(b *testing.B) {
	psql, err := exec.LookPath("psql")
	if err != nil {
		b.Fatal("psql is needed for the reference (apt-get install postgresql-client)")
	}
	db, dbURL := storetest.New(b)
	svc := evaluation.NewService(db, evaluation.WithCodec(ingest.Codec{}))
	ctx := context.Background()
	fx, err := importbench.Setup(ctx, svc)
	if err != nil {
		b.Fatal(err)
	}
	us := make([]engine.Unit, responseUnits)
	for i := range us {
		us[i] = engine.Unit{Code: fmt.Sprintf("u%03d", i), Name: fmt.Sprintf("单位%03d", i), Kind: engine.UnitDepartment}
	}
	sv := &engine.Survey{Code: "s360", Title: "360度评价", Kind: engine.Survey360, Scale: engine.Scale{Min: 1, Max: 5}}
	for i := range responseItems {
		sv.Items = append(sv.Items, engine.SurveyItem{Code: fmt.Sprintf("q%02d", i), Text: "题目"})
	}
	for _, g := range responseGroups {
		sv.Groups = append(sv.Groups, engine.RaterGroup{Code: g.code, Name: g.code, Weight: g.weight, MinRaters: 3})
	}

	dir := b.TempDir()
	path := filepath.Join(dir, "responses.csv")
	copyPath := filepath.Join(dir, "responses-copy.csv")
	secret := []byte("bench-secret-for-the-copy-rows!!") // the reference's pseudonyms: any 32 bytes do
	rows := 0
	{
		f, err := os.Create(path)
		if err != nil {
			b.Fatal(err)
		}
		cf, err := os.Create(copyPath)
		if err != nil {
			b.Fatal(err)
		}
		w, cw := bufio.NewWriter(f), bufio.NewWriter(cf)
		w.WriteString("unit,group,rater,item,score\n")
		rng := rand.New(rand.NewPCG(1, 2))
		mac := hmac.New(sha256.New, secret)
		const importID, surveyID = "00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002"
		for _, u := range us {
			for _, g := range responseGroups {
				for r := range g.raters {
					rater := fmt.Sprintf("%s-%s-%d", u.Code, g.code, r)
					mac.Reset()
					mac.Write([]byte(rater))
					pseudonym := hex.EncodeToString(mac.Sum(nil))
					for i := range responseItems {
						score := 1 + rng.IntN(5)
						rows++
						fmt.Fprintf(w, "%s,%s,%s,q%02d,%d\n", u.Code, g.code, rater, i, score)
						fmt.Fprintf(cw, "%s,%s,%d,%s,%s,\\x%s,q%02d,%d,\"\",\"\"\n", importID, surveyID, rows+1, u.Code, g.code, pseudonym, i, score)
					}
				}
			}
		}
		for _, c := range []struct {
			w *bufio.Writer
			f *os.File
		}{{w, f}, {cw, cf}} {
			if err := c.w.Flush(); err != nil {
				b.Fatal(err)
			}
			if err := c.f.Close(); err != nil {
				b.Fatal(err)
			}
		}
	}
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := db.SQL().ExecContext(ctx, `CREATE TABLE bench_responses_copy (LIKE survey_responses INCLUDING ALL)`); err != nil {
		b.Fatal(err)
	}
	copyCmd := fmt.Sprintf(`\copy bench_responses_copy (import_id, survey_id, row_no, unit, rater_group, rater, item, score, label, comment) FROM '%s' WITH (FORMAT csv)`, copyPath)

	base, stop := serveAPI(b, svc)
	defer stop()
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	evalRun := func(i int) (time.Duration, memPeak) {
		cid, err := fx.NewCommission(ctx, svc, fmt.Sprintf("问卷导入基准 %d", i))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := svc.UpsertUnits(ctx, fx.Owner, cid, us); err != nil {
			b.Fatal(err)
		}
		s, err := svc.CreateSurvey(ctx, fx.Owner, cid, sv)
		if err != nil {
			b.Fatal(err)
		}
		body, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		defer body.Close()
		req, _ := http.NewRequest(http.MethodPost, base+"/api/v1/commissions/"+cid+"/surveys/"+s.ID+"/responses?filename=responses.csv", body)
		req.ContentLength = st.Size()
		req.Header.Set("Authorization", "Bearer "+fx.Token)
		req.Header.Set("Content-Type", "text/csv")
		return timedUpload(b, client, req, fmt.Sprintf("upload of %d responses", rows))
	}
	psqlRun := psqlCopy(b, db, psql, dbURL, copyCmd, "bench_responses_copy")
	paired(b, fmt.Sprintf("%d survey responses (%d bytes)", rows, st.Size()), rows, *httpRoundsFlag, evalRun, psqlRun)
}
