package evaluation

import "context"

// SurveyTx is the storage of surveys and their responses. Not-found answers wrap ErrNotFound;
// a duplicate survey code wraps ErrConflict.
type SurveyTx interface {
	// CreateSurvey stores a new survey, filling its ID, Version, CreatedAt and UpdatedAt.
	CreateSurvey(ctx context.Context, s *Survey) error
	// GetSurvey returns a survey of the commission with its response and import counts.
	GetSurvey(ctx context.Context, commissionID, id string) (*Survey, error)
	// LockSurvey is GetSurvey that also locks the survey's row until the transaction ends, so
	// that imports and edits of one survey happen one after the other.
	LockSurvey(ctx context.Context, commissionID, id string) (*Survey, error)
	// ListSurveys lists a commission's surveys ordered by code.
	ListSurveys(ctx context.Context, commissionID string) ([]Survey, error)
	// UpdateSurvey stores s when the stored version is s.Version-1 (s.Version already
	// incremented by the caller), and answers ErrStale otherwise.
	UpdateSurvey(ctx context.Context, s *Survey) error

	// SurveySecret returns the commission's rater-pseudonym key. When the commission has none
	// yet it stores fresh (32 random bytes from the caller) and reports created.
	SurveySecret(ctx context.Context, commissionID string, fresh []byte) (secret []byte, created bool, err error)

	// NewResponseSink streams the rows of a response import not yet created;
	// CreateResponseImport then numbers and stores the import row in the same transaction.
	NewResponseSink(ctx context.Context, surveyID, importID string) (ResponseSink, error)
	// DuplicateResponses lists a problem for every row of the import that repeats the unit,
	// rater group, rater and item of an earlier row of the same import or of an earlier import of
	// the survey.
	DuplicateResponses(ctx context.Context, surveyID, importID string) ([]Problem, error)
	// CreateResponseImport stores the import row, counting its distinct raters into imp.Raters.
	CreateResponseImport(ctx context.Context, imp *ResponseImport, importerID string) error
	// ResponseImportBySHA returns the survey's import of the file with the given SHA-256.
	ResponseImportBySHA(ctx context.Context, surveyID, sha256 string) (*ResponseImport, error)
	// ListResponseImports lists a survey's imports, newest first.
	ListResponseImports(ctx context.Context, surveyID string) ([]ResponseImport, error)
	// ListResponses returns every response of a survey, pseudonymous and without comments, in
	// no particular order (see SortResponses). imports, when not nil, restricts them to the
	// responses of the given import ids (a run's snapshot).
	ListResponses(ctx context.Context, surveyID string, imports []string) ([]Response, error)
}

// ResponseSink receives the rows of a response import inside its transaction (the store streams
// them to PostgreSQL with COPY). Rater must already hold the pseudonym (64 hex digits).
type ResponseSink = RowSink[ResponseRow]
