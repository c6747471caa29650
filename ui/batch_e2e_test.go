package ui

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/batch"
	"argos-migrate/apiclient/i18n/i18ntest"
	"argos-migrate/apiclient/sandbox"
	"argos-migrate/ui/termtest"
)

// importCSV writes n rows; admin(i) may give row i a magic admin.
func importCSV(tb testing.TB, n int, admin func(int) string) string {
	tb.Helper()
	var b strings.Builder
	b.WriteString("email,fullName,birthDate,kycStatus,idType,issuingCountry,admin\n")
	for i := 1; i <= n; i++ {
		a := "ops@acme.example"
		if admin != nil && admin(i) != "" {
			a = admin(i)
		}
		fmt.Fprintf(&b, "row%d@example.com,Person %d,1990-01-02,approved,passport,KOR,%s\n", i, i, a)
	}
	path := filepath.Join(tb.TempDir(), "export.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		tb.Fatal(err)
	}
	return path
}

// importSession runs argos-migrate with args in tmux, the key and API URL
// in its environment (never argv) and a state folder of its own.
type importSession struct {
	*termtest.Pane
	bin, state, url string
}

func startImport(tb testing.TB, bin, url string, args ...string) *importSession {
	tb.Helper()
	return startImportIn(tb, bin, url, tb.TempDir(), args...)
}

// exit waits for the program's exit status.
func (is *importSession) exit(tb testing.TB) string {
	tb.Helper()
	return strconv.Itoa(is.Wait())
}

// rerun runs the same import to its end without a terminal.
func (is *importSession) rerun(tb testing.TB, args ...string) (string, int) {
	tb.Helper()
	c := exec.Command(is.bin, args...)
	c.Env = []string{"HOME=" + is.state, "PATH=" + os.Getenv("PATH"), "XDG_STATE_HOME=" + is.state,
		"ARGOS_API_KEY=" + sandbox.Key, "ARGOS_API_URL=" + is.url}
	var errOut bytes.Buffer
	c.Stderr = &errOut
	_ = c.Run()
	return errOut.String(), c.ProcessState.ExitCode()
}

func (is *importSession) journal(tb testing.TB) *batch.JournalSnapshot {
	tb.Helper()
	dirs, _ := filepath.Glob(filepath.Join(is.state, "argos-migrate", batch.ImportsDir, "*"))
	if len(dirs) != 1 {
		tb.Fatalf("journal folders: %v", dirs)
	}
	snap, err := batch.ReadJournal(dirs[0])
	if err != nil {
		tb.Fatal(err)
	}
	return snap
}

// oncePerRow asserts the sandbox holds one submission per row's email.
func oncePerRow(tb testing.TB, sb *sandbox.Running, n int) {
	tb.Helper()
	count := map[string]int{}
	for _, r := range sb.Records() {
		count[r.Email]++
	}
	for i := 1; i <= n; i++ {
		if c := count[fmt.Sprintf("row%d@example.com", i)]; c != 1 {
			tb.Errorf("row %d: %d submissions", i, c)
		}
	}
	if len(sb.Records()) != n {
		tb.Errorf("%d submissions for %d rows", len(sb.Records()), n)
	}
}

// p pauses (requests in flight finish, nothing new starts), p resumes, q
// stops with the journal complete (exit 130), and the same command again
// finishes the import with nothing sent twice.
func TestImportPauseAndStopInTmux(t *testing.T) {
	termtest.Require(t)
	bin := termtest.Build(t)
	sb := apitest.Sandbox(t, sandbox.Options{Latency: 20 * time.Millisecond})
	path := importCSV(t, 400, nil)
	s := startImport(t, bin, sb.URL, "import", path, "--rate", "20")
	s.WaitFor("400 valid records. Send 400 records to LOCAL", "(profile default, key sand••••)? [y/N]")
	s.Type("y")
	s.Keys("Enter")
	s.WaitFor("Sending export.csv · 4 at a time · at most 20 a second", "✓ created")
	s.Keys("p")
	s.WaitFor("Paused: the requests in flight finish", "p resume")
	time.Sleep(500 * time.Millisecond) // the requests in flight finish, on a busy machine too
	before := sb.Traffic().Requests
	time.Sleep(600 * time.Millisecond)
	if after := sb.Traffic().Requests; after != before {
		t.Errorf("%d requests made while paused", after-before)
	}
	s.Keys("p")
	s.WaitFor("records/s", "p pause")
	s.Keys("q")
	scr := s.WaitFor("Stopped: run the same command again to go on")
	if code := s.exit(t); code != "130" {
		t.Fatalf("exit %s after q, want 130:\n%s", code, scr)
	}
	j := s.journal(t)
	if j.Counts.Sending != 0 || j.Counts.Created == 0 || j.Counts.Created >= 400 {
		t.Errorf("journal after a stop: %+v", j.Counts)
	}
	if errOut, code := s.rerun(t, "import", path, "--yes", "--rate", "0"); code != 0 {
		t.Fatalf("rerun: exit %d\n%s", code, errOut)
	}
	oncePerRow(t, sb, 400)
}

