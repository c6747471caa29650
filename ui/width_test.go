package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/i18ntest"
	"argos-migrate/forms/draft"
)

// koreanRecord is the sample record with Korean values wherever the API
// takes free text: two cells a syllable in every column.
func koreanRecord() apiclient.Submission {
	rec := apitest.Sample()
	rec.FullName = "홍길동"
	rec.AddressStreet = "세종대로 110"
	rec.AddressCity = "서울"
	rec.AddressState = "서울특별시"
	rec.AddressCountry = "대한민국"
	rec.AddressFull = "서울특별시 중구 세종대로 110 서울시청"
	rec.CF1 = "이관 메모"
	rec.CF2 = "고객 번호 4521"
	rec.CF3 = "담당자 김철수"
	return rec
}

// cellOf is the cell a substring starts at in a plain line, or -1.
func cellOf(line, sub string, from int) int {
	if from > len(line) {
		return -1
	}
	i := strings.Index(line[from:], sub)
	if i < 0 {
		return -1
	}
	return ansi.StringWidth(line[:from+i])
}

// The review's values line up in each of its columns, in cells, with
// Korean labels and Korean values, at 80x24 and 100x30, in both languages
// and with both glyph sets: each row's value starts as far from its label
// as every other row's of the same column.
func TestReviewColumnsAlignInCells(t *testing.T) {
	rec := koreanRecord()
	for _, lang := range i18n.Langs {
		for _, size := range [][2]int{{80, 24}, {100, 30}} {
			t.Run(fmt.Sprintf("%s/%dx%d", lang, size[0], size[1]), func(t *testing.T) {
				i18ntest.Use(t, lang)
				m := reviewOf(t, rec, size[0], size[1])
				lines := strings.Split(plainScreen(m), "\n")
				valueAt := map[int]int{} // label cell → value cell
				rows := 0
				for _, k := range apiclient.AllKeys() {
					label := reviewLabel(k)
					v := m.sub.Get(k)
					if v == "" {
						continue
					}
					text := []rune(displayValue(k, v, false))
					head := string(text[:min(2, len(text))])
					found := false
					for _, l := range lines[headerLines:] {
						i := strings.Index(l, " "+label+" ")
						if i < 0 {
							continue
						}
						lc := ansi.StringWidth(l[:i+1])
						vc := cellOf(l, head, i+1+len(label))
						if vc < 0 {
							// Shortened to the value sent, which starts
							// where the words would.
							vc = cellOf(l, string([]rune(v)[:1]), i+1+len(label))
						}
						if vc < 0 {
							t.Fatalf("%s: no value %q after the label on %q", k, head, l)
						}
						if want, ok := valueAt[lc]; ok && want != vc {
							t.Errorf("%s: value at cell %d, the column's others at %d:\n%s", k, vc, want, strings.Join(lines, "\n"))
						}
						valueAt[lc] = vc
						found, rows = true, rows+1
						break
					}
					if !found {
						t.Fatalf("%s (%q) is not on the review:\n%s", k, label, strings.Join(lines, "\n"))
					}
				}
				if rows < 15 || len(valueAt) > 2 {
					t.Fatalf("%d rows in %d label columns: %v", rows, len(valueAt), valueAt)
				}
			})
		}
	}
}

// The label columns of the other screens line up in cells too: the resume
// question, the lock question and the image slots, in Korean.
func TestLabelColumnsAlignInCells(t *testing.T) {
	i18ntest.Use(t, i18n.KO)
	valuesStartTogether := func(t *testing.T, screen string, labels []string) {
		t.Helper()
		at := -1
		for _, label := range labels {
			found := false
			for _, l := range strings.Split(screen, "\n") {
				i := strings.Index(l, label)
				if i < 0 {
					continue
				}
				rest := l[i+len(label):]
				vc := ansi.StringWidth(l[:i+len(label)]) + ansi.StringWidth(rest) - ansi.StringWidth(strings.TrimLeft(rest, " "))
				if at >= 0 && vc != at {
					t.Errorf("after %q the value starts at cell %d, after the others at %d:\n%s", label, vc, at, screen)
				}
				at, found = vc, true
				break
			}
			if !found {
				t.Fatalf("no %q on the screen:\n%s", label, screen)
			}
		}
	}
	for _, size := range [][2]int{{80, 24}, {100, 30}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			m := goldenModel(t, Deps{Drafts: DraftOptions{Store: &memDrafts{}, Profile: "default", Found: &draft.Draft{
				Submission: koreanRecord(), SavedAt: fixedNow().Add(-time.Hour), Profile: "default", APIURL: "https://api.example.com",
				Outcome: draft.Outcome{Kind: draft.OutcomeRejected, Status: 400, Code: "invalid_admin", Field: "admin"}}}}, size[0], size[1])
			valuesStartTogether(t, plainScreen(m), []string{i18n.T("wizard.resume.record"), i18n.T("wizard.resume.profile"),
				i18n.T("wizard.resume.api"), i18n.T("wizard.resume.last_try")})
			valuesStartTogether(t, plainScreen(m), []string{"r  " + i18n.T("wizard.keys.resume"), "n  " + i18n.T("wizard.keys.start_empty"),
				"d  " + i18n.T("wizard.keys.discard")})

			l := newLockModel(LockQuestion{Target: goldenTarget(), Profile: "기본", Holder: "process 4242"})
			l.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			var names []string
			for _, c := range l.choices {
				names = append(names, c.key+"  "+c.name)
			}
			valuesStartTogether(t, ansi.Strip(l.View().Content), names)

			im := atResult(t, size[0], size[1], failAttach)
			send(t, im, keyMsg("i"))
			var slots []string
			for i := range numKinds {
				slots = append(slots, slotLabel(i))
			}
			valuesStartTogether(t, plainScreen(im), append(slots, i18n.T("wizard_images.slots.id_type")))
		})
	}
}
