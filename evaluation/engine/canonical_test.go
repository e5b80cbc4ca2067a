package engine_test

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/gowebpki/jcs"

	"evalbench/evaluation/engine"
)

// reference is the canonical form the slow way: encoding/json, then the JCS transform of
// github.com/gowebpki/jcs (an implementation of RFC 8785 validated against its test vectors).
func reference(t *testing.T, v any) []byte {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	out, err := jcs.Transform(raw)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestCanonicalMatchesJCS(t *testing.T) {
	type inner struct {
		Z  string `json:"z"`
		A  int    `json:"a,omitempty"`
		É  bool   `json:"é"`
		Rm json.RawMessage
	}
	type embedded struct {
		E string `json:"e"`
	}
	type odd struct {
		embedded
		Name   string             `json:"name"`
		Float  float64            `json:"float"`
		Tiny   float64            `json:"tiny"`
		Huge   float64            `json:"huge"`
		Neg    float64            `json:"neg"`
		When   time.Time          `json:"when"`
		Zero   time.Time          `json:"zero,omitzero"`
		Ptr    *float64           `json:"ptr"`
		Map    map[string]float64 `json:"map"`
		Slice  []inner            `json:"slice"`
		Bytes  []byte             `json:"bytes"`
		Any    any                `json:"any"`
		Skip   string             `json:"-"`
		Quoted int                `json:"quoted,string"`
		Hex    engine.HexBytes
		Emoji  string `json:"😀"`
		Ctrl   string `json:"\u007f"`
	}
	half := 0.5
	v := odd{embedded: embedded{E: "嵌入"}, Name: "江干 \"区\"\n\t\u0001<>&\u2028", Float: 555.79, Tiny: 1e-7, Huge: 1.5e21, Neg: -0.0,
		When: time.Date(2016, 12, 31, 8, 0, 0, 123000, time.FixedZone("CST", 8*3600)), Ptr: &half,
		Map: map[string]float64{"b": 2, "a": 1, "é": 3, "Z": 4, "😀": 5, "ｚ": 6}, Slice: []inner{{Z: "z", Rm: json.RawMessage(`{"b":1,"a":[1.50,2e3]}`)}, {A: 3, É: true}},
		Bytes: []byte{0, 1, 2, 255}, Any: map[string]any{"k": []any{1.0, "x", nil, true}}, Quoted: 42, Hex: engine.HexBytes{0xab, 0xcd}, Emoji: "e", Ctrl: "c"}
	got, err := engine.Canonical(v)
	if err != nil {
		t.Fatal(err)
	}
	if want := reference(t, v); !bytes.Equal(got, want) {
		t.Fatalf("canonical\n got %s\nwant %s", got, want)
	}
	// Random numbers across the whole range print as ECMAScript prints them.
	rng := rand.New(rand.NewPCG(1, 1))
	var xs []float64
	for range 20000 {
		x := math.Float64frombits(rng.Uint64())
		if math.IsNaN(x) || math.IsInf(x, 0) {
			continue
		}
		xs = append(xs, x, float64(rng.IntN(1e6))/1000, rng.NormFloat64()*1e-8)
	}
	got, err = engine.Canonical(xs)
	if err != nil {
		t.Fatal(err)
	}
	if want := reference(t, xs); !bytes.Equal(got, want) {
		t.Fatal("numbers differ from the JCS reference")
	}
	if _, err := engine.Canonical(math.NaN()); err == nil {
		t.Fatal("NaN was canonicalised")
	}
}

// A run's inputs and result canonicalise as the reference does.
func TestCanonicalRunDocuments(t *testing.T) {
	in := jiangganInputs(t)
	res, err := engine.Compute(in)
	if err != nil {
		t.Fatal(err)
	}
	for name, v := range map[string]any{"inputs": in, "result": res, "five": fiveUnits()} {
		got, err := engine.Canonical(v)
		if err != nil {
			t.Fatal(err)
		}
		if want := reference(t, v); !bytes.Equal(got, want) {
			t.Errorf("%s: canonical form differs from the JCS reference", name)
		}
	}
}
