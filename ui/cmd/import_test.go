package cmd

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/batch"
)

const batchTestdata = "../../apiclient/batch/testdata/"

// copyToTemp copies testdata files to a temp folder, so that the rejects
// file lands beside them there.
func copyToTemp(tb testing.TB, names ...string) string {
	tb.Helper()
	dir := tb.TempDir()
	for _, n := range names {
		b, err := os.ReadFile(batchTestdata + n)
		if err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, n), b, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}

// runImport runs `import` with args through cobra, as a user would.
func runImport(tb testing.TB, stdin string, args ...string) (string, string, error) {
	tb.Helper()
	f, out, errOut := testFactory(tb, nil)
	f.IO.In = strings.NewReader(stdin)
	c := NewCmdImport(f, &GlobalOptions{}, nil)
	c.SetArgs(args)
	c.SetOut(out)
	c.SetErr(errOut)
	c.SilenceUsage, c.SilenceErrors = true, true
	err := c.ExecuteContext(context.Background())
	return out.String(), errOut.String(), err
}

func TestImportFlags(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{}, "import takes one FILE"},
		{[]string{"a.csv", "b.csv"}, "got 2 arguments"},
		{[]string{"a.csv", "--encoding", "latin1"}, "--encoding: unknown encoding"},
		{[]string{"a.csv", "--inspect", "--json"}, "--json goes with --dry-run"},
		{[]string{"a.csv", "--inspect", "--dry-run"}, "choose one"},
		{[]string{"a.csv", "--map", "Birth"}, `write it as "COLUMN=field"`},
		{[]string{"a.csv", "--set", "=x"}, `write it as "field=value"`},
		{[]string{"nosuch.csv", "--dry-run"}, "opening the file to import"},
	}
	for _, tt := range tests {
		_, _, err := runImport(t, "", tt.args...)
		if !errors.Is(err, ErrUsage) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: %v, want a usage error saying %q", tt.args, err, tt.want)
		}
	}
}

func TestImportDryRunVendorExport(t *testing.T) {
	dir := copyToTemp(t, "vendor-export.csv", "vendor-mapping.toml")
	in := filepath.Join(dir, "vendor-export.csv")
	out, errOut, err := runImport(t, "", in, "--mapping", filepath.Join(dir, "vendor-mapping.toml"), "--dry-run")
	var ir *InvalidRowsError
	if !errors.As(err, &ir) || !errors.Is(err, apiclient.ErrInvalidRecord) {
		t.Fatalf("error %v, want an *InvalidRowsError (exit 2)", err)
	}
	rejects := filepath.Join(dir, "vendor-export.rejects.csv")
	if ir.Summary != (batch.Summary{Total: 10, Valid: 5, Invalid: 4, Repeated: 1, Rejects: rejects}) {
		t.Errorf("summary %+v", ir.Summary)
	}
	if out != "" {
		t.Errorf("stdout %q, want nothing", out)
	}
	for _, s := range []string{"Checked 10 rows of " + in, `CSV, delimiter ";", UTF-8 with a byte-order mark`, "  5 valid", "  4 invalid",
		"  1 repeats an earlier row's email or user id", "Rejects: " + rejects + " (5 rows"} {
		if !strings.Contains(errOut, s) {
			t.Errorf("stderr lacks %q:\n%s", s, errOut)
		}
	}
	if !strings.Contains(err.Error(), "4 rows break a field rule and 1 row repeats an earlier row's email or user id; nothing was sent: fix them in "+rejects) {
		t.Errorf("error %q", err)
	}
	fi, err := os.Stat(rejects)
	if err != nil || (runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600) {
		t.Fatalf("rejects file: %v %v", err, fi)
	}
	if strings.Contains(errOut, "880314-1234567") {
		t.Error("an identity number reached the screen")
	}
}

func TestImportDryRunJSON(t *testing.T) {
	dir := copyToTemp(t, "records.jsonl")
	out, _, err := runImport(t, "", filepath.Join(dir, "records.jsonl"), "--dry-run", "--json")
	if err == nil {
		t.Fatal("no error for an invalid row")
	}
	var got map[string]any
	dec := json.NewDecoder(strings.NewReader(out))
	if err := dec.Decode(&got); err != nil || dec.More() {
		t.Fatalf("stdout is not one JSON object: %q (%v)", out, err)
	}
	want := map[string]any{"ok": false, "dryRun": true, "format": "JSON Lines", "encoding": "utf-8", "total": 3.0, "valid": 2.0, "invalid": 1.0,
		"repeated": 0.0, "rejects": filepath.Join(dir, "records.jsonl.rejects.csv"), "code": "invalid_rows"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %v, want %v", k, got[k], v)
		}
	}
	// A malformed input still gives one object, naming the line.
	out, _, err = runImport(t, "email,cf1\n1,2\n\"3,4\n", "-", "--dry-run", "--json", "--rejects", filepath.Join(dir, "x.csv"))
	if !errors.Is(err, apiclient.ErrInvalidPayload) {
		t.Fatalf("error %v", err)
	}
	got = nil
	if err := json.Unmarshal([]byte(out), &got); err != nil || got["code"] != "invalid_input" || got["line"] != 3.0 || got["ok"] != false {
		t.Errorf("summary %q (%v)", out, err)
	}
}

