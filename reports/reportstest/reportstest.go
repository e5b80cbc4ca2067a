// Package reportstest holds a check for tests that read rendered reports (package reports, the
// end-to-end tests): a report prints names, not the codes and message ids behind them.
package reportstest

import (
	"html"
	"regexp"
	"slices"
	"sort"
	"strings"

	"evalbench/evaluation/engine"
	"evalbench/messages"
)

var (
	styleOrSVG = regexp.MustCompile(`(?s)<style.*?</style>|<svg.*?</svg>`)
	tag        = regexp.MustCompile(`<[^>]*>`)
	// A catalogue id printed instead of its text: area.name with a known area.
	rawID = regexp.MustCompile(`\b(monitoring|basis|scoring|warning|warning_kind|projection|ahp|grade|dimension|report|rater_group|weights)\.[a-z0-9_.]+\b`)
	// A snake_case word: a status (at_risk), a schedule (pro_rata), a warning code …
	snake = regexp.MustCompile(`\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b`)
)

// VisibleText is what a reader of the HTML sees: tags, the style sheet and the charts' markup
// removed (the charts' labels are checked by the browser test), entities decoded.
func VisibleText(h string) string {
	return html.UnescapeString(tag.ReplaceAllString(styleOrSVG.ReplaceAllString(h, " "), " "))
}

// englishProse matches text that ends with an English word and a space.
var englishProse = regexp.MustCompile(`[A-Za-z]{2,} $`)

// RawCodes lists what a report prints as a raw code where a name exists: a message id, a
// rendering marker (%!), a snake_case status or warning code, and an indicator or unit code
// that is not shown with its name near it (in the same row). Codes of the framework and the units are the
// only snake_case words a report may print, and each beside its name.
func RawCodes(h string, in *engine.RunInputs) []string {
	text := VisibleText(h)
	var out []string
	if strings.Contains(text, "%!") {
		out = append(out, "a rendering marker %! (a message with a missing argument or an unknown id)")
	}
	for _, m := range rawID.FindAllString(text, -1) {
		if _, ok := messages.Lookup(messages.Chinese, messages.ID(strings.TrimSuffix(m, "."))); ok {
			out = append(out, "a message id printed as text: "+m)
		}
	}
	names := map[string]string{} // code → name
	if in.Framework != nil {
		var walk func(n *engine.Node)
		walk = func(n *engine.Node) {
			names[n.Code] = n.Name
			for _, c := range n.Children {
				walk(c)
			}
		}
		for _, d := range in.Framework.Dimensions {
			walk(d)
		}
	}
	for _, u := range in.Units {
		names[u.Code] = u.Name
	}
	for _, rs := range in.Surveys {
		if rs.Survey != nil {
			for _, it := range rs.Survey.Items {
				names[it.Code] = it.Text
			}
		}
	}
	locs := snake.FindAllStringIndex(text, -1)
	for code := range names {
		// The 4E codes are English words the report's English prose uses ("economy, …"); the
		// report prints the dimensions by name (dimensionText), and the other codes are checked.
		if !snake.MatchString(code) && !slices.Contains(engine.Dimensions, engine.Dimension(code)) {
			for _, loc := range regexp.MustCompile(`\b`+regexp.QuoteMeta(code)+`\b`).FindAllStringIndex(text, -1) {
				// A code that is an English word ("revenue") used inside an English sentence —
				// after a word and a space, as in "holds revenue, tax" — is prose, not a code.
				if englishProse.MatchString(text[max(0, loc[0]-24):loc[0]]) {
					continue
				}
				locs = append(locs, loc)
			}
		}
	}
	seen := map[string]bool{}
	for _, loc := range locs {
		word := text[loc[0]:loc[1]]
		name, known := names[word]
		near := text[max(0, loc[0]-160):min(len(text), loc[1]+160)]
		switch {
		case !known:
			if !seen[word] {
				out = append(out, "a raw code: "+word)
			}
		case name != "" && name != word && !strings.Contains(near, name):
			if !seen[word] {
				ctx := strings.Join(strings.Fields(text[max(0, loc[0]-60):min(len(text), loc[1]+20)]), " ")
				out = append(out, "a code without its name: "+word+" (in “"+ctx+"”)")
			}
		default:
			continue
		}
		seen[word] = true
	}
	sort.Strings(out)
	return out
}
