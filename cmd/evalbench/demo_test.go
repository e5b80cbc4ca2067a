package main

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

// The demo's links follow the address served unless a base URL is configured: `make run
// ADDR=:18080` printed links to port 8080 before.
func TestLinkBase(t *testing.T) {
	for _, c := range []struct{ configured, served, want string }{
		{"", ":18080", "http://localhost:18080"},
		{"", "[::]:18080", "http://localhost:18080"},
		{"", "0.0.0.0:8080", "http://localhost:8080"},
		{"", "127.0.0.1:9000", "http://127.0.0.1:9000"},
		{"", "[::1]:9000", "http://[::1]:9000"},
		{"", "evalbench.example.org:80", "http://evalbench.example.org"},
		{"", "[::]:80", "http://localhost"},
		{"https://eval.example.org/", ":18080", "https://eval.example.org"},
		{"https://eval.example.org/evalbench", "[::]:8080", "https://eval.example.org/evalbench"},
	} {
		if got := linkBase(c.configured, c.served); got != c.want {
			t.Errorf("linkBase(%q, %q) = %q, want %q", c.configured, c.served, got, c.want)
		}
	}
}

// The printed verify command names the binary by a path that runs from the directory it was
// printed in, not "evalbench", which need not be on PATH.
func TestCommandPath(t *testing.T) {
	for _, c := range []struct{ exe, wd, want string }{
		{"/src/evalbench/bin/evalbench", "/src/evalbench", "bin/evalbench"},
		{"/src/evalbench/evalbench", "/src/evalbench", "./evalbench"},
		{"/usr/local/bin/evalbench", "/home/me", "/usr/local/bin/evalbench"},
		{"/home/me/my checkout/bin/evalbench", "/home/me/my checkout", "bin/evalbench"},
		{"/opt/my tools/evalbench", "/home/me", "'/opt/my tools/evalbench'"},
	} {
		if got := commandPath(c.exe, c.wd); got != c.want {
			t.Errorf("commandPath(%q, %q) = %q, want %q", c.exe, c.wd, got, c.want)
		}
	}
	// What selfCommand prints runs as printed from here.
	out, err := exec.Command("sh", "-c", selfCommand()+" -test.run=^$").CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v: %s", selfCommand(), err, out)
	}
}

// The logger writes text or JSON from the configured level up; anything else is refused.
func TestNewLogger(t *testing.T) {
	var buf bytes.Buffer
	log, err := newLogger(&buf, "json", "warn")
	if err != nil {
		t.Fatal(err)
	}
	log.Info("hidden")
	log.Warn("shown", "k", 1)
	var m map[string]any
	if err := json.Unmarshal(buf.Bytes(), &m); err != nil || m["msg"] != "shown" || m["k"] != float64(1) {
		t.Fatalf("json log %q: %v", buf.String(), err)
	}
	buf.Reset()
	log, err = newLogger(&buf, "text", "debug")
	if err != nil {
		t.Fatal(err)
	}
	log.Debug("detail")
	if !strings.Contains(buf.String(), "level=DEBUG msg=detail") {
		t.Fatalf("text log %q", buf.String())
	}
	for _, bad := range [][2]string{{"xml", "info"}, {"json", "loud"}} {
		if _, err := newLogger(&buf, bad[0], bad[1]); err == nil {
			t.Errorf("newLogger(%q, %q) accepted", bad[0], bad[1])
		}
	}
}
