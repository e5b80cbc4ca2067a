package engine

import (
	"fmt"
	"strconv"
	"strings"
)

// Period is a reporting period in canonical form: a year "2016", a half "2016-H1", a quarter
// "2016-Q3" or a month "2017-09".
type Period string

// ParsePeriod reads a period and returns its canonical form. It accepts "2016", "2016-H1",
// "2016-Q3", "2017-09", "2017-9" and "2017/09".
func ParsePeriod(s string) (Period, error) {
	s = strings.TrimSpace(s)
	bad := errBadPeriod(s)
	if len(s) < 4 {
		return "", bad
	}
	year, err := strconv.Atoi(s[:4])
	if err != nil || year < 1900 || year > 2200 {
		return "", bad
	}
	rest := s[4:]
	if rest == "" {
		return Period(s[:4]), nil
	}
	if rest[0] != '-' && rest[0] != '/' {
		return "", bad
	}
	rest = strings.ToUpper(rest[1:])
	switch {
	case rest == "H1" || rest == "H2":
		return Period(fmt.Sprintf("%04d-%s", year, rest)), nil
	case len(rest) == 2 && rest[0] == 'Q' && rest[1] >= '1' && rest[1] <= '4':
		return Period(fmt.Sprintf("%04d-%s", year, rest)), nil
	}
	m, err := strconv.Atoi(rest)
	if err != nil || m < 1 || m > 12 || len(rest) > 2 {
		return "", bad
	}
	return Period(fmt.Sprintf("%04d-%02d", year, m)), nil
}

// errBadPeriod is the error of an unreadable period.
type errBadPeriod string

func (e errBadPeriod) Error() string {
	return fmt.Sprintf("period %q is not a year (2016), a half (2016-H1), a quarter (2016-Q3) or a month (2017-09)", string(e))
}

// Year returns the period's year.
func (p Period) Year() int {
	y, _ := strconv.Atoi(string(p)[:min(4, len(p))])
	return y
}

// IsYear reports whether the period is a whole year.
func (p Period) IsYear() bool { return len(p) == 4 }

// Source locates where a value was read (provenance): the document, the table in it, the page,
// line or cell, and the phrase quoted from it.
type Source struct {
	Document string `json:"document,omitempty"`
	Table    string `json:"table,omitempty"`
	Location string `json:"location,omitempty"`
	Quote    string `json:"quote,omitempty"`
}

// Observation is one value of one indicator for one evaluated unit and period. A nil Value with an
// empty Label means the value is missing (blank, "—", "N/A", "无" in the file) — never zero. Label
// holds the rubric label (the assessment) of a qualitative indicator; such an indicator may also
// carry a measured Value.
type Observation struct {
	Indicator string   `json:"indicator"`
	Unit      string   `json:"unit"`
	Period    Period   `json:"period"`
	Value     *float64 `json:"value"`
	Label     string   `json:"label,omitempty"`
	Source    Source   `json:"source,omitzero"`
	Note      string   `json:"note,omitempty"`
	Row       int      `json:"row,omitempty"` // line or row in the imported file
}
