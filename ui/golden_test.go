package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/glyphs"
	"argos-migrate/apiclient/i18n/i18ntest"
	"argos-migrate/apiclient/sandbox"
	"argos-migrate/forms/draft"
)

// The golden screens pin what every screen of the wizard looks like at
// 80x24 and 100x30 (text, without colours), so that a change to any of
// them is seen in review: a deliberate one-character change fails here.
// `go test ./ui -run TestGoldenScreens -update` writes them again; look at
// the diff before committing it. Everything on them is fixed: the clock,
// the target's URL, the submission ids.

// goldenTarget is the header of every golden screen but the LIVE one, its
// key masked as the caller masks it (with the run's glyphs).
func goldenTarget() Target {
	return Target{URL: "http://127.0.0.1:41237", Sandbox: true, MaskedKey: apiclient.MaskKey(sandbox.Key), KeySource: KeySourceSandbox}
}

// goldenSizes are the sizes every screen is pinned at.
var goldenSizes = [][2]int{{80, 24}, {100, 30}}

// goldenScreen is one screen to pin: how to build the model that shows it.
type goldenScreen struct {
	name  string
	sizes [][2]int // goldenSizes when nil
	build func(t *testing.T, w, h int) *model
}

func TestGoldenScreens(t *testing.T) {
	i18ntest.NoMissing(t)
	pinScreens(t, goldenScreens())
}

// The same screens in Korean (testdata/TestGoldenScreensKorean): the
// words, and the layout with two-cell Hangul labels and values.
func TestGoldenScreensKorean(t *testing.T) {
	i18ntest.NoMissing(t)
	i18ntest.Use(t, i18n.KO)
	pinScreens(t, goldenScreens())
}

// The review with the ASCII glyph set (--ascii, or a terminal that draws
// ambiguous-width marks wide): nothing on it but ASCII and Hangul, in both
// languages.
func TestGoldenScreensASCII(t *testing.T) {
	useGlyphs(t, glyphs.ASCII)
	review := func(t *testing.T, w, h int) *model { return reviewOf(t, apitest.Sample(), w, h) }
	invalid := func(t *testing.T, w, h int) *model {
		rec := apitest.Sample()
		rec.BirthDate, rec.KYCStatus, rec.Nationality = "2002-02-30", "", "UK"
		return reviewOf(t, rec, w, h)
	}
	screens := []goldenScreen{
		{name: "review", sizes: [][2]int{{80, 24}}, build: review},
		{name: "review-narrow", sizes: [][2]int{{60, 20}}, build: review},
		{name: "review-invalid", sizes: [][2]int{{80, 24}}, build: invalid},
	}
	t.Run("en", func(t *testing.T) { pinScreens(t, screens) })
	t.Run("ko", func(t *testing.T) {
		i18ntest.Use(t, i18n.KO)
		pinScreens(t, screens)
	})
}

// useGlyphs draws with set for the rest of the test.
func useGlyphs(tb testing.TB, set glyphs.Set) {
	prev := glyphs.Current()
	glyphs.Use(set)
	tb.Cleanup(func() { glyphs.Use(prev) })
}

// pinScreens compares each screen at each of its sizes with its golden file.
func pinScreens(t *testing.T, screens []goldenScreen) {
	t.Helper()
	for _, g := range screens {
		sizes := g.sizes
		if sizes == nil {
			sizes = goldenSizes
		}
		for _, size := range sizes {
			t.Run(fmt.Sprintf("%s/%dx%d", g.name, size[0], size[1]), func(t *testing.T) {
				m := g.build(t, size[0], size[1])
				golden.RequireEqual(t, plainScreen(m))
			})
		}
	}
}

