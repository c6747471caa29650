package batch

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
)

// preflight runs a whole preflight of in with the mapping, rejects to a
// temp folder.
func preflight(tb testing.TB, in []byte, m Mapping) (Summary, string, error) {
	tb.Helper()
	rd, err := Open(bytes.NewReader(in), ReadOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(tb.TempDir(), "input.rejects.csv")
	p := &Preflight{Reader: rd, Mapper: newMapper(tb, m), Checker: NewChecker(today), RejectsPath: path}
	sum, err := p.Run(context.Background())
	return sum, path, err
}

// readRejects parses a rejects file, checking the byte-order mark.
func readRejects(tb testing.TB, path string, delim rune) [][]string {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("\ufeff")) {
		tb.Errorf("rejects file has no UTF-8 byte-order mark")
	}
	r := csv.NewReader(bytes.NewReader(data[3:]))
	r.Comma = delim
	recs, err := r.ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	return recs
}

func vendorMapping(tb testing.TB) Mapping {
	tb.Helper()
	m, err := LoadMapping("testdata/vendor-mapping.toml")
	if err != nil {
		tb.Fatal(err)
	}
	return m
}

func TestPreflightOfAVendorExport(t *testing.T) {
	in, err := os.ReadFile("testdata/vendor-export.csv")
	if err != nil {
		t.Fatal(err)
	}
	sum, path, err := preflight(t, in, vendorMapping(t))
	if err != nil {
		t.Fatal(err)
	}
	if sum != (Summary{Total: 10, Valid: 5, Invalid: 4, Repeated: 1, Rejects: path}) {
		t.Errorf("summary %+v", sum)
	}
	if fi, err := os.Stat(path); err != nil || (runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600) {
		t.Errorf("rejects file: %v, mode %v; want 0600", err, fi.Mode())
	}
	recs := readRejects(t, path, ';')
	header := recs[0]
	if n := len(header); n != 22 || strings.Join(header[18:], ",") != "row,field,error,suggestion" || header[0] != "Customer No." {
		t.Fatalf("header %q", header)
	}
	want := []struct{ row, field, error, cell string }{
		{"3", "birthDate", `birthDate: is not a real date: February 1993 has 28 days (column "Date of Birth")`, "29.02.1993"},
		{"4", "email", "email: has no valid domain after the @ (name@example.com)", "suah.choi@example"},
		{"5", "idType", "idType: must be one of: drivers_license, government_id, passport, residence_permit, vehicle_registration_certificate, visa, aadhaar, pancard", "XX"},
		{"6", "email", "email: repeats the email of row 1: only the first is imported; remove one, or give each its own", "MinJun.Kim@example.com"},
		{"8", "gender", "gender: must be one of: female, male", "X"},
	}
	if len(recs) != 1+len(want) {
		t.Fatalf("%d rejects rows, want %d: %q", len(recs)-1, len(want), recs[1:])
	}
	for i, w := range want {
		r := recs[i+1]
		if r[18] != w.row || r[19] != w.field || r[20] != w.error || !strings.Contains(strings.Join(r[:18], ";"), w.cell) {
			t.Errorf("rejects row %d: %q\nwant row %s, field %s, error %q, holding %q", i+1, r, w.row, w.field, w.error, w.cell)
		}
	}
	// The original values, all of them, as they were: the quoted line break
	// of row 2 is not there (row 2 is valid), row 8's formula is guarded.
	if got := recs[5][17]; got != `'=HYPERLINK("http://example.com","open")` {
		t.Errorf("row 8's Notes %q: want the formula guarded with a quote", got)
	}
	if got := recs[1][1]; got != "박지훈" {
		t.Errorf("row 3's name %q", got)
	}
}

