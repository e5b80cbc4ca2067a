package main

import (
	"fmt"
	"os"
	"strconv"

	"evalbench/api"
	"evalbench/evaluation/ingest"
)

// config is evalbench's whole configuration, read once from the environment in main and passed
// down. Every variable is listed in the README.
type config struct {
	DatabaseURL string // DATABASE_URL
	Addr        string // EVALBENCH_ADDR, default :8080
	Token       string // EVALBENCH_TOKEN: the token CLI commands act with
	MasterKey   string // EVALBENCH_MASTER_KEY: hex or base64 32-byte key that encrypts signing keys at rest
	Workers     int    // EVALBENCH_WORKERS: run workers in this process (default 2)
	API         api.Config
	XLSX        ingest.Limits // EVALBENCH_XLSX_*: what reading one workbook may cost
}

func loadConfig() *config {
	c := &config{
		DatabaseURL: os.Getenv("DATABASE_URL"),
		Addr:        envOr("EVALBENCH_ADDR", ":8080"),
		Token:       os.Getenv("EVALBENCH_TOKEN"),
		MasterKey:   os.Getenv("EVALBENCH_MASTER_KEY"),
		Workers:     2,
		API:         api.DefaultConfig(),
		XLSX:        ingest.DefaultLimits(),
	}
	envInt("EVALBENCH_WORKERS", &c.Workers)
	envInt64("EVALBENCH_BODY_LIMIT", &c.API.BodyLimit)
	envInt64("EVALBENCH_UPLOAD_LIMIT", &c.API.UploadLimit)
	envFloat("EVALBENCH_RATE_LIMIT", &c.API.RateLimit)
	envInt("EVALBENCH_RATE_BURST", &c.API.RateBurst)
	envInt64("EVALBENCH_VERIFY_LIMIT", &c.API.VerifyLimit)
	envFloat("EVALBENCH_PUBLIC_RATE_LIMIT", &c.API.PublicRateLimit)
	envInt("EVALBENCH_PUBLIC_RATE_BURST", &c.API.PublicRateBurst)
	if v := os.Getenv("EVALBENCH_TRUST_PROXY"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			fmt.Fprintf(os.Stderr, "evalbench: EVALBENCH_TRUST_PROXY=%q is not true or false; using %t\n", v, c.API.TrustProxy)
		} else {
			c.API.TrustProxy = b
		}
	}
	envInt64("EVALBENCH_XLSX_UNZIPPED_BYTES", &c.XLSX.Unzipped)
	envInt64("EVALBENCH_XLSX_PART_BYTES", &c.XLSX.PartBytes)
	envInt64("EVALBENCH_XLSX_SHEET_BYTES", &c.XLSX.SheetBytes)
	envInt("EVALBENCH_XLSX_PARTS", &c.XLSX.Parts)
	envInt("EVALBENCH_XLSX_ROWS", &c.XLSX.Rows)
	envInt("EVALBENCH_XLSX_COLUMNS", &c.XLSX.Columns)
	envInt("EVALBENCH_XLSX_CELLS", &c.XLSX.Cells)
	envInt("EVALBENCH_XLSX_SHARED_STRINGS", &c.XLSX.SharedStrings)
	envInt("EVALBENCH_XLSX_STRING_CHARS", &c.XLSX.StringChars)
	envInt("EVALBENCH_XLSX_XML_DEPTH", &c.XLSX.XMLDepth)
	envInt("EVALBENCH_XLSX_TAG_BYTES", &c.XLSX.TagBytes)
	if v := os.Getenv("EVALBENCH_BASE_URL"); v != "" {
		c.API.BaseURL = v
	}
	return c
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

func envInt(k string, dst *int) {
	if v := os.Getenv(k); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			fmt.Fprintf(os.Stderr, "evalbench: %s=%q is not an integer; using %d\n", k, v, *dst)
			return
		}
		*dst = n
	}
}

func envInt64(k string, dst *int64) {
	if v := os.Getenv(k); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			fmt.Fprintf(os.Stderr, "evalbench: %s=%q is not an integer; using %d\n", k, v, *dst)
			return
		}
		*dst = n
	}
}

func envFloat(k string, dst *float64) {
	if v := os.Getenv(k); v != "" {
		n, err := strconv.ParseFloat(v, 64)
		if err != nil {
			fmt.Fprintf(os.Stderr, "evalbench: %s=%q is not a number; using %g\n", k, v, *dst)
			return
		}
		*dst = n
	}
}
