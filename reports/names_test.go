package reports_test

import (
	"testing"

	"evalbench/reports/reportstest"
)

// The report prints names, not codes: every status, basis, warning and note comes from the
// catalogue in both languages, and a warning names its indicator and unit.
func TestHTMLPrintsNamesNotCodes(t *testing.T) {
	b := build(t)
	in := mustParse(t, b.bundle).Inputs
	for _, p := range reportstest.RawCodes(string(b.html), in) {
		t.Error(p)
	}
	// The check finds what it looks for.
	for _, bad := range []string{"<td>at_risk</td>", "<td>monitoring.status.at_risk</td>", "<td>%!{year}(MISSING)</td>", "<td>revenue</td>"} {
		if len(reportstest.RawCodes(bad, in)) == 0 {
			t.Errorf("rawCodes misses %s", bad)
		}
	}
	if p := reportstest.RawCodes("<td>财政收入 Fiscal revenue revenue</td><td>进度滞后 Off track</td>", in); len(p) != 0 {
		t.Errorf("rawCodes flags a named code: %v", p)
	}
}
