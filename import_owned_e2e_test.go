package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func jsonlRow(email string) string {
	return `{"email":"` + email + `","fullName":"P J","birthDate":"1990-01-02","kycStatus":"approved","idType":"passport","issuingCountry":"KOR","admin":"ops@acme.example"}` + "\n"
}

// A user's file at the default rejects name, in an all-valid import: the
// import writes no rejects file, so its journal names none, and no later
// run takes the user's file for a stale rejects file of its own.
func TestImportNeverRemovesAUsersFileAtItsRejectsName(t *testing.T) {
	sb := startSandboxProc(t)
	im := newImporter(t, sb)
	dir := t.TempDir()
	in := func(name string) string { return filepath.Join(dir, name) }
	writeInput(t, in("g.csv"), filesHeader+filesRow("g1@acme.example"))
	const notes = "my notes, keep\n"
	writeInput(t, in("g.rejects.csv"), notes)
	for run := 1; run <= 3; run++ {
		_, errOut, code := im.run("", in("g.csv"), "--yes")
		if code != 0 || strings.Contains(errOut, "removed") {
			t.Errorf("run %d: exit %d\n%s", run, code, errOut)
		}
		if got, err := os.ReadFile(in("g.rejects.csv")); err != nil || string(got) != notes {
			t.Fatalf("run %d: the user's file: %q, %v", run, got, err)
		}
	}
}

// An import that wrote its rejects beside a user's file (-2) keeps that
// name: once every row is valid it removes its own stale -2 file, never
// the user's, in that run or any later one.
func TestImportRemovesOnlyItsOwnNumberedRejects(t *testing.T) {
	sb := startSandboxProc(t)
	im := newImporter(t, sb)
	dir := t.TempDir()
	in := func(name string) string { return filepath.Join(dir, name) }
	writeInput(t, in("a.jsonl"), jsonlRow("j1@acme.example")+jsonlRow("bad"))
	const notes = "my notes, keep\n"
	writeInput(t, in("a.jsonl.rejects.csv"), notes)
	userKept := func(when string) {
		t.Helper()
		if got, err := os.ReadFile(in("a.jsonl.rejects.csv")); err != nil || string(got) != notes {
			t.Fatalf("%s: the user's file: %q, %v", when, got, err)
		}
	}

	_, errOut, code := im.run("", in("a.jsonl"), "--yes", "--skip-invalid")
	if code != 1 || !strings.Contains(errOut, "Rejects: "+in("a.jsonl.rejects-2.csv")) || !strings.Contains(errOut, "--row N") {
		t.Fatalf("run 1: exit %d\n%s", code, errOut)
	}
	userKept("run 1")
	if !strings.Contains(mustRead(t, in("a.jsonl.rejects-2.csv")), "bad") {
		t.Fatal("run 1: the refused row is not in a.jsonl.rejects-2.csv")
	}

	// The bad row fixed: nothing is left to fix.
	writeInput(t, in("a.jsonl"), jsonlRow("j1@acme.example")+jsonlRow("j2@acme.example"))
	_, errOut, code = im.run("", in("a.jsonl"), "--yes")
	if code != 0 || !strings.Contains(errOut, "the rejects file of an earlier run was removed") {
		t.Errorf("run 2: exit %d\n%s", code, errOut)
	}
	userKept("run 2")
	if _, err := os.Lstat(in("a.jsonl.rejects-2.csv")); !os.IsNotExist(err) {
		t.Errorf("run 2: the import's own stale rejects file is still there: %v", err)
	}
	for run := 3; run <= 4; run++ {
		_, errOut, code = im.run("", in("a.jsonl"), "--yes")
		if code != 0 || strings.Contains(errOut, "removed") {
			t.Errorf("run %d: exit %d\n%s", run, code, errOut)
		}
		userKept("later run")
	}
}

// An import of standard input has no file to open a row of in the wizard:
// its end offers fixing the rejects file only, never --from - --row N.
func TestImportStdinOffersNoRowInTheWizard(t *testing.T) {
	sb := startSandboxProc(t)
	im := newImporter(t, sb)
	c := im.command(jsonlRow("s9@acme.example")+jsonlRow("bad"), "-", "--yes", "--skip-invalid")
	c.Dir = t.TempDir()
	out, _ := c.CombinedOutput()
	if code := c.ProcessState.ExitCode(); code != 1 {
		t.Fatalf("exit %d\n%s", code, out)
	}
	if s := string(out); !strings.Contains(s, "Rejects: stdin.rejects.csv (1 row to fix and import again)") || strings.Contains(s, "--row") {
		t.Errorf("the end of a standard input import:\n%s", s)
	}
}