// Fixing the rejects file in a spreadsheet and importing it again works with
// the same mapping: its extra columns are ignored, its guard undone.
func TestRejectsFileImportsAgainAfterFixing(t *testing.T) {
	in, _ := os.ReadFile("testdata/vendor-export.csv")
	m := vendorMapping(t)
	m.Ignore = []string{"Risk Score"}
	m.Columns["Notes"] = "cf1"
	_, path, err := preflight(t, in, m)
	if err != nil {
		t.Fatal(err)
	}
	rejects, _ := os.ReadFile(path)
	// Re-reading it unchanged refuses the same rows for the same reasons;
	// with Notes in cf1, row 2's line break is one of them.
	sum, path2, err := preflight(t, rejects, m)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Total != 6 || sum.Valid != 0 {
		t.Errorf("unchanged rejects: %+v", sum)
	}
	again := readRejects(t, path2, ';')
	if strings.Join(again[0], ",") != strings.Join(readRejects(t, path, ';')[0], ",") {
		t.Errorf("header changed on the second round: %q", again[0])
	}
	if got := again[6][17]; got != `'=HYPERLINK("http://example.com","open")` {
		t.Errorf("formula guarded twice or lost: %q", got)
	}
	if got := again[5][20]; !strings.Contains(got, "repeats the email of a row of the file these rejects came from") {
		t.Errorf("the repeat lost its refusal: %q", got)
	}
	// Fixed: the line break, the date, the domain, the id type, the repeated
	// email (and its error cell emptied), the sex.
	fixed := string(rejects)
	for _, fix := range [][2]string{{"VIP customer;\nprefers email", "VIP customer; prefers email"}, {"29.02.1993", "28.02.1993"}, {"suah.choi@example;", "suah.choi@example.com;"}, {";XX;", ";PP;"},
		{"MinJun.Kim@example.com", "haeun.kang@example.com"}, {"email: repeats the email of row 1: only the first is imported; remove one, or give each its own", ""}, {";X;RP;", ";F;RP;"}} {
		if !strings.Contains(fixed, fix[0]) {
			t.Fatalf("rejects file lacks %q:\n%s", fix[0], fixed)
		}
		fixed = strings.Replace(fixed, fix[0], fix[1], 1)
	}
	rd, err := Open(strings.NewReader(fixed), ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var cf1 []string
	p := &Preflight{Reader: rd, Mapper: newMapper(t, m), Checker: NewChecker(today), RejectsPath: filepath.Join(t.TempDir(), "r.csv"),
		OnRecord: func(r *Record) error {
			if !r.Valid() {
				return fmt.Errorf("row %d still refused: %v %s", r.Row, r.Problems, r.RepeatMessage())
			}
			cf1 = append(cf1, r.Submission.CF1)
			return nil
		}}
	sum, err = p.Run(context.Background())
	if err != nil || sum.Valid != 6 || sum.Rejects != "" {
		t.Fatalf("fixed rejects: %+v, %v", sum, err)
	}
	if cf1[5] != `=HYPERLINK("http://example.com","open")` || cf1[3] != "document type unknown" || cf1[0] != "VIP customer; prefers email" {
		t.Errorf("values after the round trip: %q", cf1)
	}
}

func TestAllValidWritesNoRejectsAndRemovesAStaleOne(t *testing.T) {
	in := []byte("email,fullName,birthDate,kycStatus,idType,issuingCountry,admin\na@example.com,Kim,1990-01-02,approved,passport,KOR,ops@acme.example\n")
	rd, _ := Open(bytes.NewReader(in), ReadOptions{})
	dir := t.TempDir()
	path := filepath.Join(dir, "in.rejects.csv")
	// Another input's rejects file (other columns), or one of an input
	// without a name (standard input) that its journal does not name, is
	// never removed.
	others := map[string]RejectsOwner{
		"\ufeffemail;row;field;error;suggestion\r\nx;1;email;bad;\r\n":                                        {},
		"\ufeffemail,fullName,birthDate,kycStatus,idType,issuingCountry,admin,row,field,error,suggestion\r\n": {Anonymous: true, Owned: func(string) bool { return false }},
	}
	for text, owner := range others {
		if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		rd, _ := Open(bytes.NewReader(in), ReadOptions{})
		sum, err := (&Preflight{Reader: rd, Mapper: newMapper(t, Mapping{}), Checker: NewChecker(today), RejectsPath: path, Owner: owner}).Run(context.Background())
		if err != nil || sum.StaleRejects {
			t.Fatalf("%q: %+v %v", text, sum, err)
		}
		if got, _ := os.ReadFile(path); string(got) != text {
			t.Errorf("another input's rejects file changed: %q", got)
		}
	}
	// This input's own: its columns, then the rejects columns (or, for
	// standard input, one its journal names).
	for _, owner := range []RejectsOwner{{}, {Anonymous: true, Owned: func(p string) bool { return p == path }}} {
		if err := os.WriteFile(path, []byte("\ufeffemail,fullName,birthDate,kycStatus,idType,issuingCountry,admin,row,field,error,suggestion\r\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		rd, _ := Open(bytes.NewReader(in), ReadOptions{})
		sum, err := (&Preflight{Reader: rd, Mapper: newMapper(t, Mapping{}), Checker: NewChecker(today), RejectsPath: path, Owner: owner}).Run(context.Background())
		if err != nil || !sum.StaleRejects {
			t.Fatalf("own rejects file: %+v %v", sum, err)
		}
	}
	if err := os.WriteFile(path, []byte("\ufeffemail,fullName,birthDate,kycStatus,idType,issuingCountry,admin,row,field,error,suggestion\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	sum, err := (&Preflight{Reader: rd, Mapper: newMapper(t, Mapping{}), Checker: NewChecker(today), RejectsPath: path}).Run(context.Background())
	if err != nil || sum.Valid != 1 || sum.Rejects != "" || !sum.StaleRejects {
		t.Fatalf("%+v %v", sum, err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("stale rejects file still there: %v", err)
	}
	// A file that is not a rejects file is never removed.
	other := filepath.Join(dir, "keep.csv")
	_ = os.WriteFile(other, []byte("a,b\n1,2\n"), 0o644)
	rd, _ = Open(bytes.NewReader(in), ReadOptions{})
	sum, err = (&Preflight{Reader: rd, Mapper: newMapper(t, Mapping{}), Checker: NewChecker(today), RejectsPath: other}).Run(context.Background())
	if err != nil || sum.StaleRejects {
		t.Fatalf("%+v %v", sum, err)
	}
	if b, _ := os.ReadFile(other); string(b) != "a,b\n1,2\n" {
		t.Errorf("another file was changed: %q", b)
	}
	assertNoTempFiles(t, dir)
}

func assertNoTempFiles(tb testing.TB, dir string) {
	tb.Helper()
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".") {
			tb.Errorf("left behind: %s", e.Name())
		}
	}
}

func TestRepeatedRows(t *testing.T) {
	base := "admin,email,fullName,birthDate,kycStatus,idType,issuingCountry,userid\n"
	row := func(email, birth, uid string) string {
		return "ops@acme.example," + email + ",Kim," + birth + ",approved,passport,KOR," + uid + "\n"
	}
	in := base + row("a@example.com", "1990-01-01", "u1") + // 1
		row("b@example.com", "1990-02-30", "u2") + // 2 invalid, still remembered
		row("A@Example.com", "1990-01-01", "u3") + // 3 repeats 1 (email, any case)
		row("c@example.com", "1990-01-01", "u1") + // 4 repeats 1 (userid)
		row("b@example.com", "1990-01-01", "u5") + // 5 repeats 2, which was invalid
		row("d@example.com", "1990-13-01", "u1") + // 6 invalid and repeats 1: counted invalid
		row("e@example.com", "1990-01-01", "") // 7
	rd, _ := Open(strings.NewReader(in), ReadOptions{})
	var got []string
	p := &Preflight{Reader: rd, Mapper: newMapper(t, Mapping{}), Checker: NewChecker(today), RejectsPath: filepath.Join(t.TempDir(), "r.csv"),
		OnRecord: func(r *Record) error {
			got = append(got, fmt.Sprintf("%d:%s%d:%d", r.Row, r.RepeatField, r.RepeatOf, len(r.Problems)))
			return nil
		}}
	sum, err := p.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := "1:0:0 2:0:1 3:email1:0 4:userid1:0 5:email2:0 6:userid1:1 7:0:0"
	if strings.Join(got, " ") != want {
		t.Errorf("rows %s\nwant %s", strings.Join(got, " "), want)
	}
	if sum != (Summary{Total: 7, Valid: 2, Invalid: 2, Repeated: 3, Rejects: p.RejectsPath}) {
		t.Errorf("summary %+v", sum)
	}
	recs := readRejects(t, p.RejectsPath, ',')
	if r := recs[5]; r[9] != "birthDate, userid" || !strings.Contains(r[10], "birthDate: is not a real date: there is no month 13; userid: repeats the userid of row 1") {
		t.Errorf("row 6 in rejects: %q", r)
	}
}

// A JSON input's rejects file has every key any record used, in the order
// they first appeared, the rows before a key's first use left empty there.
func TestRejectsOfAJSONInput(t *testing.T) {
	in := `{"email":"a@example.com","nick":"a"}` + "\n" + `{"email":"b","nick":"b","cf1":"=x"}` + "\n"
	_, path, err := preflight(t, []byte(in), Mapping{Columns: map[string]string{"nick": "fullName"}})
	if err != nil {
		t.Fatal(err)
	}
	recs := readRejects(t, path, ',')
	if strings.Join(recs[0], "|") != "email|nick|cf1|row|field|error|suggestion" || len(recs) != 3 {
		t.Fatalf("rejects %q", recs)
	}
	if recs[1][2] != "" || recs[2][2] != "'=x" || recs[2][0] != "b" {
		t.Errorf("rows %q", recs[1:])
	}
}

func TestPreflightStopsCleanly(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("email,fullName\n")
	for i := range 5000 {
		fmt.Fprintf(&b, "bad%d,Kim\n", i)
	}
	b.WriteString("x,y,z\n") // malformed at the end
	for name, ctx := range map[string]context.Context{"malformed": context.Background(), "cancelled": cancelled()} {
		rd, _ := Open(strings.NewReader(b.String()), ReadOptions{})
		path := filepath.Join(dir, name+".rejects.csv")
		_, err := (&Preflight{Reader: rd, Mapper: newMapper(t, Mapping{}), Checker: NewChecker(today), RejectsPath: path}).Run(ctx)
		if err == nil {
			t.Fatalf("%s: no error", name)
		}
		if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s: a rejects file was written for an input that stopped: %v", name, err)
		}
	}
	assertNoTempFiles(t, dir)
}

func cancelled() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}

func TestMappingErrorStopsPreflight(t *testing.T) {
	_, path, err := preflight(t, []byte("email,nick\na@b.co,x\n"), Mapping{})
	var me *MappingError
	if !errors.As(err, &me) || len(me.Unmapped) != 1 {
		t.Fatalf("error %v", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("rejects file written: %v", err)
	}
}

// The fingerprint of the vendor's sample record is pinned: a journal keeps
// fingerprints across versions, so the canonical body must not drift.
func TestFingerprintIsStable(t *testing.T) {
	s := apitest.Sample()
	const want = "08cc2b39b7757fa2a4d701f1e8fc701ecb07c802b25751cd8e046d47d39c3b9c" // printf %s "$body" | sha256sum
	got := Fingerprint(s)
	if len(got) != 64 || strings.Trim(got, "0123456789abcdef") != "" {
		t.Fatalf("fingerprint %q is not hex SHA-256", got)
	}
	body, _ := s.Body()
	t.Logf("sample body %s", body)
	if got != want {
		t.Errorf("fingerprint of the sample record %s, pinned %s: the canonical body changed", got, want)
	}
	s2 := s
	s2.CF3 = "changed"
	if Fingerprint(s2) == got {
		t.Error("a changed record has the same fingerprint")
	}
	var empty apiclient.Submission
	if Fingerprint(empty) != "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a" { // sha256("{}")
		t.Errorf("empty record: %s", Fingerprint(empty))
	}
}

// Source.Row reads one row again by its number, mapped and checked as the
// import saw it: what `argos-migrate --from FILE --row N` opens.
func TestSourceRow(t *testing.T) {
	src := Source{Path: "testdata/vendor-export.csv", Mapping: vendorMapping(t), Today: today}
	rec, err := src.Row(7)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Row != 7 || rec.Line != 9 || rec.Submission.FullName != "John Smith" || rec.Submission.ExpireDate != "2028-02-29" {
		t.Errorf("row 7: %+v", rec)
	}
	rec, err = src.Row(3)
	if err != nil || len(rec.Problems) != 1 || rec.Submission.BirthDate != "29.02.1993" {
		t.Errorf("row 3: %+v %v", rec, err)
	}
	for _, n := range []int{0, 11} {
		if _, err := src.Row(n); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("there is no row %d", n)) {
			t.Errorf("row %d: %v", n, err)
		}
	}
}

func TestSeenTable(t *testing.T) {
	st := newSeenTable()
	const n = 300000
	for i := 1; i <= n; i++ {
		if first := st.check(keyEmail, fmt.Sprintf("person%d@example.com", i), i); first != 0 {
			t.Fatalf("key %d taken for a repeat of row %d", i, first)
		}
	}
	for i := 1; i <= n; i += 997 {
		if first := st.check(keyEmail, fmt.Sprintf("person%d@example.com", i), n+i); first != i {
			t.Fatalf("key %d: first row %d", i, first)
		}
		if first := st.check(keyUserID, fmt.Sprintf("person%d@example.com", i), n+i); first != 0 {
			t.Fatalf("a user id matched an email: row %d", first)
		}
	}
	if st.check(keyEmail, "late@example.com", maxRow+5) != 0 || st.check(keyEmail, "late@example.com", maxRow+9) != -1 {
		t.Error("a row past maxRow is not reported as an earlier row")
	}
	var slots int
	for _, s := range st.segs {
		slots += len(s.slots)
	}
	if per := float64(slots*8) / float64(n); per > 15 {
		t.Errorf("%.1f bytes per key, want at most 15", per)
	}
}
