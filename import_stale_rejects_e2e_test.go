package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"argos-migrate/apiclient/sandbox"
)

// A rerun whose check finds every row valid removes the last run's rejects
// file; when the server then refuses a row, the send writes one again. The
// words and --json say what is true at the end: a rejects file written,
// not removed; and removed only when none was written again.
func TestStaleRejectsAreSaidAsTheyEnd(t *testing.T) {
	sb := startSandboxProc(t)
	dir := t.TempDir()
	input := filepath.Join(dir, "x.csv")
	rejects := filepath.Join(dir, "x.rejects.csv")
	write := func(birth, admin string) {
		text := "email,fullName,birthDate,kycStatus,idType,issuingCountry,admin\n" +
			"x1@example.com,Person 1,1990-01-02,approved,passport,KOR,ops@acme.example\n" +
			"x2@example.com,Person 2," + birth + ",approved,passport,KOR," + admin + "\n"
		if err := os.WriteFile(input, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	im := newImporter(t, sb)
	write("1990-02-30", sandbox.AdminInvalid)
	if _, errOut, code := im.run("", input, "--yes"); code != 2 {
		t.Fatalf("first run: exit %d, want 2 (row 2 invalid)\n%s", code, errOut)
	}
	write("1990-02-28", sandbox.AdminInvalid)
	_, errOut, code := im.run("", input, "--yes")
	if code != 1 || strings.Contains(errOut, "was removed") || !strings.Contains(errOut, "Rejects: "+rejects) {
		t.Errorf("plain rerun: exit %d, want 1, the rejects file named and nothing said removed\n%s", code, errOut)
	}
	out, errOut, code := im.run("", input, "--yes", "--json")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var sum struct {
		Rejects string
		Check   map[string]any
	}
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &sum); err != nil || code != 1 {
		t.Fatalf("--json rerun: exit %d, %v\n%s\n%s", code, err, out, errOut)
	}
	if sum.Rejects == "" || sum.Check["staleRejectsRemoved"] != nil {
		t.Errorf("--json: rejects %q with check %v: a file written is not removed", sum.Rejects, sum.Check)
	}
	if _, err := os.Stat(rejects); err != nil {
		t.Errorf("rejects file: %v", err)
	}
	// Fixed: nothing is left to fix, and the last rejects file is gone.
	write("1990-02-28", "ops@acme.example")
	_, errOut, code = im.run("", input, "--yes")
	if code != 0 || !strings.Contains(errOut, "the rejects file of an earlier run was removed") {
		t.Errorf("fixed rerun: exit %d\n%s", code, errOut)
	}
	if _, err := os.Stat(rejects); !os.IsNotExist(err) {
		t.Errorf("rejects file after the fixed rerun: %v", err)
	}
}
