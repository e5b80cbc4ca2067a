package messages

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// declaredIDs reads the ID constants of ids.go, so that the test needs no second list of ids.
func declaredIDs(t *testing.T) []ID {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "ids.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var ids []ID
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, s := range g.Specs {
			vs := s.(*ast.ValueSpec)
			if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "ID" {
				t.Errorf("ids.go: %s is not declared as an ID", vs.Names[0])
				continue
			}
			for _, v := range vs.Values {
				lit, ok := v.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					t.Errorf("ids.go: %s is not a string literal", vs.Names[0])
					continue
				}
				s, _ := strconv.Unquote(lit.Value)
				ids = append(ids, ID(s))
			}
		}
	}
	return ids
}

var idPattern = regexp.MustCompile(`^[a-z0-9_]+(\.[a-z0-9_]+)+$`)

// catalogueProblems lists everything wrong with a catalogue against the declared ids.
func catalogueProblems(declared []ID, c map[Language]map[ID]string) []string {
	var out []string
	bad := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	seen := map[ID]bool{}
	for _, id := range declared {
		if seen[id] {
			bad("%s: declared twice in ids.go", id)
		}
		seen[id] = true
		if !idPattern.MatchString(string(id)) {
			bad("%s: an id is dot-separated lower-case words (area.name)", id)
		}
	}
	for _, l := range Languages {
		texts, ok := c[l]
		if !ok {
			bad("%s: no catalogue file", l)
			continue
		}
		for _, id := range declared {
			if _, ok := texts[id]; !ok {
				bad("%s.json lacks %s", l, id)
			}
		}
		for id, text := range texts {
			if !seen[id] {
				bad("%s.json: unknown id %s (not declared in ids.go)", l, id)
			}
			if strings.TrimSpace(text) == "" {
				bad("%s.json: %s is empty", l, id)
			}
		}
	}
	for _, id := range declared {
		zh, okZh := c[Chinese][id]
		if !okZh {
			continue
		}
		if !strings.ContainsFunc(zh, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
			bad("zh.json: %s is not Chinese: %q", id, zh)
		}
		if strings.Contains(zh, "; ") || strings.Contains(zh, ": ") {
			bad("zh.json: %s uses English punctuation (；and ：in Chinese text): %q", id, zh)
		}
		for _, l := range Languages[1:] {
			other, ok := c[l][id]
			if !ok {
				continue
			}
			if a, b := Placeholders(zh), Placeholders(other); !slices.Equal(a, b) {
				bad("%s: placeholders differ: zh %v, %s %v", id, a, l, b)
			}
		}
	}
	slices.Sort(out)
	return out
}

func TestCatalogue(t *testing.T) {
	c, err := load(files)
	if err != nil {
		t.Fatal(err)
	}
	declared := declaredIDs(t)
	if len(declared) == 0 {
		t.Fatal("ids.go declares no ids")
	}
	for _, p := range catalogueProblems(declared, c) {
		t.Error(p)
	}
	t.Logf("%d ids in %d languages", len(declared), len(Languages))
}

