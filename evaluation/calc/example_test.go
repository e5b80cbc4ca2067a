package calc_test

import (
	"encoding/json"
	"fmt"

	"evalbench/evaluation/calc"
)

// A 3×3 pairwise matrix given as its upper triangle (nulls below). The response carries the
// priorities, λmax, CI, CR, GCI, the completed matrix and any suggestions and warnings.
func ExampleRun() {
	out, err := calc.Run("ahp", []byte(`{"matrix": [[1, 2, 4], [null, 1, 2], [null, null, 1]]}`))
	if err != nil {
		panic(err)
	}
	var r struct {
		Weights    []float64   `json:"weights"`
		CR         float64     `json:"cr"`
		Consistent bool        `json:"consistent"`
		Completed  [][]float64 `json:"completed"`
	}
	if err := json.Unmarshal(out, &r); err != nil {
		panic(err)
	}
	fmt.Printf("weights %.4f, CR %.4f, consistent %v, completed %v\n", r.Weights, r.CR, r.Consistent, r.Completed)
	// Output:
	// weights [0.5714 0.2857 0.1429], CR 0.0000, consistent true, completed [[1 2 4] [0.5 1 2] [0.25 0.5 1]]
}

// Bad input is a *engine.ValidationError naming the field.
func ExampleRun_invalid() {
	_, err := calc.Run("entropy", []byte(`{"matrix": [[1, 2], [1, 3], [1, 5]]}`))
	fmt.Println(err)
	// Output:
	// invalid calc request: matrix[*][0]: column has zero variance (all values equal 1)
}