// A request that never answers: q waits for it, a second ctrl+c abandons
// it (exit 130) and leaves its row "sending" in the journal; the next run
// finds it by lookup instead of sending it again.
func TestImportAbandonInTmux(t *testing.T) {
	termtest.Require(t)
	bin := termtest.Build(t)
	sb := apitest.Sandbox(t, sandbox.Options{})
	path := importCSV(t, 100, func(i int) string {
		if i == 1 {
			return sandbox.AdminStall
		}
		return ""
	})
	s := startImport(t, bin, sb.URL, "import", path, "--yes", "--rate", "20")
	s.WaitFor("✓ created", "records/s") // row 1 is out, and never answered
	s.Keys("C-c")
	s.WaitFor("Stopping: the requests in flight finish", "ctrl+c abandon requests in flight")
	s.Keys("C-c")
	if code := s.exit(t); code != "130" {
		t.Fatalf("exit %s, want 130:\n%s", code, s.Screen())
	}
	j := s.journal(t)
	if j.Counts.Sending != 1 || !j.Row(1).Sending {
		t.Fatalf("journal %+v, row 1 %+v", j.Counts, j.Row(1))
	}
	errOut, code := s.rerun(t, "import", path, "--yes", "--rate", "0")
	if code != 0 || !strings.Contains(errOut, "found by a lookup") {
		t.Fatalf("rerun: exit %d\n%s", code, errOut)
	}
	oncePerRow(t, sb, 100)
}

// From the finished screen, f opens a refused row in the wizard at the
// field the server refused, with its note; sending it there updates the
// journal and the results file. `argos-migrate --from FILE --row N` does
// the same from the shell.
func TestImportFixInTheWizardInTmux(t *testing.T) {
	termtest.Require(t)
	bin := termtest.Build(t)
	sb := apitest.Sandbox(t, sandbox.Options{})
	path := importCSV(t, 6, func(i int) string {
		if i == 3 || i == 5 {
			return sandbox.AdminInvalid
		}
		return ""
	})
	s := startImport(t, bin, sb.URL, "import", path, "--yes")
	s.WaitFor("Refused rows", "› row 3", "row 5", "f fix it in the wizard")
	s.Keys("f")
	s.WaitFor("┃ Admin account", "server: invalid_admin", "Row 3 of", "updates the import's journal")
	s.Keys("C-u")
	s.Type("ops@acme.example")
	s.Keys("C-r")
	s.WaitFor("✓ Ready", "row3@example.com")
	s.Keys("s")
	id := idPattern.FindString(s.WaitFor("Submission created"))
	s.Keys("q")
	scr := s.WaitFor("› row 5", "f fix it in the wizard")
	// The screen is drawn inline: the last frame is after the last header.
	scr = scr[strings.LastIndex(scr, "argos-migrate import"):]
	if strings.Contains(scr, "row 3 ") || !strings.Contains(scr, "✓ created         5") {
		t.Errorf("row 3 is still listed as refused:\n%s", scr)
	}
	s.Keys("q")
	if code := s.exit(t); code != "1" {
		t.Fatalf("exit %s, want 1 (row 5 is still refused)", code)
	}
	if out := s.Output(); id == "" || !strings.Contains(out, id) {
		t.Errorf("stdout %q lacks the id %q", out, id)
	}
	results := strings.TrimSuffix(path, ".csv") + ".results.csv"
	checkRow(t, results, 3, "created", id)
	checkRow(t, results, 5, "rejected", "")

	// Row 5, from the shell, with the import's state folder (its journal).
	w2 := startImportIn(t, bin, sb.URL, s.state, "--from", path, "--row", "5")
	w2.WaitFor("┃ Admin account", "server: invalid_admin", "Row 5 of")
	w2.Keys("C-u")
	w2.Type("ops@acme.example")
	w2.Keys("C-r")
	w2.WaitFor("✓ Ready", "row5@example.com")
	w2.Keys("s")
	id5 := idPattern.FindString(w2.WaitFor("Submission created"))
	w2.Keys("q")
	if code := w2.exit(t); code != "0" {
		t.Fatalf("--row: exit %s:\n%s", code, w2.Screen())
	}
	checkRow(t, results, 5, "created", id5)
	if st := s.journal(t).Row(5); st.Status != batch.StatusCreated || !st.ViaWizard || st.ID != id5 {
		t.Errorf("journal row 5: %+v", st)
	}
	oncePerRow(t, sb, 6)
}

