package main

import (
	"testing"

	"evalbench/api"
	"evalbench/evaluation/ingest"
)

// TestLoadConfigLimits checks that the resource limits come from the environment and default to
// the documented values.
func TestLoadConfigLimits(t *testing.T) {
	c := loadConfig()
	if c.XLSX != ingest.DefaultLimits() || c.API.VerifyLimit != api.DefaultConfig().VerifyLimit || c.API.TrustProxy {
		t.Fatalf("defaults: %+v %+v", c.XLSX, c.API)
	}
	for k, v := range map[string]string{
		"EVALBENCH_XLSX_UNZIPPED_BYTES": "1", "EVALBENCH_XLSX_PART_BYTES": "2", "EVALBENCH_XLSX_SHEET_BYTES": "3",
		"EVALBENCH_XLSX_PARTS": "4", "EVALBENCH_XLSX_ROWS": "5", "EVALBENCH_XLSX_COLUMNS": "6", "EVALBENCH_XLSX_CELLS": "7",
		"EVALBENCH_XLSX_SHARED_STRINGS": "8", "EVALBENCH_XLSX_STRING_CHARS": "9", "EVALBENCH_XLSX_XML_DEPTH": "10", "EVALBENCH_XLSX_TAG_BYTES": "13",
		"EVALBENCH_VERIFY_LIMIT": "11", "EVALBENCH_PUBLIC_RATE_LIMIT": "1.5", "EVALBENCH_PUBLIC_RATE_BURST": "12",
		"EVALBENCH_TRUST_PROXY": "true",
	} {
		t.Setenv(k, v)
	}
	c = loadConfig()
	want := ingest.Limits{Unzipped: 1, PartBytes: 2, SheetBytes: 3, Parts: 4, Rows: 5, Columns: 6, Cells: 7, SharedStrings: 8, StringChars: 9, XMLDepth: 10, TagBytes: 13}
	if c.XLSX != want {
		t.Errorf("XLSX limits %+v, want %+v", c.XLSX, want)
	}
	if c.API.VerifyLimit != 11 || c.API.PublicRateLimit != 1.5 || c.API.PublicRateBurst != 12 || !c.API.TrustProxy {
		t.Errorf("API %+v", c.API)
	}
}
