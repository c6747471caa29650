package ui

import (
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/i18ntest"
	"argos-migrate/apiclient/sandbox"
	"argos-migrate/ui/termtest"
)

// koreanPane runs `argos-migrate --sandbox` in tmux the way a Korean
// operator's terminal does: LANG=ko_KR.UTF-8 and nothing else choosing the
// language (termtest's ARGOS_LANG=en is emptied, LC_ALL and LC_MESSAGES
// unset), ambiguous-width marks drawn narrow. env is added last.
func koreanPane(tb testing.TB, bin string, width, height int, env []string, flags ...string) *termtest.Pane {
	tb.Helper()
	return termtest.Run(tb, termtest.Options{Width: width, Height: height,
		Env:   append([]string{"LANG=ko_KR.UTF-8", "ARGOS_LANG="}, env...),
		Unset: []string{"ARGOS_API_KEY", "LC_ALL", "LC_MESSAGES", "LC_CTYPE"}},
		append([]string{bin, "--sandbox"}, flags...)...)
}

// English words of the wizard's screens that a Korean run must not show.
// (The form's own words, page titles and option names are forms' and
// apiclient's: see the note in TestKoreanWizardInTmux.)
var wizardEnglish = []string{"Fill in › Review", "Ready.", "Press s", "Next:", "Submission created", "Submission id",
	"The admin account was refused", "back to review", " quit", "move", "edit field",
	"Admin  1/6", "enter next", "Driver's license", "Approved", "South Korea", "not given"}

// LANG=ko_KR.UTF-8 argos-migrate --sandbox speaks Korean through a whole
// record: the form, the review, the invalid admin refused and explained,
// the fix with f, the record created and its id on stdout.
//
// The form's own words are Korean too: its page title, its key help and
// the options a select shows ("운전면허증 (drivers_license)" on the review).
func TestKoreanWizardInTmux(t *testing.T) {
	termtest.Require(t)
	bin := termtest.Build(t)
	i18ntest.Use(t, i18n.KO) // the labels the test waits for, as the program says them
	rec := apitest.Sample()
	bad := rec
	bad.Admin = sandbox.AdminInvalid

	s := koreanPane(t, bin, 100, 30, nil)
	scr := s.WaitFor("샌드박스", "┃ "+apiclient.Label(apiclient.FieldAdmin), "관리자  1/6", "입력 › 검토 › 제출 › 완료", "ctrl+c 종료")
	noEnglish(t, "the form's frame", scr)
	s.Fill(bad)
	scr = s.WaitFor("✓ s를 누르면 샌드박스에 제출합니다.", "홍길동", "••••••-•••••••", "운전면허증 (drivers_license)", "KOR (대한민국)",
		apiclient.Label(apiclient.FieldIdentityNumber), "s 제출", "q 종료")
	noEnglish(t, "the review", scr)

	s.Keys("s")
	scr = s.WaitFor("✗ 관리자 계정이 거부되었습니다", "다음 단계: f를 누르면 관리자 계정 항목으로 이동합니다", "f 관리자 계정 수정", "레코드가 생성되지 않았습니다")
	noEnglish(t, "the error screen", scr)

	s.Keys("f")
	s.WaitFor("┃ "+apiclient.Label(apiclient.FieldAdmin), "Invalid admin.", "ctrl+c 종료")
	s.Keys("C-u")
	s.Type(rec.Admin)
	s.Keys("Enter")
	scr = s.WaitFor("✓ s를 누르면", rec.Admin)
	noEnglish(t, "the review after the fix", scr)
	s.Keys("s")
	scr = s.WaitFor("✓ 제출이 생성되었습니다", "제출 ID: ", "종료하면 표준 출력에도 출력됩니다.", "n 새 레코드")
	noEnglish(t, "the result", scr)
	id := idPattern.FindString(scr)
	s.Keys("q")
	if out := s.Stdout(); id == "" || out != id+"\n" {
		t.Fatalf("stdout = %q, want the id on the screen (%q)", out, id)
	}
}

// noEnglish fails when screen shows one of the wizard's English words.
func noEnglish(t *testing.T, what, screen string) {
	t.Helper()
	for _, w := range wizardEnglish {
		if strings.Contains(screen, w) {
			t.Errorf("%s shows %q in a Korean run:\n%s", what, w, screen)
		}
	}
}