// A row the check refused (sent with --skip-invalid around it) and fixed
// in the wizard from the finished screen is created once: the screen then
// stops listing it, f on it or --from FILE --row N again refuses to send
// it a second time, the results file names its id, and the rejects file,
// which is fixed and imported again, no longer holds it.
func TestImportFixAnInvalidRowOnceInTmux(t *testing.T) {
	termtest.Require(t)
	bin := termtest.Build(t)
	sb := apitest.Sandbox(t, sandbox.Options{})
	path := filepath.Join(t.TempDir(), "export.csv")
	csvText := "email,fullName,birthDate,kycStatus,idType,issuingCountry,admin\n" +
		"row1@example.com,Person 1,1990-01-02,approved,passport,KOR,ops@acme.example\n" +
		"row2@example.com,Person 2,1990-02-30,approved,passport,KOR,ops@acme.example\n" +
		"row3@example.com,Person 3,1990-02-31,approved,passport,KOR,ops@acme.example\n"
	if err := os.WriteFile(path, []byte(csvText), 0o600); err != nil {
		t.Fatal(err)
	}
	s := startImport(t, bin, sb.URL, "import", path, "--yes", "--skip-invalid")
	s.WaitFor("Refused rows", "› row 2", "row 3", "f fix it in the wizard")
	s.Keys("f")
	s.WaitFor("Row 2 of", "✗ 1990-02-30")
	s.Keys("e")
	s.WaitFor("┃ Birth date")
	s.Keys("C-u")
	s.Type("19900228")
	s.Keys("Enter")
	s.WaitFor("✓ Ready", "1990-02-28")
	s.Keys("s")
	id := idPattern.FindString(s.WaitFor("Submission created"))
	s.Keys("q")
	scr := s.WaitFor("› row 3", "f fix it in the wizard")
	scr = scr[strings.LastIndex(scr, "argos-migrate import"):]
	if strings.Contains(scr, "row 2 ") {
		t.Errorf("row 2, created from the wizard, is still listed as refused:\n%s", scr)
	}
	s.Keys("q")
	s.exit(t)
	results := strings.TrimSuffix(path, ".csv") + ".results.csv"
	checkRow(t, results, 2, "created", id)
	if rj, err := os.ReadFile(strings.TrimSuffix(path, ".csv") + ".rejects.csv"); err != nil || strings.Contains(string(rj), "row2@example.com") {
		t.Errorf("rejects file (%v) still holds row 2, to be imported again:\n%s", err, rj)
	}

	// From the shell: the row is created, so nothing opens and nothing is sent.
	w2 := startImportIn(t, bin, sb.URL, s.state, "--from", path, "--row", "2")
	if code := w2.exit(t); code == "0" {
		t.Errorf("--row on a created row: exit 0")
	}
	w2.WaitFor("row 2 was created already", id)

	// The same import again, without --skip-invalid: its check stops at
	// row 3, and the rejects file it writes leaves row 2 out.
	errOut, code := s.rerun(t, "import", path, "--yes")
	if code != 2 || !strings.Contains(errOut, "1 sent from the wizard already") {
		t.Errorf("rerun: exit %d, want 2 and row 2 named as sent:\n%s", code, errOut)
	}
	if rj, err := os.ReadFile(strings.TrimSuffix(path, ".csv") + ".rejects.csv"); err != nil || strings.Contains(string(rj), "row2@example.com") || !strings.Contains(string(rj), "row3@example.com") {
		t.Errorf("rejects file of the rerun (%v), want row 3 and not row 2:\n%s", err, rj)
	}
	count := 0
	for _, r := range sb.Records() {
		if r.Email == "row2@example.com" {
			count++
		}
	}
	if count != 1 {
		t.Errorf("row 2: %d submissions, want 1", count)
	}
}