func TestImportAllValid(t *testing.T) {
	dir := t.TempDir()
	stale := filepath.Join(dir, "in.rejects.csv")
	header := "email,fullName,birthDate,kycStatus,idType,issuingCountry"
	_ = os.WriteFile(stale, []byte(header+",row,field,error,suggestion\n"), 0o600)
	in := header + "\na@example.com,Kim,1990-01-02,approved,passport,KOR\n"
	// Standard input has no name: a rejects file with its columns may be
	// another standard input's, and is kept.
	_, errOut, err := runImport(t, in, "-", "--dry-run", "--set", "admin=ops@acme.example", "--rejects", stale)
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	if !strings.Contains(errOut, "1 valid") || strings.Contains(errOut, "removed") {
		t.Errorf("stderr %q", errOut)
	}
	if _, err := os.Stat(stale); err != nil {
		t.Errorf("another input's rejects file removed: %v", err)
	}
	// A named input's own (its columns, then the rejects columns) is
	// removed once every row is valid.
	file := filepath.Join(dir, "in.csv")
	_ = os.WriteFile(file, []byte(in), 0o600)
	_, errOut, err = runImport(t, "", file, "--dry-run", "--set", "admin=ops@acme.example")
	if err != nil || !strings.Contains(errOut, "rejects file of an earlier run was removed") {
		t.Fatalf("%v\n%s", err, errOut)
	}
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("stale rejects file kept: %v", err)
	}
	// Without --dry-run it sends, which needs a key: none here, so nothing
	// is checked or sent and the error says how to get one.
	_, _, err = runImport(t, in, "-", "--set", "admin=ops@acme.example", "--rejects", stale)
	if !errors.Is(err, apiclient.ErrNoKey) {
		t.Errorf("import without --dry-run and no key: %v", err)
	}
}

func TestImportRefusesToOverwriteTheInput(t *testing.T) {
	dir := copyToTemp(t, "records.jsonl")
	in := filepath.Join(dir, "records.jsonl")
	_, _, err := runImport(t, "", in, "--dry-run", "--rejects", in)
	if !errors.Is(err, ErrUsage) || !strings.Contains(err.Error(), "is the file being imported") {
		t.Fatalf("error %v", err)
	}
	if b, _ := os.ReadFile(in); !bytes.Contains(b, []byte("ana.silva")) {
		t.Error("the input was changed")
	}
}

func TestImportUnmappedColumns(t *testing.T) {
	dir := copyToTemp(t, "vendor-export.csv")
	_, _, err := runImport(t, "", filepath.Join(dir, "vendor-export.csv"), "--dry-run")
	var me *batch.MappingError
	if !errors.As(err, &me) || len(me.Unmapped) != 10 || !errors.Is(err, apiclient.ErrInvalidPayload) {
		t.Fatalf("error %v", err)
	}
	if !strings.Contains(err.Error(), `"Name (Korean)" (did you mean fullName?)`) {
		t.Errorf("error %q", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "vendor-export.rejects.csv")); !errors.Is(err, os.ErrNotExist) {
		t.Error("a rejects file was written for a mapping that does not work")
	}
}

func TestImportInspect(t *testing.T) {
	dir := copyToTemp(t, "vendor-export.csv", "vendor-mapping.toml")
	out, errOut, err := runImport(t, "", filepath.Join(dir, "vendor-export.csv"), "--mapping", filepath.Join(dir, "vendor-mapping.toml"), "--inspect")
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 5 {
		t.Fatalf("stdout has %d lines, want 5 records:\n%s", len(lines), out)
	}
	for i, l := range lines {
		s, err := apiclient.DecodeSubmission(strings.NewReader(l))
		if err != nil {
			t.Fatalf("record %d: %v", i+1, err)
		}
		if i == 0 && (s.FullName != "김민준" || s.BirthDate != "1988-03-14" || s.IdentityNumber != "••••••-•••••••" || s.Admin != "ops@acme.example") {
			t.Errorf("record 1: %+v", s)
		}
	}
	for _, s := range []string{`"Date of Birth"`, "→ birthDate", "dates as DD.MM.YYYY", `"Risk Score"`, "ignored", "admin = ops@acme.example", "Not mapped: none",
		"row 1 (line 2): ✓ valid", "row 3 (line 5): ✗ would be refused", "February 1993 has 28 days"} {
		if !strings.Contains(errOut, s) {
			t.Errorf("stderr lacks %q:\n%s", s, errOut)
		}
	}
	if strings.Contains(out+errOut, "880314-1234567") {
		t.Error("an identity number was shown in clear")
	}
	if _, err := os.Stat(filepath.Join(dir, "vendor-export.rejects.csv")); !errors.Is(err, os.ErrNotExist) {
		t.Error("--inspect wrote a rejects file")
	}
}

