package batch

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/settings"
)

func fpOf(s string) string {
	return Fingerprint(apiclient.Submission{Email: s})
}

func openTestJournal(tb testing.TB, dir string) *Journal {
	tb.Helper()
	j, err := OpenJournal(dir)
	if err != nil {
		tb.Fatal(err)
	}
	return j
}

func TestJournalRecordsAndResumes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "imports", "x")
	j := openTestJournal(t, dir)
	a, b, c, d := fpOf("a"), fpOf("b"), fpOf("c"), fpOf("d")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(j.StartRun(time.Now()))
	must(j.Sending(1, a))
	must(j.Created(1, a, "sbx000000000001_mg", ""))
	must(j.Sending(2, b))
	must(j.Failed(2, b, StatusRejected, apiclient.FailureRecord{Reason: apiclient.ReasonInvalidAdmin, Status: 400,
		Code: apiclient.CodeInvalidAdmin, Field: apiclient.FieldAdmin}, "", 0))
	must(j.Sending(3, c))
	must(j.Sending(4, d))
	must(j.Failed(4, d, StatusUnknown, apiclient.FailureRecord{Reason: apiclient.ReasonServerFailed, Status: 500}, LookupFailed, 0))
	must(j.Close())

	j = openTestJournal(t, dir)
	defer j.Close()
	tests := []struct {
		row  int
		fp   string
		want Action
	}{
		{1, a, ActionSkip},
		{1, fpOf("a changed"), ActionChanged},
		{7, a, ActionSkip}, // the same record under another row number: moved, not new
		{2, b, ActionSend}, // rejected: sending again creates nothing twice
		{3, c, ActionLookUp},
		{4, d, ActionLookUp},
		{9, c, ActionLookUp}, // an uncertain record, moved
		{5, fpOf("e"), ActionSend},
	}
	for _, tt := range tests {
		if got, _ := j.Decide(tt.row, tt.fp); got != tt.want {
			t.Errorf("row %d: %v, want %v", tt.row, got, tt.want)
		}
	}
	if st := j.Row(2); st.Status != StatusRejected || st.Failure.Field != "admin" || st.Failure.Code != "invalid_admin" {
		t.Errorf("row 2: %+v", st)
	}
	if st := j.Row(4); st.Lookup != LookupFailed || st.Failure.Outcome != apiclient.OutcomeUnknown {
		t.Errorf("row 4: %+v", st)
	}
	want := JournalCounts{Created: 1, Rejected: 1, Unknown: 1, Sending: 1}
	if got := j.Counts(); got != want {
		t.Errorf("counts %+v, want %+v", got, want)
	}
	// No personal data: the journal holds fingerprints, not values.
	data, _ := os.ReadFile(j.Path())
	if strings.Contains(string(data), "@") {
		t.Errorf("the journal holds an email:\n%s", data)
	}
	if runtime.GOOS != "windows" {
		for _, p := range []string{j.Path(), filepath.Join(dir, lockFile)} {
			if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o600 {
				t.Errorf("%s: %v %v", p, fi.Mode(), err)
			}
		}
		if fi, _ := os.Stat(dir); fi.Mode().Perm() != 0o700 {
			t.Errorf("folder mode %v", fi.Mode())
		}
	}
}

func TestJournalTornLastLine(t *testing.T) {
	dir := t.TempDir()
	j := openTestJournal(t, dir)
	if err := j.Sending(1, fpOf("a")); err != nil {
		t.Fatal(err)
	}
	j.Close()
	f, _ := os.OpenFile(filepath.Join(dir, JournalFile), os.O_WRONLY|os.O_APPEND, 0)
	torn := `{"op":"created","row":1,"fp":"` + fpOf("a")[:20]
	f.WriteString(torn)
	f.Close()
	before, _ := os.Stat(filepath.Join(dir, JournalFile))

	// Read without the lock: the torn line is ignored, not repaired.
	snap, err := ReadJournal(dir)
	if err != nil || snap.Counts.Sending != 1 {
		t.Fatalf("snapshot %+v, %v", snap, err)
	}
	j = openTestJournal(t, dir)
	defer j.Close()
	if j.Truncated != int64(len(torn)) {
		t.Errorf("truncated %d bytes, want %d", j.Truncated, len(torn))
	}
	after, _ := os.Stat(filepath.Join(dir, JournalFile))
	if after.Size() != before.Size()-int64(len(torn)) {
		t.Errorf("size %d, want %d", after.Size(), before.Size()-int64(len(torn)))
	}
	if act, _ := j.Decide(1, fpOf("a")); act != ActionLookUp {
		t.Errorf("a row left sending is %v, want a lookup", act)
	}
	// A complete line that does not read, at the end, is torn too.
	if err := j.Sending(2, fpOf("b")); err != nil {
		t.Fatal(err)
	}
	j.Close()
	f, _ = os.OpenFile(filepath.Join(dir, JournalFile), os.O_WRONLY|os.O_APPEND, 0)
	f.WriteString("{\"op\":\"crea\x00\x00\n")
	f.Close()
	j = openTestJournal(t, dir)
	if j.Counts().Sending != 2 {
		t.Errorf("counts %+v", j.Counts())
	}
	j.Close()
}

