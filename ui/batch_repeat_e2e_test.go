package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
	"argos-migrate/ui/termtest"
)

// A row the check refused because it repeats another row's email (in
// another case) is not sent from the wizard with that email, from the
// finished screen or from the shell: the review flags the email, s sends
// nothing, and only once the email is the row's own does it go. The
// sandbox then holds one submission per email.
func TestImportFixRepeatedRowNeedsItsOwnEmailInTmux(t *testing.T) {
	termtest.Require(t)
	bin := termtest.Build(t)
	sb := apitest.Sandbox(t, sandbox.Options{})
	path := filepath.Join(t.TempDir(), "export.csv")
	csvText := "email,fullName,birthDate,kycStatus,idType,issuingCountry,admin\n" +
		"kim1@example.com,Kim One,1990-01-02,approved,passport,KOR,ops@acme.example\n" +
		"row2@example.com,Person 2,1990-01-02,approved,passport,KOR,ops@acme.example\n" +
		"KIM1@example.com,Kim Again,1990-01-02,approved,passport,KOR,ops@acme.example\n"
	if err := os.WriteFile(path, []byte(csvText), 0o600); err != nil {
		t.Fatal(err)
	}
	s := startImport(t, bin, sb.URL, "import", path, "--yes", "--skip-invalid")
	s.WaitFor("Refused rows", "› row 3", "f fix it in the wizard")
	s.Keys("f")
	s.WaitFor("Row 3 of", "repeats row 1 of this file")
	s.Keys("s")
	s.WaitFor("repeats row 1 of this file")
	countEmail := func(email string) int {
		n := 0
		for _, r := range sb.Records() {
			if strings.EqualFold(r.Email, email) {
				n++
			}
		}
		return n
	}
	if n := countEmail("kim1@example.com"); n != 1 {
		t.Fatalf("after s on the repeated row: %d submissions for kim1@example.com, want 1", n)
	}
	s.Keys("q")
	s.WaitFor("› row 3")
	s.Keys("q")
	s.exit(t)

	// From the shell the same: the email is flagged; changed, it goes.
	w := startImportIn(t, bin, sb.URL, s.state, "--from", path, "--row", "3")
	w.WaitFor("Row 3 of", "repeats row 1 of this file")
	w.Keys("s")
	w.WaitFor("repeats row 1 of this file")
	if n := countEmail("kim1@example.com"); n != 1 {
		t.Fatalf("--row 3, s: %d submissions for kim1@example.com, want 1", n)
	}
	w.Keys("e")
	w.WaitFor("┃ Email")
	w.Keys("C-u")
	w.Type("kim.again@example.com")
	w.Keys("Enter")
	w.WaitFor("✓ Ready", "kim.again@example.com")
	w.Keys("s")
	w.WaitFor("Submission created")
	w.Keys("q")
	w.exit(t)
	if countEmail("kim1@example.com") != 1 || countEmail("kim.again@example.com") != 1 || len(sb.Records()) != 3 {
		t.Errorf("sandbox holds %d records (kim1: %d, kim.again: %d), want 3, one each",
			len(sb.Records()), countEmail("kim1@example.com"), countEmail("kim.again@example.com"))
	}
}
