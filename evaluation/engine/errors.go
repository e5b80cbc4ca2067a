package engine

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors. Callers wrap them with %w and context; package api maps each onto one HTTP
// status, and package store maps database errors onto them.
var (
	// ErrNotFound: the object does not exist or the caller may not know that it exists.
	ErrNotFound = errors.New("not found")
	// ErrConflict: the request conflicts with the current state (a duplicate code, an illegal
	// lifecycle transition, an object that is frozen, locked or published).
	ErrConflict = errors.New("conflict")
	// ErrInvalid: the request is malformed or its content breaks a rule. Prefer *ValidationError
	// when the problem can be located (a field, a row, a column).
	ErrInvalid = errors.New("invalid")
	// ErrForbidden: the caller is known to the object but lacks the permission.
	ErrForbidden = errors.New("forbidden")
	// ErrUnauthenticated: no valid credentials were presented.
	ErrUnauthenticated = errors.New("unauthenticated")
	// ErrStale: an optimistic-concurrency check failed (If-Match does not name the current version).
	ErrStale = errors.New("stale version")
	// ErrVersionRequired: an update arrived without the version it was based on.
	ErrVersionRequired = errors.New("version required")
	// ErrUnavailable: the database cannot be reached for now (it is down, restarting or refusing
	// connections). The request may succeed when it is retried later.
	ErrUnavailable = errors.New("unavailable")
)

// InternalError separates what a user is told from what only the server log may hold. The store
// wraps driver errors in one (their text names tables, constraints and SQL); a run that panics
// wraps its stack in one. It matches Kind with errors.Is, so the API still maps it to its status,
// but the API and stored run errors show only Public (see PublicMessage).
type InternalError struct {
	Kind   error  // a sentinel error (ErrConflict, ErrUnavailable, …), or nil for an internal failure
	Public string // what the user is told, written for them; "" when the kind says it all
	Err    error  // the cause, for the log
}

func (e *InternalError) Error() string {
	var b strings.Builder
	if e.Kind != nil {
		b.WriteString(e.Kind.Error())
		b.WriteString(": ")
	}
	if e.Public != "" {
		b.WriteString(e.Public)
		b.WriteString(": ")
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap makes errors.Is match both the kind and the cause.
func (e *InternalError) Unwrap() []error {
	if e.Kind == nil {
		return []error{e.Err}
	}
	return []error{e.Kind, e.Err}
}

// StatText is the message of an error from package statistics as a user reads it: without the
// "statistics: " prefix its errors carry (the user judged a matrix; they called no package).
func StatText(err error) string { return strings.ReplaceAll(err.Error(), "statistics: ", "") }

// PublicMessage returns the text of err that a user may read: the public message of an
// *InternalError in its chain (or fallback when it has none), and otherwise err's own text, which
// the domain writes for users.
func PublicMessage(err error, fallback string) string {
	var ie *InternalError
	if errors.As(err, &ie) {
		if ie.Public != "" {
			return ie.Public
		}
		return fallback
	}
	return err.Error()
}

// Problem locates one defect in a request or an imported file. Row and Column are 1-based
// positions in the file as the user sees it (Row 1 is the header of a CSV file); Field names a JSON
// field path for requests.
type Problem struct {
	Field   string `json:"field,omitempty"`
	Row     int    `json:"row,omitempty"`
	Column  string `json:"column,omitempty"`
	Value   string `json:"value,omitempty"`
	Message string `json:"message"`
	// MessageID and Args are Message as a message of the catalogue (package messages: an id and
	// its named arguments), so that the edge (API, pages, CLI) renders it in the reader's
	// language; Message is then its English text. Empty where the text is not catalogued yet.
	// They are plain types so that the engine depends on no catalogue.
	MessageID string         `json:"message_id,omitempty"`
	Args      map[string]any `json:"args,omitempty"`
}

func (p Problem) String() string {
	var b strings.Builder
	if p.Row > 0 {
		fmt.Fprintf(&b, "row %d: ", p.Row)
	}
	if p.Column != "" {
		fmt.Fprintf(&b, "column %s: ", p.Column)
	}
	if p.Field != "" {
		fmt.Fprintf(&b, "%s: ", p.Field)
	}
	if p.Value != "" {
		fmt.Fprintf(&b, "%q: ", p.Value)
	}
	b.WriteString(p.Message)
	return b.String()
}

// ValidationError lists every problem found in a request or a file. It unwraps to ErrInvalid.
// Total may exceed len(Problems) when the list was capped; the cap is stated in Truncated.
type ValidationError struct {
	Summary string `json:"summary"`
	// SummaryID and SummaryArgs are Summary as a catalogue message, like Problem.MessageID.
	SummaryID   string         `json:"summary_id,omitempty"`
	SummaryArgs map[string]any `json:"summary_args,omitempty"`
	Problems    []Problem      `json:"problems"`
	Total       int            `json:"total"`
	Truncated   bool           `json:"truncated,omitempty"`
}

// MaxListedProblems bounds the problems one ValidationError lists; the count of all problems is
// always exact.
const MaxListedProblems = 10000

func (e *ValidationError) Error() string {
	if len(e.Problems) == 0 {
		return e.Summary
	}
	if e.Total > 1 {
		return fmt.Sprintf("%s: %s (and %d more)", e.Summary, e.Problems[0], e.Total-1)
	}
	return fmt.Sprintf("%s: %s", e.Summary, e.Problems[0])
}

// Unwrap makes errors.Is(err, ErrInvalid) true.
func (e *ValidationError) Unwrap() error { return ErrInvalid }

// Add records a problem, keeping at most MaxListedProblems in the list.
func (e *ValidationError) Add(p Problem) {
	e.Total++
	if len(e.Problems) < MaxListedProblems {
		e.Problems = append(e.Problems, p)
	} else {
		e.Truncated = true
	}
}

// Uncounted adds n problems that are counted but not listed (the list is full).
func (e *ValidationError) Uncounted(n int) {
	if n > 0 {
		e.Total += n
		e.Truncated = true
	}
}

// Err returns e when it holds problems, and nil otherwise.
func (e *ValidationError) Err() error {
	if e == nil || e.Total == 0 {
		return nil
	}
	return e
}
