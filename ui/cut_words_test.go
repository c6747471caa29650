package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/i18ntest"
)

// cutWord finds an ellipsis that ends or splits a word: "k…", "sections …"
// is fine, "section…" is not. Text left out is marked by an ellipsis that
// stands apart ("then …"); a path shortened from its start begins with one
// ("…/default.backup.json", "…x.backup.json"); either has a space or the
// line's start before it.
func cutWord(line string) bool {
	for i := strings.Index(line, "…"); i >= 0; {
		if i > 0 && line[i-1] != ' ' {
			return true
		}
		next := strings.Index(line[i+len("…"):], "…")
		if next < 0 {
			break
		}
		i += len("…") + next
	}
	return false
}

func TestCutWord(t *testing.T) {
	for line, want := range map[string]bool{
		"↑ more above (sections 1-3) · ↓ more below (sections 5 an…":      true,
		"The previous draft was k… …/default@sandbox.draft.backup-x.json": true,
		"Previous draft kept: …/default@sandbox.draft.backup-x.json":      false,
		"Previous draft kept: …x.draft.backup-x.json":                     false,
		"✓ Ready. Look at sections 4-6 (↓), then …":                       false,
		"s submit • pgdn more • q quit …":                                 false,
		"…/a.json":                                                        false,
	} {
		if got := cutWord(line); got != want {
			t.Errorf("cutWord(%q) = %v, want %v", line, got, want)
		}
	}
}

// No hint or status line of the review ends in a word cut in two, at 60,
// 80 and 100 columns, in English and Korean: the scroll line takes a short
// form written for narrow windows, a note its short form on later screens,
// a status too long for its lines is cut after a whole word. The review's
// rows are left out of the check: a value too long for its column keeps its
// start and end on purpose, and the line under the list shows it in full.
func TestReviewHintsNeverCutAWord(t *testing.T) {
	rec := apitest.Sample()
	rec.AddressStreet = "street 1-10, a very long building name and apartment complex number 42"
	rec.AddressFull = "street 1-10, a very long building name and apartment complex, Springfield, Ohio, United States of America, postal code 45501-0000"
	path := "/home/support-agent-with-a-long-name/.local/state/argos-migrate/default@sandbox.draft.backup-20261201T183646Z.json"
	for _, lang := range []i18n.Lang{i18n.EN, i18n.KO} {
		for _, size := range [][2]int{{60, 20}, {80, 24}, {100, 30}} {
			// A note with its short form, and one without (it gives way
			// before its path, whole words).
			for _, short := range []bool{true, false} {
				t.Run(fmt.Sprintf("%s/%dx%d/short=%v", lang, size[0], size[1], short), func(t *testing.T) {
					i18ntest.Use(t, lang)
					long := i18n.T("drafts.wizard.backed_up", path)
					shorts := map[string]string{long: i18n.T("drafts.wizard.backed_up_short", path)}
					if !short {
						shorts = nil
					}
					m := newModel(context.Background(), Deps{Submit: failSubmit, Now: fixedNow, Initial: rec,
						Drafts: DraftOptions{StartAtReview: true, Notices: []string{long}, ShortNotices: shorts}})
					m.Init()
					send(t, m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
					check := func(when string) {
						t.Helper()
						rows := map[string]bool{}
						for _, l := range m.layoutReviewList().lines {
							rows[strings.TrimSpace(ansi.Strip(l))] = true
						}
						for _, l := range strings.Split(ansi.Strip(m.render()), "\n") {
							l = strings.TrimRight(l, " ")
							if !rows[strings.TrimSpace(l)] && cutWord(l) {
								t.Errorf("%s: a word cut in two: %q", when, l)
							}
						}
					}
					walk := func(when string) {
						t.Helper()
						for i := range apiclient.AllKeys() {
							check(when + ", row " + apiclient.AllKeys()[i])
							send(t, m, keyMsg("down"))
						}
						for range apiclient.AllKeys() {
							send(t, m, keyMsg("up"))
						}
					}
					check("first screen")
					// s before every section was seen: the status names them.
					if len(m.unseenPages()) > 0 {
						send(t, m, keyMsg("s"))
						check("s with sections not seen")
					}
					walk("the note in full")
					// Another screen and back: the note in short.
					send(t, m, keyMsg("e"))
					if m.screen == screenReview {
						t.Fatal("e did not leave the review")
					}
					check("editing, the note in short")
					send(t, m, tea.KeyPressMsg{Code: 'r', Mod: tea.ModCtrl})
					walk("the note in short")
				})
			}
		}
	}
}
