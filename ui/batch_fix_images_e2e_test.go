package ui

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/batch"
	"argos-migrate/apiclient/sandbox"
	"argos-migrate/ui/termtest"
)

// A row refused for its admin and fixed in the wizard (--from FILE --row
// N) gets its images right after the wizard creates its record, with the
// admin the wizard sent (not the file's, which the server refuses): the
// terminal says so, the journal has the image lines and the results file
// says sent. A rerun of the import then sends nothing.
func TestRowFixedInTheWizardGetsItsImages(t *testing.T) {
	termtest.Require(t)
	bin := termtest.Build(t)
	sb := apitest.Sandbox(t, sandbox.Options{})
	dir := t.TempDir()
	for _, name := range []string{"id-front.jpg", "selfie.png"} {
		data, err := os.ReadFile(filepath.Join("..", "testdata", "images", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, "export.csv")
	text := "email,fullName,birthDate,kycStatus,idType,issuingCountry,admin,idImage,selfieImage\n" +
		"row1@example.com,Person 1,1990-01-02,approved,passport,KOR,ops@acme.example,,\n" +
		"row2@example.com,Person 2,1990-01-02,approved,passport,KOR," + sandbox.AdminInvalid + ",id-front.jpg,selfie.png\n"
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	is := &importSession{bin: bin, state: t.TempDir(), url: sb.URL}
	if errOut, code := is.rerun(t, "import", path, "--yes"); code != 1 {
		t.Fatalf("import: exit %d, want 1 (row 2 refused)\n%s", code, errOut)
	}
	w := startImportIn(t, bin, sb.URL, is.state, "--from", path, "--row", "2")
	w.WaitFor("┃ Admin account", "server: invalid_admin", "Row 2 of", "The row names 2 images")
	w.Keys("C-u")
	w.Type("admin@sample.com")
	w.Keys("C-r")
	w.WaitFor("✓ Ready", "row2@example.com")
	w.Keys("s")
	id := idPattern.FindString(w.WaitFor("Submission created"))
	w.Keys("q")
	w.WaitFor("Row 2: 2 images attached to submission "+id, "Results updated")
	if code := w.exit(t); code != "0" {
		t.Fatalf("--row: exit %s\n%s", code, w.Screen())
	}
	if set := sb.Images(id); len(set.Images) != 2 {
		t.Errorf("stored images of %s: %+v", id, set)
	}
	if st := is.journal(t).Row(2); st.Images != batch.ImageStateSent || st.SentWith == nil || st.SentWith.Admin != "admin@sample.com" {
		t.Errorf("journal row 2: %+v", st)
	}
	results := strings.TrimSuffix(path, ".csv") + ".results.csv"
	if row := resultsRow(t, results, "2"); row["status"] != "created" || row["images"] != "sent" {
		t.Errorf("results row 2: %v", row)
	}
	before := len(sb.Records())
	if errOut, code := is.rerun(t, "import", path, "--yes"); code != 0 {
		t.Errorf("rerun: exit %d, want 0 (everything done)\n%s", code, errOut)
	}
	if n := len(sb.Records()); n != before {
		t.Errorf("the rerun created %d records", n-before)
	}
}

// resultsRow is one row of a results file, its cells by column name.
func resultsRow(tb testing.TB, path, row string) map[string]string {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	for _, r := range recs[1:] {
		if r[0] == row {
			m := map[string]string{}
			for i, h := range recs[0] {
				m[h] = r[i]
			}
			return m
		}
	}
	tb.Fatalf("no row %s in %s", row, path)
	return nil
}

// A row the check refused (a date that does not exist) and fixed in the
// wizard gets its images there; the file still holds the bad date, yet
// the results file says the images were sent and a rerun of the import
// sends nothing and exits 0 (no images left "not sent yet").
func TestInvalidRowFixedInTheWizardKeepsItsImagesSent(t *testing.T) {
	termtest.Require(t)
	bin := termtest.Build(t)
	sb := apitest.Sandbox(t, sandbox.Options{})
	dir := t.TempDir()
	for _, name := range []string{"id-front.jpg", "selfie.png"} {
		data, err := os.ReadFile(filepath.Join("..", "testdata", "images", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, "export.csv")
	text := "email,fullName,birthDate,kycStatus,idType,issuingCountry,admin,idImage,selfieImage\n" +
		"row1@example.com,Person 1,1990-01-02,approved,passport,KOR,ops@acme.example,,\n" +
		"row2@example.com,Person 2,1990-02-30,approved,passport,KOR,ops@acme.example,id-front.jpg,selfie.png\n"
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	is := &importSession{bin: bin, state: t.TempDir(), url: sb.URL}
	is.rerun(t, "import", path, "--skip-invalid", "--yes")
	w := startImportIn(t, bin, sb.URL, is.state, "--from", path, "--row", "2")
	w.WaitFor("Row 2 of", "✗ 1990-02-30")
	w.Keys("e")
	w.WaitFor("┃ Birth date")
	w.Keys("C-u")
	w.Type("19900228")
	w.Keys("Enter")
	w.WaitFor("✓ Ready", "1990-02-28")
	w.Keys("s")
	id := idPattern.FindString(w.WaitFor("Submission created"))
	w.Keys("q")
	w.WaitFor("Row 2: 2 images attached to submission "+id, "Results updated")
	if code := w.exit(t); code != "0" {
		t.Fatalf("--row: exit %s\n%s", code, w.Screen())
	}
	results := strings.TrimSuffix(path, ".csv") + ".results.csv"
	if row := resultsRow(t, results, "2"); row["status"] != "created" || row["images"] != "sent" {
		t.Errorf("results row 2 after the wizard: %v", row)
	}
	before := len(sb.Records())
	for i := range 2 {
		if errOut, code := is.rerun(t, "import", path, "--yes"); code != 0 || !strings.Contains(errOut, "1 attached, 0 failed (their records exist), 0 not sent yet") {
			t.Errorf("rerun %d: exit %d, want 0 with nothing pending\n%s", i+1, code, errOut)
		}
		if row := resultsRow(t, results, "2"); row["status"] != "created" || row["images"] != "sent" {
			t.Errorf("results row 2 after rerun %d: %v", i+1, row)
		}
	}
	if n := len(sb.Records()); n != before {
		t.Errorf("the reruns created %d records", n-before)
	}
}
