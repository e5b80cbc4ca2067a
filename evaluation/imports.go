package evaluation

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// FileVersion is what a stored import of a file records whatever the file holds: its number among
// the versions of its kind, the SHA-256 and name of the file, how it was read, who imported it
// and when, and how many rows it stored.
type FileVersion struct {
	Number     int       `json:"number"`
	SHA256     string    `json:"sha256"`
	FileName   string    `json:"file_name"`
	Format     string    `json:"format"`
	Encoding   string    `json:"encoding,omitempty"`
	Sheet      string    `json:"sheet,omitempty"`
	Importer   string    `json:"importer"`
	ImportedAt time.Time `json:"imported_at"`
	Rows       int       `json:"rows"`
}

// ImportOutcome is what an import reports besides the version it stored or found.
type ImportOutcome struct {
	Existing bool        `json:"existing"` // the same bytes were imported before: this is that version
	DryRun   bool        `json:"dry_run"`
	File     FileSummary `json:"file"`
}

// Created reports whether the import stored a new version: it was not a dry run, and the same
// bytes had not been imported before.
func (o ImportOutcome) Created() bool { return !o.DryRun && !o.Existing }

// Outcome names what the import did, for logs: "created", "existing" or "dry run".
func (o ImportOutcome) Outcome() string {
	switch {
	case o.DryRun:
		return "dry run"
	case o.Existing:
		return "existing"
	}
	return "created"
}

// ImportedRows is the number of rows the file held.
func (o ImportOutcome) ImportedRows() int { return o.File.Rows }

// RowSink receives the rows of a file being imported, inside the import's transaction (the store
// streams them to PostgreSQL with COPY).
type RowSink[T any] interface {
	Write(row *T) error
	// Close flushes the rows and returns how many were written.
	Close() (int64, error)
}

// upload is a file to import into a commission.
type upload struct {
	commissionID string
	perm         Permission // what the actor needs on the commission
	what         string     // what the file holds, in messages: "data", "responses"
	body         io.Reader
	dryRun       bool
}

// fileImport is one kind of all-or-nothing file import — a dataset version, an import of a
// survey's responses — as importFile drives it; T is its row type. importFile takes the steps
// every kind shares and calls these in this order, all in one transaction.
type fileImport[T any] interface {
	// prepare runs first, once the actor's access is checked: it locks and loads what the file
	// is imported into.
	prepare(ctx context.Context, tx Tx) error
	// begin runs once the commission is locked: it makes the record of the new version of the
	// file and opens the sink for its rows.
	begin(ctx context.Context, tx Tx) (*FileVersion, RowSink[T], error)
	// read reads the file, writing every valid row to sink.
	read(r io.Reader, units []string, sink RowSink[T]) (FileSummary, error)
	// find runs once the file is read and its digest known: when the same bytes were imported
	// before, it records that version as the result and returns the summary to report.
	find(ctx context.Context, tx Tx, sha256 string) (*FileSummary, error)
	// duplicates adds to v a problem for every stored row that repeats another.
	duplicates(ctx context.Context, tx Tx, v *engine.ValidationError) error
	// create stores the new version's record (its rows are stored and valid) and makes it the
	// result.
	create(ctx context.Context, tx Tx) error
	// audit writes the import's audit row; a dry run does not.
	audit(ctx context.Context, tx Tx) error
	// forget takes away the identity of the result after a dry run, which stored nothing.
	forget()
}

var (
	errDryRun   = errors.New("dry run: roll back")
	errExisting = errors.New("the same bytes were imported before: roll back")
)

// importFile imports an uploaded file all or nothing, reading it once: the upload is parsed,
// validated, hashed and streamed into storage in one pass (nothing is spooled), inside one
// transaction. In it, importFile locks the commission (which must have evaluated units and still
// take data) and streams the rows into storage; once the file is read, it returns the version
// stored from the same bytes if there is one (rolling back what it streamed), and otherwise
// rejects the file with a *ValidationError that lists every problem the reader found and every
// duplicate storage found, in row order. A dry run is rolled back once the version's record is
// made, and reports it without an identity.
func importFile[T any](ctx context.Context, s *Service, a Actor, up upload, out *ImportOutcome, k fileImport[T]) error {
	if err := s.Authorize(ctx, a, up.commissionID, up.perm); err != nil {
		return err
	}
	err := s.inCommission(ctx, a, up.commissionID, up.perm, func(tx Tx) error {
		if err := k.prepare(ctx, tx); err != nil {
			return err
		}
		units, lerr := s.lockForImport(ctx, tx, up)
		if lerr != nil {
			if !errors.Is(lerr, engine.ErrConflict) {
				return lerr
			}
			// The commission takes no file now; the same bytes imported before are still
			// reported as that version.
			h := sha256.New()
			if _, err := io.Copy(h, up.body); err != nil {
				return fmt.Errorf("import: reading the upload: %w", err)
			}
			return foundOr(ctx, tx, k, hex.EncodeToString(h.Sum(nil)), out, lerr)
		}
		file, sink, err := k.begin(ctx, tx)
		if err != nil {
			return err
		}
		fsum, perr := k.read(up.body, units, sink)
		n, cerr := sink.Close()
		out.File = fsum
		var verr *engine.ValidationError
		if perr != nil && !errors.As(perr, &verr) {
			return perr
		}
		if cerr != nil {
			return cerr
		}
		if fsum.SHA256 == "" {
			return fmt.Errorf("import: the reader returned no digest of the upload")
		}
		if err := foundOr(ctx, tx, k, fsum.SHA256, out, nil); err != nil {
			return err
		}
		if verr == nil {
			verr = &engine.ValidationError{}
		}
		setSummary(verr, messages.IngestNotImported, "file", file.FileName)
		// Duplicates are found where the rows are stored, so that memory stays bounded whatever
		// the file size.
		if err := k.duplicates(ctx, tx, verr); err != nil {
			return err
		}
		sort.SliceStable(verr.Problems, func(i, j int) bool { return verr.Problems[i].Row < verr.Problems[j].Row })
		if err := verr.Err(); err != nil {
			return err
		}
		file.SHA256 = fsum.SHA256
		file.Format, file.Encoding, file.Sheet, file.Rows = fsum.Format, fsum.Encoding, fsum.Sheet, int(n)
		if err := k.create(ctx, tx); err != nil {
			return err
		}
		if up.dryRun {
			return errDryRun
		}
		return k.audit(ctx, tx)
	})
	switch {
	case errors.Is(err, errExisting):
		// Found after reading: what was streamed is rolled back, the earlier version reported.
		return nil
	case errors.Is(err, errDryRun):
		// Validated and rolled back: report what would have been stored, without an identity.
		k.forget()
		return nil
	}
	return err
}

