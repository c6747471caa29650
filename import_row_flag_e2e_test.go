package main

import (
	"strings"
	"testing"
)

// --row 0 was given, so it is refused as --row -1 is (rows count from 1),
// not read as no --row at all (which went on to read the import's file as
// a record).
func TestRowZeroIsRefusedAsGiven(t *testing.T) {
	for _, n := range []string{"0", "-1"} {
		_, errOut, code := run(t, "", nil, "--from", "dup.csv", "--row", n)
		if code != 2 || !strings.Contains(errOut, "--row must be 1 or more") || !strings.Contains(errOut, "not "+n) ||
			strings.Contains(errOut, "record file") {
			t.Errorf("--row %s: exit %d\n%s", n, code, errOut)
		}
	}
}
