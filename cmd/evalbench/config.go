package main

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"evalbench/api"
	"evalbench/evaluation"
	"evalbench/evaluation/ingest"
	"evalbench/messages"
)

// config is evalbench's whole configuration, read once from the environment in main and passed
// down. Every variable is listed in the README.
type config struct {
	DatabaseURL string // DATABASE_URL
	Addr        string // EVALBENCH_ADDR, default :8080
	Token       string // EVALBENCH_TOKEN: the token CLI commands act with
	MasterKey   string // EVALBENCH_MASTER_KEY: hex or base64 32-byte key that encrypts signing keys at rest
	Workers     int    // EVALBENCH_WORKERS: run workers in this process (default 2)
	// MetricsAddr is where serve answers GET /metrics to anyone who can reach it
	// (EVALBENCH_METRICS_ADDR, default 127.0.0.1:9464, loopback only; "off" serves none there).
	MetricsAddr string
	LogFormat   string // EVALBENCH_LOG_FORMAT: text (default) or json
	LogLevel    string // EVALBENCH_LOG_LEVEL: debug, info (default), warn or error
	// CheckpointEvery is how often serve and worker sign an audit checkpoint for each institute
	// whose chain grew since its last one (EVALBENCH_CHECKPOINT_INTERVAL, default 1h; 0 or off:
	// only at publication and on demand).
	CheckpointEvery time.Duration
	API             api.Config
	XLSX            ingest.Limits // EVALBENCH_XLSX_*: what reading one workbook may cost
	// Session is how long browser sessions live (EVALBENCH_SESSION_IDLE, default 30m;
	// EVALBENCH_SESSION_ABSOLUTE, default 12h) and how sign-in resists guessing.
	Session evaluation.SessionPolicy
	// Lang is the --lang flag: the language of the command's messages (zh or en); when empty,
	// LC_ALL, LC_MESSAGES or LANG choose it (messages.CLILanguage), and Chinese by default.
	Lang string

	// lang is the language chosen from Lang and the environment once the flags are parsed.
	lang messages.Language
	// log is the one logger of the process, made in main from LogFormat and LogLevel once the
	// flags are parsed, and passed down from here.
	log *slog.Logger
	// warnings are problems found while reading the environment, logged once the logger exists.
	warnings []string
}

// printer is the printer of the command's language. Before the flags are parsed (or when --lang
// is not a language), the environment alone chooses.
func (c *config) printer() *messages.Printer {
	if c.lang == "" {
		l, err := messages.CLILanguage(c.Lang, os.Getenv)
		if err != nil {
			l, _ = messages.CLILanguage("", os.Getenv)
		}
		return messages.For(l)
	}
	return messages.For(c.lang)
}

// defaultMetricsAddr is a loopback address: the metrics say how busy the service is and what it
// runs, so they are not served to the network unless an operator says so.
const defaultMetricsAddr = "127.0.0.1:9464"