// plainScreen is the frame as text, each line without trailing spaces.
// A frame never holds a control character (a NUL a widget padded with, an
// escape code from a value): the terminal would be sent it.
func plainScreen(m *model) string {
	plain := ansi.Strip(m.render())
	if i := strings.IndexFunc(plain, func(r rune) bool { return r != '\n' && unicode.IsControl(r) }); i >= 0 {
		panic(fmt.Sprintf("the frame holds the control character %U at byte %d", []rune(plain[i:])[0], i))
	}
	lines := strings.Split(plain, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n") + "\n"
}

// goldenModel is a wizard of the given size with the fixed clock and
// target; nothing in it reaches the network.
func goldenModel(t *testing.T, d Deps, w, h int) *model {
	t.Helper()
	if d.Submit == nil {
		d.Submit = failSubmit
	}
	if d.Attach == nil {
		d.Attach = failAttach
	}
	if d.Now == nil {
		d.Now = fixedNow
	}
	if d.Target.URL == "" {
		d.Target = goldenTarget()
	}
	m := newModel(context.Background(), d)
	send(t, m, m.Init()())
	send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

// reviewOf is the review of rec.
func reviewOf(t *testing.T, rec apiclient.Submission, w, h int) *model {
	return goldenModel(t, Deps{Initial: rec, Drafts: DraftOptions{StartAtReview: true}}, w, h)
}

// errorOf is the error screen for a failed submit of the sample record.
func errorOf(err error) func(t *testing.T, w, h int) *model {
	return func(t *testing.T, w, h int) *model {
		m := reviewOf(t, apitest.Sample(), w, h)
		m.seq++
		m.setScreen(screenSubmitting)
		send(t, m, submitDoneMsg{seq: m.seq, err: err})
		if m.screen != screenError {
			t.Fatalf("screen %v, want the error screen", m.screen)
		}
		return m
	}
}

// goldenErrors are failures of every reason the failure policy knows.
func goldenErrors() map[string]error {
	api := func(status int, code, msg, field string) error {
		return &apiclient.APIError{Status: status, Code: code, Message: msg, Field: field}
	}
	host := "sending to 127.0.0.1:41237"
	return map[string]error{
		"invalid-payload":   api(400, apiclient.CodeInvalidPayload, "Invalid payload.", ""),
		"encryption":        &apiclient.APIError{Status: 400, Code: apiclient.CodeInvalidPayload, Message: "Invalid payload.", Encryption: apiclient.EncryptionTurnOn},
		"missing-data":      api(400, apiclient.CodeMissingData, "Required input data is missing.", ""),
		"invalid-project":   api(400, apiclient.CodeInvalidProject, "Invalid project.", ""),
		"invalid-admin":     api(400, apiclient.CodeInvalidAdmin, "Invalid admin.", ""),
		"invalid-parameter": api(400, apiclient.CodeInvalidParameter, "invalid parameter: nickname", "nickname"),
		"invalid-format":    api(400, apiclient.CodeInvalidFormat, "invalid format: birthDate", "birthDate"),
		"processing-error":  api(400, apiclient.CodeProcessingError, "Processing error.", ""),
		"key-refused":       api(403, "", "Forbidden", ""),
		"wrong-url":         api(403, "", "Missing Authentication Token", ""),
		"decrypt":           &apiclient.APIError{Status: 400, Message: "could not decrypt: check the API key", Err: apiclient.ErrDecrypt},
		"too-large":         api(413, "", "Request Entity Too Large", ""),
		"rate-limited":      api(429, "", "Too Many Requests", ""),
		"server-failed":     api(502, "", "unreadable answer: <html><body><h1>502 Bad Gateway</h1></body></html>", ""),
		"unreadable":        api(200, "", "success status without a submissionId: empty body", ""),
		"refused":           api(418, "teapot", "short and stout", ""),
		"unreachable":       &apiclient.TransportError{Op: host, Err: errors.New("dial tcp 127.0.0.1:41237: connect: connection refused")},
		"no-answer": &apiclient.TransportError{Op: host, Sent: true,
			Err: fmt.Errorf("no answer within 30s: %w", context.DeadlineExceeded)},
		"cancelled":  &apiclient.TransportError{Op: host, Sent: true, Err: fmt.Errorf("cancelled: %w", context.Canceled)},
		"unexpected": errors.New("the record could not be encoded"),
	}
}

func goldenScreens() []goldenScreen {
	sample := apitest.Sample()
	screens := []goldenScreen{
		{name: "form-first-page", build: func(t *testing.T, w, h int) *model {
			return goldenModel(t, Deps{}, w, h)
		}},
		{name: "form-refused-email", build: func(t *testing.T, w, h int) *model {
			m := goldenModel(t, Deps{Initial: apiclient.Submission{Admin: "admin@sample.com", FullName: "홍길동", Email: "bad@"}}, w, h)
			m.editField(apiclient.FieldEmail)
			send(t, m, keyMsg("enter"))
			return m
		}},
		{name: "form-country-picker", build: func(t *testing.T, w, h int) *model {
			m := goldenModel(t, Deps{Initial: sample}, w, h)
			m.editAt(apiclient.FieldNationality)
			send(t, m, keyMsg("u"), keyMsg("k"))
			return m
		}},
		{name: "form-date", build: func(t *testing.T, w, h int) *model {
			m := goldenModel(t, Deps{Initial: sample}, w, h)
			m.editField(apiclient.FieldBirthDate)
			return m
		}},
		{name: "review", build: func(t *testing.T, w, h int) *model { return reviewOf(t, sample, w, h) }},
		{name: "review-narrow", sizes: [][2]int{{60, 20}}, build: func(t *testing.T, w, h int) *model { return reviewOf(t, sample, w, h) }},
		{name: "review-invalid", build: func(t *testing.T, w, h int) *model {
			rec := sample
			rec.BirthDate, rec.KYCStatus, rec.Nationality = "2002-02-30", "", "UK"
			return reviewOf(t, rec, w, h)
		}},
		{name: "submitting", build: func(t *testing.T, w, h int) *model {
			m := reviewOf(t, sample, w, h)
			m.seq++
			m.setScreen(screenSubmitting)
			return m
		}},
		{name: "result", build: func(t *testing.T, w, h int) *model {
			m := reviewOf(t, sample, w, h)
			m.seq++
			m.setScreen(screenSubmitting)
			send(t, m, submitDoneMsg{seq: m.seq, id: "sbx0123456789ab_mg"})
			return m
		}},
		{name: "resume-rejected", build: func(t *testing.T, w, h int) *model {
			return goldenModel(t, Deps{Drafts: DraftOptions{Store: &memDrafts{}, Profile: "default", Found: &draft.Draft{
				Submission: sample, SavedAt: time.Date(2026, 11, 24, 14, 2, 0, 0, time.UTC), Profile: "default", APIURL: goldenTarget().URL,
				Outcome: draft.Outcome{Kind: draft.OutcomeRejected, Status: 400, Code: "invalid_admin", Field: "admin", Message: "HTTP 400 invalid_admin: Invalid admin."}}}}, w, h)
		}},
		{name: "resume-unknown", build: func(t *testing.T, w, h int) *model {
			m := goldenModel(t, Deps{Drafts: DraftOptions{Store: &memDrafts{}, Profile: "default", Found: &draft.Draft{
				Submission: sample, SavedAt: time.Date(2026, 11, 25, 11, 40, 0, 0, time.UTC), Profile: "default", APIURL: goldenTarget().URL,
				Outcome: draft.Outcome{Kind: draft.OutcomeUnknown, Message: "the wizard ended while the record was being sent"}}}}, w, h)
			send(t, m, keyMsg("d"))
			return m
		}},
		{name: "lookup-found", build: func(t *testing.T, w, h int) *model {
			return lookupScreen(t, w, h, []apiclient.FoundSubmission{{ID: "sbx00aa11bb22cc_mg", Email: sample.Email, UserID: sample.UserID, CreatedAt: fixedNow().Add(-20 * time.Minute)}}, nil)
		}},
		{name: "lookup-none", build: func(t *testing.T, w, h int) *model { return lookupScreen(t, w, h, nil, nil) }},
		{name: "lookup-someone-else", build: func(t *testing.T, w, h int) *model {
			return lookupScreen(t, w, h, []apiclient.FoundSubmission{{ID: "sbx99ff88ee77dd_mg", Email: "someone.else@example.com", CreatedAt: fixedNow().Add(-3 * time.Hour)}}, nil)
		}},
		{name: "lookup-several", build: func(t *testing.T, w, h int) *model {
			return lookupScreen(t, w, h, []apiclient.FoundSubmission{
				{ID: "sbx00aa11bb22cc_mg", Email: sample.Email, UserID: sample.UserID, CreatedAt: fixedNow().Add(-20 * time.Minute)},
				{ID: "sbx33dd44ee55ff_mg", Email: sample.Email, UserID: sample.UserID, CreatedAt: fixedNow().Add(-2 * time.Hour)},
			}, nil)
		}},
		{name: "lookup-failed", build: func(t *testing.T, w, h int) *model {
			return lookupScreen(t, w, h, nil, fmt.Errorf("%w (HTTP 404: Not Found)", apiclient.ErrLookupUnsupported))
		}},
		{name: "key", build: func(t *testing.T, w, h int) *model {
			keys := KeyFuncs{Check: func(context.Context, string) error { return nil },
				UseForSession: func(context.Context, string) (Target, error) { return Target{}, nil }}
			return goldenModel(t, Deps{NeedKey: true, Keys: keys,
				Target: Target{URL: "https://rest-api.argosidentity.com", Profile: "acme"}}, w, h)
		}},
		{name: "live-review", build: func(t *testing.T, w, h int) *model {
			return goldenModel(t, Deps{Initial: sample, Drafts: DraftOptions{StartAtReview: true, Unencrypted: true},
				Target: Target{URL: "https://rest-api.argosidentity.com", Profile: "acme", MaskedKey: apiclient.MaskKey("k3y0-live-key-for-golden"), KeySource: "keyring"}}, w, h)
		}},
		{name: "too-small", sizes: [][2]int{{50, 15}, {59, 19}}, build: func(t *testing.T, w, h int) *model {
			return reviewOf(t, sample, w, h)
		}},
	}
	for name, err := range goldenErrors() {
		screens = append(screens, goldenScreen{name: "error-" + name, build: errorOf(err)})
	}
	screens = append(screens, goldenScreen{name: "error-encryption-both-tried", build: bothSettingsTried})
	return append(screens, goldenImageScreens()...)
}

// lookupScreen is the duplicate check after a submit whose outcome is
// unknown, with what the lookup answered.
func lookupScreen(t *testing.T, w, h int, found []apiclient.FoundSubmission, err error) *model {
	t.Helper()
	m := goldenModel(t, Deps{Initial: apitest.Sample(), Drafts: DraftOptions{StartAtReview: true}}, w, h)
	m.mayExist = true
	m.lk.seq++
	m.setScreen(screenLookup)
	send(t, m, lookupDoneMsg{seq: m.lk.seq, match: apiclient.MatchFound(*m.sub, found), err: err})
	return m
}

// The lock question, asked before the wizard starts, pinned the same way.
func TestGoldenLockQuestion(t *testing.T) { pinLockQuestion(t) }

// The lock question in Korean.
func TestGoldenLockQuestionKorean(t *testing.T) {
	i18ntest.NoMissing(t)
	i18ntest.Use(t, i18n.KO)
	pinLockQuestion(t)
}

func pinLockQuestion(t *testing.T) {
	for _, size := range goldenSizes {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			l := newLockModel(LockQuestion{Target: goldenTarget(), Profile: "default", Holder: "process 4242"})
			l.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			lines := strings.Split(ansi.Strip(l.View().Content), "\n")
			for i, s := range lines {
				lines[i] = strings.TrimRight(s, " ")
				if w := ansi.StringWidth(lines[i]); w > size[0] {
					t.Errorf("line %d is %d cells wide", i, w)
				}
			}
			golden.RequireEqual(t, strings.Join(lines, "\n")+"\n")
		})
	}
}

