package evaluation

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// ImportInput is one upload of observation data.
type ImportInput struct {
	FrameworkID string // empty: the newest framework
	Options     FileOptions
	Label       string
	DryRun      bool      // validate and report, store nothing
	Synthetic   bool      // the data are generated (examples); labelled everywhere
	Body        io.Reader // read once, to the end
}

// ImportResult reports an import.
type ImportResult struct {
	Dataset *Dataset `json:"dataset,omitempty"`
	ImportOutcome
}

// ImportDataset validates a whole file and stores it as a new dataset version — all rows or
// none. Any problem (a bad value, an unknown code, a duplicate indicator × unit × period) rejects
// the import with a *ValidationError listing every problem. The same bytes imported again return
// the existing version.
func (s *Service) ImportDataset(ctx context.Context, a Actor, commissionID string, in ImportInput) (*ImportResult, error) {
	if err := s.needCodec(); err != nil {
		return nil, err
	}
	if err := engine.CheckTexts("filename", in.Options.FileName, "label", in.Label); err != nil {
		return nil, err
	}
	res := &ImportResult{ImportOutcome: ImportOutcome{DryRun: in.DryRun}}
	up := upload{commissionID: commissionID, perm: PermData, what: "data", body: in.Body, dryRun: in.DryRun}
	im := &datasetImport{s: s, a: a, commissionID: commissionID, in: in, res: res}
	if err := importFile(ctx, s, a, up, &res.ImportOutcome, im); err != nil {
		return nil, err
	}
	return res, nil
}

// datasetImport is an import of a dataset version (see fileImport).
type datasetImport struct {
	s            *Service
	a            Actor
	commissionID string
	in           ImportInput
	res          *ImportResult
	f            *engine.Framework
	d            *Dataset
	seen         *keySet
}

// prepare loads the framework the data are read against.
func (im *datasetImport) prepare(ctx context.Context, tx Tx) error {
	var err error
	im.f, err = im.s.framework(ctx, tx, im.commissionID, im.in.FrameworkID)
	if errors.Is(err, engine.ErrNotFound) && im.in.FrameworkID != "" {
		return engine.Invalid("framework", messages.DatasetNoFramework)
	}
	return err
}

func (im *datasetImport) find(ctx context.Context, tx Tx, sha256 string) (*FileSummary, error) {
	existing, err := tx.DatasetBySHA(ctx, im.commissionID, sha256)
	if errors.Is(err, engine.ErrNotFound) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	im.res.Dataset = existing
	return &FileSummary{SHA256: sha256, Format: existing.Format, Encoding: existing.Encoding, Sheet: existing.Sheet, Rows: existing.Rows, Valid: existing.Rows}, nil
}

func (im *datasetImport) begin(ctx context.Context, tx Tx) (*FileVersion, ObservationSink, error) {
	im.d = &Dataset{ID: newUUID(), CommissionID: im.commissionID, FrameworkID: im.f.ID,
		FileVersion: im.s.newFileVersion(im.a, "", im.in.Options), Label: im.in.Label, Synthetic: im.in.Synthetic}
	sink, err := tx.NewObservationSink(ctx, im.d.ID)
	return &im.d.FileVersion, sink, err
}

// read notes the keys of the rows, to tell whether any repeats.
func (im *datasetImport) read(r io.Reader, units []string, sink ObservationSink) (FileSummary, error) {
	im.seen = newKeySet()
	return im.s.codec.ReadObservations(r, im.in.Options, im.f, units, func(o engine.Observation) error {
		im.seen.add(o.Indicator, o.Unit, o.Period)
		return sink.Write(&o)
	})
}

// duplicates asks storage only when a key repeats, and lists at most MaxListedProblems of them.
func (im *datasetImport) duplicates(ctx context.Context, tx Tx, v *engine.ValidationError) error {
	if !im.seen.repeated {
		return nil
	}
	dups, total, err := tx.DuplicateObservations(ctx, im.d.ID, engine.MaxListedProblems)
	if err != nil {
		return err
	}
	for _, p := range dups {
		v.Add(p)
	}
	v.Uncounted(total - len(dups))
	return nil
}

func (im *datasetImport) create(ctx context.Context, tx Tx) error {
	if err := tx.CreateDataset(ctx, im.d, im.a.UserID); err != nil {
		return err
	}
	im.res.Dataset = im.d
	return nil
}

func (im *datasetImport) audit(ctx context.Context, tx Tx) error {
	d := im.d
	return im.s.audit(ctx, tx, im.a, im.commissionID, "dataset.import", "dataset", d.ID, map[string]any{
		"number": d.Number, "sha256": d.SHA256, "file_name": d.FileName, "rows": d.Rows, "framework_id": d.FrameworkID,
		"format": d.Format, "encoding": d.Encoding})
}

