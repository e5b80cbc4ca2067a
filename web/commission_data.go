package web

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// importProblems is a file import that failed: the service's summary and its problems (row,
// column, value, message), as the problems table shows them.
type importProblems struct {
	Summary      string
	SummaryLocal bool // Summary is in the page's language (else it is the service's English)
	Problems     []importProblem
	Total        int
	Truncated    bool
}

// importProblem is one row of the problems table.
type importProblem struct {
	engine.Problem
	Local bool // Message is in the page's language (else it is the service's English)
}

// importFailure returns the problems of an import's validation error, their texts in the page's
// language where the catalogue has them; nil for any other error.
func importFailure(w http.ResponseWriter, r *http.Request, err error) *importProblems {
	var ve *engine.ValidationError
	if !errors.As(err, &ve) {
		return nil
	}
	p := messages.For(language(w, r))
	out := &importProblems{Summary: ve.Summary, Total: max(ve.Total, len(ve.Problems)), Truncated: ve.Truncated}
	if ve.SummaryID != "" {
		out.Summary, out.SummaryLocal = p.Or(ve.SummaryID, ve.SummaryArgs, ve.Summary), true
	}
	for _, q := range ve.Problems {
		ip := importProblem{Problem: q}
		if q.MessageID != "" {
			// The importers record their problems as catalogue messages.
			ip.Message, ip.Local = p.Or(q.MessageID, q.Args, q.Message), true
		} else {
			ip.Message, ip.Local = localProblem(p, q.Message)
		}
		out.Problems = append(out.Problems, ip)
	}
	return out
}

// uploaded returns the file of the form's "file" field, and its name; nil when none was sent.
func uploaded(r *http.Request) (multipart.File, string) {
	if r.MultipartForm == nil || len(r.MultipartForm.File["file"]) == 0 {
		return nil, ""
	}
	fh := r.MultipartForm.File["file"][0]
	f, err := fh.Open()
	if err != nil {
		return nil, ""
	}
	return f, fh.Filename
}

// frameworksPage is the data of /commissions/{id}/frameworks: the versions and the import form.
type frameworksPage struct {
	Commission *evaluation.Commission
	Frameworks []evaluation.FrameworkSummary
	CanImport  bool
	Problem    string // a message id: what is wrong with the upload
	Failure    *importProblems
}

func (h *handler) frameworksView(w http.ResponseWriter, r *http.Request, status int, p frameworksPage) {
	cr, ok := h.openCommission(w, r)
	if !ok {
		return
	}
	ctx, a, id, c := cr.ctx, cr.a, cr.id, cr.c
	fs, err := h.svc.ListFrameworks(ctx, a, id)
	if h.failed(w, r, err) {
		return
	}
	p.Commission, p.Frameworks, p.CanImport = c, fs, h.may(ctx, a, id, evaluation.PermFramework)
	h.render(w, r, status, "frameworks", p)
}

// frameworks lists a commission's framework versions (Service.ListFrameworks).
func (h *handler) frameworks(w http.ResponseWriter, r *http.Request) {
	h.frameworksView(w, r, http.StatusOK, frameworksPage{})
}

// importFramework imports an uploaded framework file through Service.ImportFramework (as POST
// /api/v1/commissions/{cid}/frameworks/import) and opens the new version; a file with problems
// comes back with its problems table.
func (h *handler) importFramework(w http.ResponseWriter, r *http.Request) {
	a, _ := actorFrom(r)
	f, name := uploaded(r)
	if f == nil {
		h.frameworksView(w, r, http.StatusBadRequest, frameworksPage{Problem: string(messages.WebUploadMissing)})
		return
	}
	defer f.Close()
	fw, err := h.svc.ImportFramework(r.Context(), a, r.PathValue("id"), evaluation.FileOptions{FileName: name}, f)
	if err != nil {
		if fail := importFailure(w, r, err); fail != nil {
			h.frameworksView(w, r, http.StatusBadRequest, frameworksPage{Failure: fail})
			return
		}
		h.serviceError(w, r, err)
		return
	}
	http.Redirect(w, r, "/commissions/"+fw.CommissionID+"/frameworks/"+fw.ID, http.StatusSeeOther)
}

// frameworkPage is the data of a framework version: its tree under the four E's.
type frameworkPage struct {
	Commission *evaluation.Commission
	*engine.Framework
	Count int
	Diff  *evaluation.FrameworkDiff // against the previous version (framework_diff.go)
}

// framework shows a framework version as a tree (Service.GetFramework).
func (h *handler) framework(w http.ResponseWriter, r *http.Request) {
	cr, ok := h.openCommission(w, r)
	if !ok {
		return
	}
	ctx, a, id, c := cr.ctx, cr.a, cr.id, cr.c
	fw, err := h.svc.GetFramework(ctx, a, id, r.PathValue("fid"))
	if h.failed(w, r, err) {
		return
	}
	diff, err := h.svc.CompareFrameworks(ctx, a, id, fw.ID)
	if h.failed(w, r, err) {
		return
	}
	h.render(w, r, http.StatusOK, "framework", frameworkPage{Commission: c, Framework: fw, Count: len(fw.Indicators()), Diff: diff})
}