// Every screen keeps its quit key in the footer at 80 and at 60 columns,
// and draws no line wider than the window: in English and in Korean (two
// cells a syllable), with the Unicode and the ASCII glyph sets.
func TestEveryScreenShowsQuit(t *testing.T) {
	for _, lang := range i18n.Langs {
		for _, set := range []glyphs.Set{glyphs.Unicode, glyphs.ASCII} {
			t.Run(fmt.Sprintf("%s/ascii=%v", lang, set.ASCII), func(t *testing.T) {
				i18ntest.Use(t, lang)
				useGlyphs(t, set)
				quit := i18n.T("wizard.keys.quit")
				for _, g := range goldenScreens() {
					if g.name == "too-small" {
						continue
					}
					for _, size := range [][2]int{{80, 24}, {60, 20}, {100, 30}} {
						m := g.build(t, size[0], size[1])
						lines := strings.Split(plainScreen(m), "\n")
						footer := lines[len(lines)-2]
						if !strings.Contains(footer, "ctrl+c "+quit) && !strings.Contains(footer, "q "+quit) {
							t.Errorf("%s at %dx%d: no quit in the footer %q", g.name, size[0], size[1], footer)
						}
						// The form's fields draw marks of their own, in
						// the body and in the keys they add to the footer
						// (forms: the country list's "·", the date's
						// hints and "←/→", "choose one…"), left to forms'
						// words: the check covers the other screens and
						// the form's header.
						formFields := strings.HasPrefix(g.name, "form-")
						for i, l := range lines {
							if ansi.StringWidth(l) > size[0] {
								t.Errorf("%s at %dx%d: line %d is %d cells wide", g.name, size[0], size[1], i, ansi.StringWidth(l))
							}
							if formFields && i >= headerLines {
								continue
							}
							if set.ASCII && strings.ContainsAny(l, "•…·┃─—→←↑↓×╭╮╰╯│") {
								t.Errorf("%s at %dx%d with --ascii: line %d holds a mark of ambiguous width: %q", g.name, size[0], size[1], i, l)
							}
						}
						if len(lines)-1 > size[1] {
							t.Errorf("%s at %dx%d: %d lines", g.name, size[0], size[1], len(lines)-1)
						}
					}
				}
			})
		}
	}
}

// The README's capture of the review is the pinned screen, line for line.
func TestReadmeReviewCaptureIsTheGolden(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("testdata", "TestGoldenScreens", "review", "100x30.golden"))
	if err != nil {
		t.Fatal(err)
	}
	const intro = "The review of the vendor's sample record at 100×30"
	i := strings.Index(string(readme), intro)
	if i < 0 {
		t.Fatalf("the README has no %q", intro)
	}
	lines := strings.Split(string(readme[i:]), "\n")
	// The capture is the indented block after the intro's paragraph.
	for len(lines) > 0 && lines[0] != "" {
		lines = lines[1:]
	}
	var got []string
	for _, l := range lines[1:] {
		if l != "" && !strings.HasPrefix(l, "    ") {
			break
		}
		got = append(got, strings.TrimPrefix(l, "    "))
	}
	trim := func(s []string) string {
		return strings.TrimRight(strings.Join(s, "\n"), "\n")
	}
	if g, w := trim(got), strings.TrimRight(string(want), "\n"); g != w {
		t.Fatalf("the README's review capture is not the golden screen (update the README from ui/testdata/TestGoldenScreens/review/100x30.golden):\nREADME:\n%s\n\ngolden:\n%s", g, w)
	}
}
