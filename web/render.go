package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// templates holds the layout and one template per page, named after the page.
//
//go:embed templates/*.html
var templates embed.FS

// pageNames are the pages; each is templates/NAME.html defining "title" and "content", rendered
// inside templates/layout.html, with the shared pieces of templates/parts_*.html.
var pageNames = []string{"home", "verify", "signin", "apidocs", "error", "setpassword", "commissions", "commission", "questionnaire", "rater",
	"frameworks", "framework", "datasets", "dataset", "compare",
	"runs", "run", "reports", "acceptance", "audit", "weightsets", "weightset", "weightcompare",
	"surveys", "board", "enumerate", "rounds", "round", "rectifications"}

// pages are the parsed templates, one set per language: the "t" function of each set renders
// catalogue messages in its language, so a request picks its language's set and templates stay
// free of language plumbing.
type pages struct {
	byLang map[messages.Language]map[string]*template.Template
}

func mustParsePages(as *assets) *pages {
	ps := &pages{byLang: map[messages.Language]map[string]*template.Template{}}
	for _, lang := range messages.Languages {
		p := messages.For(lang)
		funcs := template.FuncMap{
			"t": func(id string, kv ...any) string { return p.Sprintf(messages.ID(id), kv...) },
			// msg renders a message the engine recorded ({id, args}) in the page's language.
			"msg": func(m *messages.Message) string {
				if m == nil {
					return ""
				}
				return p.Render(*m)
			},
			// named is the catalogue's name of a code (prefix + code, such as "rater_group." + "public"),
			// or the code itself when the catalogue has none (a survey's own group code).
			"named": func(prefix string, code any) string {
				c := fmt.Sprint(code)
				return p.Or(prefix+c, nil, c)
			},
			"asset": as.url,
			"date":  func(t time.Time) string { return t.UTC().Format("2006-01-02") },
			"num":   num,
			"short": short,
			"list":  func(xs ...string) []string { return xs },
			// runs_pages.go
			"score":    formatScore,
			"dimscore": dimScore,
			"dims":     func() []engine.Dimension { return dimensions },
			"percent":  func(x float64) string { return strconv.FormatFloat(100*x, 'f', 1, 64) + "%" },
			"stamp":    func(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05") + " UTC" },
			"weight4":  formatWeight,
			// weights_adjust.go
			"deref": func(x *float64) float64 { return *x },
			"abs":   func(n int) int { return max(n, -n) },
			// rounds_pages.go
			"cr":           func(x *float64) string { return strconv.FormatFloat(*x, 'f', 3, 64) },
			"inconsistent": func(b *bool) bool { return b != nil && !*b },
		}
		ps.byLang[lang] = map[string]*template.Template{}
		for _, name := range pageNames {
			t := template.Must(template.New("layout.html").Funcs(funcs).ParseFS(templates, "templates/layout.html", "templates/"+name+".html", "templates/parts_*.html"))
			ps.byLang[lang][name] = t
		}
	}
	return ps
}

// view is what every template receives: the page's data and what the layout needs.
type view struct {
	Lang    messages.Language
	Page    string // the page's name, marking the current navigation link
	Path    string // the request path, for the language switch
	Switch  []langLink
	Version string
	Data    any
	User    string // the signed-in person's name; "" when anonymous
	CSRF    string // the token every form carries (session.go)
}

// langLink is one entry of the language switch.
type langLink struct {
	Lang    messages.Language
	Label   string // the message id of the language's name
	URL     string
	Current bool
}

// langCookie is the cookie that keeps a reader's choice of language.
const langCookie = "lang"

// language returns the language of a request: ?lang= (which the switch links set, and which is
// remembered in a cookie), then the lang cookie, then Accept-Language; Chinese by default.
func language(w http.ResponseWriter, r *http.Request) messages.Language {
	if q := r.URL.Query().Get("lang"); q != "" {
		if l, ok := parseLang(q); ok {
			http.SetCookie(w, &http.Cookie{Name: langCookie, Value: string(l), Path: "/", MaxAge: 365 * 24 * 3600,
				HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil})
			return l
		}
	}
	if c, err := r.Cookie(langCookie); err == nil {
		if l, ok := parseLang(c.Value); ok {
			return l
		}
	}
	return messages.FromAcceptLanguage(r.Header.Get("Accept-Language"))
}

// parseLang accepts exactly the catalogue's languages, "zh" and "en".
func parseLang(s string) (messages.Language, bool) {
	for _, l := range messages.Languages {
		if s == string(l) {
			return l, true
		}
	}
	return "", false
}

// render writes page name with data in the request's language, with status.
func (h *handler) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	lang := language(w, r)
	v := view{Lang: lang, Page: name, Path: r.URL.Path, Version: engine.BuildVersion, Data: data, CSRF: h.csrfToken(w, r)}
	if a, ok := actorFrom(r); ok {
		v.User = a.Name
	}
	for _, l := range messages.Languages {
		q := url.Values{"lang": {string(l)}}
		v.Switch = append(v.Switch, langLink{Lang: l, Label: "web.lang." + string(l), URL: r.URL.Path + "?" + q.Encode(), Current: l == lang})
	}
	var buf bytes.Buffer
	if err := h.pages.byLang[lang][name].Execute(&buf, v); err != nil {
		h.log.Error("rendering a page", "page", name, "err", err)
		http.Error(w, messages.For(lang).Sprintf(messages.WebErrorInternal), http.StatusInternalServerError)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "text/html; charset=utf-8")
	hd.Set("Content-Language", string(lang))
	if hd.Get("Cache-Control") == "" { // a page may ask for more (no-store)
		hd.Set("Cache-Control", "no-cache")
	}
	hd.Add("Vary", "Accept-Language, Cookie")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// errorPage is the data of the error page.
type errorPage struct {
	Message string // a message id
	Field   string // the field it names, when it takes one
}

// fail logs err and answers with the error page; no internal text reaches the reader.
func (h *handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	path := r.URL.Path
	if strings.Contains(r.Pattern, "{token}") || strings.Contains(r.Pattern, "{link}") { // a capability in the path is never logged
		path = r.Pattern
	}
	h.log.Error("web page failed", "path", path, "err", err)
	h.render(w, r, http.StatusInternalServerError, "error", errorPage{Message: string(messages.WebErrorInternal)})
}

func (h *handler) notFound(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusNotFound, "error", errorPage{Message: string(messages.WebErrorNotFound)})
}
