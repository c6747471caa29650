package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"argos-migrate/apiclient/i18n/i18ntest"
	"argos-migrate/apiclient/sandbox"
)

// runIn runs an import to its end in language lang (ARGOS_LANG).
func (im *importer) runIn(lang string, args ...string) (stdout, stderr string, code int) {
	im.tb.Helper()
	c := exec.Command(binary, append([]string{"import"}, args...)...)
	c.Env = append(im.env(), "ARGOS_LANG="+lang)
	var o, e bytes.Buffer
	c.Stdout, c.Stderr = &o, &e
	if err := c.Run(); err != nil && c.ProcessState == nil {
		im.tb.Fatal(err)
	}
	return o.String(), e.String(), c.ProcessState.ExitCode()
}

// writeFile writes a file of the test's and returns its path.
func writeFile(tb testing.TB, dir, name, text string) string {
	tb.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		tb.Fatal(err)
	}
	return path
}

// validRows are n rows the rulebook takes, from row1@example.com.
func validRows(n int) string {
	var b strings.Builder
	b.WriteString("email,fullName,birthDate,kycStatus,idType,issuingCountry,admin\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "row%d@example.com,Person %d,1990-01-02,approved,passport,KOR,ops@acme.example\n", i, i)
	}
	return b.String()
}

// koreanLines checks that every line of stderr is Korean: what the import
// says reads in one language, with no English sentence left over.
func koreanLines(t *testing.T, what, stderr string) {
	t.Helper()
	if strings.TrimSpace(stderr) == "" {
		t.Errorf("%s: nothing on stderr", what)
	}
	for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
		// main's own words around an error (its "error:" and next step) are
		// another area's; the import's message is what follows "error: ".
		if msg, ok := strings.CutPrefix(line, "error: "); ok {
			line = msg
		} else if strings.HasPrefix(line, "Nothing was sent.") || strings.HasPrefix(line, "Run `argos-migrate") {
			continue
		}
		i18ntest.Korean(t, what+": the line", line)
	}
}

