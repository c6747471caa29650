package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"argos-migrate/apiclient/sandbox"
)

// A rejects file written to another folder than its input names the same
// image files from its own folder: the check's rejects (--dry-run) and the
// server's (a real import) both, so that the fixed rejects file, imported
// again, finds every file. Absolute paths stay as they were.
func TestRejectsElsewhereKeepImagePathsWorking(t *testing.T) {
	sb := startSandboxProc(t)
	dir := t.TempDir()
	writeNoisyPNG(t, filepath.Join(dir, "imgrow", "a.png"), 8)
	abs := filepath.Join(dir, "abs.png")
	writeNoisyPNG(t, abs, 8)
	input := filepath.Join(dir, "imgrow", "y.csv")
	text := "email,fullName,birthDate,kycStatus,idType,issuingCountry,admin,selfieImage,idImage\n" +
		"y1@example.com,Person 1,1990-02-30,approved,passport,KOR,ops@acme.example,a.png," + abs + "\n" +
		"y2@example.com,Person 2,1990-01-02,approved,passport,KOR," + sandbox.AdminInvalid + ",a.png,\n"
	if err := os.WriteFile(input, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	im := newImporter(t, sb)
	for _, tc := range []struct {
		name, row, fix, with string
		args                 []string
	}{
		{"the check's", "y1@", "1990-02-30", "1990-02-28", []string{"--dry-run"}},
		{"the server's", "y2@", sandbox.AdminInvalid, "ops@acme.example", []string{"--yes", "--skip-invalid"}},
	} {
		rejects := filepath.Join(dir, "other", strings.ReplaceAll(tc.name, " ", "_")+".rejects.csv")
		if err := os.MkdirAll(filepath.Dir(rejects), 0o700); err != nil {
			t.Fatal(err)
		}
		_, errOut, _ := im.run("", append([]string{input, "--rejects", rejects}, tc.args...)...)
		data, err := os.ReadFile(rejects)
		if err != nil {
			t.Fatalf("%s rejects: %v\n%s", tc.name, err, errOut)
		}
		got := string(data)
		if !strings.Contains(got, tc.row) || !strings.Contains(got, filepath.Join("..", "imgrow", "a.png")) {
			t.Errorf("%s rejects file does not name a.png from its folder:\n%s", tc.name, got)
		}
		if tc.row == "y1@" && !strings.Contains(got, abs) {
			t.Errorf("%s rejects file lost the absolute path %s:\n%s", tc.name, abs, got)
		}
		if err := os.WriteFile(rejects, []byte(strings.NewReplacer(tc.fix, tc.with, "1990-02-30", "1990-02-28").Replace(got)), 0o600); err != nil {
			t.Fatal(err)
		}
		_, errOut, code := im.run("", rejects, "--dry-run")
		if code != 0 || strings.Contains(errOut, "refused") || !strings.Contains(errOut, "Images: ") {
			t.Errorf("%s rejects, fixed, --dry-run: exit %d\n%s", tc.name, code, errOut)
		}
	}
}
