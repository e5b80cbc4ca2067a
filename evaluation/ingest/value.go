package ingest

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// Value is one value cell read against its indicator: exactly one of Missing, Label (a rubric
// label of a qualitative indicator) or Number holds.
type Value struct {
	Missing bool    // the cell says there is no value (blank, "—", "N/A", "无", …); never zero
	Number  float64 // the number in the indicator's unit (percentage points for percent indicators)
	Label   string  // the rubric label, as the framework spells it
}

// ValueError says why a cell is not a value of its indicator. Reason does not repeat the input, so
// that a Problem can carry the input in its Value field.
type ValueError struct {
	Input  string
	Reason string           // in English
	Text   messages.Message // Reason as a catalogue message, for the reader's language
}

func (e *ValueError) Error() string { return fmt.Sprintf("value %q: %s", e.Input, e.Reason) }

// Unwrap makes errors.Is(err, engine.ErrInvalid) true.
func (e *ValueError) Unwrap() error { return engine.ErrInvalid }

// ParseValue reads one value cell of the indicator in, following the rules in the package
// documentation. It never guesses: the result is a number, a rubric label, missing, or a
// *ValueError.
func ParseValue(s string, in *engine.Indicator) (Value, error) {
	if in == nil {
		m := newMsg(messages.IngestNoIndicatorForValue)
		return Value{}, &ValueError{Input: s, Reason: english(m), Text: m}
	}
	r := newValueRules(in)
	v, reason := r.parse(s)
	if reason.ID != "" {
		return Value{}, &ValueError{Input: s, Reason: english(reason), Text: reason}
	}
	return v, nil
}

// valueRules is what parsing needs to know about one indicator, computed once per indicator.
type valueRules struct {
	unit        string
	unitKey     string
	percent     bool // '%' is accepted as a suffix
	cumulative  bool
	qualitative bool
	targetKind  engine.TargetKind
	labels      map[string]string // normalised label → label as the rubric spells it
	labelList   string
}

func newValueRules(in *engine.Indicator) *valueRules {
	r := &valueRules{
		unit:        in.Unit,
		unitKey:     unitKey(in.Unit),
		percent:     in.ValueKind == engine.ValuePercent || unitKey(in.Unit) == "%",
		cumulative:  in.TargetKind == engine.TargetCumulative,
		qualitative: in.TargetKind == engine.TargetQualitative,
		targetKind:  in.TargetKind,
	}
	if r.qualitative {
		r.labels = make(map[string]string, len(in.Rubric))
		names := make([]string, 0, len(in.Rubric))
		for _, l := range in.Rubric {
			if _, dup := r.labels[clean(l.Label)]; !dup {
				r.labels[clean(l.Label)] = l.Label
			}
			names = append(names, strconv.Quote(l.Label))
		}
		r.labelList = strings.Join(names, ", ")
	}
	return r
}

// parse reads one cell. On failure it returns a non-empty reason.
func (r *valueRules) parse(raw string) (Value, message) {
	s := clean(raw)
	if r.qualitative {
		if l, ok := r.labels[s]; ok {
			return Value{Label: l}, message{}
		}
		if isMissingMarker(s) {
			return Value{Missing: true}, message{}
		}
		if e := excelError(s); e != "" {
			return Value{}, excelErrorReason(e)
		}
		// A qualitative target ("meet the city-assigned target") may still be measured: a number
		// is the measurement, read by the value rules below; the rubric label is the assessment.
		if v, reason := r.parseNumber(s); reason.ID == "" {
			return v, message{}
		}
		if len(r.labels) == 0 {
			return Value{}, newMsg(messages.IngestRubricMissing)
		}
		return Value{}, newMsg(messages.IngestRubricLabelUnknown, "labels", r.labelList)
	}
	if isMissingMarker(s) {
		return Value{Missing: true}, message{}
	}
	return r.parseNumber(s)
}

// parseNumber reads a number with the indicator's unit, percent and bracket rules.
func (r *valueRules) parseNumber(s string) (Value, message) {
	if isMissingMarker(s) {
		return Value{Missing: true}, message{}
	}
	num, suffix, bracketed, reason := scanValue(s)
	if reason.ID != "" {
		return Value{}, reason
	}
	if bracketed && !r.cumulative {
		return Value{}, newMsg(messages.IngestBracketsNotCumulative, "kind", string(r.targetKind))
	}
	if suffix != "" {
		if reason := r.checkSuffix(suffix); reason.ID != "" {
			return Value{}, reason
		}
	}
	x, reason := parseFloat(num)
	if reason.ID != "" {
		return Value{}, reason
	}
	return Value{Number: x}, message{}
}