// datasetsPage is the data of /commissions/{id}/datasets: the versions, the upload form, and
// after an upload its dry run (a summary to confirm, or the problems).
type datasetsPage struct {
	Commission *evaluation.Commission
	Datasets   []evaluation.Dataset
	CanImport  bool
	Label      string
	Frameworks []evaluation.FrameworkSummary // to check the data against (newest first)
	Framework  string                        // the one chosen; "" for the newest
	Problem    string                        // a message id: what is wrong with the upload
	Failure    *importProblems
	Checked    *evaluation.ImportResult // a clean dry run, to confirm
	From, To   *evaluation.Dataset      // the compare form's choice (none: the two newest)
}

func (h *handler) datasetsView(w http.ResponseWriter, r *http.Request, status int, p datasetsPage) {
	cr, ok := h.openCommission(w, r)
	if !ok {
		return
	}
	ctx, a, id, c := cr.ctx, cr.a, cr.id, cr.c
	ds, err := h.svc.ListDatasets(ctx, a, id)
	if h.failed(w, r, err) {
		return
	}
	p.Commission, p.Datasets, p.CanImport = c, ds, h.may(ctx, a, id, evaluation.PermData)
	if p.CanImport {
		if p.Frameworks, err = h.svc.ListFrameworks(ctx, a, id); err != nil {
			h.serviceError(w, r, err)
			return
		}
	}
	h.render(w, r, status, "datasets", p)
}

// datasets lists a commission's dataset versions (Service.ListDatasets).
func (h *handler) datasets(w http.ResponseWriter, r *http.Request) {
	h.datasetsView(w, r, http.StatusOK, datasetsPage{})
}

// importDataset runs Service.ImportDataset (as POST /api/v1/commissions/{cid}/datasets/import)
// on an uploaded file: first as a dry run, whose problems or summary the page shows; then, when
// the reader sends the same file again to confirm (the form carries the checked digest), for
// real, opening the new version.
func (h *handler) importDataset(w http.ResponseWriter, r *http.Request) {
	a, _ := actorFrom(r)
	label, fw := strings.TrimSpace(r.PostFormValue("label")), r.PostFormValue("framework")
	f, name := uploaded(r)
	if f == nil {
		h.datasetsView(w, r, http.StatusBadRequest, datasetsPage{Label: label, Framework: fw, Problem: string(messages.WebUploadMissing)})
		return
	}
	defer f.Close()
	confirm := r.PostFormValue("confirm")
	if confirm != "" {
		// The confirmation must carry the file that was checked.
		sum := sha256.New()
		if _, err := io.Copy(sum, f); err != nil {
			h.fail(w, r, err)
			return
		}
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			h.fail(w, r, err)
			return
		}
		if hex.EncodeToString(sum.Sum(nil)) != confirm {
			h.datasetsView(w, r, http.StatusBadRequest, datasetsPage{Label: label, Framework: fw, Problem: string(messages.WebDatasetsOtherFile)})
			return
		}
	}
	res, err := h.svc.ImportDataset(r.Context(), a, r.PathValue("id"), evaluation.ImportInput{FrameworkID: fw,
		Options: evaluation.FileOptions{FileName: name}, Label: label, DryRun: confirm == "", Body: f})
	if err != nil {
		if fail := importFailure(w, r, err); fail != nil {
			h.datasetsView(w, r, http.StatusBadRequest, datasetsPage{Label: label, Framework: fw, Failure: fail})
			return
		}
		h.serviceError(w, r, err)
		return
	}
	if res.DryRun {
		h.datasetsView(w, r, http.StatusOK, datasetsPage{Label: label, Framework: fw, Checked: res})
		return
	}
	http.Redirect(w, r, "/commissions/"+res.Dataset.CommissionID+"/datasets/"+res.Dataset.ID, http.StatusSeeOther)
}

// observationsPage is how many observations a dataset page lists.
const observationsPage = 100

// datasetPage is the data of a dataset version: its file, its observations (a page of them),
// and the freeze form.
type datasetPage struct {
	Commission *evaluation.Commission
	*evaluation.Dataset
	Observations []engine.Observation
	Page         int // 1-based
	Prev, Next   int // 0: none
	CanFreeze    bool
}