// The import through the binary in Korean (ARGOS_LANG=ko): the refusal to
// send without a terminal, the summary, the plain progress lines, a
// mapping error, an input error naming its line and the rejects file's
// words are all Korean; the files keep their column names and values.
func TestImportInKoreanThroughTheBinary(t *testing.T) {
	sb := startSandboxProc(t, "--latency", "10ms")
	im := newImporter(t, sb)
	dir := t.TempDir()

	t.Run("no terminal, no --yes", func(t *testing.T) {
		path := writeFile(t, dir, "ask.csv", validRows(3))
		_, errOut, code := im.runIn("ko", path)
		if code != 2 || !strings.Contains(errOut, "아무것도 보내지 않았습니다. 레코드 3개를 보내려면 확인이 필요합니다. 터미널에서 실행해 질문에 답하거나 --yes를 붙여 주십시오") {
			t.Fatalf("exit %d\n%s", code, errOut)
		}
		koreanLines(t, "the refusal", errOut)
		for _, r := range sb.requests(t) {
			t.Errorf("a request was made: %+v", r)
		}
	})

	t.Run("summary and progress lines", func(t *testing.T) {
		path := writeFile(t, dir, "send.csv", validRows(40))
		_, errOut, code := im.runIn("ko", path, "--yes", "--rate", "8")
		if code != 0 {
			t.Fatalf("exit %d\n%s", code, errOut)
		}
		for _, want := range []string{"send.csv 파일의 행 40개를 검사했습니다(", "  유효한 행 40개\n", "레코드 40개를 로컬 127.0.0.1:",
			"에 보냅니다: 동시에 4개, 초당 최대 8개. 저널: ", "진행: 40개 중 ", "send.csv 파일을 로컬 127.0.0.1:", "에 가져왔습니다(",
			"  생성됨        40\n", "  서버가 거부함  0\n", "결과 파일: " + strings.TrimSuffix(path, ".csv") + ".results.csv\n", "저널: "} {
			if !strings.Contains(errOut, want) {
				t.Errorf("stderr lacks %q:\n%s", want, errOut)
			}
		}
		if !regexp.MustCompile(`(?m)^진행: 40개 중 \d+개\(\d+%\): 생성 \d+, 거부 0, 알 수 없음 0, 보내지 못함 0; 초당 [\d.]+개`).MatchString(errOut) {
			t.Errorf("no plain progress line in Korean:\n%s", errOut)
		}
		koreanLines(t, "the import", errOut)
		header, rows := readResults(t, strings.TrimSuffix(path, ".csv")+".results.csv")
		if strings.Join(header, ",") != "row,email,status,submissionId,error,images,image_error" || len(rows) != 40 || rows["7"][2] != "created" {
			t.Errorf("results file: %q, %d rows, row 7 %q", header, len(rows), rows["7"])
		}
		// --status says it in Korean too (on stdout, as a report).
		out, errOut, code := im.runIn("ko", path, "--status")
		if code != 0 || !strings.Contains(out, "send.csv 파일을 로컬 127.0.0.1:") || !strings.Contains(out, "  실행 1회, 마지막 실행 ") ||
			!strings.Contains(out, "  생성됨        40\n  서버가 거부함  0\n  알 수 없음     0\n  보내지 못함    0\n") || !strings.Contains(out, "  (한 번도 보내지 않은 행은 저널에 없습니다.") {
			t.Errorf("--status: exit %d\n%s%s", code, out, errOut)
		}
		koreanLines(t, "--status", out)
	})

	t.Run("a row the server refuses", func(t *testing.T) {
		path := writeFile(t, dir, "refused.csv", validRows(1)+
			"row2@example.com,Person 2,1990-01-02,approved,passport,KOR,"+sandbox.AdminInvalid+"\n")
		_, errOut, code := im.runIn("ko", path, "--yes")
		if code != 1 || !strings.Contains(errOut, "  서버가 거부함 1\n") {
			t.Fatalf("exit %d\n%s", code, errOut)
		}
		// The next step after the summary too.
		koreanLines(t, "the summary of a refusal", errOut)
	})

	t.Run("a mapping error", func(t *testing.T) {
		path := writeFile(t, dir, "map.csv", strings.Replace(validRows(2), "email,", "Emial,", 1))
		_, errOut, code := im.runIn("ko", path, "--dry-run")
		if code != 2 || !strings.Contains(errOut, `열 1개가 항목에 매핑되지 않았습니다: "Emial"(혹시 email 항목인가요?)`) {
			t.Fatalf("exit %d\n%s", code, errOut)
		}
		koreanLines(t, "the mapping error", errOut)
	})

	t.Run("an input error names its line", func(t *testing.T) {
		path := writeFile(t, dir, "quote.csv", validRows(2)+"\"row3@example.com,Person 3,1990-01-02,approved,passport,KOR,ops@acme.example\n")
		_, errOut, code := im.runIn("ko", path, "--yes")
		if code != 2 || !strings.Contains(errOut, "quote.csv 파일을 읽지 못했습니다: 4번째 줄: 이 줄에서 시작하는 따옴표가 닫히지 않습니다") {
			t.Fatalf("exit %d\n%s", code, errOut)
		}
		koreanLines(t, "the input error", errOut)
	})

	t.Run("the rejects file", func(t *testing.T) {
		path := writeFile(t, dir, "rejects.csv", validRows(2)+"row1@example.com,Again,1990-01-02,approved,passport,KOR,ops@acme.example\n")
		_, errOut, code := im.runIn("ko", path, "--dry-run")
		if code != 2 || !strings.Contains(errOut, "행 1개가 앞 행과 이메일 또는 사용자 ID가 중복됩니다. 아무것도 보내지 않았습니다.") {
			t.Fatalf("exit %d\n%s", code, errOut)
		}
		koreanLines(t, "the check", errOut)
		data, err := os.ReadFile(strings.TrimSuffix(path, ".csv") + ".rejects.csv")
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
		if err != nil || len(recs) != 2 {
			t.Fatalf("rejects file %q: %v", data, err)
		}
		if got := strings.Join(recs[0][7:], ","); got != "row,field,error,suggestion" {
			t.Errorf("rejects columns %q", got)
		}
		if got := recs[1][9]; got != "email: email 값 중복: 1행의 값과 같습니다. 첫 행만 가져옵니다. 둘 중 하나를 지우거나 서로 다른 값을 넣어 주십시오" {
			t.Errorf("the error cell %q", got)
		}
	})
}

