package cmd

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/i18ntest"
)

// In Korean, auth status says each profile's lines in Korean with their
// values in one column, measured in cells (a Korean label is two a
// character).
func TestStatusInKoreanKeepsItsColumns(t *testing.T) {
	i18ntest.NoMissing(t)
	i18ntest.Use(t, i18n.KO)
	te := newTestEnv(t, nil, "")
	if err := te.f.Keyring().Set(context.Background(), "default", "dflt-key-0123456789"); err != nil {
		t.Fatal(err)
	}
	if err := statusRun(context.Background(), &StatusOptions{Factory: te.f, Globals: te.g}); err != nil {
		t.Fatal(err)
	}
	out := te.out.String()
	var cols []int
	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "  ") {
			continue
		}
		i := strings.Index(line, ":") + 1
		value := strings.TrimLeft(line[i:], " ")
		cols = append(cols, ansi.StringWidth(line[:len(line)-len(value)]))
	}
	if len(cols) != 2 || cols[0] != cols[1] {
		t.Errorf("the values do not start in one column (%v):\n%s", cols, out)
	}
	for _, want := range []string{"default (선택됨)", "  키:", "dflt••••, OS 키링에 있음", "OS 키링: 응답함"} {
		if !strings.Contains(out, want) {
			t.Errorf("status lacks %q:\n%s", want, out)
		}
	}
}

// writeColumns aligns by cells, whatever the script.
func TestColumnsAlignInCells(t *testing.T) {
	var b bytes.Buffer
	writeColumns(&b, "  ", 2, [][]string{{"어제 14:02", "백업", "/a"}, {"2026-03-01 14:02", "읽을 수 없음", "/b"}, {"Mon 09:00", "backup", "/c"}})
	var at []int
	for _, line := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
		at = append(at, ansi.StringWidth(line[:strings.Index(line, "/")]))
	}
	if at[0] != at[1] || at[1] != at[2] {
		t.Errorf("the last column starts at cells %v:\n%s", at, b.String())
	}
}

// A flag cobra cannot parse is said in Korean where it is printed, and in
// the catalog's English as a Go error.
func TestFlagErrorsInKorean(t *testing.T) {
	i18ntest.NoMissing(t)
	i18ntest.Use(t, i18n.KO)
	for args, want := range map[string]string{
		"submit --fiel x":          "알 수 없는 옵션입니다: --fiel",
		"submit -x":                "알 수 없는 옵션입니다: -x의 -x",
		"submit --file":            "옵션에 값이 필요합니다: --file",
		"submit --timeout soon -f": "--timeout 옵션에는 30s, 2m, 1h30m 같은 시간 길이를 적어 주십시오. \"soon\" 값은 쓸 수 없습니다",
		"--lang fr":                "\"fr\"",
		"auth status extra":        "알 수 없는 명령입니다: \"extra\"",
		"config get":               "인수 1개를 받는데, 0개가 주어졌습니다",
		// The import's own flag errors: catalog messages kept as errors,
		// not flattened to their English.
		"import x.csv --encoding foo":  "--encoding: \"foo\" 인코딩은 지원하지 않습니다",
		"import x.csv --map bad":       "--map \"bad\": \"COLUMN=field\" 형식으로 써 주십시오",
		"import x.csv --set bad":       "--set \"bad\": \"field=value\" 형식으로 써 주십시오",
		"import x.csv --mapping /none": "--mapping: 매핑 파일을 읽지 못했습니다",
	} {
		f, _, _ := testFactory(t, nil)
		root := NewCmdRoot(f, nil)
		root.SetArgs(strings.Fields(args))
		root.SilenceErrors, root.SilenceUsage = true, true
		err := root.Execute()
		if !errors.Is(err, ErrUsage) {
			t.Errorf("%s: %v, want a usage error", args, err)
			continue
		}
		if got := i18n.Text(err); !strings.Contains(got, want) {
			t.Errorf("%s: Text = %q, want %q in it", args, got, want)
		}
		if strings.ContainsFunc(err.Error(), func(r rune) bool { return r >= 0xac00 && r <= 0xd7a3 }) {
			t.Errorf("%s: Error() is not English: %q", args, err.Error())
		}
	}
}

// The offer to save a record takes no in either language.
func TestTheOfferTakesNoInEitherLanguage(t *testing.T) {
	for a, want := range map[string]bool{"n": true, "No": true, "아니오": true, "아니요": true, "예": false, "y": false, "": false} {
		if isNo(a) != want {
			t.Errorf("isNo(%q) = %v", a, !want)
		}
	}
}
