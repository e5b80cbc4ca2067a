package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"evalbench/evaluation"
	"evalbench/evaluation/ingest"
	"evalbench/examples"
	"evalbench/store/storetest"
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

// The demo prints one link that opens the workbench signed in as the examples' evaluator, and
// one for the reviewer, each line in Chinese and English; a second demo creates no account and
// grants nothing new, and each printed link signs in once.
func TestDemoSignin(t *testing.T) {
	db, _ := storetest.New(t)
	svc := evaluation.NewService(db, evaluation.WithCodec(ingest.Codec{}))
	ctx := context.Background()
	owner, err := examples.Owner(ctx, svc)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := examples.Load(ctx, svc, owner)
	if err != nil {
		t.Fatal(err)
	}
	count := func(table string) int {
		var n int
		if err := db.SQL().Get(&n, `SELECT count(*) FROM `+table); err != nil {
			t.Fatal(err)
		}
		return n
	}
	links := regexp.MustCompile(`http://localhost:8080/signin/link/(evl_[A-Za-z0-9_-]{43})\n`)
	var users, members int
	for i := range 2 {
		var out bytes.Buffer
		if err := printDemoSignin(ctx, &out, svc, owner, cs, "http://localhost:8080"); err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"打开工作台", "Open the workbench", "示例评估员", "验收人（reviewer）", "The acceptance reviewer's (reviewer)", "72小时", "72 hours"} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("run %d: the demo's sign-in lacks %q:\n%s", i+1, want, out.String())
			}
		}
		m := links.FindAllStringSubmatch(out.String(), -1)
		if len(m) != 2 {
			t.Fatalf("run %d: %d sign-in links:\n%s", i+1, len(m), out.String())
		}
		for k, want := range []string{owner.UserID, ""} {
			x, err := svc.SignInWithLink(ctx, evaluation.SigninLinkInput{Secret: m[k][1], Address: "127.0.0.1"})
			if err != nil {
				t.Fatalf("run %d: link %d: %v", i+1, k+1, err)
			}
			if want != "" && x.Actor.UserID != want {
				t.Errorf("the first link signs in as %s, want the evaluator %s", x.Actor.UserID, want)
			}
			if k == 1 {
				if err := svc.Authorize(ctx, x.Actor, cs[0].ID, evaluation.PermAccept); err != nil {
					t.Errorf("the second link's user may not accept: %v", err)
				}
			}
		}
		if i == 0 {
			users, members = count("users"), count("commission_members")
		} else if count("users") != users || count("commission_members") != members {
			t.Errorf("the second demo made accounts or grants: users %d → %d, members %d → %d", users, count("users"), members, count("commission_members"))
		}
	}
}
