package ui

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/i18ntest"
)

func reviewModel(tb testing.TB, rec apiclient.Submission, submit SubmitFunc, w, h int) *model {
	tb.Helper()
	m := newModel(context.Background(), Deps{Submit: submit, Now: fixedNow, Initial: rec, Drafts: DraftOptions{StartAtReview: true}})
	m.Init()
	send(tb, m, tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

// The review uses the width there is: at 80 columns the custom fields read
// in full, at 100 the full address too; values too long for a column keep
// their start and end; no line is wider than the window.
func TestReviewUsesTheWidth(t *testing.T) {
	rec := apitest.Sample()
	for _, tc := range []struct {
		w, h int
		want []string
	}{
		{80, 24, []string{"migration-comment1", "migration-comment2", "migration-comment3", "Springfield", "drivers_license"}},
		{100, 30, []string{"street 1-10, Springfield, Ohio", "migration@sample.com", "USA (United States)", "KOR (South Korea)", "Male"}},
		{60, 20, []string{"Driver's license (drivers_license)"}},
	} {
		m := reviewModel(t, rec, failSubmit, tc.w, tc.h)
		scr := ansi.Strip(m.render())
		for _, want := range tc.want {
			if !strings.Contains(scr, want) {
				t.Errorf("%dx%d: the review lacks %q:\n%s", tc.w, tc.h, want, scr)
			}
		}
		for i, l := range strings.Split(scr, "\n") {
			if ansi.StringWidth(l) > tc.w {
				t.Errorf("%dx%d: line %d is %d cells wide", tc.w, tc.h, i, ansi.StringWidth(l))
			}
		}
	}
}

func TestTruncMiddle(t *testing.T) {
	for _, tc := range []struct {
		in       string
		w        int
		ellipsis string
		want     string
	}{
		{"migration-comment1", 18, "…", "migration-comment1"},
		{"migration-comment1", 17, "…", "migratio…comment1"},
		{"홍길동홍길동", 7, "…", "홍…길동"},
		{"abc", 2, "…", "a…"},
		// The ASCII set's ellipsis takes three cells.
		{"migration-comment1", 17, "...", "migrati...omment1"},
		{"홍길동홍길동", 9, "...", "홍...길동"}, {"홍길동홍길동", 8, "...", "홍... 동"}, {"홍길동홍길동", 6, "…", "홍… 동"},
		{"abcdef", 4, "...", "a..."},
	} {
		got := truncMiddle(tc.in, tc.w, tc.ellipsis)
		if got != tc.want || ansi.StringWidth(got) > tc.w {
			t.Errorf("truncMiddle(%q, %d, %q) = %q, want %q", tc.in, tc.w, tc.ellipsis, got, tc.want)
		}
	}
}

// In a window too short for the whole record, the review says what is
// below, and s asks again until every section has been on screen once.
func TestReviewSubmitWaitsUntilEverySectionWasSeen(t *testing.T) {
	sent := 0
	submit := func(context.Context, apiclient.Submission) (string, error) { sent++; return "sbx1_mg", nil }
	m := reviewModel(t, apitest.Sample(), submit, 60, 20)
	scr := ansi.Strip(m.render())
	if !strings.Contains(scr, "↓ more below (sections 3-6)") || !strings.Contains(scr, "Look at sections 3-6 (↓), then press s.") {
		t.Fatalf("no sign of what is below:\n%s", scr)
	}
	send(t, m, keyMsg("s"))
	scr = ansi.Strip(m.render())
	if sent != 0 || m.screen != screenReview || !strings.Contains(scr, "! Sections 3-6 (↓) not seen yet: s again to send anyway.") {
		t.Fatalf("s with sections unseen: sent %d, screen %v\n%s", sent, m.screen, scr)
	}
	// Any other key takes the question back.
	send(t, m, keyMsg("down"), keyMsg("s"))
	if sent != 0 {
		t.Fatal("s after another key sent without asking again")
	}
	send(t, m, keyMsg("s"))
	if sent != 1 {
		t.Fatalf("s twice sent %d records, want 1", sent)
	}

	// Scrolled through, s sends at once.
	sent = 0
	m = reviewModel(t, apitest.Sample(), submit, 60, 20)
	for range len(apiclient.AllKeys()) {
		send(t, m, keyMsg("down"))
	}
	if u := m.unseenPages(); len(u) != 0 {
		t.Fatalf("pages %v unseen after moving through every field", u)
	}
	if scr := ansi.Strip(m.render()); !strings.Contains(scr, "↑ more above") {
		t.Fatalf("no sign of what is above:\n%s", scr)
	}
	send(t, m, keyMsg("s"))
	if sent != 1 {
		t.Fatalf("s after seeing everything sent %d", sent)
	}

	// A window tall enough shows everything: s sends at once.
	sent = 0
	m = reviewModel(t, apitest.Sample(), submit, 80, 24)
	send(t, m, keyMsg("s"))
	if sent != 1 {
		t.Fatalf("s at 80x24 sent %d", sent)
	}
}

func TestPageList(t *testing.T) {
	for _, tc := range []struct {
		in   []int
		want string
	}{{[]int{5}, "5"}, {[]int{5, 6}, "5 and 6"}, {[]int{3, 4, 5, 6}, "3-6"}, {[]int{1, 3, 5}, "1, 3 and 5"}, {[]int{1, 2, 4, 5, 6}, "1, 2 and 4-6"}} {
		if got := pageList(tc.in); got != tc.want {
			t.Errorf("pageList(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// The review's hint and footer point where the unseen sections are: above
// the window (pgup), below it (pgdn), or both, and the key they name moves
// toward them. The review opens at the field that needs fixing, so a record
// short of a field near its end opens at the bottom, one short of a field in
// its middle opens in the middle.
func TestReviewHintPointsAtUnseenSections(t *testing.T) {
	pgup := tea.KeyPressMsg{Code: tea.KeyPgUp}
	for _, tc := range []struct {
		name, missing, value string
		hint, footer         string
		notFooter            []string
		key                  tea.KeyPressMsg
	}{
		{"above", "kycStatus", "approved", "Look at sections 1-3 (↑), then press s.", "pgup more", []string{"pgdn", "pgup/pgdn"}, pgup},
		{"both", "issueDate", "2011-08-07", "Look at sections 1 and 2 (↑), sections 3-6 (↓), then press s.", "pgup/pgdn more", nil, pgup},
		{"below", "", "", "Look at sections 3-6 (↓), then press s.", "pgdn more", []string{"pgup"}, tea.KeyPressMsg{Code: tea.KeyPgDown}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := apitest.Sample()
			if tc.missing != "" {
				rec.Set(tc.missing, "")
				if tc.missing == "issueDate" {
					rec.Set(tc.missing, "2011-02-30") // optional: wrong, not missing
				}
			}
			m := reviewModel(t, rec, failSubmit, 60, 20)
			if tc.missing != "" {
				// Fixed in the form and back: the cursor stays on it.
				m.sub.Set(tc.missing, tc.value)
				m.back = editReturn{}
				m.validate()
			}
			scr := ansi.Strip(m.render())
			foot := scr[strings.LastIndex(scr, "\n")+1:]
			// The hint may take two lines.
			flat := strings.Join(strings.Fields(scr), " ")
			if !strings.Contains(flat, tc.hint) || !strings.Contains(foot, tc.footer) {
				t.Fatalf("want hint %q and footer %q:\n%s", tc.hint, tc.footer, scr)
			}
			for _, no := range tc.notFooter {
				if strings.Contains(strings.ReplaceAll(foot, tc.footer, ""), no) {
					t.Errorf("footer offers %q:\n%s", no, foot)
				}
			}
			// The key named is the one that shows them.
			before := len(m.unseenPages())
			send(t, m, tc.key)
			if after := len(m.unseenPages()); after >= before {
				t.Errorf("%s left unseen pages %d -> %d:\n%s", tc.key, before, after, ansi.Strip(m.render()))
			}
		})
	}
}

// The line under the list shows the selected field in full at every width
// down to 60: a value longer than a line wraps onto two or three, and the
// list gives way to it.
func TestReviewDetailShowsTheFieldInFull(t *testing.T) {
	rec := apitest.Sample()
	rec.Set("email", "verylongemailaddress.firstname.lastname@subdomain.example-company.com")
	rec.Set("address_full", "Apartment 1204, Building 7, 123 Very Long Street Name, Springfield, Ohio 45501")
	for _, size := range [][2]int{{60, 20}, {80, 24}, {100, 30}} {
		for _, k := range []string{"email", "address_full"} {
			m := reviewModel(t, rec, failSubmit, size[0], size[1])
			m.cursor = keyIndex(k)
			m.clampScroll()
			scr := ansi.Strip(m.render())
			lines := strings.Split(scr, "\n")
			var joined strings.Builder
			for i, l := range lines {
				if ansi.StringWidth(l) > size[0] {
					t.Errorf("%dx%d %s: line %d is %d cells wide", size[0], size[1], k, i, ansi.StringWidth(l))
				}
				joined.WriteString(strings.TrimSpace(l) + " ")
			}
			flat := strings.Join(strings.Fields(joined.String()), " ")
			want := apiclient.Label(k) + " (" + k + "): " + rec.Get(k)
			if !strings.Contains(flat, want) && !strings.Contains(strings.ReplaceAll(flat, " ", ""), strings.ReplaceAll(want, " ", "")) {
				t.Errorf("%dx%d: %s not in full:\n%s", size[0], size[1], k, scr)
			}
			if len(lines) != size[1] {
				t.Errorf("%dx%d %s: %d lines", size[0], size[1], k, len(lines))
			}
			if !strings.Contains(scr, cursorMark) {
				t.Errorf("%dx%d %s: the cursor's row is not on screen:\n%s", size[0], size[1], k, scr)
			}
		}
	}
}

// The footer offers v only when the review masks something v would show:
// a record without an identity number has nothing to reveal.
func TestReviewOffersRevealOnlyWhenSomethingIsMasked(t *testing.T) {
	for _, tc := range []struct {
		id   string
		want bool
	}{{"021108-2222555", true}, {"", false}} {
		rec := apitest.Sample()
		rec.Set("identityNumber", tc.id)
		m := reviewModel(t, rec, failSubmit, 100, 30)
		scr := ansi.Strip(m.render())
		foot := scr[strings.LastIndex(scr, "\n")+1:]
		if got := strings.Contains(foot, "v show id number"); got != tc.want {
			t.Errorf("identity number %q: footer offers v %v, want %v:\n%s", tc.id, got, tc.want, foot)
		}
	}
}

// In Korean the hint points the same way, in its words.
func TestReviewHintPointsAtUnseenSectionsKorean(t *testing.T) {
	i18ntest.Use(t, i18n.KO)
	rec := apitest.Sample()
	rec.Set("kycStatus", "")
	m := reviewModel(t, rec, failSubmit, 60, 20)
	m.sub.Set("kycStatus", "approved")
	m.validate()
	scr := ansi.Strip(m.render())
	flat := strings.Join(strings.Fields(scr), " ")
	if !strings.Contains(flat, "1~3번 섹션(↑)까지 본 뒤 s를 누르십시오.") || !strings.Contains(scr, "pgup") || strings.Contains(scr, "(↓)") {
		t.Fatalf("the Korean hint does not point up:\n%s", scr)
	}
}
