package evaluation

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"time"

	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// checkpoint signs the audit chain's current head with the institute's active key (creating the
// institute's first key when it has none), stores the checkpoint and audits it, inside tx. The
// caller holds the institute's key lock (LockSigningKeys).
func (s *Service) checkpoint(ctx context.Context, tx Tx, a Actor, instituteID string) (*engine.Checkpoint, error) {
	key, priv, err := s.activeSigningKey(ctx, tx, a, instituteID)
	if err != nil {
		return nil, err
	}
	seq, hash, err := tx.AuditHead(ctx)
	if err != nil {
		return nil, err
	}
	if seq < 1 {
		return nil, engine.Refuse(engine.ErrConflict, messages.ConflictAuditChainEmpty)
	}
	first, err := tx.AuditEntryHash(ctx, 1)
	if err != nil {
		return nil, err
	}
	c := &engine.Checkpoint{Format: engine.CheckpointFormat, Log: hex.EncodeToString(first), InstituteID: instituteID, Seq: seq,
		Hash: hex.EncodeToString(hash), Time: s.now().UTC().Truncate(time.Microsecond).Format(engine.CheckpointTime), KeyID: key.ID}
	st, sig, err := c.Sign(priv)
	if err != nil {
		return nil, err
	}
	if err := tx.CreateCheckpoint(ctx, c, st, sig); err != nil {
		return nil, err
	}
	if err := s.audit(ctx, tx, a, "", "audit.checkpoint", "audit_checkpoint", strconv.FormatInt(seq, 10),
		map[string]any{"institute_id": instituteID, "seq": seq, "hash": c.Hash, "key_id": key.ID, "time": c.Time}); err != nil {
		return nil, err
	}
	return c, nil
}

