package evaluation

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"evalbench/evaluation/engine"
)

// FrameworkDiff is how a framework version differs from the previous one: the nodes added and
// removed, and for each node in both the fields that changed (an indicator's polarity, unit,
// target kind, baseline, final target and annual targets; any node's name and parent). A
// framework carries no weights: they live in weight sets (CompareWeightSets).
type FrameworkDiff struct {
	Number int `json:"number"`
	// Previous is the version compared with: the one this was based on, else the one numbered
	// before it; nil for the commission's first framework.
	Previous *FrameworkSummary `json:"previous,omitempty"`
	Added    []NodeDiff        `json:"added"`
	Removed  []NodeDiff        `json:"removed"`
	Changed  []NodeDiff        `json:"changed"`
}

// NodeDiff is one node of a framework diff, with its changed fields (Changed only).
type NodeDiff struct {
	Code   string          `json:"code"`
	Name   string          `json:"name"`
	Kind   engine.NodeKind `json:"kind"`
	Fields []FieldChange   `json:"fields,omitempty"`
}

// FieldChange is one field of a node before and after, as text.
type FieldChange struct {
	Field  string `json:"field"` // name, parent, polarity, unit, target_kind, baseline, target, annual_targets
	Before string `json:"before"`
	After  string `json:"after"`
}

// CompareFrameworks compares framework frameworkID with the previous version (see
// FrameworkDiff), nodes in framework order (removed ones in the previous version's order).
func (s *Service) CompareFrameworks(ctx context.Context, a Actor, commissionID, frameworkID string) (*FrameworkDiff, error) {
	return readCommission(ctx, s, a, commissionID, PermRead, func(tx Tx) (*FrameworkDiff, error) {
		f, err := s.framework(ctx, tx, commissionID, frameworkID)
		if err != nil {
			return nil, err
		}
		out := &FrameworkDiff{Number: f.Number, Added: []NodeDiff{}, Removed: []NodeDiff{}, Changed: []NodeDiff{}}
		fs, err := tx.ListFrameworks(ctx, commissionID)
		if err != nil {
			return nil, err
		}
		var prev *engine.Framework
		for i := range fs {
			if f.BasedOn != "" && fs[i].ID == f.BasedOn {
				prev = &fs[i]
				break
			}
		}
		if prev == nil && f.BasedOn == "" {
			best := 0
			for i := range fs {
				if fs[i].Number < f.Number && fs[i].Number > best {
					best, prev = fs[i].Number, &fs[i]
				}
			}
		}
		if prev == nil {
			return out, nil
		}
		if prev, err = tx.GetFramework(ctx, commissionID, prev.ID); err != nil {
			return nil, err
		}
		out.Previous = &FrameworkSummary{ID: prev.ID, Number: prev.Number, Version: prev.Version, Locked: prev.Locked, BasedOn: prev.BasedOn,
			Title: prev.Title, PlanStart: prev.PlanStart, PlanEnd: prev.PlanEnd, Digest: prev.Digest, Indicators: len(prev.Indicators())}
		was, wasOrder := frameworkNodes(prev)
		now, nowOrder := frameworkNodes(f)
		for _, code := range nowOrder {
			n := now[code]
			o, ok := was[code]
			if !ok {
				out.Added = append(out.Added, NodeDiff{Code: code, Name: n.node.Name, Kind: n.node.Kind})
				continue
			}
			if fields := nodeChanges(o, n); len(fields) > 0 {
				out.Changed = append(out.Changed, NodeDiff{Code: code, Name: n.node.Name, Kind: n.node.Kind, Fields: fields})
			}
		}
		for _, code := range wasOrder {
			if _, ok := now[code]; !ok {
				o := was[code]
				out.Removed = append(out.Removed, NodeDiff{Code: code, Name: o.node.Name, Kind: o.node.Kind})
			}
		}
		return out, nil
	})
}

type placedNode struct {
	node   *engine.Node
	parent string
}

// frameworkNodes indexes a framework's nodes by code, with their parents, in tree order.
func frameworkNodes(f *engine.Framework) (map[string]placedNode, []string) {
	m := map[string]placedNode{}
	var order []string
	var walk func(n *engine.Node, parent string)
	walk = func(n *engine.Node, parent string) {
		m[n.Code] = placedNode{n, parent}
		order = append(order, n.Code)
		for _, c := range n.Children {
			walk(c, n.Code)
		}
	}
	for _, d := range f.Dimensions {
		walk(d, engine.RootNode)
	}
	return m, order
}

// nodeChanges lists the fields of a node that differ between two versions.
func nodeChanges(o, n placedNode) []FieldChange {
	var out []FieldChange
	add := func(field, before, after string) {
		if before != after {
			out = append(out, FieldChange{Field: field, Before: before, After: after})
		}
	}
	add("name", o.node.Name, n.node.Name)
	add("parent", o.parent, n.parent)
	oi, ni := o.node.Indicator, n.node.Indicator
	if oi == nil || ni == nil {
		if (oi == nil) != (ni == nil) {
			add("kind", string(o.node.Kind), string(n.node.Kind))
		}
		return out
	}
	add("polarity", string(oi.Polarity), string(ni.Polarity))
	add("unit", oi.Unit, ni.Unit)
	add("target_kind", string(oi.TargetKind), string(ni.TargetKind))
	add("baseline", baselineText(oi.Baseline), baselineText(ni.Baseline))
	add("target", targetText(oi), targetText(ni))
	add("annual_targets", annualText(oi.AnnualTargets), annualText(ni.AnnualTargets))
	return out
}

func numText(x *float64) string {
	if x == nil {
		return "—"
	}
	return strconv.FormatFloat(*x, 'g', -1, 64)
}

func baselineText(b *engine.Baseline) string {
	if b == nil {
		return "—"
	}
	return fmt.Sprintf("%d: %s", b.Year, strconv.FormatFloat(b.Value, 'g', -1, 64))
}

func targetText(in *engine.Indicator) string {
	s := numText(in.FinalTarget)
	if in.TargetText != "" {
		s += " (" + in.TargetText + ")"
	}
	return s
}

func annualText(ts []engine.AnnualTarget) string {
	if len(ts) == 0 {
		return "—"
	}
	ts = append([]engine.AnnualTarget(nil), ts...)
	sort.SliceStable(ts, func(i, j int) bool { return ts[i].Year < ts[j].Year })
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = fmt.Sprintf("%d: %s %s", t.Year, t.Basis, numText(t.Value))
	}
	return strings.Join(parts, "; ")
}
