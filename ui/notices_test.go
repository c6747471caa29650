package ui

import (
	"context"
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
)

// The status line shows the most important notice, the newest first: a
// failed save over warnings, warnings over notes; a long one wraps to a
// second line rather than being cut, and the body gives that line up.
func TestStatusLinePriorityAndWrap(t *testing.T) {
	m := newFormModel(t, apitest.Sample(), 80, 24)
	m.startNotices([]string{"! Left out of ticket.json: nickname (not a field of the migration API)", "The previous draft was kept as /tmp/x.backup.json"})
	lines := statusText(m)
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "! Left out of ticket.json") || !strings.HasPrefix(lines[1], "The previous draft") {
		t.Fatalf("status %q: want the warning, then the note", lines)
	}
	bodyBefore := m.bodyHeight()

	long := "the OS keyring did not give the draft key: it stayed locked; unlock it and the next page you complete is saved, encrypted"
	send(t, m, draftSavedMsg{err: errors.New(long)})
	lines = statusText(m)
	flat := strings.Join(lines, " ")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "! Draft not saved: the OS keyring") || !strings.Contains(flat, "saved, encrypted") {
		t.Fatalf("status %q: want the failed save, whole, on two lines", lines)
	}
	if m.bodyHeight() != bodyBefore {
		t.Fatalf("body height %d, want %d (two status lines either way)", m.bodyHeight(), bodyBefore)
	}
	for _, l := range strings.Split(ansi.Strip(m.render()), "\n") {
		if ansi.StringWidth(l) > 80 {
			t.Fatalf("a line is wider than the window: %q", l)
		}
	}
	if h := strings.Count(m.render(), "\n") + 1; h > 24 {
		t.Fatalf("frame is %d lines high at 24", h)
	}

	// A save that works again gives the line back to the warning.
	send(t, m, draftSavedMsg{})
	if lines = statusText(m); !strings.HasPrefix(lines[0], "! Left out of") {
		t.Fatalf("status %q after a good save", lines)
	}
	// A later note is newer, but never above a warning.
	m.note("The draft was discarded.")
	if lines = statusText(m); !strings.HasPrefix(lines[0], "! Left out of") || !strings.HasPrefix(lines[1], "The draft was discarded.") {
		t.Fatalf("status %q: want the warning, then the newest note", lines)
	}
}

// One short notice takes one line; none, none; the body grows back.
func TestStatusLineGivesBackItsSecondLine(t *testing.T) {
	m := newFormModel(t, apiclient.Submission{}, 80, 24)
	one := m.bodyHeight()
	send(t, m, draftSavedMsg{err: errors.New(strings.Repeat("a long reason ", 10))})
	if m.bodyHeight() != one-1 {
		t.Fatalf("body %d with a two-line notice, want %d", m.bodyHeight(), one-1)
	}
	send(t, m, draftSavedMsg{})
	if m.bodyHeight() != one {
		t.Fatalf("body %d once the notice went, want %d", m.bodyHeight(), one)
	}
}

// The unencrypted drafts are a badge in the header, not a notice; the Done
// screen shows neither.
func TestUnencryptedDraftsBadge(t *testing.T) {
	m := newModel(context.Background(), Deps{Submit: failSubmit, Now: fixedNow, Initial: apitest.Sample(),
		Drafts: DraftOptions{Unencrypted: true}})
	for _, w := range []int{100, 80, 60} {
		m.Update(tea.WindowSizeMsg{Width: w, Height: 24})
		m.setScreen(screenReview)
		if head := ansi.Strip(m.viewHeader()); !strings.Contains(head, "! drafts unencrypted") {
			t.Fatalf("at %d columns the header has no badge:\n%s", w, head)
		}
		if len(m.statusLines()) != 0 {
			t.Fatalf("at %d columns the status line holds %q", w, statusText(m))
		}
	}
	m.lastID = "sbx1_mg"
	m.setScreen(screenResult)
	if head := ansi.Strip(m.viewHeader()); strings.Contains(head, "unencrypted") {
		t.Fatalf("the Done screen shows the badge:\n%s", head)
	}
}

func statusText(m *model) []string {
	var out []string
	for _, l := range m.statusLines() {
		out = append(out, strings.TrimSpace(ansi.Strip(l)))
	}
	return out
}

func TestWrapWords(t *testing.T) {
	for _, tc := range []struct {
		in   string
		w    int
		want []string
	}{
		{"kept as /tmp/state/argos-migrate/default.draft.json now", 30, []string{"kept as", "/tmp/state/argos-migrate/defau", "lt.draft.json now"}},
		{"a b c", 3, []string{"a b", "c"}},
		{"대한민국 홍길동", 8, []string{"대한민국", "홍길동"}},
		{"", 10, nil},
	} {
		got := wrapWords(tc.in, tc.w)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("wrapWords(%q, %d) = %q, want %q", tc.in, tc.w, got, tc.want)
		}
	}
}

// A note (the previous draft kept as a backup, with --from) is said in
// full on the first screen, its path readable at 80 and 60 columns (the
// file's name whole), and on every later screen stands in short: one line,
// the path down to the file's name, below a newer notice.
func TestNoteSaidOnceThenShort(t *testing.T) {
	path := "/home/support-agent/.local/state/argos-migrate/drafts/default.backup-20261201T175000Z.json"
	for _, w := range []int{80, 60} {
		m := newModel(context.Background(), Deps{Submit: failSubmit, Now: fixedNow, Initial: apitest.Sample(),
			Drafts: DraftOptions{StartAtReview: true, Notices: []string{"The previous draft was kept as " + path}}})
		m.Init()
		send(t, m, tea.WindowSizeMsg{Width: w, Height: 24})
		if m.screen != screenReview {
			t.Fatalf("screen %v", m.screen)
		}
		lines := statusText(m)
		flat := strings.Join(lines, " ")
		if len(lines) != 2 || !strings.HasPrefix(flat, "The previous draft was kept as") || !strings.Contains(flat, "default.backup-20261201T175000Z.json") {
			t.Fatalf("%d columns, first screen: status %q, want the note with its file's name", w, lines)
		}
		for _, l := range strings.Split(ansi.Strip(m.render()), "\n") {
			if ansi.StringWidth(l) > w {
				t.Fatalf("%d columns: a line is %d wide: %q", w, ansi.StringWidth(l), l)
			}
		}
		// Another screen: the note stands in short.
		send(t, m, keyMsg("e"))
		if m.screen == screenReview {
			t.Fatal("e did not leave the review")
		}
		lines = statusText(m)
		if len(lines) != 1 || !strings.Contains(lines[0], "default.backup-20261201T175000Z.json") || strings.Contains(lines[0], "support-agent") {
			t.Fatalf("%d columns, later screen: status %q, want one short line", w, lines)
		}
		// Back on the review it stays short: it was said there once.
		send(t, m, tea.KeyPressMsg{Code: 'r', Mod: tea.ModCtrl})
		if lines = statusText(m); len(lines) != 1 {
			t.Fatalf("%d columns, back on the review (%v): status %q, want one short line", w, m.screen, lines)
		}
		// A newer note comes first; the old one keeps what room is left.
		m.note("The draft was discarded.")
		if lines = statusText(m); len(lines) != 2 || lines[0] != "The draft was discarded." || !strings.Contains(lines[1], "default.backup") {
			t.Fatalf("%d columns: status %q, want the new note over the old", w, lines)
		}
	}
}
