package evaluation

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// CreateSurvey stores a new survey of the commission.
func (s *Service) CreateSurvey(ctx context.Context, a Actor, commissionID string, in *engine.Survey) (*engine.Survey, error) {
	err := s.inCommission(ctx, a, commissionID, PermSurveys, func(tx Tx) error {
		sv := in.Definition()
		sv.Normalize()
		if err := sv.Validate(); err != nil {
			return err
		}
		c, err := tx.GetCommission(ctx, commissionID)
		if err != nil {
			return err
		}
		if c.Status == StatusPublished || c.Status == StatusAccepted {
			return engine.Refuse(engine.ErrConflict, messages.ConflictSurveysClosed, "status", statusID(c.Status))
		}
		sv.CommissionID, sv.CreatedBy = commissionID, a.UserID
		if err := tx.CreateSurvey(ctx, sv); err != nil {
			return err
		}
		*in = *sv
		return s.audit(ctx, tx, a, commissionID, "survey.create", "survey", sv.ID, sv.Definition())
	})
	if err != nil {
		return nil, err
	}
	return in, nil
}

// ListSurveys lists a commission's surveys ordered by code.
func (s *Service) ListSurveys(ctx context.Context, a Actor, commissionID string) ([]engine.Survey, error) {
	return readCommission(ctx, s, a, commissionID, PermRead, func(tx Tx) ([]engine.Survey, error) {
		return tx.ListSurveys(ctx, commissionID)
	})
}

// GetSurvey returns one survey of the commission.
func (s *Service) GetSurvey(ctx context.Context, a Actor, commissionID, surveyID string) (*engine.Survey, error) {
	return readCommission(ctx, s, a, commissionID, PermRead, func(tx Tx) (*engine.Survey, error) {
		return s.survey(ctx, tx, commissionID, surveyID)
	})
}

func (s *Service) survey(ctx context.Context, tx Tx, commissionID, surveyID string) (*engine.Survey, error) {
	if !validID(surveyID) {
		return nil, fmt.Errorf("survey %q: %w", surveyID, engine.ErrNotFound)
	}
	return tx.GetSurvey(ctx, commissionID, surveyID)
}

