package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const filesHeader = "email,fullName,birthDate,kycStatus,idType,issuingCountry,admin\n"

func filesRow(email string) string {
	return email + ",Person A,1990-01-02,approved,passport,KOR,ops@acme.example\n"
}

func writeInput(tb testing.TB, path, text string) {
	tb.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		tb.Fatal(err)
	}
}

func mustRead(tb testing.TB, path string) string {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// Inputs of one folder that share a stem (a.csv, a.jsonl, a.json, a) never
// share a rejects or results file, and an import never removes or
// replaces a file that is not its own: one of another input, or one of the
// user's at a name given with --rejects or --results, is kept and the
// import writes beside it, saying so.
func TestImportKeepsOtherInputsFiles(t *testing.T) {
	sb := startSandboxProc(t)
	im := newImporter(t, sb)
	dir := t.TempDir()
	in := func(name string) string { return filepath.Join(dir, name) }
	writeInput(t, in("a.csv"), filesHeader+filesRow("bad"))
	writeInput(t, in("a.jsonl"), `{"email":"ok1@example.com","fullName":"P B","birthDate":"1990-01-02","kycStatus":"approved","idType":"passport","issuingCountry":"KOR","admin":"ops@acme.example"}`+"\n")
	writeInput(t, in("a.json"), `[{"email":"ok2@example.com","fullName":"P C","birthDate":"1990-01-02","kycStatus":"approved","idType":"passport","issuingCountry":"KOR","admin":"ops@acme.example"}]`)

	if _, errOut, code := im.run("", in("a.csv"), "--dry-run"); code != 2 {
		t.Fatalf("dry run of a.csv: exit %d\n%s", code, errOut)
	}
	rejects := mustRead(t, in("a.rejects.csv"))
	for _, name := range []string{"a.jsonl", "a.json"} {
		_, errOut, code := im.run("", in(name), "--yes")
		if code != 0 || strings.Contains(errOut, "removed") || !strings.Contains(errOut, "Results: "+in(name)+".results.csv") {
			t.Errorf("%s: exit %d\n%s", name, code, errOut)
		}
		if _, err := os.Stat(in(name + ".results.csv")); err != nil {
			t.Errorf("%s: no results file of its own: %v", name, err)
		}
	}
	if got := mustRead(t, in("a.rejects.csv")); got != rejects {
		t.Errorf("a.csv's rejects changed by importing others:\n%s", got)
	}

	// The same stem without an extension, with other columns and every
	// row valid: a.csv's rejects file is not its own, so not stale.
	writeInput(t, in("a"), "email,fullName,birthDate,kycStatus,idType,issuingCountry\n"+"ok3@example.com,P D,1990-01-02,approved,passport,KOR\n")
	_, errOut, code := im.run("", in("a"), "--yes", "--set", "admin=ops@acme.example")
	if code != 0 || strings.Contains(errOut, "removed") {
		t.Errorf("a: exit %d\n%s", code, errOut)
	}
	if got := mustRead(t, in("a.rejects.csv")); got != rejects {
		t.Errorf("a.csv's rejects removed or changed by importing a:\n%s", got)
	}
	// Its results went beside a.csv's name (a.results.csv), and a.csv's
	// own results, written next, go beside those.
	writeInput(t, in("a.csv"), filesHeader+filesRow("ok4@example.com"))
	aResults := mustRead(t, in("a.results.csv"))
	_, errOut, code = im.run("", in("a.csv"), "--yes")
	if code != 0 || !strings.Contains(errOut, in("a.results.csv")+" is not this import's results file: it was kept, and the results go to "+in("a.results-2.csv")) {
		t.Errorf("a.csv after a: exit %d\n%s", code, errOut)
	}
	if got := mustRead(t, in("a.results.csv")); got != aResults {
		t.Errorf("a's results replaced by a.csv's:\n%s", got)
	}
	// a.csv's all-valid run removes its own rejects file of the earlier run.
	if _, err := os.Stat(in("a.rejects.csv")); err == nil {
		t.Errorf("a.csv's own stale rejects file was kept")
	}

	// A file of the user's at --rejects: kept, the rejects beside it.
	writeInput(t, in("mine.csv"), "keep me\n")
	writeInput(t, in("b.csv"), filesHeader+filesRow("bad"))
	_, errOut, code = im.run("", in("b.csv"), "--dry-run", "--rejects", in("mine.csv"))
	if code != 2 || !strings.Contains(errOut, in("mine.csv")+" is not this input's rejects file: it was kept") || !strings.Contains(errOut, "Rejects: "+in("mine-2.csv")) {
		t.Errorf("--rejects at a file of the user's: exit %d\n%s", code, errOut)
	}
	if got := mustRead(t, in("mine.csv")); got != "keep me\n" {
		t.Errorf("the user's file was replaced:\n%s", got)
	}
}

// Standard input twice: the same bytes again are the same import and
// write its files again; other bytes are another import, which keeps the
// first's files and writes beside them.
func TestImportStdinKeepsAnotherStdinsFiles(t *testing.T) {
	sb := startSandboxProc(t)
	im := newImporter(t, sb)
	dir := t.TempDir()
	first := filesHeader + filesRow("s1@example.com") + filesRow("bad1")
	second := filesHeader + filesRow("s2@example.com") + filesRow("bad2")
	run := func(stdin string) string {
		t.Helper()
		c := im.command(stdin, "-", "--yes", "--skip-invalid")
		c.Dir = dir
		out, _ := c.CombinedOutput()
		if code := c.ProcessState.ExitCode(); code != 1 {
			t.Fatalf("exit %d\n%s", code, out)
		}
		return string(out)
	}
	run(first)
	rejects, results := mustRead(t, filepath.Join(dir, "stdin.rejects.csv")), mustRead(t, filepath.Join(dir, "stdin.results.csv"))
	if out := run(first); strings.Contains(out, "beside") || strings.Contains(out, "-2.csv") {
		t.Errorf("the same input again did not write its own files:\n%s", out)
	}
	out := run(second)
	if !strings.Contains(out, "Results: stdin.results-2.csv") || !strings.Contains(out, "Rejects: stdin.rejects-2.csv") {
		t.Errorf("another standard input:\n%s", out)
	}
	if mustRead(t, filepath.Join(dir, "stdin.rejects.csv")) != rejects || mustRead(t, filepath.Join(dir, "stdin.results.csv")) != results {
		t.Errorf("another standard input replaced the first's files")
	}
	if !strings.Contains(mustRead(t, filepath.Join(dir, "stdin.rejects-2.csv")), "bad2") {
		t.Errorf("the second's rejects are not beside")
	}
}

// The same input imported to another API (a sandbox trial, then the real
// import) is the same input: its results file, named by the first's
// journal, is its own and replaced, not written beside.
func TestImportToAnotherAPIReplacesItsOwnResults(t *testing.T) {
	first, second := startSandboxProc(t), startSandboxProc(t)
	im := newImporter(t, first)
	path := filepath.Join(t.TempDir(), "export.csv")
	writeInput(t, path, filesHeader+filesRow("x1@example.com"))
	if _, errOut, code := im.run("", path, "--yes"); code != 0 {
		t.Fatalf("first: exit %d\n%s", code, errOut)
	}
	im.url = second.URL
	_, errOut, code := im.run("", path, "--yes")
	if code != 0 || strings.Contains(errOut, "beside") || !strings.Contains(errOut, "Results: "+strings.TrimSuffix(path, ".csv")+".results.csv") {
		t.Errorf("second API: exit %d\n%s", code, errOut)
	}
}
