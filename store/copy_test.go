package store_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"reflect"
	"testing"

	"evalbench/evaluation"
	"evalbench/evaluation/engine"
	"evalbench/store/storetest"
)

// Texts that COPY's text format must escape or must not mistake for something else.
var copyTexts = []string{"", "plain", "tab\there", "line\nbreak", "carriage\rreturn", `back\slash`, `\N`, `\\N`,
	"\\", "ends with backslash\\", "中文，全角：１２３", "emoji 🙂", "\t\n\r\\", `quote "and" 'more'`, "comma, semicolon;"}

// The store writes COPY data itself (copySink): every text, NULL and number must come back
// exactly as written, in every column, across batch boundaries.
func TestObservationCopyRoundTrip(t *testing.T) {
	db, _ := storetest.New(t)
	ctx := context.Background()
	const n = 20_000 // several 60 KiB batches
	want := make([]engine.Observation, n)
	values := []float64{0, 1, -1, 0.1, 1.0 / 3, 123456789.125, 1e-300, -2.5e300, math.SmallestNonzeroFloat64, math.MaxFloat64}
	for i := range want {
		txt := func(k int) string { return copyTexts[(i+k)%len(copyTexts)] }
		o := engine.Observation{Row: i + 2, Indicator: fmt.Sprintf("ind-%d", i%7) + txt(0), Unit: "unit" + txt(1),
			Period: engine.Period("2016"), Label: txt(2), Note: txt(3),
			Source: engine.Source{Document: txt(4), Table: txt(5), Location: txt(6), Quote: txt(7)}}
		if i%5 != 0 {
			v := values[i%len(values)] * float64(1+i%3)
			o.Value = &v
		}
		want[i] = o
	}
	errRollback := errors.New("roll back")
	err := db.Transact(ctx, func(tx evaluation.Tx) error {
		id := "7c0b7d4e-0000-4000-8000-000000000001"
		sink, err := tx.NewObservationSink(ctx, id)
		if err != nil {
			return err
		}
		for i := range want {
			if err := sink.Write(&want[i]); err != nil {
				return err
			}
		}
		if k, err := sink.Close(); err != nil || k != n {
			return fmt.Errorf("Close: %d rows, %v", k, err)
		}
		var got []engine.Observation
		for off := 0; off < n; off += evaluation.MaxPageSize {
			page, err := tx.ListObservations(ctx, id, evaluation.Page{Limit: evaluation.MaxPageSize, Offset: off})
			if err != nil {
				return err
			}
			got = append(got, page...)
		}
		if len(got) != n {
			t.Fatalf("read back %d rows, want %d", len(got), n)
		}
		for i := range want {
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Fatalf("row %d: read back %+v, wrote %+v", i, got[i], want[i])
			}
		}
		return errRollback
	})
	if !errors.Is(err, errRollback) {
		t.Fatal(err)
	}
}

// A COPY the server refuses (here a text with a NUL byte, which PostgreSQL's text cannot hold)
// fails the sink, and the transaction with it.
func TestObservationCopyRefusedFailsTheImport(t *testing.T) {
	db, _ := storetest.New(t)
	ctx := context.Background()
	err := db.Transact(ctx, func(tx evaluation.Tx) error {
		sink, err := tx.NewObservationSink(ctx, "7c0b7d4e-0000-4000-8000-000000000002")
		if err != nil {
			return err
		}
		for i := range 10_000 {
			o := engine.Observation{Row: i + 2, Indicator: "a", Unit: "u", Period: "2016"}
			if i == 5000 {
				o.Note = "nul\x00byte"
			}
			if err := sink.Write(&o); err != nil {
				sink.Close()
				return err
			}
		}
		_, err = sink.Close()
		return err
	})
	if err == nil {
		t.Fatal("a COPY with a NUL byte was accepted")
	}
	var n int
	if err := db.SQL().Get(&n, `SELECT count(*) FROM observations`); err != nil || n != 0 {
		t.Fatalf("after the refused COPY: %d observations (%v), want 0", n, err)
	}
}
