package evaluation

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/gowebpki/jcs"

	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// AuditEntry is one row of the append-only, hash-chained audit log.
type AuditEntry struct {
	Seq          int64           `json:"seq"`
	At           time.Time       `json:"at"`
	ActorID      string          `json:"actor_id,omitempty"`
	ActorName    string          `json:"actor_name"`
	InstituteID  string          `json:"institute_id,omitempty"`
	CommissionID string          `json:"commission_id,omitempty"`
	Action       string          `json:"action"`
	ObjectType   string          `json:"object_type"`
	ObjectID     string          `json:"object_id"`
	RequestID    string          `json:"request_id,omitempty"`
	Changes      json.RawMessage `json:"changes"`
	PrevHash     engine.HexBytes `json:"prev_hash"`
	Hash         engine.HexBytes `json:"hash"`
}

// ChainHash returns SHA-256(prev ‖ C) where C is the RFC 8785 canonical JSON of the entry's
// content: seq, at (RFC 3339 UTC, microseconds), actor, institute, commission, action, object,
// request id and changes. PrevHash and Hash themselves are not part of C.
func ChainHash(prev []byte, e *AuditEntry) ([]byte, error) {
	content := struct {
		Seq          int64           `json:"seq"`
		At           string          `json:"at"`
		ActorID      string          `json:"actor_id"`
		ActorName    string          `json:"actor_name"`
		InstituteID  string          `json:"institute_id"`
		CommissionID string          `json:"commission_id"`
		Action       string          `json:"action"`
		ObjectType   string          `json:"object_type"`
		ObjectID     string          `json:"object_id"`
		RequestID    string          `json:"request_id"`
		Changes      json.RawMessage `json:"changes"`
	}{e.Seq, e.At.UTC().Format("2006-01-02T15:04:05.000000Z"), e.ActorID, e.ActorName, e.InstituteID,
		e.CommissionID, e.Action, e.ObjectType, e.ObjectID, e.RequestID, e.Changes}
	raw, err := json.Marshal(content)
	if err != nil {
		return nil, fmt.Errorf("audit entry %d: %w", e.Seq, err)
	}
	canon, err := jcs.Transform(raw)
	if err != nil {
		return nil, fmt.Errorf("audit entry %d: canonical JSON: %w", e.Seq, err)
	}
	h := sha256.New()
	h.Write(prev)
	h.Write(canon)
	return h.Sum(nil), nil
}

// AuditFilter selects audit entries: those of one commission (or all), after a sequence number.
type AuditFilter struct {
	CommissionID string
	InstituteID  string
	AfterSeq     int64
	Limit        int
}

// ListAudit lists audit entries of a commission (audit permission), or of the whole installation
// for a platform admin, or of the actor's institute for an institute admin.
func (s *Service) ListAudit(ctx context.Context, a Actor, f AuditFilter) ([]AuditEntry, error) {
	p := Page{Limit: f.Limit}
	if err := p.Check(); err != nil {
		return nil, err
	}
	f.Limit = p.Limit
	var out []AuditEntry
	err := s.store.Transact(ctx, func(tx Tx) error {
		switch {
		case f.CommissionID != "":
			if _, err := s.access(ctx, tx, a, f.CommissionID, PermAudit); err != nil {
				return err
			}
			f.InstituteID = ""
		case a.PlatformAdmin:
		case a.InstituteAdmin:
			f.InstituteID = a.InstituteID
		default:
			return engine.Invalid("commission", messages.AuditCommission)
		}
		var err error
		out, err = tx.ListAudit(ctx, f)
		return err
	})
	return out, err
}

// AuditReport is the result of checking the audit chain (and, with VerifyAuditWith, of checking
// it against signed checkpoints).
type AuditReport struct {
	Entries   int64  `json:"entries"`
	OK        bool   `json:"ok"`
	BrokenSeq int64  `json:"broken_seq,omitempty"`
	Reason    string `json:"reason,omitempty"`
	// ReasonMessage is Reason as a message of the catalogue (Reason is its English text, kept
	// for existing readers of the JSON).
	ReasonMessage *messages.Message `json:"reason_message,omitempty"`
	// Failure says what failed: FailChain (an entry does not follow from the one before),
	// FailHead (the stored head is not the chain's end) or FailCheckpoint (a checkpoint is
	// forged, or the chain is not the one it signed).
	Failure string `json:"failure,omitempty"`
	Head    string `json:"head"`
	// Checkpoints lists each checkpoint checked, and Anchored is the highest seq a valid
	// checkpoint vouches for.
	Checkpoints []CheckpointCheck `json:"checkpoints,omitempty"`
	Anchored    int64             `json:"anchored_seq,omitempty"`
}

