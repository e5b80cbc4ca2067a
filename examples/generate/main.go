// Command generate writes the SYNTHETIC example commission of evalbench: the annual
// comprehensive evaluation (综合考评) of Jianggan District's eight sub-districts, in
// examples/subdistricts. Every number in it is drawn from a seeded model (math/rand/v2 PCG), so
// the same seed always writes the same bytes; the files are committed, and this package's test
// checks that regenerating them changes nothing.
//
//	go run ./examples/generate                  # rewrite examples/subdistricts with the default seed
//	go run ./examples/generate -seed 7 -out /tmp/x
//
// examples/subdistricts/README.md describes the model and what the example shows.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
)

func main() {
	seed := flag.Uint64("seed", DefaultSeed, "seed of the PCG generator")
	out := flag.String("out", filepath.Join("examples", "subdistricts"), "directory to write the files into")
	flag.Parse()
	if err := run(*seed, *out); err != nil {
		fmt.Fprintln(os.Stderr, "generate:", err)
		os.Exit(1)
	}
}

func run(seed uint64, dir string) error {
	files, err := Generate(seed)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if err := os.WriteFile(filepath.Join(dir, name), files[name], 0o644); err != nil {
			return err
		}
		fmt.Printf("%-32s %7d bytes\n", filepath.Join(dir, name), len(files[name]))
	}
	return nil
}
