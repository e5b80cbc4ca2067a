package engine_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strconv"
	"testing"

	"evalbench/evaluation/engine"
	"evalbench/messages"
	"evalbench/messages/messagestest"
)

// en renders a recorded message in English for the assertions ("" for none).
func en(m *messages.Message) string {
	if m == nil {
		return ""
	}
	return messages.For(messages.English).Render(*m)
}

var messageType = reflect.TypeFor[messages.Message]()

// recorded collects every message a value holds, with the path it was found at.
func recorded(v reflect.Value, path string, out map[string]messages.Message) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			recorded(v.Elem(), path, out)
		}
	case reflect.Struct:
		if v.Type() == messageType {
			out[path] = v.Interface().(messages.Message)
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				recorded(v.Field(i), path+"."+v.Type().Field(i).Name, out)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			recorded(v.Index(i), path+"["+strconv.Itoa(i)+"]", out)
		}
	}
}

// Every message the engine records is in the catalogue in both languages, takes exactly the
// arguments it is given, and renders without a marker — and so does it after the result has been
// stored as JSON and read back (nested messages and lists included), as the report reads it.
func TestResultMessagesAreInTheCatalogue(t *testing.T) {
	inputs := map[string]*engine.RunInputs{"jianggan": jiangganInputs(t), "five": fiveUnits()}
	ids := map[messages.ID]bool{}
	for name, in := range inputs {
		res, err := engine.Compute(in)
		if err != nil {
			t.Fatal(name, err)
		}
		got := map[string]messages.Message{}
		recorded(reflect.ValueOf(res), "result", got)
		if len(got) == 0 {
			t.Fatalf("%s: no message recorded", name)
		}
		b, err := engine.Canonical(res)
		if err != nil {
			t.Fatal(err)
		}
		var back engine.Result
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		b2, err := engine.Canonical(&back)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b, b2) {
			t.Errorf("%s: the result does not survive JSON unchanged", name)
		}
		again := map[string]messages.Message{}
		recorded(reflect.ValueOf(&back), "result", again)
		for path, m := range got {
			ids[m.ID] = true
			messagestest.Valid(t, m)
			messagestest.Valid(t, again[path])
			for _, l := range messages.Languages {
				if a, b := messages.For(l).Render(m), messages.For(l).Render(again[path]); a != b {
					t.Errorf("%s %s: %q computed, %q read back", name, path, a, b)
				}
			}
		}
	}
	// The Jianggan run records warnings, bases, notes and projections: the test sees them.
	for _, id := range []messages.ID{messages.MonitoringWarningOffTrackLatest, messages.BasisAnnualTarget, messages.WarningCaliberNotStated,
		messages.ProjectionMethodTrend, messages.ProjectionCaveatFew, messages.MonitoringBasisSchedule} {
		if !ids[id] {
			t.Errorf("no result records %s", id)
		}
	}
	// Every warning's id is warning.<code>, and statuses and schedules have their names.
	res, _ := engine.Compute(jiangganInputs(t))
	for _, w := range res.Warnings {
		if string(w.Message.ID) != "warning."+w.Code && w.Code != "missing_excluded" {
			t.Errorf("warning %s records %s", w.Code, w.Message.ID)
		}
		messagestest.Dynamic(t, "warning_kind.", w.Code)
	}
	for _, m := range res.Monitoring {
		messagestest.Dynamic(t, "monitoring.status.", m.Status)
		if m.Schedule != "" {
			messagestest.Dynamic(t, "monitoring.schedule.", m.Schedule)
		}
	}
}