// foundOr looks for the version imported from the bytes with digest sum. Found, it records it in
// out and returns errExisting (the transaction is rolled back, the version reported); not found,
// it returns otherwise.
func foundOr[T any](ctx context.Context, tx Tx, k fileImport[T], sum string, out *ImportOutcome, otherwise error) error {
	existing, err := k.find(ctx, tx, sum)
	if err != nil {
		return err
	}
	if existing == nil {
		return otherwise
	}
	out.Existing, out.File = true, *existing
	return errExisting
}

// lockForImport locks the commission a file is imported into, which must have evaluated units
// and must not be published or accepted, and returns the units' codes.
func (s *Service) lockForImport(ctx context.Context, tx Tx, up upload) ([]string, error) {
	units, err := tx.ListUnits(ctx, up.commissionID)
	if err != nil {
		return nil, err
	}
	if len(units) == 0 {
		return nil, engine.Refuse(engine.ErrConflict, messages.ConflictImportNoUnits, "what", messages.ID("import.what."+up.what))
	}
	codes := make([]string, len(units))
	for i, u := range units {
		codes[i] = u.Code
	}
	c, err := tx.LockCommission(ctx, up.commissionID)
	if err != nil {
		return nil, err
	}
	if c.Status == StatusPublished || c.Status == StatusAccepted {
		return nil, engine.Refuse(engine.ErrConflict, messages.ConflictImportClosed, "status", statusID(c.Status), "what", messages.ID("import.what."+up.what))
	}
	return codes, nil
}

// newFileVersion describes a file the actor is importing now.
func (s *Service) newFileVersion(a Actor, sha256 string, opts FileOptions) FileVersion {
	return FileVersion{SHA256: sha256, FileName: baseName(opts.FileName), Importer: a.Name, ImportedAt: s.now()}
}

func baseName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	if name == "" {
		return "upload"
	}
	return name
}

// FileOptions say how to read an uploaded file. Empty fields are detected.
type FileOptions struct {
	FileName string // the name it was uploaded with (its extension names the format)
	Format   string // csv, tsv, xlsx or json
	Encoding string // utf-8, gbk or gb18030 for CSV
	Sheet    string // the XLSX worksheet; empty takes the first
}

// FileSummary describes a file that was read.
type FileSummary struct {
	Format    string `json:"format"`
	Encoding  string `json:"encoding,omitempty"`
	Sheet     string `json:"sheet,omitempty"`
	Rows      int    `json:"rows"`
	Valid     int    `json:"valid"`
	BlankRows int    `json:"blank_rows"`
	Bytes     int64  `json:"bytes"`
	SHA256    string `json:"sha256"`
}

// Codec reads and writes the files government offices send and receive. Package ingest
// implements it; the service is given one with WithCodec. Readers validate every row and return
// a *ValidationError listing every problem (row, column, value, message).
type Codec interface {
	// ReadObservations streams observations of framework f for the given unit codes, calling
	// emit for each valid row in file order. It does not look for duplicate rows.
	ReadObservations(r io.Reader, opts FileOptions, f *engine.Framework, units []string, emit func(engine.Observation) error) (FileSummary, error)
	// ReadFramework reads a framework (JSON, CSV or XLSX).
	ReadFramework(r io.Reader, opts FileOptions, planStart, planEnd int) (*engine.Framework, error)
	// WriteFramework writes a framework in a format ReadFramework reads back identically.
	WriteFramework(w io.Writer, f *engine.Framework, format string) error
	// NewObservationWriter writes observations in a format ReadObservations reads back
	// identically.
	NewObservationWriter(w io.Writer, format string) (ObservationWriter, error)
}

// ObservationWriter writes observations one at a time; Close flushes (it does not close the
// underlying writer).
type ObservationWriter interface {
	Write(o engine.Observation) error
	Close() error
}

// WithCodec gives the service the file codec imports and exports use.
func WithCodec(c Codec) Option { return func(s *Service) { s.codec = c } }

func (s *Service) needCodec() error {
	if s.codec == nil {
		return errors.New("evaluation: the service has no file codec (WithCodec)")
	}
	return nil
}

// ObservationSink receives the rows of a dataset being imported, inside its transaction (the
// store streams them to PostgreSQL with COPY).
type ObservationSink = RowSink[engine.Observation]

func newUUID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}
