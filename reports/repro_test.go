package reports_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// reproOut names the directory the helper writes its report.json and report.html into.
const reproOut = "EVALBENCH_REPRO_OUT"

// TestReproducibleBuildHelper is the child of TestReproducible: with EVALBENCH_REPRO_OUT set it
// computes the run, builds the report and writes report.json and report.html there. Without it
// it does nothing.
func TestReproducibleBuildHelper(t *testing.T) {
	dir := os.Getenv(reproOut)
	if dir == "" {
		return
	}
	b := build(t)
	for name, data := range map[string][]byte{"report.json": b.bundle, "report.html": b.html, "report.dsse.json": b.envelope} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestReproducible runs the whole computation and the report build in child processes of this
// test binary under different time zones, locales, GOMAXPROCS and working directories, and
// checks that report.json, report.html and the signed envelope are byte-identical to this
// process's.
func TestReproducible(t *testing.T) {
	want := build(t)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	envs := []struct {
		tz, lang string
		procs    int
	}{
		{"UTC", "C", 1},
		{"Asia/Shanghai", "zh_CN.UTF-8", 2},
		{"America/Los_Angeles", "de_DE.UTF-8", 8},
		{"Pacific/Chatham", "tr_TR.UTF-8", 3},
	}
	for i, e := range envs {
		out := t.TempDir()
		cwd := t.TempDir() // a different working directory for each run
		if i%2 == 1 {
			cwd = filepath.Join(cwd, "深层", "目录")
			if err := os.MkdirAll(cwd, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		cmd := exec.Command(exe, "-test.run", "^TestReproducibleBuildHelper$", "-test.count", "1")
		cmd.Dir = cwd
		cmd.Env = append(filteredEnv(), reproOut+"="+out, "TZ="+e.tz, "LANG="+e.lang, "LC_ALL="+e.lang, "LC_NUMERIC="+e.lang,
			fmt.Sprintf("GOMAXPROCS=%d", e.procs))
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("TZ=%s LANG=%s GOMAXPROCS=%d: %v\n%s", e.tz, e.lang, e.procs, err, msg)
		}
		for name, data := range map[string][]byte{"report.json": want.bundle, "report.html": want.html, "report.dsse.json": want.envelope} {
			got, err := os.ReadFile(filepath.Join(out, name))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, data) {
				t.Errorf("TZ=%s LANG=%s GOMAXPROCS=%d cwd=%s: %s differs (SHA-256 %s, want %s)", e.tz, e.lang, e.procs, cwd, name, digest(got), digest(data))
			}
		}
	}
	t.Logf("%d environments: report.json %s, report.html %s", len(envs), digest(want.bundle), digest(want.html))
}

// filteredEnv is the environment without the variables the test sets.
func filteredEnv() []string {
	var out []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "TZ", "LANG", "LC_ALL", "LC_NUMERIC", "GOMAXPROCS", reproOut:
			continue
		}
		out = append(out, kv)
	}
	return out
}

func digest(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:8])
}
