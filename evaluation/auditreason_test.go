package evaluation

import (
	"testing"

	"evalbench/messages"
)

// The audit verification's reason is a message of the catalogue beside its English: the
// acceptance checklist quotes it in both languages, and a report without the message (decoded
// from an older JSON) quotes its English as written.
func TestAuditReasonInBothLanguages(t *testing.T) {
	rep := &AuditReport{OK: true}
	rep.fail(17, FailChain, messages.New(messages.AuditReasonAltered))
	rep.fail(18, FailHead, messages.New(messages.AuditReasonHeadMissing)) // only the first counts
	if rep.OK || rep.BrokenSeq != 17 || rep.Reason != "content does not match its hash: the entry was altered" || rep.ReasonMessage == nil {
		t.Fatalf("%+v", rep)
	}
	if got := both(messages.AcceptanceAuditBroken, "seq", rep.BrokenSeq, "reason", rep.ReasonArg()); got !=
		"审计链在第17条断开：内容与其哈希不一致：该条记录被改动过 / broken at entry 17: content does not match its hash: the entry was altered" {
		t.Errorf("checklist evidence: %s", got)
	}
	old := &AuditReport{BrokenSeq: 3, Reason: "an older reason"}
	if got := both(messages.AcceptanceAuditBroken, "seq", old.BrokenSeq, "reason", old.ReasonArg()); got != "审计链在第3条断开：an older reason / broken at entry 3: an older reason" {
		t.Errorf("without a message: %s", got)
	}
}