func TestJournalDamageIsAnError(t *testing.T) {
	dir := t.TempDir()
	j := openTestJournal(t, dir)
	j.Sending(1, fpOf("a"))
	j.Close()
	path := filepath.Join(dir, JournalFile)
	data, _ := os.ReadFile(path)
	data = append(data, []byte("garbage\n"+`{"op":"sending","row":2,"fp":"`+fpOf("b")+`"}`+"\n")...)
	os.WriteFile(path, data, 0o600)
	_, err := OpenJournal(dir)
	var je *JournalError
	if !errors.As(err, &je) || je.Line != 3 {
		t.Fatalf("error %v, want damage at line 3", err)
	}
	// Not a journal at all.
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, JournalFile), []byte(`{"op":"sending","row":1,"fp":"`+fpOf("a")+`"}`+"\n"+`{"op":"run"}`+"\n"), 0o600)
	if _, err := OpenJournal(other); !errors.As(err, &je) || !strings.Contains(err.Error(), "not an argos-migrate import journal") {
		t.Errorf("error %v", err)
	}
}

func TestJournalLock(t *testing.T) {
	dir := t.TempDir()
	j := openTestJournal(t, dir)
	_, err := OpenJournal(dir)
	var le *LockedError
	if !errors.As(err, &le) || !errors.Is(err, ErrJournalLocked) || le.PID != os.Getpid() {
		t.Fatalf("second open: %v", err)
	}
	if snap, err := ReadJournal(dir); err != nil || !snap.Running {
		t.Errorf("snapshot while locked: %+v %v", snap, err)
	}
	j.Close()
	j = openTestJournal(t, dir)
	j.Close()
	if snap, err := ReadJournal(dir); err != nil || snap.Running {
		t.Errorf("snapshot after close: %+v %v", snap, err)
	}
}

func TestJournalRefusesLinks(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	dir := t.TempDir()
	target := filepath.Join(t.TempDir(), "elsewhere")
	os.WriteFile(target, nil, 0o644)
	if err := os.Symlink(target, filepath.Join(dir, JournalFile)); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenJournal(dir); !errors.Is(err, settings.ErrLink) {
		t.Errorf("a linked journal file: %v", err)
	}
	linked := filepath.Join(t.TempDir(), "linked")
	os.Symlink(t.TempDir(), linked)
	if _, err := OpenJournal(linked); !errors.Is(err, settings.ErrLink) {
		t.Errorf("a linked folder: %v", err)
	}
}

// Many writers share fsyncs, every line arrives whole, and each writer
// returns only once its line is in the file.
func TestJournalGroupCommit(t *testing.T) {
	dir := t.TempDir()
	j := openTestJournal(t, dir)
	var wg sync.WaitGroup
	for w := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				row := w*50 + i + 1
				fp := fpOf(strings.Repeat("x", row))
				if err := j.Sending(row, fp); err != nil {
					t.Error(err)
					return
				}
				data, _ := os.ReadFile(j.Path())
				if !strings.Contains(string(data), `"row":`+itoa(row)+`,`) {
					t.Errorf("row %d returned before its line was written", row)
				}
				j.Created(row, fp, "sbx"+strings.Repeat("0", 9)+itoa(1000+row)+"_mg", "")
			}
		}()
	}
	wg.Wait()
	j.Close()
	snap, err := ReadJournal(dir)
	if err != nil || snap.Counts.Created != 800 {
		t.Fatalf("%+v %v", snap, err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestJournalDirName(t *testing.T) {
	a := JournalDir("/s", "acme", "https://rest-api.argosidentity.com", "/data/Customer Export.csv")
	if !strings.HasPrefix(filepath.Base(a), "acme-Customer_Export.csv-") || filepath.Dir(a) != filepath.Join("/s", ImportsDir) {
		t.Errorf("dir %s", a)
	}
	for _, other := range []string{
		JournalDir("/s", "beta", "https://rest-api.argosidentity.com", "/data/Customer Export.csv"),
		JournalDir("/s", "acme", "http://127.0.0.1:8080", "/data/Customer Export.csv"),
		JournalDir("/s", "acme", "https://rest-api.argosidentity.com", "/old/Customer Export.csv"),
	} {
		if other == a {
			t.Errorf("%s names two imports", a)
		}
	}
	if got := readable("../../etc/passwd"); strings.Contains(got, "/") || strings.HasPrefix(got, ".") {
		t.Errorf("readable = %q", got)
	}
}

func TestRemoveLeftovers(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "export [1].results.csv")
	keep := []string{path, filepath.Join(dir, ".other.results.csv.1.tmp"), filepath.Join(dir, "export [1].results.csv.1.tmp")}
	gone := []string{filepath.Join(dir, ".export [1].results.csv.123.tmp"), filepath.Join(dir, ".export [1].results.csv.9.spool")}
	for _, p := range append(keep, gone...) {
		os.WriteFile(p, nil, 0o600)
	}
	RemoveLeftovers(path)
	for _, p := range keep {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s removed", p)
		}
	}
	for _, p := range gone {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s kept", p)
		}
	}
}
