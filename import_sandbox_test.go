package main

import (
	"strings"
	"testing"
)

// An import to the built-in sandbox keeps its journal under one name
// whatever port the sandbox got: the same command again goes on where the
// last run ended (here: sends nothing more), and --status reads it, as
// for a real API. Practising a stop and a rerun teaches what the real
// import does.
func TestSandboxImportGoesOnWhenRunAgain(t *testing.T) {
	path := writeCSV(t, 5)
	im := &importer{tb: t, state: t.TempDir()}
	_, errOut, code := im.run("", path, "--sandbox", "--yes", "--rate", "0")
	if code != 0 {
		t.Fatalf("first run: exit %d\n%s", code, errOut)
	}
	_, errOut, code = im.run("", path, "--sandbox", "--yes", "--rate", "0")
	if code != 0 || strings.Contains(errOut, "Sending 5") || !strings.Contains(errOut, "5 created (5 in an earlier run)") {
		t.Errorf("second run: exit %d, want 0 with the 5 rows created already and none sent again:\n%s", code, errOut)
	}
	out, errOut, code := im.run("", path, "--sandbox", "--status")
	if code != 0 || !strings.Contains(out, "5 created") || !strings.Contains(out, "2 runs") {
		t.Errorf("--status --sandbox: exit %d\n%s%s", code, out, errOut)
	}
}