// UpdateSurvey replaces a survey's definition when version is its current version (ErrStale
// otherwise; ErrVersionRequired when version is 0). A survey with imported responses keeps its
// scale, items and rater groups: changing them answers ErrConflict with the reason; its code,
// title, kind, synthetic flag and options may still change.
func (s *Service) UpdateSurvey(ctx context.Context, a Actor, commissionID, surveyID string, version int, in *engine.Survey) (*engine.Survey, error) {
	var out *engine.Survey
	err := s.inCommission(ctx, a, commissionID, PermSurveys, func(tx Tx) error {
		if !validID(surveyID) {
			return fmt.Errorf("survey %q: %w", surveyID, engine.ErrNotFound)
		}
		old, err := tx.LockSurvey(ctx, commissionID, surveyID)
		if err != nil {
			return err
		}
		if version == 0 {
			return errVersionRequired
		}
		if version != old.Version {
			return staleVersion(old.Version, version)
		}
		sv := in.Definition()
		sv.Normalize()
		if err := sv.Validate(); err != nil {
			return err
		}
		c, err := tx.GetCommission(ctx, commissionID)
		if err != nil {
			return err
		}
		if c.Status == StatusPublished || c.Status == StatusAccepted {
			return engine.Refuse(engine.ErrConflict, messages.ConflictSurveysFrozen, "status", statusID(c.Status))
		}
		if old.Imports > 0 {
			same, err := engine.SameQuestionnaire(old, sv)
			if err != nil {
				return err
			}
			if !same {
				return engine.Refuse(engine.ErrConflict, messages.ConflictSurveyHasResponses, "code", old.Code, "responses", old.Responses, "imports", old.Imports)
			}
		}
		sv.ID, sv.CommissionID, sv.CreatedBy, sv.CreatedAt = old.ID, commissionID, old.CreatedBy, old.CreatedAt
		sv.Responses, sv.Imports = old.Responses, old.Imports
		sv.Version = old.Version + 1
		sv.UpdatedAt = s.now()
		if err := tx.UpdateSurvey(ctx, sv); err != nil {
			return err
		}
		out = sv
		return s.audit(ctx, tx, a, commissionID, "survey.update", "survey", sv.ID,
			map[string]any{"old": old.Definition(), "new": sv.Definition(), "version": sv.Version})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ResponseRow is one row of a response file. A ResponseReader fills Rater with the rater key as
// the file gives it (trimmed, full-width characters folded); the service replaces it with the
// pseudonym before the row reaches storage, so the key itself is never stored. Label is the
// category label when the row gave one; Comment is the free text as written (the service
// redacts it).
type ResponseRow struct {
	Row   int
	Unit  string
	Group string
	Rater string // the rater's key as the file gives it; the import clears it
	// Pseudonym is what is stored of the rater: HMAC-SHA256 of the key with the commission's
	// secret (set by the import).
	Pseudonym [32]byte
	Item      string
	Score     float64
	Label     string
	Comment   string
}

// ResponseReader reads survey response files. Package ingest's Codec implements it; the
// service finds it on its codec (WithCodec) by a type assertion.
type ResponseReader interface {
	// ReadResponses streams the responses of a file against survey s and the commission's unit
	// codes, calling emit for each valid row in file order. Every problem is returned at the end
	// as a *ValidationError (row, column, value, message). It does not look for duplicate rows.
	ReadResponses(r io.Reader, opts FileOptions, s *engine.Survey, units []string, emit func(ResponseRow) error) (FileSummary, error)
}

// ResponseImport is one import of survey responses: immutable, identified by the SHA-256 of the
// file's bytes within its survey.
type ResponseImport struct {
	ID           string `json:"id"`
	CommissionID string `json:"commission_id"`
	SurveyID     string `json:"survey_id"`
	FileVersion
	Raters           int `json:"raters"`            // distinct (group, rater) pairs
	RedactedComments int `json:"redacted_comments"` // comments in which personal data were hidden
}

// ResponseImportInput is one upload of survey responses.
type ResponseImportInput struct {
	Options FileOptions
	DryRun  bool      // validate and report, store nothing
	Body    io.Reader // read once, to the end
}

// ResponseImportResult reports a response import.
type ResponseImportResult struct {
	Import *ResponseImport `json:"import,omitempty"`
	ImportOutcome
}

// responseReader returns the codec's response reader.
func (s *Service) responseReader() (ResponseReader, error) {
	if err := s.needCodec(); err != nil {
		return nil, err
	}
	rr, ok := s.codec.(ResponseReader)
	if !ok {
		return nil, fmt.Errorf("evaluation: the service's file codec %T cannot read survey responses (it does not implement evaluation.ResponseReader)", s.codec)
	}
	return rr, nil
}

// ImportResponses validates a whole response file and stores it as a new import of the survey —
// all rows or none. Any problem (a bad score, an unknown unit, group or item, a row repeating the
// unit, group, rater and item of an earlier row or an earlier import) rejects the import with a
// *ValidationError listing every problem. Rater keys are stored only as pseudonyms (HMAC-SHA256
// with the commission's secret, created on first use); comments are stored with phone numbers,
// ID-card numbers and e-mail addresses redacted. The same bytes imported again return the
// existing import.
func (s *Service) ImportResponses(ctx context.Context, a Actor, commissionID, surveyID string, in ResponseImportInput) (*ResponseImportResult, error) {
	rr, err := s.responseReader()
	if err != nil {
		return nil, err
	}
	if err := engine.CheckTexts("filename", in.Options.FileName); err != nil {
		return nil, err
	}
	res := &ResponseImportResult{ImportOutcome: ImportOutcome{DryRun: in.DryRun}}
	up := upload{commissionID: commissionID, perm: PermSurveys, what: "responses", body: in.Body, dryRun: in.DryRun}
	im := &responseImport{s: s, a: a, rr: rr, commissionID: commissionID, surveyID: surveyID, opts: in.Options, res: res}
	if err := importFile(ctx, s, a, up, &res.ImportOutcome, im); err != nil {
		return nil, err
	}
	return res, nil
}

// responseImport is an import of survey responses (see fileImport).
type responseImport struct {
	s                      *Service
	a                      Actor
	rr                     ResponseReader
	commissionID, surveyID string
	opts                   FileOptions
	res                    *ResponseImportResult
	sv                     *engine.Survey
	imp                    *ResponseImport
	ps                     *Pseudonymizer
	keys                   *responseKeys
}

// prepare locks the survey.
func (im *responseImport) prepare(ctx context.Context, tx Tx) error {
	if !validID(im.surveyID) {
		return fmt.Errorf("survey %q: %w", im.surveyID, engine.ErrNotFound)
	}
	var err error
	im.sv, err = tx.LockSurvey(ctx, im.commissionID, im.surveyID)
	return err
}

func (im *responseImport) find(ctx context.Context, tx Tx, sha256 string) (*FileSummary, error) {
	existing, err := tx.ResponseImportBySHA(ctx, im.surveyID, sha256)
	if errors.Is(err, engine.ErrNotFound) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	im.res.Import = existing
	return &FileSummary{SHA256: sha256, Format: existing.Format, Encoding: existing.Encoding, Sheet: existing.Sheet,
		Rows: existing.Rows, Valid: existing.Rows}, nil
}

// begin creates the commission's rater-pseudonym key on its first import.
func (im *responseImport) begin(ctx context.Context, tx Tx) (*FileVersion, ResponseSink, error) {
	fresh := make([]byte, 32)
	if _, err := rand.Read(fresh); err != nil {
		return nil, nil, fmt.Errorf("import: generating the rater-pseudonym key: %w", err)
	}
	secret, created, err := tx.SurveySecret(ctx, im.commissionID, fresh)
	if err != nil {
		return nil, nil, err
	}
	if created {
		if err := im.s.audit(ctx, tx, im.a, im.commissionID, "survey.secret.create", "commission", im.commissionID,
			map[string]any{"purpose": "HMAC-SHA256 key for rater pseudonyms"}); err != nil {
			return nil, nil, err
		}
	}
	im.ps = NewPseudonymizer(secret)
	im.imp = &ResponseImport{ID: newUUID(), CommissionID: im.commissionID, SurveyID: im.surveyID,
		FileVersion: im.s.newFileVersion(im.a, "", im.opts)}
	sink, err := tx.NewResponseSink(ctx, im.surveyID, im.imp.ID)
	return &im.imp.FileVersion, sink, err
}

// read stores rater keys as pseudonyms and comments redacted, and notes each row's key: whether
// one repeats, and how many raters the file holds.
func (im *responseImport) read(r io.Reader, units []string, sink ResponseSink) (FileSummary, error) {
	im.keys = newResponseKeys(im.sv, im.s.responseKeyPairs)
	return im.rr.ReadResponses(r, im.opts, im.sv, units, func(row ResponseRow) error {
		im.ps.sum(&row.Pseudonym, row.Rater)
		row.Rater = ""
		im.keys.add(&row)
		var redacted bool
		if row.Comment, redacted = RedactComment(row.Comment); redacted {
			im.imp.RedactedComments++
		}
		return sink.Write(&row)
	})
}

// duplicates asks storage for the rows repeated within the file only when a key repeated while
// it streamed, and for repeats of the survey's earlier imports only when it has any.
func (im *responseImport) duplicates(ctx context.Context, tx Tx, v *engine.ValidationError) error {
	im.imp.Raters = im.keys.raters
	if im.keys.overflow {
		n, err := tx.CountImportRaters(ctx, im.imp.ID)
		if err != nil {
			return err
		}
		im.imp.Raters = n
	}
	dups, err := tx.DuplicateResponses(ctx, im.surveyID, im.imp.ID, im.keys.repeated)
	if err != nil {
		return err
	}
	for _, p := range dups {
		v.Add(p)
	}
	return nil
}

// create refuses a file without responses.
func (im *responseImport) create(ctx context.Context, tx Tx) error {
	if im.imp.Rows == 0 {
		v := newInvalid(messages.IngestNotImported, "file", im.imp.FileName)
		v.Add(withText(engine.Problem{}, messages.ImportNoResponses))
		return v
	}
	if err := tx.CreateResponseImport(ctx, im.imp, im.a.UserID); err != nil {
		return err
	}
	im.res.Import = im.imp
	return nil
}

func (im *responseImport) audit(ctx context.Context, tx Tx) error {
	imp := im.imp
	return im.s.audit(ctx, tx, im.a, im.commissionID, "survey.responses.import", "survey", im.surveyID, map[string]any{
		"import_id": imp.ID, "number": imp.Number, "sha256": imp.SHA256, "file_name": imp.FileName, "rows": imp.Rows,
		"raters": imp.Raters, "redacted_comments": imp.RedactedComments, "format": imp.Format, "encoding": imp.Encoding})
}

func (im *responseImport) forget() { im.imp.ID, im.imp.Number = "", 0 }

// ListResponseImports lists a survey's response imports, newest first.
func (s *Service) ListResponseImports(ctx context.Context, a Actor, commissionID, surveyID string) ([]ResponseImport, error) {
	return readCommission(ctx, s, a, commissionID, PermRead, func(tx Tx) ([]ResponseImport, error) {
		if _, err := s.survey(ctx, tx, commissionID, surveyID); err != nil {
			return nil, err
		}
		return tx.ListResponseImports(ctx, surveyID)
	})
}

// SurveyInputs loads, inside tx, what AggregateSurvey needs: the survey and all its imported
// responses (pseudonymous, without comments, in canonical order). It checks no permission: the
// caller (the run engine) has checked the actor's access to the commission in the same
// transaction.
func (s *Service) SurveyInputs(ctx context.Context, tx Tx, commissionID, surveyID string) (*engine.Survey, []engine.Response, error) {
	sv, err := s.survey(ctx, tx, commissionID, surveyID)
	if err != nil {
		return nil, nil, err
	}
	rs, err := tx.ListResponses(ctx, surveyID, nil)
	if err != nil {
		return nil, nil, err
	}
	engine.SortResponses(rs)
	return sv, rs, nil
}

// SurveyResults aggregates all imported responses of a survey (see AggregateSurvey).
func (s *Service) SurveyResults(ctx context.Context, a Actor, commissionID, surveyID string) (*engine.SurveyResult, error) {
	var sv *engine.Survey
	var rs []engine.Response
	err := s.inCommission(ctx, a, commissionID, PermRead, func(tx Tx) error {
		var err error
		sv, rs, err = s.SurveyInputs(ctx, tx, commissionID, surveyID)
		return err
	})
	if err != nil {
		return nil, err
	}
	res, err := engine.AggregateSurvey(sv, rs)
	if err != nil {
		return nil, err
	}
	res.SurveyID = sv.ID
	return res, nil
}

// Pseudonymizer turns rater keys into pseudonyms: the lower-case hex of HMAC-SHA256(secret,
// key). The same key under the same commission secret always gives the same pseudonym, so a
// rater's answers stay linked across imports, while the key cannot be recovered without the
// secret. It is not safe for concurrent use.
type Pseudonymizer struct {
	mac hash.Hash
	buf []byte
}

// NewPseudonymizer returns a Pseudonymizer keyed with secret.
func NewPseudonymizer(secret []byte) *Pseudonymizer {
	return &Pseudonymizer{mac: hmac.New(sha256.New, secret)}
}

// Pseudonym returns the pseudonym of a rater key, in hex.
func (p *Pseudonymizer) Pseudonym(key string) string {
	var sum [32]byte
	p.sum(&sum, key)
	return hex.EncodeToString(sum[:])
}

// sum writes the pseudonym of a rater key to dst.
func (p *Pseudonymizer) sum(dst *[32]byte, key string) {
	p.mac.Reset()
	io.WriteString(p.mac, key)
	p.buf = p.mac.Sum(p.buf[:0])
	copy(dst[:], p.buf)
}

// Placeholders that replace personal data in comments.
const (
	RedactedPhone  = "[电话已隐去]"
	RedactedIDCard = "[身份证号已隐去]"
	RedactedEmail  = "[邮箱已隐去]"
)

// redactions are applied in order: e-mail addresses first (their local part may hold a phone
// number), then 18- and 15-digit ID-card numbers, then mobile and landline numbers. Digits may
// be ASCII or full-width. Digit patterns count only when no digit touches them on either side,
// so a longer number (an amount, a bank reference) is left alone.
var redactions = func() []redaction {
	const d = `[0-9０-９]`
	const sep = `[-－ ]`
	return []redaction{
		{regexp.MustCompile(`[A-Za-z0-9._%+\-]+[@＠][A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}`), RedactedEmail, false},
		{regexp.MustCompile(d + `{17}[0-9０-９XxＸｘ]`), RedactedIDCard, true},
		{regexp.MustCompile(d + `{15}`), RedactedIDCard, true},
		// Mobile: 1[3-9] and nine more digits, optionally +86 and separators (138-1234-5678).
		{regexp.MustCompile(`(?:[+＋]?(?:86|８６)` + sep + `?)?[1１][3-9３-９]` + d + `(?:` + sep + `?` + d + `{4}){2}`), RedactedPhone, true},
		// Landline: a 3–4-digit area code starting with 0 (bare or in brackets), 7–8 digits, and
		// an optional extension (0571-86001234, (0571)86001234, 0571-86001234转123).
		{regexp.MustCompile(`(?:[(（][0０]` + d + `{2,3}[)）]` + sep + `?|[0０]` + d + `{2,3}` + sep + `?)` + d + `{7,8}(?:(?:[-－]|转)` + d + `{1,6})?`), RedactedPhone, true},
	}
}()

type redaction struct {
	re        *regexp.Regexp
	with      string
	digitEdge bool // the match must not touch another digit
}

// RedactComment replaces phone numbers (Chinese mobiles 1[3-9]xxxxxxxxx, landlines with an area
// code such as 0571-8xxxxxxx), ID-card numbers (18 digits, the last possibly X; 15 digits) and
// e-mail addresses in a free-text comment with the placeholders RedactedPhone, RedactedIDCard and
// RedactedEmail, and reports whether it changed anything.
func RedactComment(s string) (string, bool) {
	out := s
	for _, r := range redactions {
		out = r.apply(out)
	}
	return out, out != s
}

func (r redaction) apply(s string) string {
	var b strings.Builder
	last, pos := 0, 0
	for pos < len(s) {
		loc := r.re.FindStringIndex(s[pos:])
		if loc == nil {
			break
		}
		start, end := pos+loc[0], pos+loc[1]
		if r.digitEdge && (digitBefore(s, start) || digitAfter(s, end)) {
			_, size := utf8.DecodeRuneInString(s[start:])
			pos = start + size
			continue
		}
		b.WriteString(s[last:start])
		b.WriteString(r.with)
		last, pos = end, end
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

func isDigitRune(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

func digitBefore(s string, i int) bool {
	if i == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return isDigitRune(r)
}

func digitAfter(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isDigitRune(r)
}

// surveyForRun checks a survey of the commission for a run and returns its code and the ids of
// its response imports, which the run will use.
func (s *Service) surveyForRun(ctx context.Context, tx Tx, commissionID, surveyID string) (string, []string, error) {
	sv, err := s.survey(ctx, tx, commissionID, surveyID)
	if err != nil {
		return "", nil, err
	}
	imps, err := tx.ListResponseImports(ctx, surveyID)
	if err != nil {
		return "", nil, err
	}
	ids := make([]string, len(imps))
	for i, imp := range imps {
		ids[i] = imp.ID
	}
	slices.Sort(ids)
	return sv.Code, ids, nil
}

// runSurvey loads a survey's definition and the responses of the given imports.
// With compact, the responses are in the RunSurvey's Table instead of its Responses (for the
// worker, which only computes and digests them).
func (s *Service) runSurvey(ctx context.Context, tx Tx, commissionID, surveyID string, imports []string, compact bool) (*engine.RunSurvey, error) {
	sv, err := s.survey(ctx, tx, commissionID, surveyID)
	if err != nil {
		return nil, err
	}
	var rs []engine.Response
	var tab *engine.ResponseTable
	if compact {
		tab, err = tx.ListResponseTable(ctx, surveyID, imports)
	} else {
		rs, err = tx.ListResponses(ctx, surveyID, imports)
	}
	if err != nil {
		return nil, err
	}
	cs, err := tx.ListComments(ctx, surveyID, imports)
	if err != nil {
		return nil, err
	}
	if len(cs) == 0 {
		cs = nil
	}
	return &engine.RunSurvey{Survey: sv.Definition(), Responses: rs, Table: tab, Comments: cs}, nil
}

// SurveyTx is the storage of surveys and their responses. Not-found answers wrap ErrNotFound;
// a duplicate survey code wraps ErrConflict.
type SurveyTx interface {
	// CreateSurvey stores a new survey, filling its ID, Version, CreatedAt and UpdatedAt.
	CreateSurvey(ctx context.Context, s *engine.Survey) error
	// GetSurvey returns a survey of the commission with its response and import counts.
	GetSurvey(ctx context.Context, commissionID, id string) (*engine.Survey, error)
	// LockSurvey is GetSurvey that also locks the survey's row until the transaction ends, so
	// that imports and edits of one survey happen one after the other.
	LockSurvey(ctx context.Context, commissionID, id string) (*engine.Survey, error)
	// ListSurveys lists a commission's surveys ordered by code.
	ListSurveys(ctx context.Context, commissionID string) ([]engine.Survey, error)
	// UpdateSurvey stores s when the stored version is s.Version-1 (s.Version already
	// incremented by the caller), and answers ErrStale otherwise.
	UpdateSurvey(ctx context.Context, s *engine.Survey) error

	// SurveySecret returns the commission's rater-pseudonym key. When the commission has none
	// yet it stores fresh (32 random bytes from the caller) and reports created.
	SurveySecret(ctx context.Context, commissionID string, fresh []byte) (secret []byte, created bool, err error)

	// NewResponseSink streams the rows of a response import not yet created;
	// CreateResponseImport then numbers and stores the import row in the same transaction.
	NewResponseSink(ctx context.Context, surveyID, importID string) (ResponseSink, error)
	// DuplicateResponses lists a problem for every row of the import that repeats the unit,
	// rater group, rater and item of an earlier row of the same import (when within) or of an
	// earlier import of the survey.
	DuplicateResponses(ctx context.Context, surveyID, importID string, within bool) ([]engine.Problem, error)
	// CreateResponseImport stores the import row (imp.Raters counted by the caller).
	CreateResponseImport(ctx context.Context, imp *ResponseImport, importerID string) error
	// ResponseImportBySHA returns the survey's import of the file with the given SHA-256.
	ResponseImportBySHA(ctx context.Context, surveyID, sha256 string) (*ResponseImport, error)
	// ListResponseImports lists a survey's imports, newest first.
	ListResponseImports(ctx context.Context, surveyID string) ([]ResponseImport, error)
	// ListResponses returns every response of a survey, pseudonymous and without comments, in
	// no particular order (see SortResponses). imports, when not nil, restricts them to the
	// responses of the given import ids (a run's snapshot).
	ListResponses(ctx context.Context, surveyID string, imports []string) ([]engine.Response, error)
	// ListResponseTable lists the same responses as a compact engine.ResponseTable, in no
	// particular order.
	ListResponseTable(ctx context.Context, surveyID string, imports []string) (*engine.ResponseTable, error)
	// CountRaters returns the number of distinct raters who answered in each unit × rater group
	// of a survey (cells without responses are absent).
	CountRaters(ctx context.Context, surveyID string) (map[engine.SurveyCell]int, error)
	// CountImportRaters counts the distinct (rater group, rater) pairs of an import's responses.
	CountImportRaters(ctx context.Context, importID string) (int, error)
	// ListComments returns the survey's non-empty comments, pseudonymous, restricted to the
	// given imports when not nil, in canonical order (engine.SortComments).
	ListComments(ctx context.Context, surveyID string, imports []string) ([]engine.SurveyComment, error)
}

// ResponseSink receives the rows of a response import inside its transaction (the store streams
// them to PostgreSQL with COPY). It stores Pseudonym as the rater.
type ResponseSink = RowSink[ResponseRow]

// responseKeys notes the key of each row of a response import as the rows stream: whether a
// unit × rater group × rater × item repeats (only then does storage list the repeated rows with
// their numbers), and how many distinct raters (group and pseudonym) the file holds — no sort,
// no count afterwards. Each rater × unit met has a bit set of the survey's items, so memory grows
// with the distinct rater × unit pairs (about 200 bytes each), not with the rows; past maxPairs
// of them the sets are dropped (overflow) and storage finds the repeats and counts the raters, so
// that a file of millions of distinct raters does not take gigabytes.
type responseKeys struct {
	item     map[string]int // item code → bit
	words    int
	seen     map[responseRater]struct{}
	pairs    map[responsePair][]uint64
	maxPairs int
	raters   int
	repeated bool
	overflow bool
}

type responseRater struct {
	group string
	rater [32]byte
}

type responsePair struct {
	responseRater
	unit string
}

// defaultResponseKeyPairs is how many rater × unit pairs an import tracks in memory unless
// WithResponseKeyPairs says otherwise: about 50 MB, a public survey of 250,000 respondents.
const defaultResponseKeyPairs = 1 << 18

// WithResponseKeyPairs sets how many distinct rater × unit pairs a response import tracks in
// memory (about 200 bytes each) before storage checks the rest (n ≤ 0: the default, 262,144).
func WithResponseKeyPairs(n int) Option { return func(s *Service) { s.responseKeyPairs = n } }

func newResponseKeys(sv *engine.Survey, maxPairs int) *responseKeys {
	if maxPairs <= 0 {
		maxPairs = defaultResponseKeyPairs
	}
	k := &responseKeys{item: make(map[string]int, len(sv.Items)), words: (len(sv.Items) + 63) / 64,
		seen: map[responseRater]struct{}{}, pairs: map[responsePair][]uint64{}, maxPairs: maxPairs}
	for i, it := range sv.Items {
		k.item[it.Code] = i
	}
	return k
}

func (k *responseKeys) add(r *ResponseRow) {
	if k.overflow {
		return
	}
	if len(k.pairs) >= k.maxPairs {
		k.overflow, k.repeated = true, true
		k.seen, k.pairs = nil, nil
		return
	}
	rr := responseRater{group: r.Group, rater: r.Pseudonym}
	if _, ok := k.seen[rr]; !ok {
		k.seen[rr] = struct{}{}
		k.raters++
	}
	i, ok := k.item[r.Item]
	if !ok {
		k.repeated = true // not an item of the survey: let storage decide
		return
	}
	p := responsePair{responseRater: rr, unit: r.Unit}
	b := k.pairs[p]
	if b == nil {
		b = make([]uint64, k.words)
		k.pairs[p] = b
	}
	if b[i/64]&(1<<(i%64)) != 0 {
		k.repeated = true
	}
	b[i/64] |= 1 << (i % 64)
}
