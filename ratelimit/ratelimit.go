// Package ratelimit holds token buckets per key — an API token, a client address — in bounded
// memory, for the API and the pages alike. It is a leaf: it imports nothing of evalbench.
package ratelimit

import (
	"net/netip"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// MaxKeys is the usual bound of the keys a Set remembers (about 150 bytes each).
const MaxKeys = 100_000

// Set holds a token bucket per key (a token, a client address) in bounded memory. A key
// idle for as long as its bucket takes to refill is forgotten: its bucket would be full again,
// so forgetting it changes no answer. When maxKeys keys are busy at once, new keys share one
// overflow bucket, so that a flood from many addresses slows itself down rather than growing
// the map.
type Set struct {
	limit   rate.Limit
	burst   int
	maxKeys int
	idle    time.Duration

	mu        sync.Mutex
	buckets   map[string]*bucket
	overflow  *rate.Limiter
	lastSweep time.Time
}

type bucket struct {
	l    *rate.Limiter
	seen time.Time
}

// New allows perSecond requests a second with bursts of burst per key; perSecond ≤ 0
// allows everything.
func New(perSecond float64, burst, maxKeys int) *Set {
	burst = max(burst, 1)
	ls := &Set{limit: rate.Limit(perSecond), burst: burst, maxKeys: maxKeys, buckets: map[string]*bucket{}}
	if perSecond > 0 {
		ls.idle = time.Duration(float64(burst)/perSecond*float64(time.Second)) + time.Second
		ls.overflow = rate.NewLimiter(ls.limit, burst)
	}
	return ls
}

// Allow takes a request of key from its bucket at now. When it is refused, wait says how long
// until the bucket holds a request again.
func (ls *Set) Allow(key string, now time.Time) (wait time.Duration, ok bool) {
	if ls.limit <= 0 {
		return 0, true
	}
	ls.mu.Lock()
	defer ls.mu.Unlock()
	if now.Sub(ls.lastSweep) > ls.idle || len(ls.buckets) >= ls.maxKeys && now.Sub(ls.lastSweep) > time.Second {
		ls.sweep(now)
	}
	var l *rate.Limiter
	if b := ls.buckets[key]; b != nil {
		b.seen, l = now, b.l
	} else if len(ls.buckets) < ls.maxKeys {
		l = rate.NewLimiter(ls.limit, ls.burst)
		ls.buckets[key] = &bucket{l: l, seen: now}
	} else {
		l = ls.overflow
	}
	r := l.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return d, false
	}
	return 0, true
}

// sweep forgets the keys idle for longer than a bucket takes to refill.
func (ls *Set) sweep(now time.Time) {
	for k, b := range ls.buckets {
		if now.Sub(b.seen) > ls.idle {
			delete(ls.buckets, k)
		}
	}
	ls.lastSweep = now
}

// Size returns the number of keys remembered.
func (ls *Set) Size() int {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	return len(ls.buckets)
}

// ClientKey is the rate-limiting key of a client address: the address itself, or for IPv6 its
// /64 network, which one subscriber usually holds whole.
func ClientKey(ip string) string {
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return ip
	}
	a = a.Unmap()
	if a.Is4() {
		return a.String()
	}
	p, err := a.Prefix(64)
	if err != nil {
		return a.String()
	}
	return p.String()
}
