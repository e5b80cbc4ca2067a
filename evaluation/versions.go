package evaluation

import (
	"evalbench/evaluation/engine"
	"evalbench/messages"
)

// errVersionRequired refuses an update that names no version it was based on (no If-Match).
var errVersionRequired = engine.Refuse(engine.ErrVersionRequired, messages.ProblemDetailVersionRequired)

// staleVersion refuses an update based on version sent of an object now at version current; sent
// is -1 when If-Match named no version of ours, which the detail then does not quote.
func staleVersion(current, sent int) error {
	if sent < 1 {
		return engine.Refuse(engine.ErrStale, messages.ProblemDetailStaleVersion)
	}
	return engine.Refuse(engine.ErrStale, messages.ProblemDetailStaleVersionAt, "version", current, "sent", sent)
}
