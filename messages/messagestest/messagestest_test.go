package messagestest_test

import (
	"fmt"
	"strings"
	"testing"

	"evalbench/messages"
	"evalbench/messages/messagestest"
)

// recorder is a testing.TB that records failures instead of failing.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Helper()                   {}
func (r *recorder) Error(args ...any)         { r.errs = append(r.errs, fmt.Sprint(args...)) }
func (r *recorder) Errorf(f string, a ...any) { r.errs = append(r.errs, fmt.Sprintf(f, a...)) }

func TestHelpers(t *testing.T) {
	tests := []struct {
		name string
		run  func(testing.TB)
		fail string // "" when the helper must pass
	}{
		{"exists", func(tb testing.TB) { messagestest.Exists(tb, messages.GradePass) }, ""},
		{"does not exist", func(tb testing.TB) { messagestest.Exists(tb, "grade.passed") }, "not in the zh catalogue"},
		{"args", func(tb testing.TB) { messagestest.Args(tb, messages.IngestFrameworkCodeDuplicate, "row", "code") }, ""},
		{"wrong args", func(tb testing.TB) { messagestest.Args(tb, messages.IngestFrameworkCodeDuplicate, "row") }, "takes arguments [code row]"},
		{"valid", func(tb testing.TB) { messagestest.Valid(tb, messages.New(messages.BasisAnnualTarget, "year", 2016)) }, ""},
		{"invalid", func(tb testing.TB) { messagestest.Valid(tb, messages.New(messages.BasisAnnualTarget)) }, "takes arguments [year]"},
		{"dynamic", func(tb testing.TB) {
			messagestest.Dynamic(tb, "monitoring.status.", "on_track", "at_risk", "off_track", "no_data")
		}, ""},
		{"dynamic missing", func(tb testing.TB) { messagestest.Dynamic(tb, "run.status.", "paused") }, "run.status.paused"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &recorder{TB: t}
			tt.run(r)
			switch {
			case tt.fail == "" && len(r.errs) > 0:
				t.Errorf("unexpected failure: %v", r.errs)
			case tt.fail != "" && !strings.Contains(strings.Join(r.errs, "\n"), tt.fail):
				t.Errorf("failures %v do not mention %q", r.errs, tt.fail)
			}
		})
	}
}