// variable are the fields of --json that differ between any two runs: the
// ids the server gives, times, and where the run's journal and API are.
var variable = regexp.MustCompile(`"(submissionId|seconds|perSecond|journal|api)":("[^"]*"|[0-9.e+-]+)`)

// The --json lines and summary say the same, byte for byte, in every
// language: rows created, refused by the server, invalid and repeated,
// the summary's next step, and the one object of a --dry-run that a
// mapping or the input stops.
func TestImportJSONIsTheSameInEveryLanguage(t *testing.T) {
	rows := validRows(3) +
		"row4@example.com,Person 4,1990-01-02,approved,passport,KOR," + sandbox.AdminInvalid + "\n" +
		"row5@example.com,Person 5,1990-02-30,approved,passport,KOR,ops@acme.example\n" +
		"row1@example.com,Again,1990-01-02,approved,passport,KOR,ops@acme.example\n"
	dir := t.TempDir()
	cases := []struct {
		name, file, text string
		args             []string
		code             int
		has              string // in English, so that the comparison is of words, not of nothing
	}{
		{"send", "send.csv", rows, []string{"--yes", "--skip-invalid", "--concurrency", "1", "--rate", "0"}, 1,
			`"error":"The admin account was refused (HTTP 400 invalid_admin, field admin)"`},
		{"mapping", "map.csv", strings.Replace(rows, "email,", "Emial,", 1), []string{"--dry-run"}, 2,
			`"message":"mapping map.csv: 1 column is not mapped to a field: \"Emial\" (did you mean email?)`},
		{"input", "quote.csv", rows + "\"x\n", []string{"--dry-run"}, 2,
			`"message":"reading quote.csv: line 8: the quoted value that starts on this line never closes`},
		{"invalid rows", "invalid.csv", rows, []string{"--dry-run"}, 2,
			`"message":"1 row breaks a field rule and 1 row repeats an earlier row's email or user id; nothing was sent`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := writeFile(t, dir, c.file, c.text)
			out := map[string]string{}
			errs := map[string]string{}
			for _, lang := range []string{"en", "ko"} {
				// Each language runs with a state folder of its own, where
				// no journal names the other's results file: it would be
				// kept and written beside. Start each without one.
				_ = os.Remove(strings.TrimSuffix(path, ".csv") + ".results.csv")
				im := newImporter(t, startSandboxProc(t))
				stdout, stderr, code := im.runIn(lang, append([]string{path, "--json"}, c.args...)...)
				if code != c.code {
					t.Fatalf("%s: exit %d, want %d\n%s\n%s", lang, code, c.code, stdout, stderr)
				}
				// Rows' lines come as rows finish: a row settled at once
				// (invalid, a repeat) may pass one being sent. The order
				// is not the comparison's business.
				lines := strings.Split(strings.TrimSpace(stdout), "\n")
				slices.Sort(lines)
				out[lang] = variable.ReplaceAllString(strings.ReplaceAll(strings.Join(lines, "\n"), dir+string(filepath.Separator), ""), `"$1":_`)
				errs[lang] = stderr
			}
			if out["en"] != out["ko"] {
				t.Errorf("--json in Korean differs from English:\nen: %s\nko: %s", out["en"], out["ko"])
			}
			if !strings.Contains(out["en"], c.has) {
				t.Errorf("--json lacks %s:\n%s", c.has, out["en"])
			}
			if c.code == 2 {
				koreanLines(t, "the stderr of --json", errs["ko"])
			}
		})
	}
}