func (im *datasetImport) forget() { im.d.ID, im.d.Number = "", 0 }

// ListDatasets lists a commission's dataset versions, newest first.
func (s *Service) ListDatasets(ctx context.Context, a Actor, commissionID string) ([]Dataset, error) {
	return readCommission(ctx, s, a, commissionID, PermRead, func(tx Tx) ([]Dataset, error) {
		return tx.ListDatasets(ctx, commissionID)
	})
}

// GetDataset returns one dataset version.
func (s *Service) GetDataset(ctx context.Context, a Actor, commissionID, datasetID string) (*Dataset, error) {
	return readCommission(ctx, s, a, commissionID, PermRead, func(tx Tx) (*Dataset, error) {
		return s.dataset(ctx, tx, commissionID, datasetID)
	})
}

func (s *Service) dataset(ctx context.Context, tx Tx, commissionID, datasetID string) (*Dataset, error) {
	if !validID(datasetID) {
		return nil, fmt.Errorf("dataset %q: %w", datasetID, engine.ErrNotFound)
	}
	return tx.GetDataset(ctx, commissionID, datasetID)
}

// Observations returns a page of a dataset's observations in file order.
func (s *Service) Observations(ctx context.Context, a Actor, commissionID, datasetID string, p Page) ([]engine.Observation, error) {
	if err := p.Check(); err != nil {
		return nil, err
	}
	return readCommission(ctx, s, a, commissionID, PermRead, func(tx Tx) ([]engine.Observation, error) {
		if _, err := s.dataset(ctx, tx, commissionID, datasetID); err != nil {
			return nil, err
		}
		return tx.ListObservations(ctx, datasetID, p)
	})
}

// FreezeDataset freezes a dataset version so that runs may use it. Freezing is one-way.
func (s *Service) FreezeDataset(ctx context.Context, a Actor, commissionID, datasetID string) (*Dataset, error) {
	var d *Dataset
	err := s.inCommission(ctx, a, commissionID, PermData, func(tx Tx) error {
		var err error
		if d, err = s.dataset(ctx, tx, commissionID, datasetID); err != nil {
			return err
		}
		if d.Frozen {
			return nil
		}
		if err := tx.FreezeDataset(ctx, datasetID, s.now()); err != nil {
			return err
		}
		d.Frozen = true
		return s.audit(ctx, tx, a, commissionID, "dataset.freeze", "dataset", datasetID, map[string]any{"number": d.Number, "sha256": d.SHA256})
	})
	return d, err
}

// ValueChange is one difference between two dataset versions.
type ValueChange struct {
	Indicator string        `json:"indicator"`
	Unit      string        `json:"unit"`
	Period    engine.Period `json:"period"`
	Change    string        `json:"change"` // added, removed, changed
	From      *float64      `json:"from"`
	To        *float64      `json:"to"`
	FromLabel string        `json:"from_label,omitempty"`
	ToLabel   string        `json:"to_label,omitempty"`
}

// DatasetComparison lists what changed between two dataset versions.
type DatasetComparison struct {
	From    string        `json:"from"`
	To      string        `json:"to"`
	Added   int           `json:"added"`
	Removed int           `json:"removed"`
	Changed int           `json:"changed"`
	Same    int           `json:"same"`
	Changes []ValueChange `json:"changes"`
}

// CompareDatasets lists which values were added, removed or changed from one version to another,
// by indicator, unit and period.
func (s *Service) CompareDatasets(ctx context.Context, a Actor, commissionID, fromID, toID string) (*DatasetComparison, error) {
	out := &DatasetComparison{From: fromID, To: toID, Changes: []ValueChange{}}
	err := s.inCommission(ctx, a, commissionID, PermRead, func(tx Tx) error {
		if fromID == "" || toID == "" {
			return engine.Invalid("from", messages.DatasetCompareBoth)
		}
		v := engine.NewValidation(messages.ValidationDatasetCompare)
		for _, q := range []struct{ field, id string }{{"from", fromID}, {"to", toID}} {
			if _, err := s.dataset(ctx, tx, commissionID, q.id); errors.Is(err, engine.ErrNotFound) {
				v.Add(engine.Catalogued(q.field, q.id, messages.DatasetNoSuch))
			} else if err != nil {
				return err
			}
		}
		if err := v.Err(); err != nil {
			return err
		}
		changes, same, err := tx.CompareDatasets(ctx, fromID, toID)
		if err != nil {
			return err
		}
		out.Same = same
		for _, c := range changes {
			switch c.Change {
			case "added":
				out.Added++
			case "removed":
				out.Removed++
			default:
				out.Changed++
			}
		}
		if changes != nil {
			out.Changes = changes
		}
		return nil
	})
	return out, err
}

