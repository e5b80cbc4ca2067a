package engine

import "time"

// UnitKind classifies evaluated units.
type UnitKind string

// Unit kinds.
const (
	UnitDistrict    UnitKind = "district"
	UnitDepartment  UnitKind = "department"
	UnitSubdistrict UnitKind = "subdistrict"
	UnitOther       UnitKind = "other"
)

// Unit is an evaluated unit (被考评单位).
type Unit struct {
	ID        string    `json:"id,omitempty"`
	Code      string    `json:"code"`
	Name      string    `json:"name"`
	Kind      UnitKind  `json:"kind"`
	CreatedAt time.Time `json:"created_at,omitzero"`
	UpdatedAt time.Time `json:"updated_at,omitzero"`
}
