// Package messagestest holds test helpers for packages that record or print catalogue messages,
// in the manner of net/http/httptest:
//
//	messagestest.Exists(t, messages.MonitoringStatusOffTrack)
//	messagestest.Valid(t, w.Message) // the id exists and the arguments fit its placeholders
package messagestest

import (
	"strings"
	"testing"

	"evalbench/messages"
)

// Exists fails the test unless id is in the catalogue in every language.
func Exists(t testing.TB, id messages.ID) {
	t.Helper()
	for _, l := range messages.Languages {
		if _, ok := messages.Lookup(l, id); !ok {
			t.Errorf("message %q is not in the %s catalogue", id, l)
		}
	}
}

// Args fails the test unless id exists and takes exactly the named arguments.
func Args(t testing.TB, id messages.ID, names ...string) {
	t.Helper()
	args := make(messages.Args, len(names))
	for _, n := range names {
		args[n] = ""
	}
	if err := messages.Check(messages.Message{ID: id, Args: args}); err != nil {
		t.Error(err)
	}
}

// Valid fails the test unless m's id exists, its arguments are exactly its placeholders (nested
// messages included), and it renders in every language without a %! marker.
func Valid(t testing.TB, m messages.Message) {
	t.Helper()
	if err := messages.Check(m); err != nil {
		t.Error(err)
		return
	}
	for _, l := range messages.Languages {
		if s := messages.For(l).Render(m); strings.Contains(s, "%!") {
			t.Errorf("message %s renders in %s with a marker: %q", m.ID, l, s)
		}
	}
}

// Dynamic fails the test unless the id built from a code (prefix + code, such as
// "monitoring.status." + status) exists: for call sites that look up a message by a domain code
// and would otherwise print the raw code.
func Dynamic(t testing.TB, prefix string, codes ...string) {
	t.Helper()
	for _, c := range codes {
		Exists(t, messages.ID(prefix+c))
	}
}
