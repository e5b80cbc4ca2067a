package ratelimit

import (
	"strconv"
	"testing"
	"time"
)

// TestLimiterSetMemoryIsBounded floods a limiter set with a million addresses: it remembers at
// most its bound, forgets idle keys, and the flood shares one overflow bucket.
func TestLimiterSetMemoryIsBounded(t *testing.T) {
	ls := New(1, 2, 1000)
	now := time.Unix(0, 0)
	allowed := 0
	for i := range 1_000_000 {
		if _, ok := ls.Allow("k"+strconv.Itoa(i), now); ok {
			allowed++
		}
	}
	if n := ls.Size(); n > 1000 {
		t.Fatalf("%d keys remembered, want ≤ 1000", n)
	}
	if allowed > 1000*2+2 {
		t.Fatalf("%d requests of a flood allowed, want ≤ %d", allowed, 1000*2+2)
	}
	// After the idle time every bucket would be full: the keys are forgotten, and a new client
	// has its own bucket again.
	later := now.Add(ls.idle + time.Second)
	if _, ok := ls.Allow("newcomer", later); !ok {
		t.Fatal("a new client after the flood was refused")
	}
	if n := ls.Size(); n != 1 {
		t.Fatalf("%d keys remembered after the idle time, want 1", n)
	}
	wait, ok := ls.Allow("newcomer", later)
	if !ok {
		t.Fatal("second request within the burst refused")
	}
	if wait, ok = ls.Allow("newcomer", later); ok || wait <= 0 || wait > time.Second {
		t.Fatalf("third request: ok %t, wait %v; want refused, wait ≤ 1s", ok, wait)
	}
}

func TestClientKey(t *testing.T) {
	for in, want := range map[string]string{
		"192.0.2.1":           "192.0.2.1",
		"::ffff:192.0.2.1":    "192.0.2.1",
		"2001:db8:1:2:3::4":   "2001:db8:1:2::/64",
		"not an address":      "not an address",
		"2001:db8:1:2:ffff::": "2001:db8:1:2::/64",
	} {
		if got := ClientKey(in); got != want {
			t.Errorf("ClientKey(%q) = %q, want %q", in, got, want)
		}
	}
}
