package api

import (
	"strconv"
	"testing"
)

// The cache of public report files holds at most its bound in bytes, evicting the least recently
// used, and does not keep a file larger than a quarter of it.
func TestFileCacheBound(t *testing.T) {
	c := newFileCache(10 << 10)
	file := func(i, n int) *cachedFile { return &cachedFile{key: strconv.Itoa(i), data: make([]byte, n)} }
	for i := range 5 {
		c.put(file(i, 1500))
	}
	if c.get("0") == nil || c.get("4") == nil { // 0 and 4 are now the most recently used
		t.Fatal("files within the bound were evicted")
	}
	for i := 5; i < 8; i++ {
		c.put(file(i, 1500))
	}
	if c.used > c.max {
		t.Fatalf("%d bytes held, bound %d", c.used, c.max)
	}
	if c.get("1") != nil || c.get("0") == nil || c.get("7") == nil {
		t.Error("not the least recently used evicted")
	}
	c.put(file(99, 3000))
	if c.get("99") != nil {
		t.Error("a file larger than a quarter of the bound was cached")
	}
}
