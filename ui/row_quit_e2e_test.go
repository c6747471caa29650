package ui

import (
	"strings"
	"testing"

	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
	"argos-migrate/ui/termtest"
)

// A refused row opened in the wizard (--from FILE --row N) and left with q
// before anything is sent exits 130, as the plain wizard does and the help
// says ("quit before the record was sent"), not 0: a script must not read a
// row left unfixed as done. Nothing is sent.
func TestRowFixQuitBeforeSendingExits130(t *testing.T) {
	termtest.Require(t)
	bin := termtest.Build(t)
	sb := apitest.Sandbox(t, sandbox.Options{})
	path := importCSV(t, 3, func(i int) string {
		if i == 3 {
			return sandbox.AdminInvalid
		}
		return ""
	})
	is := &importSession{bin: bin, state: t.TempDir(), url: sb.URL}
	if errOut, code := is.rerun(t, "import", path, "--yes"); code != 1 {
		t.Fatalf("import: exit %d, want 1 (row 3 refused)\n%s", code, errOut)
	}
	w := startImportIn(t, bin, sb.URL, is.state, "--from", path, "--row", "3")
	w.WaitFor("┃ Admin account", "server: invalid_admin", "Row 3 of")
	w.Keys("C-r")
	w.WaitFor("✓ Ready", "q quit")
	w.Keys("q")
	if code := w.exit(t); code != "130" {
		t.Fatalf("q before sending: exit %s, want 130\n%s", code, w.Screen())
	}
	if n := len(sb.Records()); n != 2 {
		t.Errorf("%d submissions, want the 2 the import created", n)
	}
	if scr := w.Screen(); strings.Contains(scr, "Results updated") {
		t.Errorf("nothing was sent, yet the results file is said updated:\n%s", scr)
	}

	// A row past the file's end: only that, and how many rows it has;
	// nothing about the results file or fixing the file.
	w = startImportIn(t, bin, sb.URL, is.state, "--from", path, "--row", "99")
	if code := w.exit(t); code != "2" {
		t.Errorf("--row 99: exit %s, want 2", code)
	}
	scr := w.WaitFor("there is no row 99: the file has 3 rows")
	for _, no := range []string{"Results updated", "Fix the file", "--encoding"} {
		if strings.Contains(scr, no) {
			t.Errorf("--row 99 says %q:\n%s", no, scr)
		}
	}
}
