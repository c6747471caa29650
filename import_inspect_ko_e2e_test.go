package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"argos-migrate/apiclient/i18n/i18ntest"
)

// --inspect says a row's problems in the run's language, as --dry-run
// does: the image check's (a missing file, a text file named .png) and
// the mapping's as well as the rulebook's.
func TestInspectSaysImageProblemsInKorean(t *testing.T) {
	sb := startSandboxProc(t)
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "scans"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "scans", "메모.png"), []byte("전화 요청\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	input := writeFile(t, dir, "고객.csv", "email,fullName,birthDate,kycStatus,idType,issuingCountry,admin,selfieImage,idImage\n"+
		"k1@example.com,김민준,1990-01-02,approved,passport,KOR,ops@acme.example,scans/없음.png,scans/메모.png\n")
	im := newImporter(t, sb)
	_, inspect, _ := im.runIn("ko", input, "--inspect")
	_, dry, _ := im.runIn("ko", input, "--dry-run")
	for _, want := range []string{"selfieImage: ", "idImage: "} {
		i := strings.Index(inspect, want)
		if i < 0 {
			t.Fatalf("--inspect does not list %s:\n%s", want, inspect)
		}
		line := inspect[i:]
		line = line[:strings.IndexByte(line, '\n')]
		i18ntest.Korean(t, "--inspect's "+want, line)
		if strings.Contains(line, "does not exist") || strings.Contains(line, "is not a jpg") {
			t.Errorf("--inspect in English: %q", line)
		}
	}
	if strings.Contains(dry, "does not exist") {
		t.Errorf("--dry-run in English:\n%s", dry)
	}
}