func (r *valueRules) checkSuffix(suffix string) message {
	key := unitKey(suffix)
	if key == r.unitKey {
		return message{}
	}
	if key == "%" {
		if r.percent {
			return message{}
		}
		return newMsg(messages.IngestPercentNotAllowed, "unit", r.unit)
	}
	if w := boundWord(suffix); w != "" {
		return newMsg(messages.IngestApproximation, "word", w)
	}
	if strings.IndexByte("0123456789+-.,[]", suffix[0]) >= 0 {
		return newMsg(messages.IngestNotANumber)
	}
	if strings.ContainsAny(suffix, "0123456789") {
		return newMsg(messages.IngestNotANumberOrUnit, "suffix", suffix, "unit", r.unit)
	}
	if r.percent && strings.HasPrefix(key, "%") {
		return newMsg(messages.IngestTextAfterPercent, "text", strings.TrimSpace(suffix[1:]))
	}
	return newMsg(messages.IngestUnitMismatch, "suffix", suffix, "unit", r.unit)
}

// scanValue splits s (already cleaned, not a missing marker) into the number text, the unit
// suffix, and whether the number was in brackets.
func scanValue(s string) (num, suffix string, bracketed bool, reason message) {
	if s[0] == '#' {
		if e := excelError(s); e != "" {
			return "", "", false, excelErrorReason(e)
		}
		return "", "", false, newMsg(messages.IngestNotANumber)
	}
	rest := s
	if rest[0] == '[' {
		bracketed = true
		rest = strings.TrimLeftFunc(rest[1:], isBlankRune)
	}
	end := numberEnd(rest)
	if end == 0 {
		return "", "", false, notANumber(s)
	}
	num, rest = rest[:end], rest[end:]
	if bracketed {
		close := strings.IndexByte(rest, ']')
		if close < 0 {
			return "", "", false, newMsg(messages.IngestBracketUnclosed)
		}
		inner := strings.TrimFunc(rest[:close], isBlankRune)
		after := strings.TrimFunc(rest[close+1:], isBlankRune)
		if inner != "" && after != "" {
			return "", "", false, newMsg(messages.IngestNotANumber)
		}
		suffix = inner + after
	} else {
		if strings.IndexByte(rest, ']') >= 0 {
			return "", "", false, newMsg(messages.IngestBracketUnopened)
		}
		suffix = strings.TrimLeftFunc(rest, isBlankRune)
	}
	return num, suffix, bracketed, message{}
}

// numberEnd returns the length of the longest prefix of s that has the shape of a number
// (sign, digits with optional thousands separators, fraction, exponent), or 0.
func numberEnd(s string) int {
	i, n := 0, len(s)
	if i < n && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for i < n {
		c := s[i]
		if c >= '0' && c <= '9' {
			digits++
		} else if c != ',' || digits == 0 {
			break
		}
		i++
	}
	if i < n && s[i] == '.' {
		j := i + 1
		for j < n && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		digits += j - i - 1
		i = j
	}
	if digits == 0 {
		return 0
	}
	if i < n && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < n && (s[j] == '+' || s[j] == '-') {
			j++
		}
		k := j
		for k < n && s[k] >= '0' && s[k] <= '9' {
			k++
		}
		if k > j {
			i = k
		}
	}
	return i
}

// parseFloat converts the text found by numberEnd, checking thousands grouping and finiteness.
func parseFloat(num string) (float64, message) {
	if strings.IndexByte(num, ',') >= 0 {
		if !groupingOK(num) {
			return 0, newMsg(messages.IngestThousandsSeparators)
		}
		num = strings.ReplaceAll(num, ",", "")
	}
	x, err := strconv.ParseFloat(num, 64)
	if err != nil {
		if errors.Is(err, strconv.ErrRange) {
			return 0, newMsg(messages.IngestOutOfRange)
		}
		return 0, newMsg(messages.IngestNotANumber)
	}
	if math.IsInf(x, 0) || math.IsNaN(x) {
		return 0, newMsg(messages.IngestNotFinite)
	}
	if x == 0 {
		if hasNonzeroDigit(num) {
			return 0, newMsg(messages.IngestTooSmall)
		}
		x = 0 // no negative zero
	}
	return x, message{}
}

func hasNonzeroDigit(num string) bool {
	for i := 0; i < len(num); i++ {
		c := num[i]
		if c == 'e' || c == 'E' {
			return false
		}
		if c >= '1' && c <= '9' {
			return true
		}
	}
	return false
}

// groupingOK checks the integer part of num: the first group has 1–3 digits, each later group
// exactly 3, and no separator appears in the fraction.
func groupingOK(num string) bool {
	if num[0] == '+' || num[0] == '-' {
		num = num[1:]
	}
	end := len(num)
	if i := strings.IndexAny(num, ".eE"); i >= 0 {
		if strings.IndexByte(num[i:], ',') >= 0 {
			return false
		}
		end = i
	}
	groups := strings.Split(num[:end], ",")
	if len(groups[0]) < 1 || len(groups[0]) > 3 {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return false
		}
	}
	return true
}

