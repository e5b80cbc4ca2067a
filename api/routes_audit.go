package api

import (
	"net/http"

	"evalbench/evaluation"
)

type auditCheckpoint = evaluation.Checkpoint

// auditRoutes lists the routes of the audit chain's signed checkpoints.
func (s *Server) auditRoutes() []Route {
	const v1 = "/api/v1"
	return []Route{
		{Method: http.MethodGet, Path: v1 + "/audit/checkpoints", Summary: "Export signed checkpoints of the audit chain (Ed25519 over {log, seq, hash, time}), oldest first: of a commission's institute (audit role), one's institute (institute admin) or all (platform admin) — keep them to check the chain with `evalbench audit verify --checkpoints`", Tag: "audit", Auth: User, Query: []Param{{Name: "commission", Type: "string", Format: "uuid", Description: "commission id"}, {Name: "institute", Type: "string", Format: "uuid", Description: "institute id (platform admin)"}}, Response: List[auditCheckpoint]{}, Status: 200, Handler: s.listCheckpoints},
		{Method: http.MethodPost, Path: v1 + "/audit/checkpoints", Summary: "Sign a checkpoint of the audit chain's current head with the institute's key (institute admin); publication makes one for every report", Tag: "audit", Auth: User, Query: []Param{{Name: "institute", Type: "string", Format: "uuid", Description: "institute id (default: one's own)"}}, Response: auditCheckpoint{}, Status: 201, Handler: s.createCheckpoint},
	}
}
