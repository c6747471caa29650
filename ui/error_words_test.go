package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"unicode"

	"github.com/charmbracelet/x/ansi"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/i18ntest"
)

// errorParagraphs splits an error screen into what failureView lays out:
// the title (with the fact behind it), the explanation, what it means for
// the record, and the next step (without its "Next:").
func errorParagraphs(t *testing.T, scr string) (title, explain, means, next string) {
	t.Helper()
	start := strings.Index(scr, "✗ ")
	if start < 0 {
		t.Fatalf("no title on the error screen:\n%s", scr)
	}
	var paras []string
	for _, p := range strings.Split(scr[start:], "\n\n") {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			paras = append(paras, p)
		}
	}
	if len(paras) < 4 {
		t.Fatalf("%d paragraphs on the error screen, want the title, the explanation, what it means and the next step:\n%s", len(paras), scr)
	}
	next, ok := strings.CutPrefix(paras[3], i18n.T("wizard.error.next")+" ")
	if !ok {
		t.Fatalf("the fourth paragraph is not the next step: %q\n%s", paras[3], scr)
	}
	return paras[0], paras[1], paras[2], next
}

// sharedRun is the longest run of words (letters and digits, case
// folded) two texts share, when it is at least n words long.
func sharedRun(a, b string, n int) string {
	words := func(s string) []string {
		return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' })
	}
	wa, wb := words(a), words(b)
	best := ""
	for i := range wa {
		for j := range wb {
			k := 0
			for i+k < len(wa) && j+k < len(wb) && wa[i+k] == wb[j+k] {
				k++
			}
			if k >= n && k > len(strings.Fields(best)) {
				best = strings.Join(wa[i:i+k], " ")
			}
		}
	}
	return best
}

// Each paragraph of an error screen adds something: the next step is an
// action, not the title, the explanation or what it means said again, and
// the explanation says more than the title. Every failure the policy knows
// is rendered (and both encryption settings tried, and the images'
// failures), in English and Korean; the next step may share no run of
// words with the paragraphs above it (four in English, three in Korean,
// whose words carry their particles).
func TestErrorScreenParagraphsEachAddSomething(t *testing.T) {
	builds := map[string]func(t *testing.T, w, h int) *model{"encryption-both-tried": bothSettingsTried}
	for name, err := range goldenErrors() {
		builds[name] = errorOf(err)
	}
	for _, g := range goldenImageScreens() {
		if strings.HasPrefix(g.name, "images-error-") {
			builds[g.name] = g.build
		}
	}
	for _, lang := range []i18n.Lang{i18n.EN, i18n.KO} {
		run := 4
		if lang == i18n.KO {
			run = 3
		}
		for name, build := range builds {
			t.Run(fmt.Sprintf("%s/%s", lang, name), func(t *testing.T) {
				i18ntest.Use(t, lang)
				// No line breaks a word at its hyphen (argos-/migrate,
				// --/encrypted): what is named there could not be copied.
				for _, size := range goldenSizes {
					for _, l := range strings.Split(plainScreen(build(t, size[0], size[1])), "\n") {
						if strings.HasSuffix(l, "-") {
							t.Errorf("%dx%d: a word broken at its hyphen: %q", size[0], size[1], l)
						}
					}
				}
				scr := plainScreen(build(t, 100, 30))
				title, explain, means, next := errorParagraphs(t, scr)
				for _, pair := range [][2]string{{explain, next}, {means, next}, {title, next}} {
					if r := sharedRun(pair[0], pair[1], run); r != "" {
						t.Errorf("%q is said twice:\n  %s\n  %s", r, pair[0], pair[1])
					}
				}
				// The explanation may name what the title names, but says
				// more than it.
				if r := sharedRun(title, explain, 1); len(strings.Fields(r)) == len(strings.Fields(sharedRun(explain, explain, 1))) {
					t.Errorf("the explanation only repeats the title:\n  %s\n  %s", title, explain)
				}
			})
		}
	}
}

// bothSettingsTried is the error screen once the record was refused sent
// plain, the setting switched with e, and refused sent encrypted.
func bothSettingsTried(t *testing.T, w, h int) *model {
	t.Helper()
	var enc bool
	refuse := func(_ context.Context, _ apiclient.Submission) (string, error) {
		hint := apiclient.EncryptionTurnOn
		if enc {
			hint = apiclient.EncryptionTurnOff
		}
		return "", &apiclient.APIError{Status: 400, Code: apiclient.CodeInvalidPayload, Message: "Invalid payload.", Encryption: hint}
	}
	target := goldenTarget()
	keys := KeyFuncs{SetEncrypted: func(_ context.Context, on bool) (Target, error) {
		enc = on
		t := target
		t.Encrypted = on
		return t, nil
	}}
	m := goldenModel(t, Deps{Submit: refuse, Initial: apitest.Sample(), Keys: keys, Target: target,
		Drafts: DraftOptions{StartAtReview: true}}, w, h)
	// Sent as the review's s sends once every section was seen (the
	// window may be too short to show them all at once).
	submit := func() {
		m.seq++
		m.setScreen(screenSubmitting)
		_, err := m.deps.Submit(context.Background(), *m.sub)
		send(t, m, submitDoneMsg{seq: m.seq, err: err})
	}
	submit()
	send(t, m, keyMsg("e"))
	if m.screen != screenReview || !m.target.Encrypted {
		t.Fatalf("e did not switch encryption on: screen %v", m.screen)
	}
	submit()
	if m.screen != screenError || !m.bothEncRefused() {
		t.Fatalf("screen %v, both refused %v:\n%s", m.screen, m.bothEncRefused(), ansi.Strip(m.render()))
	}
	return m
}