// TestCatalogueProblems shows that TestCatalogue catches each kind of defect.
func TestCatalogueProblems(t *testing.T) {
	declared := []ID{"grade.pass", "basis.annual_target"}
	good := func() map[Language]map[ID]string {
		return map[Language]map[ID]string{
			Chinese: {"grade.pass": "合格", "basis.annual_target": "{year}年年度目标"},
			English: {"grade.pass": "Pass", "basis.annual_target": "annual target {year}"},
		}
	}
	if p := catalogueProblems(declared, good()); len(p) != 0 {
		t.Fatalf("a good catalogue has problems: %v", p)
	}
	tests := []struct {
		name   string
		break_ func(map[Language]map[ID]string) []ID
		want   string
	}{
		{"english lacks an id", func(c map[Language]map[ID]string) []ID { delete(c[English], "grade.pass"); return declared }, "en.json lacks grade.pass"},
		{"chinese lacks an id", func(c map[Language]map[ID]string) []ID { delete(c[Chinese], "grade.pass"); return declared }, "zh.json lacks grade.pass"},
		{"unknown id in a file", func(c map[Language]map[ID]string) []ID { c[English]["grade.passs"] = "Pass"; return declared }, "en.json: unknown id grade.passs"},
		{"empty text", func(c map[Language]map[ID]string) []ID { c[English]["grade.pass"] = " "; return declared }, "en.json: grade.pass is empty"},
		{"placeholders differ", func(c map[Language]map[ID]string) []ID {
			c[English]["basis.annual_target"] = "annual target {yaer}"
			return declared
		}, "basis.annual_target: placeholders differ"},
		{"untranslated", func(c map[Language]map[ID]string) []ID { c[Chinese]["grade.pass"] = "Pass"; return declared }, "zh.json: grade.pass is not Chinese"},
		{"english punctuation", func(c map[Language]map[ID]string) []ID { c[Chinese]["grade.pass"] = "合格: 是"; return declared }, "English punctuation"},
		{"declared twice", func(c map[Language]map[ID]string) []ID { return append(declared, "grade.pass") }, "declared twice"},
		{"bad id", func(c map[Language]map[ID]string) []ID {
			c[Chinese]["Grade"], c[English]["Grade"] = "合格", "Pass"
			return append(declared, "Grade")
		}, "Grade: an id is dot-separated"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := good()
			d := tt.break_(c)
			p := catalogueProblems(d, c)
			if !slices.ContainsFunc(p, func(s string) bool { return strings.Contains(s, tt.want) }) {
				t.Errorf("problems %q do not report %q", p, tt.want)
			}
		})
	}
}

func TestParseFile(t *testing.T) {
	tests := []struct {
		in      string
		wantErr string
	}{
		{`{"a.b": "x", "a.c": "y"}`, ""},
		{`{}`, ""},
		{`{"a.b": "x", "a.b": "y"}`, "given twice"},
		{`{"a.b": 1}`, "must be a string"},
		{`{"a.b": {"zh": "x"}}`, "must be a string"},
		{`["a.b"]`, "not a JSON object"},
		{`{"a.b": "x"} {}`, "unexpected data"},
		{`{"a.b": "x"`, "EOF"},
	}
	for _, tt := range tests {
		_, err := parseFile([]byte(tt.in))
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("parseFile(%s): %v", tt.in, err)
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("parseFile(%s) = %v, want an error containing %q", tt.in, err, tt.wantErr)
		}
	}
}

// TestInventory keeps INVENTORY.md listing every id, so the next engineer converting call sites
// finds each one.
func TestInventory(t *testing.T) {
	b, err := os.ReadFile("INVENTORY.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range declaredIDs(t) {
		if !strings.Contains(string(b), "| `"+string(id)+"` |") {
			t.Errorf("INVENTORY.md has no row for %s", id)
		}
	}
}

// TestWords holds the words the plan and DOMAIN.md fix.
func TestWords(t *testing.T) {
	want := map[ID]string{
		DimensionEconomy:       "经济 Economy",
		DimensionEfficiency:    "效率 Efficiency",
		DimensionEffectiveness: "效益 Effectiveness",
		DimensionEquity:        "公正 Equity", // plan line 3368: 公正, not 公平
		GradeExcellent:         "优秀 Excellent",
		GradeGood:              "良好 Good",
		GradePass:              "合格 Pass",
		GradeFail:              "不合格 Fail",
		RaterGroupSuperior:     "上级 Superior",
		RaterGroupPeer:         "同级 Peer",
		RaterGroupSubordinate:  "下级 Subordinate",
		RaterGroupSelf:         "自评 Self-assessment",
		RaterGroupPublic:       "公众 Public",
		RaterGroupExpert:       "专家 Expert",
	}
	for id, w := range want {
		if got := Bilingual(id); got != w {
			t.Errorf("Bilingual(%s) = %q, want %q", id, got, w)
		}
	}
}
