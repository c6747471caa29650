// Command gencsv writes a large export from another vendor, for measuring
// `argos-migrate import --dry-run`:
//
//	go run ./apiclient/batch/batchtest/gencsv -rows 1000000 -o big.csv -mapping big.toml
//	/usr/bin/time -v argos-migrate import big.csv --mapping big.toml --dry-run
package main

import (
	"flag"
	"fmt"
	"os"

	"argos-migrate/apiclient/batch/batchtest"
)

func main() {
	rows := flag.Int("rows", 1000000, "rows to write")
	out := flag.String("o", "", "CSV file to write (default standard output)")
	mapping := flag.String("mapping", "", "also write the mapping file that reads it here")
	seed := flag.Uint64("seed", 1, "the same seed gives the same rows")
	flag.Parse()
	if err := run(*rows, *out, *mapping, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gencsv:", err)
		os.Exit(1)
	}
}

func run(rows int, out, mapping string, seed uint64) error {
	w := os.Stdout
	if out != "" {
		f, err := os.Create(out)
		if err != nil {
			return err
		}
		w = f
	}
	if mapping != "" {
		if err := os.WriteFile(mapping, []byte(batchtest.Mapping), 0o644); err != nil {
			return err
		}
	}
	if err := batchtest.WriteCSV(w, rows, seed); err != nil {
		return err
	}
	if out != "" {
		return w.Close()
	}
	return nil
}