// Kinds of AuditReport.Failure.
const (
	FailChain      = "chain"
	FailHead       = "head"
	FailCheckpoint = "checkpoint"
)

// VerifyAudit recomputes the whole chain and names the first broken entry. It also checks that
// the stored head is the chain's last entry, so a deleted head or a tail cut off without
// rewinding the head is named. A tail cut off with the head rewound leaves a shorter chain that
// is intact in itself: only a checkpoint signed before can show it (VerifyAuditWith).
func (s *Service) VerifyAudit(ctx context.Context) (*AuditReport, error) {
	rep := &AuditReport{OK: true}
	return rep, s.verifyChain(ctx, rep, nil)
}

// verifyChain walks the chain, recomputing every hash, counts its entries, calls onEntry for each
// intact entry, and checks the stored head against the chain. It records the first failure.
func (s *Service) verifyChain(ctx context.Context, rep *AuditReport, onEntry func(AuditEntry)) error {
	prev := make([]byte, sha256.Size)
	var want int64 = 1
	err := s.store.Transact(ctx, func(tx Tx) error {
		// Read the head first: entries appended while the chain is walked lie beyond it.
		headSeq, headHash, err := tx.AuditHead(ctx)
		if errors.Is(err, engine.ErrNotFound) {
			rep.fail(0, FailHead, messages.New(messages.AuditReasonHeadMissing))
			headSeq = -1
		} else if err != nil {
			return err
		}
		broken := false
		err = tx.WalkAudit(ctx, func(e AuditEntry) error {
			if broken {
				return nil
			}
			rep.Entries++
			fail := func(id messages.ID, kv ...any) {
				broken = true
				rep.fail(e.Seq, FailChain, messages.New(id, kv...))
			}
			if e.Seq != want {
				fail(messages.AuditReasonEntryMissing, "want", want, "found", e.Seq)
				return nil
			}
			want++
			if !bytes.Equal(e.PrevHash, prev) {
				fail(messages.AuditReasonPrevHash, "entry", e.Seq-1)
				return nil
			}
			h, err := ChainHash(prev, &e)
			if err != nil {
				return err
			}
			if !bytes.Equal(h, e.Hash) {
				fail(messages.AuditReasonAltered)
				return nil
			}
			if e.Seq == headSeq && !bytes.Equal(e.Hash, headHash) {
				broken = true
				rep.fail(e.Seq, FailHead, messages.New(messages.AuditReasonHeadRewritten, "entry", e.Seq, "head_hash", hex.EncodeToString(headHash), "hash", hex.EncodeToString(e.Hash)))
				return nil
			}
			prev = e.Hash
			if onEntry != nil {
				onEntry(e)
			}
			return nil
		})
		if err != nil {
			return err
		}
		if last := want - 1; !broken && headSeq > last {
			rep.fail(last+1, FailHead, messages.New(messages.AuditReasonHeadBeyond, "head", headSeq, "last", last, "from", last+1, "to", headSeq))
		}
		return nil
	})
	rep.Head = hex.EncodeToString(prev)
	return err
}

// AuditTx is the storage of the audit chain and its signed checkpoints.
type AuditTx interface {
	// AppendAudit fills e's Seq, PrevHash and Hash (ChainHash) and appends it to the chain.
	AppendAudit(ctx context.Context, e *AuditEntry) error
	ListAudit(ctx context.Context, f AuditFilter) ([]AuditEntry, error)
	// WalkAudit calls fn for every entry in chain order.
	WalkAudit(ctx context.Context, fn func(AuditEntry) error) error
	// AuditHead returns the seq and hash of the chain's head (seq 0 and zero hash when empty);
	// ErrNotFound when the head row is gone.
	AuditHead(ctx context.Context) (seq int64, hash []byte, err error)
	// AuditEntryHash returns the hash of entry seq.
	AuditEntryHash(ctx context.Context, seq int64) ([]byte, error)
	// CreateCheckpoint stores a signed checkpoint with the statement and signature it carries.
	CreateCheckpoint(ctx context.Context, c *engine.Checkpoint, statement, signature []byte) error
	// ListCheckpoints lists the checkpoints signed by an institute (all when instituteID is
	// empty), oldest first, as they were signed.
	ListCheckpoints(ctx context.Context, instituteID string) ([]engine.Checkpoint, error)
}