// startImportIn is startImport with a given state folder.
func startImportIn(tb testing.TB, bin, url, state string, args ...string) *importSession {
	tb.Helper()
	is := &importSession{bin: bin, state: state, url: url}
	is.Pane = termtest.Run(tb, termtest.Options{Width: 100, Height: 40,
		Env: []string{"ARGOS_API_KEY=" + sandbox.Key, "ARGOS_API_URL=" + url, "XDG_STATE_HOME=" + state}},
		append([]string{bin}, args...)...)
	return is
}

func checkRow(tb testing.TB, results string, row int, status, id string) {
	tb.Helper()
	data, err := os.ReadFile(results)
	if err != nil {
		tb.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	for _, r := range recs[1:] {
		if r[0] == fmt.Sprint(row) {
			if r[2] != status || r[3] != id {
				tb.Errorf("results row %d: %v, want %s %s", row, r, status, id)
			}
			return
		}
	}
	tb.Errorf("results file has no row %d", row)
}

// In Korean at 80×24: the question is Korean and 예 answers it, the
// progress screen is Korean with its counts aligned and its header whole,
// and the finished screen lists the refused row in Korean.
func TestImportInKoreanInTmux(t *testing.T) {
	termtest.Require(t)
	bin := termtest.Build(t)
	sb := apitest.Sandbox(t, sandbox.Options{Latency: 20 * time.Millisecond})
	path := importCSV(t, 120, func(i int) string {
		if i == 3 {
			return sandbox.AdminInvalid
		}
		return ""
	})
	state := t.TempDir()
	s := &importSession{bin: bin, state: state, url: sb.URL}
	s.Pane = termtest.Run(t, termtest.Options{Width: 80, Height: 24,
		Env: []string{"ARGOS_API_KEY=" + sandbox.Key, "ARGOS_API_URL=" + sb.URL, "XDG_STATE_HOME=" + state, "ARGOS_LANG=ko"}},
		bin, "import", path, "--rate", "20")
	scr := s.WaitFor("유효한 레코드 120개. 레코드 120개를 로컬", "보내시겠습니까?", "[y/N]")
	for _, line := range strings.Split(strings.TrimSpace(scr), "\n") {
		if strings.Contains(line, "보내시겠습니까") {
			i18ntest.Korean(t, "the question", line)
		}
	}
	s.Type("예")
	s.Keys("Enter")
	s.WaitFor("export.csv 보내는 중 · 동시에 4개 · 초당 최대 20개", "✓ 생성됨")
	s.Keys("p")
	scr = s.WaitFor("일시 정지했습니다", "p 계속 • q 중단")
	for _, want := range []string{"로컬", "키 sand••••", "개 중 ", "✗ 거부됨", "? 알 수 없음", "○ 보내지 못함"} {
		if !strings.Contains(scr, want) {
			t.Errorf("the screen lacks %q:\n%s", want, scr)
		}
	}
	if !regexp.MustCompile(`(?m)로컬  127\.0\.0\.1:\d+  프로필 default · 키 sand••••$`).MatchString(scr) {
		t.Errorf("the header is cut or folded:\n%s", scr)
	}
	cols := countColumns(t, scr, "✓ 생성됨", "✗ 거부됨", "? 알 수 없음", "○ 보내지 못함")
	for n, c := range cols {
		if c != cols["✓ 생성됨"] {
			t.Errorf("the count of %s ends at column %d, the others at %d:\n%s", n, c, cols["✓ 생성됨"], scr)
		}
	}
	i18ntest.Korean(t, "the progress screen", scr)
	s.Keys("p")
	scr = s.WaitFor("완료(", "거부된 행(하나를 골라 마법사에서 고칠 수 있습니다):", "3행", "q 나가기")
	for _, want := range []string{"관리자 계정이 거부되었습니다", "결과 파일:", "거부 목록 파일:", "저널:"} {
		if !strings.Contains(scr, want) {
			t.Errorf("the finished screen lacks %q:\n%s", want, scr)
		}
	}
	if cols := countColumns(t, scr, "✓ 생성됨", "✗ 거부됨"); cols["✓ 생성됨"] != cols["✗ 거부됨"] ||
		!regexp.MustCompile(`✓ 생성됨 +119\n`).MatchString(scr) || !regexp.MustCompile(`✗ 거부됨 +1\n`).MatchString(scr) {
		t.Errorf("the finished screen's counts:\n%s", scr)
	}
	s.Keys("q")
	if code := s.exit(t); code != "1" {
		t.Fatalf("exit %s, want 1 (a row refused):\n%s", code, s.Screen())
	}
	if n := len(sb.Records()); n != 119 {
		t.Errorf("%d submissions, want 119 (row 3 refused)", n)
	}
}
