package reports

import (
	"fmt"
	"html/template"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"text/template/parse"
	"unicode"

	"evalbench/messages"
)

// catalogueCalls are the template functions that print catalogue text, with the position of the
// message id among their arguments (tj takes the separator first).
var catalogueCalls = map[string]int{"t": 0, "tb": 0, "zh": 0, "en": 0, "tj": 1}

// templateTextProblems lists what in a report template is not from the catalogue: Chinese in the
// template's own text or in a literal of an action (the only Chinese a template may print comes
// through a catalogue call, whose arguments are an id and argument names), a catalogue call
// with an unknown id, and a call whose argument names differ from its text's placeholders.
func templateTextProblems(name, src string) []string {
	var out []string
	trees, err := parse.Parse(name, src, "{{", "}}", textFuncs, builtins)
	if err != nil {
		return []string{err.Error()}
	}
	line := func(pos parse.Pos) int { return 1 + strings.Count(src[:pos], "\n") }
	han := func(s string) bool {
		return strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) })
	}
	var walk func(n parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n == nil {
				return
			}
			for _, c := range n.Nodes {
				walk(c)
			}
		case *parse.TextNode:
			if han(string(n.Text)) {
				out = append(out, fmt.Sprintf("%s:%d: Chinese outside a catalogue call: %q", name, line(n.Pos), strings.TrimSpace(string(n.Text))))
			}
		case *parse.ActionNode:
			walk(n.Pipe)
		case *parse.PipeNode:
			if n == nil {
				return
			}
			for _, c := range n.Cmds {
				walk(c)
			}
		case *parse.CommandNode:
			for _, a := range n.Args {
				walk(a)
			}
			if len(n.Args) == 0 {
				return
			}
			f, ok := n.Args[0].(*parse.IdentifierNode)
			if !ok {
				return
			}
			at, ok := catalogueCalls[f.Ident]
			if !ok {
				return
			}
			args := n.Args[1:]
			if len(args) <= at {
				out = append(out, fmt.Sprintf("%s:%d: %s without a message id", name, line(n.Pos), f.Ident))
				return
			}
			id, ok := args[at].(*parse.StringNode)
			if !ok {
				out = append(out, fmt.Sprintf("%s:%d: %s: the message id must be a string literal", name, line(n.Pos), f.Ident))
				return
			}
			m := messages.Message{ID: messages.ID(id.Text), Args: messages.Args{}}
			rest := args[at+1:]
			for i := 0; i < len(rest); i += 2 {
				k, ok := rest[i].(*parse.StringNode)
				if !ok || i+1 == len(rest) {
					out = append(out, fmt.Sprintf("%s:%d: %s %s: arguments go in name/value pairs", name, line(n.Pos), f.Ident, id.Text))
					return
				}
				m.Args[k.Text] = ""
			}
			if err := messages.Check(m); err != nil {
				out = append(out, fmt.Sprintf("%s:%d: %v", name, line(n.Pos), err))
			}
		case *parse.StringNode:
			if han(n.Text) {
				out = append(out, fmt.Sprintf("%s:%d: Chinese in a template literal: %s", name, line(n.Pos), strconv.Quote(n.Text)))
			}
		case *parse.IfNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.TemplateNode:
			walk(n.Pipe)
		}
	}
	for _, t := range trees {
		walk(t.Root)
	}
	return out
}

// TestTemplateTextFromCatalogue holds issue 12's rule for the report: every fixed text of the
// template — headings, column names, labels, captions, paragraphs — comes from the catalogue
// (ids report.*), so the template itself holds no Chinese.
func TestTemplateTextFromCatalogue(t *testing.T) {
	src, err := os.ReadFile("templates/report.html.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range templateTextProblems("report.html.tmpl", string(src)) {
		t.Error(p)
	}
}

// TestTemplateTextProblemsFinds shows that the check above finds each kind of problem.
func TestTemplateTextProblemsFinds(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"<h2>摘要 <span class=\"en\">Summary</span></h2>", "Chinese outside a catalogue call"},
		{"<p>{{if .X}}满足 met{{end}}</p>", "Chinese outside a catalogue call"},
		{`<p>{{printf "%s 项" .N}}</p>`, "Chinese in a template literal"},
		{`<p>{{tb "report.no_such_text"}}</p>`, "unknown id"},
		{`<p>{{tb "report.cover.run"}}</p>`, "takes arguments [run]"},
		{`<p>{{tb "report.cover.run" "run"}}</p>`, "name/value pairs"},
		{`<p>{{tj " — " "report.banner.synthetic" "x" 1}}</p>`, "takes arguments []"},
	} {
		got := templateTextProblems("x.tmpl", c.src)
		if len(got) != 1 || !strings.Contains(got[0], c.want) {
			t.Errorf("%s: problems %q, want one with %q", c.src, got, c.want)
		}
	}
	if got := templateTextProblems("x.tmpl", `<p>{{tb "report.cover.run" "run" .N}} · {{tj " — " "report.banner.synthetic"}}</p>`); len(got) != 0 {
		t.Errorf("a template from the catalogue: %q", got)
	}
}

// TestReportTextsArePlain: the template functions print the report.* texts unescaped (their
// arguments are escaped), so the texts hold no markup characters.
func TestReportTextsArePlain(t *testing.T) {
	n := 0
	for _, id := range messages.IDs() {
		if !strings.HasPrefix(string(id), "report.") {
			continue
		}
		n++
		for _, l := range messages.Languages {
			text, _ := messages.Lookup(l, id)
			if strings.ContainsAny(text, "<>&") {
				t.Errorf("%s (%s): %q holds < > or &", id, l, text)
			}
		}
	}
	if n < 200 {
		t.Errorf("%d report.* ids", n)
	}
}

// TestTemplateFunctions: the bilingual forms the report has always shown, and escaped arguments.
func TestTemplateFunctions(t *testing.T) {
	call := func(name string, args ...any) string {
		t.Helper()
		switch f := textFuncs[name].(type) {
		case func(string, ...any) template.HTML:
			return string(f(args[0].(string), args[1:]...))
		case func(string, string, ...any) template.HTML:
			return string(f(args[0].(string), args[1].(string), args[2:]...))
		}
		t.Fatalf("%s: not a catalogue function", name)
		return ""
	}
	for _, c := range []struct {
		got, want string
	}{
		{call("t", "report.heading.summary"), `一、摘要 <span class="en">Summary</span>`},
		{call("tb", "report.column.rank"), "名次 Rank"},
		{call("tb", "report.text.no_early_warning"), "无预警。No early warning."},
		{call("tj", " — ", "report.banner.synthetic"), "合成数据 · 仅供演示 — SYNTHETIC DATA · for demonstration only"},
		{call("tb", "report.cover.run", "run", "<b>&"), "第 &lt;b&gt;&amp; 次运行 run &lt;b&gt;&amp;"},
		{call("zh", "report.cover.run", "run", 3), "第 3 次运行"},
		{call("en", "report.cover.run", "run", 3), "run 3"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	if !slices.Contains(messages.IDs(), messages.ReportHeadingSummary) {
		t.Error("no report.heading.summary")
	}
}

// builtins names text/template's predefined functions for the parser (it needs their names only).
var builtins = func() map[string]any {
	m := map[string]any{}
	for _, f := range []string{"and", "or", "not", "len", "index", "slice", "print", "printf", "println", "html", "js", "urlquery", "call", "eq", "ne", "lt", "le", "gt", "ge"} {
		m[f] = fmt.Sprint
	}
	return m
}()
