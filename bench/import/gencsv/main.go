// Command gencsv writes the synthetic observation files of the import benchmark (see package
// importbench): the CSV an office would send, or the same rows in the column order of the
// observations table for psql \copy.
//
//	go run ./bench/import/gencsv -rows 1000000 -out obs.csv
//	go run ./bench/import/gencsv -rows 1000000 -copy-dataset UUID -out obs-copy.csv
//	go run ./bench/import/gencsv -print-copy-columns
package main

import (
	"flag"
	"fmt"
	"os"

	importbench "evalbench/bench/import"
)

func main() {
	rows := flag.Int("rows", 1_000_000, "data rows")
	seed := flag.Uint64("seed", 1, "seed of keys, order and values")
	out := flag.String("out", "", "output file (required)")
	dataset := flag.String("copy-dataset", "", "write the COPY form with this dataset_id instead of the import CSV")
	columns := flag.Bool("print-copy-columns", false, "print the columns of the COPY form, in order, and exit")
	flag.Parse()
	if *columns {
		fmt.Println(importbench.CopyColumns)
		return
	}
	if *out == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	f, err := os.Create(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencsv:", err)
		os.Exit(1)
	}
	format := importbench.ImportCSV
	if *dataset != "" {
		format = importbench.CopyCSV
	}
	err = importbench.WriteCSV(f, importbench.DefaultKeys(), *rows, *seed, format, *dataset)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencsv:", err)
		os.Exit(1)
	}
}
