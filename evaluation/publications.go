package evaluation

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"time"

	"evalbench/evaluation/engine"
)

// PublicationEntry is one entry of an institute's publication log: a published report, chained
// to the entry before it by hash, so that a report cannot be removed or altered unnoticed.
type PublicationEntry struct {
	InstituteID   string          `json:"institute_id"`
	Seq           int64           `json:"seq"`
	ReportID      string          `json:"report_id"`
	ReportVersion int             `json:"report_version"`
	CommissionID  string          `json:"commission_id"`
	Supersedes    string          `json:"supersedes,omitempty"`
	Digest        string          `json:"digest"`
	KeyID         string          `json:"key_id"`
	PublishedAt   time.Time       `json:"published_at"`
	PrevHash      engine.HexBytes `json:"prev_hash"`
	Hash          engine.HexBytes `json:"hash"`
}

// PublicationHash returns SHA-256(prev ‖ C) where C is the RFC 8785 canonical JSON of the entry's
// content: institute, seq, report id and version, commission, supersedes, digest, key id and the
// publication time (RFC 3339 UTC, microseconds). The first entry's prev is 32 zero bytes.
func PublicationHash(prev []byte, e *PublicationEntry) ([]byte, error) {
	content := map[string]any{
		"institute_id": e.InstituteID, "seq": e.Seq, "report_id": e.ReportID, "report_version": e.ReportVersion,
		"commission_id": e.CommissionID, "supersedes": e.Supersedes, "digest": e.Digest, "key_id": e.KeyID,
		"published_at": e.PublishedAt.UTC().Format("2006-01-02T15:04:05.000000Z"),
	}
	c, err := engine.Canonical(content)
	if err != nil {
		return nil, fmt.Errorf("publication %d: %w", e.Seq, err)
	}
	h := sha256.New()
	h.Write(prev)
	h.Write(c)
	return h.Sum(nil), nil
}

// PublicationLog is an institute's publication log with the result of checking its chain.
type PublicationLog struct {
	InstituteID string             `json:"institute_id"`
	Entries     []PublicationEntry `json:"entries"`
	Intact      bool               `json:"intact"`
	BrokenSeq   int64              `json:"broken_seq,omitempty"`
	Reason      string             `json:"reason,omitempty"`
	Head        string             `json:"head"`
}

// Publications returns an institute's publication log and checks its hash chain. It is public:
// report ids and digests say nothing but that a report was published.
func (s *Service) Publications(ctx context.Context, instituteID string) (*PublicationLog, error) {
	if !validID(instituteID) {
		return nil, fmt.Errorf("institute %q: %w", instituteID, engine.ErrNotFound)
	}
	log := &PublicationLog{InstituteID: instituteID, Intact: true}
	err := s.store.Transact(ctx, func(tx Tx) error {
		if _, err := tx.GetInstitute(ctx, instituteID); err != nil {
			return err
		}
		var err error
		log.Entries, err = tx.ListPublications(ctx, instituteID)
		return err
	})
	if err != nil {
		return nil, err
	}
	if log.Entries == nil {
		log.Entries = []PublicationEntry{}
	}
	prev := make([]byte, sha256.Size)
	for i, e := range log.Entries {
		fail := func(reason string) { log.Intact, log.BrokenSeq, log.Reason = false, e.Seq, reason }
		h, err := PublicationHash(prev, &log.Entries[i])
		switch {
		case err != nil:
			return nil, err
		case e.Seq != int64(i+1):
			fail(fmt.Sprintf("expected entry %d, found %d: an entry is missing", i+1, e.Seq))
		case string(e.PrevHash) != string(prev):
			fail(fmt.Sprintf("prev_hash does not match the hash of entry %d", e.Seq-1))
		case string(h) != string(e.Hash):
			fail("content does not match its hash: the entry was altered")
		}
		if !log.Intact {
			break
		}
		prev = e.Hash
	}
	log.Head = hex.EncodeToString(prev)
	return log, nil
}

// CurrentPublications lists, across every institute, the publications whose report is current
// (not superseded by a later version), newest first: the public list of published reports
// (plan line 3420: results are made public). It needs no actor, as the publication logs it reads
// are public; institutes that never published add nothing to it.
func (s *Service) CurrentPublications(ctx context.Context) ([]PublicationEntry, error) {
	var insts []Institute
	err := s.store.Transact(ctx, func(tx Tx) error {
		var err error
		insts, err = tx.ListInstitutes(ctx)
		return err
	})
	if err != nil {
		return nil, err
	}
	var out []PublicationEntry
	for _, inst := range insts {
		var entries []PublicationEntry
		err := s.store.Transact(ctx, func(tx Tx) error {
			var err error
			entries, err = tx.ListPublications(ctx, inst.ID)
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("institute %s: publications: %w", inst.ID, err)
		}
		superseded := map[string]bool{}
		for _, e := range entries {
			if e.Supersedes != "" {
				superseded[e.Supersedes] = true
			}
		}
		for _, e := range entries {
			if !superseded[e.ReportID] {
				out = append(out, e)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].PublishedAt.After(out[j].PublishedAt) })
	return out, nil
}
