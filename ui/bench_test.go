package ui

import (
	"context"
	"testing"

	tea "charm.land/bubbletea/v2"

	"argos-migrate/apiclient/apitest"
)

// BenchmarkReviewView renders the review of the sample record at 100×30,
// what every keystroke on the review costs.
func BenchmarkReviewView(b *testing.B) {
	m := newModel(context.Background(), Deps{Submit: failSubmit, Now: fixedNow, Initial: apitest.Sample()})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m.setScreen(screenReview)
	b.ReportAllocs()
	for b.Loop() {
		_ = m.View()
	}
}

// BenchmarkReviewCursorMove is one ↓ on the review plus the frame after it.
func BenchmarkReviewCursorMove(b *testing.B) {
	m := newModel(context.Background(), Deps{Submit: failSubmit, Now: fixedNow, Initial: apitest.Sample()})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m.setScreen(screenReview)
	down, up := keyMsg("down"), keyMsg("up")
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		k := down
		if i%40 >= 20 {
			k = up
		}
		m.Update(k)
		_ = m.View()
		i++
	}
}

// BenchmarkStartup is the work before the first frame: the model (with its
// form), Init and the first View.
func BenchmarkStartup(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		m := newModel(context.Background(), Deps{Submit: failSubmit, Now: fixedNow})
		_ = m.Init()
		_ = m.View()
	}
}

// BenchmarkFormKeystroke is one character typed into the form (or deleted)
// plus the frame after it: the form screen's typeahead check, the form and
// the footer.
func BenchmarkFormKeystroke(b *testing.B) {
	m := newModel(context.Background(), Deps{Submit: failSubmit, Now: fixedNow})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m.Init()
	a, del := keyMsg("a"), tea.KeyPressMsg{Code: tea.KeyBackspace}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		k := a
		if i%20 >= 10 {
			k = del
		}
		m.Update(k)
		_ = m.View()
		i++
	}
}
