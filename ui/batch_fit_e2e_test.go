package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
	"argos-migrate/ui/termtest"
)

// In a 60x20 terminal, with more refused rows than it has lines, the
// finished screen of the real binary keeps its header and its outcome on
// the terminal (an inline frame taller than the window would push them
// out of it), says how many refused rows it has no room for, and the
// next step; in both languages.
func TestImportFinishedScreenFitsInTmux(t *testing.T) {
	termtest.Require(t)
	bin := termtest.Build(t)
	sb := apitest.Sandbox(t, sandbox.Options{})
	var b strings.Builder
	b.WriteString("email,fullName,birthDate,kycStatus,idType,issuingCountry,admin\n")
	for i := 1; i <= 18; i++ {
		date := "1990-02-30" // refused by the check
		if i <= 3 {
			date = "1990-01-02"
		}
		fmt.Fprintf(&b, "row%d@example.com,Person %d,%s,approved,passport,KOR,ops@acme.example\n", i, i, date)
	}
	for _, tc := range []struct {
		lang                        string
		header, outcome, more, next string
		row12                       string
	}{
		{"en", "LOCAL  127.0.0.1:", "Done in ", " more: every refused row is in the rejects file", "Some rows were not imported", "› row 12"},
		{"ko", "로컬  127.0.0.1:", "완료(", "개 더 있음: 거부된 행은 모두 거부 목록 파일에 있습니다", "가져오지 못한 행이 있습니다", "› 12행"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "many.csv")
			if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
				t.Fatal(err)
			}
			p := termtest.Run(t, termtest.Options{Width: 60, Height: 20,
				Env: []string{"ARGOS_API_KEY=" + sandbox.Key, "ARGOS_API_URL=" + sb.URL, "ARGOS_LANG=" + tc.lang}},
				bin, "import", path, "--skip-invalid", "--yes")
			scr := p.WaitFor(tc.outcome, tc.more, tc.next)
			if !strings.Contains(scr, tc.header) || !strings.Contains(scr, "sand••••") {
				t.Errorf("the header scrolled out of the window:\n%s", scr)
			}
			for _, l := range strings.Split(scr, "\n") {
				if strings.Contains(l, tc.header) && strings.Index(scr, l) > strings.Index(scr, tc.outcome) {
					t.Errorf("the header is below the outcome:\n%s", scr)
				}
			}
			// The list scrolls: row 12, far below the rows shown at first.
			p.Keys("Down", "Down", "Down", "Down", "Down", "Down", "Down", "Down")
			if scr := p.WaitFor(tc.row12, "row12@example.com"); !strings.Contains(scr, tc.header) {
				t.Errorf("scrolling the list pushed the header out:\n%s", scr)
			}
			p.Keys("q")
			if code := p.Wait(); code != 1 {
				t.Errorf("exit %d, want 1 (rows refused)", code)
			}
		})
	}
}