// --inspect reads a JSON input to its end: a key of a later record is a
// column too.
func TestImportInspectJSONReadsEveryKey(t *testing.T) {
	in := `{"email":"a@example.com"}` + "\n" + `{"email":"b@example.com","nick":"b"}` + "\n"
	_, errOut, err := runImport(t, in, "-", "--inspect")
	var me *batch.MappingError
	if !errors.As(err, &me) || len(me.Unmapped) != 1 || me.Unmapped[0].Column != "nick" {
		t.Fatalf("error %v", err)
	}
	if !strings.Contains(errOut, "Records:  2") || !strings.Contains(errOut, `Not mapped: "nick"`) {
		t.Errorf("stderr:\n%s", errOut)
	}
}

func TestImportWriteMapping(t *testing.T) {
	dir := copyToTemp(t, "vendor-export.csv")
	in := filepath.Join(dir, "vendor-export.csv")
	for _, name := range []string{"m.toml", "m.json"} {
		path := filepath.Join(dir, name)
		out, errOut, err := runImport(t, "", in, "--write-mapping", path, "--set", "admin=ops@acme.example")
		if err != nil || out != "" {
			t.Fatalf("%s: %v, stdout %q", name, err, out)
		}
		if !strings.Contains(errOut, "18 columns, 10 to decide") {
			t.Errorf("%s: stderr %q", name, errOut)
		}
		data, _ := os.ReadFile(path)
		m, err := batch.ParseMapping(data, strings.HasSuffix(name, ".json"))
		if err != nil {
			t.Fatalf("%s does not read back: %v\n%s", name, err, data)
		}
		if m.Columns["Date of Birth"] != "birthDate" || m.Columns["Customer No."] != "" || len(m.Columns) != 18 ||
			m.Dates["Date of Birth"] != "DD.MM.YYYY" || m.Dates["Expires"] != "excel" || m.Set["admin"] != "ops@acme.example" {
			t.Errorf("%s: %+v", name, m)
		}
		if _, ok := m.Values["gender"]; !ok && strings.HasSuffix(name, ".json") {
			t.Errorf("%s: no value map for gender", name)
		}
		// Never over an existing file.
		if _, _, err := runImport(t, "", in, "--write-mapping", path); !errors.Is(err, ErrUsage) || !strings.Contains(err.Error(), "exists already") {
			t.Errorf("%s written twice: %v", name, err)
		}
	}
	toml, _ := os.ReadFile(filepath.Join(dir, "m.toml"))
	for _, s := range []string{`"Name (Korean)" = ""  # did you mean fullName?`, `# "M" = "male"`, "[values.kycStatus]"} {
		if !bytes.Contains(toml, []byte(s)) {
			t.Errorf("m.toml lacks %q:\n%s", s, toml)
		}
	}
}

func TestMaskedBody(t *testing.T) {
	s := apiclient.Submission{Email: "a@example.com", IdentityNumber: "021108-2222555", CF1: "x\u202ey\u009bz"}
	got := maskedBody(s)
	want := `{"email":"a@example.com","identityNumber":"••••••-•••••••","cf1":"x\u202ey\u009bz"}`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	back, err := apiclient.DecodeSubmission(strings.NewReader(got))
	if err != nil || back.CF1 != s.CF1 {
		t.Errorf("not the same JSON: %+v %v", back, err)
	}
}

func TestDefaultRejectsPath(t *testing.T) {
	for in, want := range map[string]string{"a/b/export.csv": "a/b/export.rejects.csv", "data": "data.rejects.csv", "x.rejects.csv": "x.rejects.rejects.csv",
		"r.jsonl": "r.jsonl.rejects.csv", "r.json": "r.json.rejects.csv", "R.CSV": "R.rejects.csv", "t.tsv": "t.tsv.rejects.csv",
		"-": "stdin.rejects.csv", "/dev/stdin": "stdin.rejects.csv"} {
		if got := defaultRejectsPath(in); got != want {
			t.Errorf("%q → %q, want %q", in, got, want)
		}
	}
}
