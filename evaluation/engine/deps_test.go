package engine_test

import (
	"go/build"
	"os/exec"
	"strings"
	"testing"
)

// The engine is what `evalbench verify` re-runs offline: it may import the standard library,
// statistics, the message catalogue (a leaf package: its results record message ids) and the few
// libraries it computes with, but nothing of the service, the store, the API, the web pages or
// the importers. go list answers what it links, directly or not.
func TestEngineImportsNothingOfTheService(t *testing.T) {
	for _, pkg := range []string{"evalbench/evaluation/engine", "evalbench/reports"} {
		out, err := exec.Command("go", "list", "-deps", pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list -deps %s: %v\n%s", pkg, err, out)
		}
		for _, dep := range strings.Fields(string(out)) {
			if !strings.HasPrefix(dep, "evalbench/") {
				continue
			}
			switch dep {
			case "evalbench/evaluation/engine", "evalbench/statistics", "evalbench/messages", pkg:
			default:
				t.Errorf("%s imports %s; the engine and the reports it feeds import only the engine, statistics and the message catalogue", pkg, dep)
			}
		}
	}
}

// The engine takes its clock and randomness as arguments: no call reads the time or draws from a
// generator it was not given.
func TestEngineHasNoClockOrRandomness(t *testing.T) {
	p, err := build.ImportDir(".", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, imp := range p.Imports {
		switch imp {
		case "math/rand", "os", "net", "net/http", "database/sql":
			t.Errorf("the engine imports %s", imp)
		}
	}
	out, err := exec.Command("grep", "-n", "time.Now()", "--include=*.go", "--exclude=*_test.go", "-r", ".").CombinedOutput()
	if err == nil {
		t.Errorf("the engine reads the clock:\n%s", out)
	}
}