// parseNumber reads a bare number (no unit, no '%', no brackets).
func parseNumber(s string) (float64, message) {
	if s == "" {
		return 0, newMsg(messages.IngestNumberRequired)
	}
	end := numberEnd(s)
	if end == 0 {
		return 0, notANumber(s)
	}
	if end != len(s) {
		return 0, newMsg(messages.IngestNotANumber)
	}
	return parseFloat(s)
}

func notANumber(s string) message {
	t := strings.ToLower(strings.TrimLeft(s, "+-"))
	switch t {
	case "nan", "inf", "infinity", "∞":
		return newMsg(messages.IngestNotFinite)
	}
	if w := boundWord(s); w != "" {
		return newMsg(messages.IngestApproximation, "word", w)
	}
	return newMsg(messages.IngestNotANumber)
}

var boundPrefixes = []string{"大约", "约", "近", "超过", "不低于", "不高于", "不超过", "不少于", "<=", ">=", "≤", "≥", "<", ">", "~", "～"}
var boundSuffixes = []string{"左右", "以上", "以下", "以内", "多", "余"}

func boundWord(s string) string {
	for _, p := range boundPrefixes {
		if strings.HasPrefix(s, p) {
			return p
		}
	}
	for _, p := range boundSuffixes {
		if strings.HasSuffix(s, p) {
			return p
		}
	}
	return ""
}

// excelErrors are the error values a spreadsheet cell can hold.
var excelErrors = map[string]bool{
	"#NULL!": true, "#DIV/0!": true, "#VALUE!": true, "#REF!": true, "#NAME?": true, "#NUM!": true,
	"#N/A": true, "#GETTING_DATA": true, "#SPILL!": true, "#CALC!": true, "#FIELD!": true,
	"#BLOCKED!": true, "#CONNECT!": true, "#BUSY!": true, "#UNKNOWN!": true, "#PYTHON!": true,
}

// excelError returns the canonical Excel error named by s, or "".
func excelError(s string) string {
	if len(s) < 3 || s[0] != '#' || len(s) > 16 {
		return ""
	}
	u := strings.ToUpper(s)
	if excelErrors[u] {
		return u
	}
	return ""
}

func excelErrorReason(e string) message {
	return newMsg(messages.IngestExcelError, "error", e)
}

// isMissingMarker reports whether the cleaned cell says "no value".
func isMissingMarker(s string) bool {
	switch s {
	case "", "/", "无":
		return true
	}
	if len(s) <= 3 && (strings.EqualFold(s, "N/A") || strings.EqualFold(s, "NA")) {
		return true
	}
	for _, r := range s {
		switch r {
		case '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\u2500', '\u2501':
		default:
			return false
		}
	}
	return true
}

func isBlankRune(r rune) bool {
	switch r {
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
		return true
	}
	return unicode.IsSpace(r)
}

// clean trims white space (including U+3000 and zero-width characters) and maps full-width
// characters to their ASCII forms. ASCII input without surrounding space is returned unchanged
// without allocating.
func clean(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return cleanUnicode(s)
		}
	}
	if len(s) > 0 && (s[0] <= ' ' || s[len(s)-1] <= ' ') {
		return strings.TrimSpace(s)
	}
	return s
}

var extraNarrow = strings.NewReplacer("【", "[", "】", "]", "〔", "[", "〕", "]", "−", "-", "﹣", "-", "﹪", "%", "﹐", ",", "﹒", ".")

func cleanUnicode(s string) string {
	s = strings.TrimFunc(s, isBlankRune)
	s = extraNarrow.Replace(width.Narrow.String(s))
	return strings.TrimFunc(s, isBlankRune)
}

// unitKey normalises a unit of measure for comparison: width, case, spaces and superscripts
// do not matter ("微克/ M3" = "微克/m³").
func unitKey(u string) string {
	u = clean(u)
	var b strings.Builder
	for _, r := range u {
		switch {
		case isBlankRune(r):
			continue
		case r == '²':
			r = '2'
		case r == '³':
			r = '3'
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// formatNumber writes x so that parseNumber reads back exactly x: plain decimal notation for
// ordinary magnitudes, scientific notation for very large or small ones.
func formatNumber(x float64) string {
	return string(appendNumber(nil, x))
}

func appendNumber(dst []byte, x float64) []byte {
	if x == 0 {
		return append(dst, '0')
	}
	a := math.Abs(x)
	if a >= 1e-6 && a < 1e21 {
		return strconv.AppendFloat(dst, x, 'f', -1, 64)
	}
	return strconv.AppendFloat(dst, x, 'g', -1, 64)
}