func loadConfig() *config {
	c := &config{
		DatabaseURL: os.Getenv("DATABASE_URL"),
		Addr:        envOr("EVALBENCH_ADDR", ":8080"),
		Token:       os.Getenv("EVALBENCH_TOKEN"),
		MasterKey:   os.Getenv("EVALBENCH_MASTER_KEY"),
		Workers:     2,
		MetricsAddr: envOr("EVALBENCH_METRICS_ADDR", defaultMetricsAddr),
		LogFormat:   envOr("EVALBENCH_LOG_FORMAT", "text"),
		LogLevel:    envOr("EVALBENCH_LOG_LEVEL", "info"),
		API:         api.DefaultConfig(),
		XLSX:        ingest.DefaultLimits(),

		CheckpointEvery: time.Hour,
	}
	c.envDuration("EVALBENCH_CHECKPOINT_INTERVAL", &c.CheckpointEvery)
	c.Session = evaluation.DefaultSessionPolicy()
	c.envDuration("EVALBENCH_SESSION_IDLE", &c.Session.Idle)
	c.envDuration("EVALBENCH_SESSION_ABSOLUTE", &c.Session.Absolute)
	c.envInt("EVALBENCH_WORKERS", &c.Workers)
	c.envInt64("EVALBENCH_BODY_LIMIT", &c.API.BodyLimit)
	c.envInt64("EVALBENCH_UPLOAD_LIMIT", &c.API.UploadLimit)
	c.envFloat("EVALBENCH_RATE_LIMIT", &c.API.RateLimit)
	c.envInt("EVALBENCH_RATE_BURST", &c.API.RateBurst)
	c.envInt64("EVALBENCH_VERIFY_LIMIT", &c.API.VerifyLimit)
	c.envFloat("EVALBENCH_PUBLIC_RATE_LIMIT", &c.API.PublicRateLimit)
	c.envInt("EVALBENCH_PUBLIC_RATE_BURST", &c.API.PublicRateBurst)
	if v := os.Getenv("EVALBENCH_TRUST_PROXY"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			c.warnings = append(c.warnings, fmt.Sprintf("EVALBENCH_TRUST_PROXY=%q is not true or false; using %t", v, c.API.TrustProxy))
		} else {
			c.API.TrustProxy = b
		}
	}
	c.envInt64("EVALBENCH_XLSX_UNZIPPED_BYTES", &c.XLSX.Unzipped)
	c.envInt64("EVALBENCH_XLSX_PART_BYTES", &c.XLSX.PartBytes)
	c.envInt64("EVALBENCH_XLSX_SHEET_BYTES", &c.XLSX.SheetBytes)
	c.envInt("EVALBENCH_XLSX_PARTS", &c.XLSX.Parts)
	c.envInt("EVALBENCH_XLSX_ROWS", &c.XLSX.Rows)
	c.envInt("EVALBENCH_XLSX_COLUMNS", &c.XLSX.Columns)
	c.envInt("EVALBENCH_XLSX_CELLS", &c.XLSX.Cells)
	c.envInt("EVALBENCH_XLSX_SHARED_STRINGS", &c.XLSX.SharedStrings)
	c.envInt("EVALBENCH_XLSX_STRING_CHARS", &c.XLSX.StringChars)
	c.envInt("EVALBENCH_XLSX_XML_DEPTH", &c.XLSX.XMLDepth)
	c.envInt("EVALBENCH_XLSX_TAG_BYTES", &c.XLSX.TagBytes)
	c.API.BaseURL = os.Getenv("EVALBENCH_BASE_URL")
	c.API.MetricsToken = os.Getenv("EVALBENCH_METRICS_TOKEN")
	return c
}

// logger returns the process's logger (one that discards, before main made it: in tests).
func (c *config) logger() *slog.Logger {
	if c.log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return c.log
}

// newLogger makes the process's logger: text or JSON lines on w, from the given level up.
func newLogger(w io.Writer, format, level string) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, failure(messages.CLIErrLogLevel, "level", level)
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch strings.ToLower(format) {
	case "text", "":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, failure(messages.CLIErrLogFormat, "format", format)
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

func (c *config) envInt(k string, dst *int) {
	if v := os.Getenv(k); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			c.warnings = append(c.warnings, fmt.Sprintf("%s=%q is not an integer; using %d", k, v, *dst))
			return
		}
		*dst = n
	}
}

// envDuration reads a Go duration ("90m", "1h"); "0" and "off" mean none.
func (c *config) envDuration(k string, dst *time.Duration) {
	switch v := os.Getenv(k); v {
	case "":
	case "0", "off":
		*dst = 0
	default:
		d, err := time.ParseDuration(v)
		if err != nil || d < 0 {
			c.warnings = append(c.warnings, fmt.Sprintf("%s=%q is not a duration such as 1h or 30m; using %s", k, v, *dst))
			return
		}
		*dst = d
	}
}

func (c *config) envInt64(k string, dst *int64) {
	if v := os.Getenv(k); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			c.warnings = append(c.warnings, fmt.Sprintf("%s=%q is not an integer; using %d", k, v, *dst))
			return
		}
		*dst = n
	}
}

func (c *config) envFloat(k string, dst *float64) {
	if v := os.Getenv(k); v != "" {
		n, err := strconv.ParseFloat(v, 64)
		if err != nil {
			c.warnings = append(c.warnings, fmt.Sprintf("%s=%q is not a number; using %g", k, v, *dst))
			return
		}
		*dst = n
	}
}