// dataset shows a dataset version with a page of its observations (Service.GetDataset and
// Service.Observations).
func (h *handler) dataset(w http.ResponseWriter, r *http.Request) {
	cr, ok := h.openCommission(w, r)
	if !ok {
		return
	}
	ctx, a, id, c, did := cr.ctx, cr.a, cr.id, cr.c, r.PathValue("did")
	d, err := h.svc.GetDataset(ctx, a, id, did)
	if h.failed(w, r, err) {
		return
	}
	n, err := strconv.Atoi(r.URL.Query().Get("page"))
	if err != nil || n < 1 {
		n = 1
	}
	obs, err := h.svc.Observations(ctx, a, id, did, evaluation.Page{Limit: observationsPage + 1, Offset: (n - 1) * observationsPage})
	if h.failed(w, r, err) {
		return
	}
	p := datasetPage{Commission: c, Dataset: d, Page: n, CanFreeze: !d.Frozen && h.may(ctx, a, id, evaluation.PermData)}
	if len(obs) > observationsPage {
		obs, p.Next = obs[:observationsPage], n+1
	}
	if n > 1 {
		p.Prev = n - 1
	}
	p.Observations = obs
	h.render(w, r, http.StatusOK, "dataset", p)
}

// freezeDataset freezes a dataset version (Service.FreezeDataset, as POST
// /api/v1/commissions/{cid}/datasets/{did}/freeze).
func (h *handler) freezeDataset(w http.ResponseWriter, r *http.Request) {
	a, _ := actorFrom(r)
	d, err := h.svc.FreezeDataset(r.Context(), a, r.PathValue("id"), r.PathValue("did"))
	if h.failed(w, r, err) {
		return
	}
	http.Redirect(w, r, "/commissions/"+d.CommissionID+"/datasets/"+d.ID, http.StatusSeeOther)
}

// comparePage is the data of the comparison of two dataset versions.
type comparePage struct {
	Commission *evaluation.Commission
	Datasets   []evaluation.Dataset
	From, To   *evaluation.Dataset
	Result     *evaluation.DatasetComparison
	Failure    *importProblems
}

// compareDatasets compares two dataset versions side by side (Service.CompareDatasets, as GET
// /api/v1/commissions/{cid}/datasets/compare).
func (h *handler) compareDatasets(w http.ResponseWriter, r *http.Request) {
	cr, ok := h.openCommission(w, r)
	if !ok {
		return
	}
	ctx, a, id, c := cr.ctx, cr.a, cr.id, cr.c
	ds, err := h.svc.ListDatasets(ctx, a, id)
	if h.failed(w, r, err) {
		return
	}
	p := comparePage{Commission: c, Datasets: ds}
	from, to := r.URL.Query().Get("from"), r.URL.Query().Get("to")
	for i := range ds {
		switch ds[i].ID {
		case from:
			p.From = &ds[i]
		case to:
			p.To = &ds[i]
		}
	}
	status := http.StatusOK
	if from != "" || to != "" {
		res, err := h.svc.CompareDatasets(ctx, a, id, from, to)
		if p.Failure = importFailure(w, r, err); p.Failure != nil {
			status = http.StatusBadRequest
		} else if err != nil {
			h.serviceError(w, r, err)
			return
		}
		p.Result = res
	}
	h.render(w, r, status, "compare", p)
}

// num writes a number as the files write it (no exponent, no trailing zeros); "—" for none.
func num(v any) string {
	switch x := v.(type) {
	case *float64:
		if x == nil {
			return "—"
		}
		return strconv.FormatFloat(*x, 'f', -1, 64)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return "—"
}

// short is the first 12 characters of a digest, as the lists show it (the full one in its title).
func short(s string) string {
	if len(s) > 12 {
		return s[:12]
	}
	return s
}

// problemText is a pattern of an import problem's English text in the catalogue, with its id
// and placeholder names, to show the service's text in the page's language.
type problemText struct {
	id    messages.ID
	re    *regexp.Regexp
	names []string
}

// problemTexts are the catalogue's import problems (ingest.*) as patterns: a text's
// placeholders match any run of characters.
var problemTexts = func() []problemText {
	var out []problemText
	for _, id := range messages.IDs() {
		if !strings.HasPrefix(string(id), "ingest.") {
			continue
		}
		en, ok := messages.Lookup(messages.English, id)
		if !ok {
			continue
		}
		var b strings.Builder
		var names []string
		i := 0
		for _, m := range placeholderRE.FindAllStringSubmatchIndex(en, -1) {
			b.WriteString(regexp.QuoteMeta(en[i:m[0]]))
			b.WriteString("(.+?)")
			names = append(names, en[m[2]:m[3]])
			i = m[1]
		}
		b.WriteString(regexp.QuoteMeta(en[i:]))
		out = append(out, problemText{id: id, re: regexp.MustCompile("^" + b.String() + "$"), names: names})
	}
	return out
}()

var placeholderRE = regexp.MustCompile(`\{([a-z][a-z0-9_]*)\}`)

// localProblem returns an import problem's text in the page's language when the catalogue has
// it, else the service's own text (and ok false, to mark it as English).
func localProblem(p *messages.Printer, text string) (string, bool) {
	for _, pt := range problemTexts {
		m := pt.re.FindStringSubmatch(text)
		if m == nil {
			continue
		}
		var kv []any
		for i, name := range pt.names {
			kv = append(kv, name, m[i+1])
		}
		return p.Sprintf(pt.id, kv...), true
	}
	return text, false
}