// LANG=C, and --lang en whatever the locale, speak English.
func TestEnglishWizardInTmux(t *testing.T) {
	termtest.Require(t)
	bin := termtest.Build(t)
	for name, run := range map[string]func() *termtest.Pane{
		"LANG=C": func() *termtest.Pane { return koreanPane(t, bin, 80, 24, []string{"LANG=C"}) },
		"--lang en": func() *termtest.Pane {
			return koreanPane(t, bin, 80, 24, nil, "--lang", "en")
		},
	} {
		t.Run(name, func(t *testing.T) {
			s := run()
			scr := s.WaitFor("SANDBOX", "┃ Admin account", "Fill in › Review › Submit › Done", "ctrl+c quit")
			if strings.ContainsFunc(scr, func(r rune) bool { return r >= '가' && r <= '힣' }) {
				t.Fatalf("Hangul on an English run's first screen:\n%s", scr)
			}
			s.Keys("C-c")
			s.Wait()
		})
	}
}

// An input method shows the syllable it composes at the terminal's cursor:
// in tmux, after typing 홍길동 into the name field, the pane's cursor is
// six cells on, right after the text, on the field's line (not at the
// bottom left, where Bubble Tea leaves a hidden cursor).
func TestCursorAtTheCaretInTmux(t *testing.T) {
	termtest.Require(t)
	bin := termtest.Build(t)
	i18ntest.Use(t, i18n.KO)
	s := koreanPane(t, bin, 100, 30, nil)
	s.WaitFor("┃ " + apiclient.Label(apiclient.FieldAdmin))
	s.Type("admin@sample.com")
	s.Keys("Enter")
	s.WaitFor("┃ " + apiclient.Label(apiclient.FieldFullName))
	x0, y0, _ := paneCursor(t, s)
	s.Type("홍길동")
	termtest.WaitFor(t, func() string {
		x, y, before := paneCursor(t, s)
		return strconv.Itoa(x-x0) + "," + strconv.Itoa(y-y0) + " " + before
	}, "6,0 ", "> 홍길동")
	if on := s.Display("#{cursor_flag}"); on != "1" {
		t.Fatalf("the cursor is hidden (cursor_flag %q) on a text field", on)
	}
	// The review takes no text: the cursor is hidden there.
	s.Keys("C-r")
	s.WaitFor("1-6 " + i18n.T("wizard.keys.edit_page"))
	termtest.WaitFor(t, func() string { return "cursor_flag=" + s.Display("#{cursor_flag}") }, "cursor_flag=0")
}

// paneCursor is the pane's cursor and the text of its line before it.
func paneCursor(t *testing.T, s *termtest.Pane) (x, y int, before string) {
	t.Helper()
	xy := strings.Split(s.Display("#{cursor_x},#{cursor_y}"), ",")
	if len(xy) != 2 {
		t.Fatalf("tmux said %q for the cursor", xy)
	}
	x, _ = strconv.Atoi(xy[0])
	y, _ = strconv.Atoi(xy[1])
	lines := strings.Split(s.Screen(), "\n")
	if y < len(lines) {
		before = ansi.Truncate(lines[y], x, "")
	}
	return x, y, before
}

// A Korean locale alone (no RUNEWIDTH_EASTASIAN) is taken for a terminal
// that draws ambiguous-width marks two cells wide: the wizard draws the
// ASCII set, its bar and masks included; --ascii does the same anywhere.
func TestASCIIMarksInTmux(t *testing.T) {
	termtest.Require(t)
	bin := termtest.Build(t)
	i18ntest.Use(t, i18n.KO)
	for name, run := range map[string]func() *termtest.Pane{
		"LANG=ko_KR.UTF-8": func() *termtest.Pane { return koreanPane(t, bin, 80, 24, []string{"RUNEWIDTH_EASTASIAN="}) },
		"--ascii":          func() *termtest.Pane { return koreanPane(t, bin, 80, 24, []string{"LANG=C"}, "--ascii") },
	} {
		t.Run(name, func(t *testing.T) {
			s := run()
			label := apiclient.Label(apiclient.FieldAdmin)
			if name == "--ascii" {
				label = apiclient.LabelIn(i18n.EN, apiclient.FieldAdmin)
			}
			scr := s.WaitFor("| "+label, "sand****", "ctrl+c ")
			if strings.ContainsAny(scr, "┃•…·→←↑↓") {
				t.Fatalf("a mark of ambiguous width on an ASCII screen:\n%s", scr)
			}
			s.Keys("C-c")
			s.Wait()
		})
	}
}