// CreateCheckpoint signs the audit chain's current head with the institute's key and stores the
// checkpoint. Publication makes one for every report; this makes one on demand (`evalbench audit
// checkpoint`, POST /api/v1/audit/checkpoints), e.g. daily, so that a truncation between
// publications is caught too. Institute admins of that institute and platform admins may.
func (s *Service) CreateCheckpoint(ctx context.Context, a Actor, instituteID string) (*engine.Checkpoint, error) {
	if instituteID == "" {
		if a.PlatformAdmin {
			return nil, engine.Invalid("institute", messages.CheckpointInstitute)
		}
		instituteID = a.InstituteID
	}
	if !validID(instituteID) || !a.PlatformAdmin && a.InstituteID != instituteID {
		return nil, fmt.Errorf("institute %q: %w", instituteID, engine.ErrNotFound)
	}
	if !a.PlatformAdmin && !a.InstituteAdmin {
		return nil, engine.Refuse(engine.ErrForbidden, messages.ForbiddenCheckpoint)
	}
	var c *engine.Checkpoint
	err := s.store.Transact(ctx, func(tx Tx) error {
		if _, err := tx.GetInstitute(ctx, instituteID); err != nil {
			return err
		}
		if err := tx.LockSigningKeys(ctx, instituteID); err != nil {
			return err
		}
		var err error
		c, err = s.checkpoint(ctx, tx, a, instituteID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// CheckpointFilter selects stored checkpoints: those of the institute of a commission, or of an
// institute, or all.
type CheckpointFilter struct {
	CommissionID string
	InstituteID  string
}

// Checkpoints lists stored checkpoints, oldest first: those of a commission's institute (audit
// permission on the commission), of the whole installation for a platform admin, or of the
// actor's institute for an institute admin — the same readers as the audit log.
func (s *Service) Checkpoints(ctx context.Context, a Actor, f CheckpointFilter) ([]engine.Checkpoint, error) {
	if f.InstituteID != "" && !validID(f.InstituteID) {
		return nil, fmt.Errorf("institute %q: %w", f.InstituteID, engine.ErrNotFound)
	}
	var out []engine.Checkpoint
	err := s.store.Transact(ctx, func(tx Tx) error {
		switch {
		case f.CommissionID != "":
			acc, err := s.access(ctx, tx, a, f.CommissionID, PermAudit)
			if err != nil {
				return err
			}
			f.InstituteID = acc.InstituteID
		case a.PlatformAdmin:
		case a.InstituteAdmin:
			f.InstituteID = a.InstituteID
		default:
			return engine.Invalid("commission", messages.CheckpointCommission)
		}
		var err error
		out, err = tx.ListCheckpoints(ctx, f.InstituteID)
		return err
	})
	if out == nil {
		out = []engine.Checkpoint{}
	}
	return out, err
}

// CheckpointCheck is the outcome of checking one checkpoint against the chain.
type CheckpointCheck struct {
	Seq         int64  `json:"seq"`
	Time        string `json:"time"`
	InstituteID string `json:"institute_id"`
	KeyID       string `json:"key_id"`
	OK          bool   `json:"ok"`
	Detail      string `json:"detail"`
	// DetailMessage is Detail as a message of the catalogue (Detail is its English text).
	DetailMessage *messages.Message `json:"detail_message,omitempty"`
}

// VerifyAuditOptions are what VerifyAuditWith checks the chain against: checkpoints (from files,
// reports, or the database when Stored) and the keys trusted to have signed them (the keys the
// database holds for the checkpoints' institutes when none are given).
type VerifyAuditOptions struct {
	Checkpoints []engine.Checkpoint
	Stored      bool
	Keys        []engine.SigningKey
}

// checkpointState is what VerifyAuditWith knows of the checkpoints while it walks the chain.
type checkpointState struct {
	bySeq map[int64][]*engine.Checkpoint
	cps   []*engine.Checkpoint
	good  int64 // the highest checkpointed seq found intact so far
}

// VerifyAuditWith recomputes the whole chain like VerifyAudit and checks it against signed
// checkpoints: a checkpoint whose signature does not verify is a FAIL (it is forged or altered), a
// checkpoint beyond the end of the log is a truncation (the missing range is named), and a
// checkpointed entry whose hash differs is a rewrite (the range between the last intact
// checkpoint and it is named).
func (s *Service) VerifyAuditWith(ctx context.Context, o VerifyAuditOptions) (*AuditReport, error) {
	cps := append([]engine.Checkpoint(nil), o.Checkpoints...)
	if o.Stored {
		var stored []engine.Checkpoint
		err := s.store.Transact(ctx, func(tx Tx) error {
			var err error
			stored, err = tx.ListCheckpoints(ctx, "")
			return err
		})
		if err != nil {
			return nil, err
		}
		cps = append(cps, stored...)
	}
	keys := o.Keys
	if len(keys) == 0 {
		err := s.store.Transact(ctx, func(tx Tx) error {
			keys = nil
			seen := map[string]bool{}
			for _, c := range cps {
				if seen[c.InstituteID] || !validID(c.InstituteID) {
					continue
				}
				seen[c.InstituteID] = true
				ks, err := tx.ListSigningKeys(ctx, c.InstituteID)
				if err != nil {
					return err
				}
				keys = append(keys, ks...)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	rep := &AuditReport{OK: true}
	st := &checkpointState{bySeq: map[int64][]*engine.Checkpoint{}}
	dup := map[[2]string]bool{}
	for i := range cps {
		c := &cps[i]
		// The same checkpoint given twice (stored, and in a report) is checked once.
		id := [2]string{c.KeyID, c.Signature}
		if dup[id] {
			continue
		}
		dup[id] = true
		if err := engine.VerifyCheckpoint(c, keys); err != nil {
			reason := engine.CheckpointReason(err)
			rep.fail(c.Seq, FailCheckpoint, messages.New(messages.AuditReasonCheckpointRefused, "checkpoint", c.Message(), "error", reason))
			detail, ok := reason.(messages.Message)
			if !ok {
				detail = messages.New(messages.LegacyText, "text", err.Error())
			}
			rep.Checkpoints = append(rep.Checkpoints, checkpointCheck(c, false, detail))
			continue
		}
		st.bySeq[c.Seq] = append(st.bySeq[c.Seq], c)
		st.cps = append(st.cps, c)
	}
	sort.SliceStable(st.cps, func(i, j int) bool { return st.cps[i].Seq < st.cps[j].Seq })
	var logID string
	err := s.verifyChain(ctx, rep, func(e AuditEntry) {
		if e.Seq == 1 {
			logID = hex.EncodeToString(e.Hash)
		}
		for _, c := range st.bySeq[e.Seq] {
			switch {
			case c.Log != logID:
				rep.fail(e.Seq, FailCheckpoint, messages.New(messages.AuditReasonOtherChain, "checkpoint", c.Message(), "log", prefix16(c.Log), "this", prefix16(logID)))
			case c.Hash != hex.EncodeToString(e.Hash):
				rep.fail(e.Seq, FailCheckpoint, messages.New(messages.AuditReasonCheckpointHash, "entry", e.Seq, "checkpoint", c.Message(), "from", st.good+1, "to", e.Seq))
			default:
				st.good = e.Seq
			}
		}
	})
	if err != nil {
		return nil, err
	}
	end := rep.Entries
	for _, c := range st.cps {
		if c.Seq > end && rep.OK {
			rep.fail(end+1, FailCheckpoint, messages.New(messages.AuditReasonCheckpointBeyond, "checkpoint", c.Message(), "last", end, "from", end+1, "to", c.Seq))
		}
		ok := c.Seq <= st.good
		detail := messages.New(messages.AuditCheckpointHeld)
		if !ok {
			detail = messages.New(messages.AuditCheckpointUnmatched)
		}
		rep.Checkpoints = append(rep.Checkpoints, checkpointCheck(c, ok, detail))
		if ok && c.Seq > rep.Anchored {
			rep.Anchored = c.Seq
		}
	}
	return rep, nil
}

// fail records the first failure of a report, as a message of the catalogue and its English;
// later ones are ignored.
func (r *AuditReport) fail(seq int64, kind string, reason messages.Message) {
	if r.OK {
		r.OK, r.BrokenSeq, r.Failure, r.Reason, r.ReasonMessage = false, seq, kind, messages.For(messages.English).Render(reason), &reason
	}
}

// ReasonArg is why the check failed, as the argument of a message that quotes it: ReasonMessage,
// or Reason as written for a report made without one.
func (r *AuditReport) ReasonArg() any {
	if r.ReasonMessage != nil {
		return *r.ReasonMessage
	}
	return r.Reason
}

// checkpointCheck is the outcome of checking checkpoint c, with its detail as a message of the
// catalogue and its English.
func checkpointCheck(c *engine.Checkpoint, ok bool, detail messages.Message) CheckpointCheck {
	return CheckpointCheck{Seq: c.Seq, Time: c.Time, InstituteID: c.InstituteID, KeyID: c.KeyID, OK: ok,
		Detail: messages.For(messages.English).Render(detail), DetailMessage: &detail}
}

// prefix16 is the first 16 characters of a hash, as the reasons quote it (as %.16s did).
func prefix16(s string) string {
	if r := []rune(s); len(r) > 16 {
		return string(r[:16])
	}
	return s
}

// CheckpointDue signs a checkpoint for every institute that holds a signing key and whose latest
// checkpoint is older than maxAge while the chain has grown past it by more than that checkpoint's
// own audit entry. serve and worker call it on a ticker, so a truncation between two publications
// is caught without an operator's cron job. An institute that never published (no key) is left
// alone: it has nothing anyone could check a checkpoint against. It returns the checkpoints made.
// Several processes may call it at once: the institute's key lock serialises them and the
// condition is read again under it.
func (s *Service) CheckpointDue(ctx context.Context, maxAge time.Duration) ([]engine.Checkpoint, error) {
	var institutes []Institute
	err := s.store.Transact(ctx, func(tx Tx) error {
		var err error
		institutes, err = tx.ListInstitutes(ctx)
		return err
	})
	if err != nil {
		return nil, err
	}
	sys := SystemActor("evalbench checkpointer")
	var made []engine.Checkpoint
	for _, inst := range institutes {
		err := s.store.Transact(ctx, func(tx Tx) error {
			if err := tx.LockSigningKeys(ctx, inst.ID); err != nil {
				return err
			}
			if _, _, err := tx.ActiveSigningKey(ctx, inst.ID); errors.Is(err, engine.ErrNotFound) {
				return nil
			} else if err != nil {
				return err
			}
			due, err := s.checkpointDue(ctx, tx, inst.ID, maxAge)
			if err != nil || !due {
				return err
			}
			c, err := s.checkpoint(ctx, tx, sys, inst.ID)
			if err != nil {
				return err
			}
			made = append(made, *c)
			return nil
		})
		if err != nil {
			return made, fmt.Errorf("checkpoint of institute %s: %w", inst.ID, err)
		}
	}
	return made, nil
}

// checkpointDue reports whether the institute's latest checkpoint is older than maxAge and the
// chain holds entries after its own audit entry (or the institute has none yet).
func (s *Service) checkpointDue(ctx context.Context, tx Tx, instituteID string, maxAge time.Duration) (bool, error) {
	cps, err := tx.ListCheckpoints(ctx, instituteID)
	if err != nil || len(cps) == 0 {
		return err == nil, err
	}
	last := cps[len(cps)-1]
	if s.now().Sub(last.SignedAt()) < maxAge {
		return false, nil
	}
	seq, _, err := tx.AuditHead(ctx)
	return seq > last.Seq+1, err
}
