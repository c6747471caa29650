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