// exportError is the error of a codec that could not write an export: its refusal of an
// unknown format (a *engine.ValidationError naming the field "format") as it is, and any other
// failure (the writer's) wrapped for the log.
func exportError(err error) error {
	var ve *engine.ValidationError
	if errors.As(err, &ve) {
		return err
	}
	return fmt.Errorf("evaluation: writing the export: %w", err)
}

// ExportDataset writes a dataset version as csv, tsv, xlsx or json — a file that imports back to
// the same observations.
func (s *Service) ExportDataset(ctx context.Context, a Actor, commissionID, datasetID, format string, w io.Writer) error {
	if err := s.needCodec(); err != nil {
		return err
	}
	return s.inCommission(ctx, a, commissionID, PermRead, func(tx Tx) error {
		if _, err := s.dataset(ctx, tx, commissionID, datasetID); err != nil {
			return err
		}
		ow, err := s.codec.NewObservationWriter(w, format)
		if err != nil {
			return exportError(err)
		}
		if err := tx.WalkObservations(ctx, datasetID, func(o *engine.Observation) error { return ow.Write(*o) }); err != nil {
			return err
		}
		return ow.Close()
	})
}

// keySet notes which indicator × unit × period keys a file has given, to tell whether any repeats
// without holding the keys: one bit per period (a year, its halves, quarters and months, for
// years 1900–2200) for each indicator × unit pair that occurs — memory bounded by the framework
// and the units, not by the file.
type keySet struct {
	bits     map[[2]string]*[periodWords]uint64
	repeated bool
}

const periodWords = (301*19 + 63) / 64

func newKeySet() *keySet { return &keySet{bits: map[[2]string]*[periodWords]uint64{}} }

func (k *keySet) add(indicator, unit string, p engine.Period) {
	i := periodIndex(p)
	if i < 0 {
		k.repeated = true // an unusual period: let the database decide
		return
	}
	key := [2]string{indicator, unit}
	b := k.bits[key]
	if b == nil {
		b = new([periodWords]uint64)
		k.bits[key] = b
	}
	if b[i/64]&(1<<(i%64)) != 0 {
		k.repeated = true
	}
	b[i/64] |= 1 << (i % 64)
}

// periodIndex numbers a canonical period: 19 slots a year (the year, H1–H2, Q1–Q4, months 1–12).
func periodIndex(p engine.Period) int {
	y := p.Year()
	if y < 1900 || y > 2200 {
		return -1
	}
	sub := 0
	s := string(p)
	switch {
	case len(s) == 4:
	case len(s) == 7 && s[5] == 'H':
		sub = int(s[6] - '0')
	case len(s) == 7 && s[5] == 'Q':
		sub = 2 + int(s[6]-'0')
	case len(s) == 7:
		sub = 6 + int(s[5]-'0')*10 + int(s[6]-'0')
	default:
		return -1
	}
	return (y-1900)*19 + sub
}

// Dataset is one imported version of a commission's data: immutable once stored, identified by
// the SHA-256 of the file's bytes.
type Dataset struct {
	ID           string `json:"id"`
	CommissionID string `json:"commission_id"`
	FrameworkID  string `json:"framework_id"`
	FileVersion
	Frozen    bool   `json:"frozen"`
	Label     string `json:"label,omitempty"`
	Synthetic bool   `json:"synthetic,omitempty"`
}

// DatasetTx is the storage of datasets and their observations.
type DatasetTx interface {
	// NewObservationSink streams rows of a dataset not yet created; CreateDataset then
	// numbers and stores the dataset row in the same transaction.
	NewObservationSink(ctx context.Context, datasetID string) (ObservationSink, error)
	// DuplicateObservations lists a problem for every row that repeats an earlier row's
	// indicator, unit and period — at most limit of them, in row order — and counts them all.
	DuplicateObservations(ctx context.Context, datasetID string, limit int) ([]engine.Problem, int, error)
	CreateDataset(ctx context.Context, d *Dataset, importerID string) error
	DatasetBySHA(ctx context.Context, commissionID, sha256 string) (*Dataset, error)
	GetDataset(ctx context.Context, commissionID, id string) (*Dataset, error)
	ListDatasets(ctx context.Context, commissionID string) ([]Dataset, error)
	ListObservations(ctx context.Context, datasetID string, p Page) ([]engine.Observation, error)
	// WalkObservations calls fn for every observation of a dataset in file order.
	WalkObservations(ctx context.Context, datasetID string, fn func(*engine.Observation) error) error
	FreezeDataset(ctx context.Context, id string, at time.Time) error
	// CompareDatasets lists the differences by indicator, unit and period, ordered by them, and
	// counts the values that are the same.
	CompareDatasets(ctx context.Context, fromID, toID string) ([]ValueChange, int, error)
}
