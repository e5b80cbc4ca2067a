package api

import (
	"net/http"
	"testing"

	"evalbench/messages"
	"evalbench/messages/messagestest"
)

// Every problem slug has a title of its own in the catalogue (problem.title.<slug>): only a
// status without a slug falls back to problem.title.http.
func TestEveryProblemSlugHasATitle(t *testing.T) {
	slugs := []string{"internal"}
	for _, s := range httpSlugs {
		slugs = append(slugs, s)
	}
	for _, k := range problemKinds {
		slugs = append(slugs, k.slug)
		messagestest.Exists(t, k.title)
	}
	for _, s := range slugs {
		if id := slugTitle(s); id == messages.ProblemTitleHTTP {
			t.Errorf("slug %s has no title of its own", s)
		}
	}
	if id := slugTitle("http-" + http.StatusText(http.StatusTeapot)); id != messages.ProblemTitleHTTP {
		t.Errorf("an unmapped status: %s", id)
	}
	for _, id := range kindDetails {
		messagestest.Exists(t, id)
	}
}
