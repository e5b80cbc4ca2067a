package web

import (
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// The owner's survey pages: the commission's surveys, each survey's rater-link board (response
// counts per unit × rater group with the anonymity threshold, the links and their state, the
// form issuing new ones — open links with a printable QR code), and enumerator mode, where a
// signed-in surveyor (访员) types in the answers of one respondent after another. They call the
// service as the API's survey and rater-link routes do.

// surveysPage is the data of /commissions/{id}/surveys.
type surveysPage struct {
	*evaluation.Commission
	Surveys []engine.Survey
}

// surveys lists a commission's surveys with their response counts (Service.ListSurveys).
func (h *handler) surveys(w http.ResponseWriter, r *http.Request) {
	cr, ok := h.openCommission(w, r)
	if !ok {
		return
	}
	ss, err := h.svc.ListSurveys(cr.ctx, cr.a, cr.id)
	if h.failed(w, r, err) {
		return
	}
	h.render(w, r, http.StatusOK, "surveys", surveysPage{Commission: cr.c, Surveys: ss})
}

// boardPage is the data of a survey's rater-link board.
type boardPage struct {
	*evaluation.Commission
	Survey   *engine.Survey
	Board    *evaluation.RaterBoard
	Links    []evaluation.RaterLink
	Units    []engine.Unit
	CanIssue bool
	Form     issueForm
	Problems problems
	Issued   []issuedLink // links just issued, shown once
}

// UnitName is the name of the unit with code, or the code when the commission has no such unit.
func (p boardPage) UnitName(code string) string {
	for _, u := range p.Units {
		if u.Code == code {
			return u.Name
		}
	}
	return code
}

// GroupName is the name the survey gives rater group code ("" when it gives none: the page then
// shows the catalogue's name of the code).
func (p boardPage) GroupName(code string) string {
	if p.Survey != nil {
		if g := p.Survey.Group(code); g != nil {
			return g.Name
		}
	}
	return ""
}

// issueForm is the issue-links form as typed.
type issueForm struct {
	Unit, Group, Count, Deadline, Raters string
	Open                                 bool
}

// issuedLink is a link shown once: its full address and, for an open link, its QR code.
type issuedLink struct {
	Unit, Group, URL string
	Open, Named      bool
	Rater            string // the key it was issued for (named raters), shown with it once
	QR               template.HTML
}

// origin is the site's address for links handed out: the configured public URL, else the
// address the request came to.
func (h *handler) origin(r *http.Request) string {
	if h.cfg.PublicURL != "" {
		return strings.TrimRight(h.cfg.PublicURL, "/")
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// raterBoard shows a survey's rater-link board (Service.GetRaterBoard, ListRaterLinks).
func (h *handler) raterBoard(w http.ResponseWriter, r *http.Request) {
	h.renderBoard(w, r, http.StatusOK, boardPage{Form: issueForm{Count: "1", Deadline: time.Now().UTC().AddDate(0, 0, 14).Format("2006-01-02")}})
}

func (h *handler) renderBoard(w http.ResponseWriter, r *http.Request, status int, p boardPage) {
	cr, ok := h.openCommission(w, r)
	if !ok {
		return
	}
	ctx, a, id, sid := cr.ctx, cr.a, cr.id, r.PathValue("sid")
	sv, err := h.svc.GetSurvey(ctx, a, id, sid)
	if h.failed(w, r, err) {
		return
	}
	b, err := h.svc.GetRaterBoard(ctx, a, id, sid)
	if h.failed(w, r, err) {
		return
	}
	ls, err := h.svc.ListRaterLinks(ctx, a, id, sid)
	if h.failed(w, r, err) {
		return
	}
	us, err := h.svc.ListUnits(ctx, a, id)
	if h.failed(w, r, err) {
		return
	}
	p.Commission, p.Survey, p.Board, p.Links, p.Units = cr.c, sv, b, ls, us
	p.CanIssue = h.may(ctx, a, id, evaluation.PermSurveys)
	h.render(noStore{w}, r, status, "board", p)
}

// endOfDay reads a form's date (YYYY-MM-DD) as the end of that day in China Standard Time, the
// time the institute's deadlines are set in; anything else is the zero time, which the service
// refuses as a past deadline.
func endOfDay(s string) time.Time {
	d, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(s), time.FixedZone("CST", 8*3600))
	if err != nil {
		return time.Time{}
	}
	return d.Add(24*time.Hour - time.Second)
}

// issueLinks issues rater links for one unit and group (Service.IssueRaterLinks) and shows them
// once; an open link comes with its QR code, ready to print.
func (h *handler) issueLinks(w http.ResponseWriter, r *http.Request) {
	a, _ := actorFrom(r)
	f := issueForm{Unit: r.PostFormValue("unit"), Group: r.PostFormValue("group"), Count: strings.TrimSpace(r.PostFormValue("count")),
		Deadline: r.PostFormValue("deadline"), Raters: r.PostFormValue("raters"), Open: r.PostFormValue("open") != ""}
	var raters []string // named raters, one key a line: one link each, shared across units
	for _, line := range strings.Split(f.Raters, "\n") {
		if k := strings.TrimSpace(line); k != "" {
			raters = append(raters, k)
		}
	}
	count, err := strconv.Atoi(f.Count)
	if err != nil {
		count = 0 // refused by the service, by field
	}
	links, err := h.svc.IssueRaterLinks(r.Context(), a, r.PathValue("id"), r.PathValue("sid"), evaluation.RaterLinksInput{
		Unit: f.Unit, Group: f.Group, Count: count, Deadline: endOfDay(f.Deadline), Open: f.Open, Raters: raters})
	if err != nil {
		ps, ok := h.formProblems(w, r, err)
		if !ok {
			return
		}
		h.renderBoard(w, r, http.StatusBadRequest, boardPage{Form: f, Problems: ps})
		return
	}
	p := boardPage{Form: f}
	label := messages.For(language(w, r)).Sprintf(messages.WebBoardQRLabel)
	for _, l := range links {
		il := issuedLink{Unit: l.Unit, Group: l.Group, URL: h.origin(r) + l.Path, Open: l.Open, Named: l.NamedRater}
		if il.Named {
			il.Rater = raters[len(p.Issued)]
		}
		if l.Open {
			if il.QR, err = qrSVG(il.URL, label); err != nil {
				h.fail(w, r, err)
				return
			}
		}
		p.Issued = append(p.Issued, il)
	}
	h.renderBoard(w, r, http.StatusOK, p)
}

// revokeRaterLink revokes one rater link (Service.RevokeRaterLink) and returns to the board.
func (h *handler) revokeRaterLink(w http.ResponseWriter, r *http.Request) {
	a, _ := actorFrom(r)
	id, sid := r.PathValue("id"), r.PathValue("sid")
	if h.failed(w, r, h.svc.RevokeRaterLink(r.Context(), a, id, sid, r.PathValue("lid"))) {
		return
	}
	http.Redirect(w, r, "/commissions/"+id+"/surveys/"+sid+"/links", http.StatusSeeOther)
}

// raterReminders reissues the unanswered personal links of the chosen unit and group ("" for all;
// Service.RemindRaterLinks) and downloads them as CSV for mail merge or SMS
// (evaluation.RaterRemindersCSV). Links are stored only as hashes, so the old links are revoked.
func (h *handler) raterReminders(w http.ResponseWriter, r *http.Request) {
	a, _ := actorFrom(r)
	links, err := h.svc.RemindRaterLinks(r.Context(), a, r.PathValue("id"), r.PathValue("sid"), evaluation.RaterRemindersInput{
		Unit: r.PostFormValue("unit"), Group: r.PostFormValue("group")})
	if err != nil {
		ps, ok := h.formProblems(w, r, err)
		if !ok {
			return
		}
		for _, f := range []string{"unit", "group"} { // the reminders form's fields, not the issue form's
			if ps[f] != nil {
				ps["remind-"+f], ps[f] = ps[f], nil
			}
		}
		h.renderBoard(w, r, http.StatusBadRequest, boardPage{Problems: ps})
		return
	}
	body, err := evaluation.RaterRemindersCSV(links, h.origin(r))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "text/csv; charset=utf-8")
	hd.Set("Content-Disposition", `attachment; filename="rater-reminders.csv"`)
	hd.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	w.Write(body)
}

// enumeratePage is the data of enumerator mode: the unit and group chosen, the survey's items,
// and the one-time respondent id of the form.
type enumeratePage struct {
	*evaluation.Commission
	Survey     *engine.Survey
	Units      []engine.Unit
	Unit       string
	Group      string
	Respondent string
	Items      []rItem
	Comment    string
	Recorded   int // the import number of the respondent just recorded
	Problems   problems
	// CommentLimit bounds the comment field (engine.MaxResponseComment).
	CommentLimit int
}

// enumerateForm shows enumerator mode's form (GET …/surveys/{sid}/enumerate?unit=&group=).
func (h *handler) enumerateForm(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	h.renderEnumerate(w, r, http.StatusOK, enumeratePage{Unit: q.Get("unit"), Group: q.Get("group")}, nil)
}

func (h *handler) renderEnumerate(w http.ResponseWriter, r *http.Request, status int, p enumeratePage, answers map[string]string) {
	cr, ok := h.openCommission(w, r)
	if !ok {
		return
	}
	sv, err := h.svc.GetSurvey(cr.ctx, cr.a, cr.id, r.PathValue("sid"))
	if h.failed(w, r, err) {
		return
	}
	us, err := h.svc.ListUnits(cr.ctx, cr.a, cr.id)
	if h.failed(w, r, err) {
		return
	}
	p.Commission, p.Survey, p.Units, p.CommentLimit = cr.c, sv, us, engine.MaxResponseComment
	if p.Respondent == "" {
		if p.Respondent, err = newDevice(); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	p.Items = raterItems(messages.For(language(w, r)), sv.Scale, sv.Items, answers)
	h.render(noStore{w}, r, status, "enumerate", p)
}

// enumerate records one respondent's answers typed in by the signed-in enumerator
// (Service.EnumerateResponse) and shows a fresh form for the next respondent, keeping the unit
// and group. The form's respondent id makes a form sent twice the same respondent.
func (h *handler) enumerate(w http.ResponseWriter, r *http.Request) {
	a, _ := actorFrom(r)
	p := enumeratePage{Unit: r.PostFormValue("unit"), Group: r.PostFormValue("group"), Respondent: r.PostFormValue("respondent"), Comment: r.PostFormValue("comment")}
	in := evaluation.EnumeratedAnswers{Unit: p.Unit, Group: p.Group, RaterAnswers: evaluation.RaterAnswers{Scores: map[string]float64{}, Comment: p.Comment, Respondent: p.Respondent}}
	raw := map[string]string{}
	bad := problems{}
	for k, vs := range r.PostForm {
		code, ok := strings.CutPrefix(k, "i|")
		if !ok || len(vs) != 1 {
			continue
		}
		v := strings.TrimSpace(vs[0])
		raw[code] = v
		if v == "" {
			continue
		}
		x, err := strconv.ParseFloat(v, 64)
		if err != nil {
			bad["scores"] = append(bad["scores"], messages.For(language(w, r)).Sprintf(messages.WebRInvalid))
			continue
		}
		in.Scores[code] = x
	}
	if len(bad) > 0 {
		h.renderEnumerate(w, r, http.StatusBadRequest, enumeratePage{Unit: p.Unit, Group: p.Group, Respondent: p.Respondent, Comment: p.Comment, Problems: bad}, raw)
		return
	}
	res, err := h.svc.EnumerateResponse(r.Context(), a, r.PathValue("id"), r.PathValue("sid"), in)
	if err != nil {
		ps, ok := h.formProblems(w, r, err)
		if !ok {
			return
		}
		p.Problems = ps
		h.renderEnumerate(w, r, http.StatusBadRequest, p, raw)
		return
	}
	next := enumeratePage{Unit: p.Unit, Group: p.Group}
	if res.Import != nil {
		next.Recorded = res.Import.Number
	}
	h.renderEnumerate(w, r, http.StatusOK, next, nil)
}
