// Package evaluation is evalbench's domain: commissions and their evaluated units, indicator
// frameworks under the 4E dimensions, dataset versions of observations, weight sets, surveys and
// evaluation runs.
//
// It declares the storage interfaces it needs (implemented by package store over PostgreSQL) and
// the sentinel errors that package api maps onto HTTP statuses. It imports package statistics for
// every number it computes; it never speaks HTTP or SQL.
package evaluation
