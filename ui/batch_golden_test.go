package ui

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/batch"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/i18ntest"
)

// The import's screens, pinned at the smallest window they must fit
// (60x20) and the common one (80x24), in both languages, with many
// refused rows: `go test ./ui -run TestGoldenBatchScreens -update` writes
// them again (testdata/TestGoldenBatchScreens); look at the diff first.

// batchRefusals are n refused rows: every third rejected by the server,
// the others refused by the check.
func batchRefusals(n int) []BatchRefusal {
	out := make([]BatchRefusal, n)
	for i := range out {
		out[i] = BatchRefusal{Row: 2 + i, Email: fmt.Sprintf("person%d@example.com", i+1), Status: batch.StatusInvalid,
			Text: i18n.T("batch.date.not_real")}
		if i%3 == 0 {
			out[i].Status, out[i].Text = batch.StatusRejected, "The admin account was refused (HTTP 400 invalid_admin, field admin)"
		}
	}
	return out
}

// newGoldenBatch is the screen at w×h, with the golden screens' target and
// a run of 240 rows under way.
func newGoldenBatch(w, h int) *batchModel {
	m := newBatchModel(BatchDeps{File: "/data/customers-2024.csv", Concurrency: 4, Rate: 10, ToSend: 240, Control: &fakeControl{},
		Now: fixedNow, Target: goldenTarget()})
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

// sending feeds the screen a run under way: counts over four seconds and
// a refusal at every step.
func sending(m *batchModel, refusals int) {
	start := fixedNow()
	c := batch.Counts{ToSend: 240, Created: 60, Rejected: 5, Unknown: 1, NotSent: 2, Earlier: 12, Invalid: 15, Started: start}
	for i := range max(refusals, 3) {
		at := time.Duration(i) * 2 * time.Second / time.Duration(max(refusals, 3))
		c.Created += 5
		ev := batch.Event{Kind: batch.EventRow, At: start.Add(at), Counts: c, Rate: 10,
			Row: &batch.RowResult{Row: 40 + i, Email: fmt.Sprintf("late%d@example.com", i), Status: batch.StatusRejected,
				Error: "The admin account was refused (HTTP 400 invalid_admin, field admin)"}}
		if i >= refusals {
			ev.Row.Status = batch.StatusCreated
		}
		m.Update(batchEventMsg(ev))
		m.Update(batchTickMsg(start.Add(at)))
	}
}

// finishedWith is the screen of a run that ended as res says, with the
// totals and the refused rows.
func finishedWith(m *batchModel, res batch.Result, t batch.Totals, refused []BatchRefusal, next string) *batchModel {
	m.Update(batchFinishedMsg(BatchFinal{Result: res, Totals: t, Refused: refused, Next: apiclient.UpperFirst(next),
		Results: "customers-2024.results.csv", Rejects: "customers-2024.rejects.csv",
		Journal: "/home/agent/.local/state/argos-migrate/imports/default-customers-2024.csv-536accad3afb754b"}))
	return m
}

// batchGoldens are the screens pinned, by name.
func batchGoldens() []struct {
	name  string
	build func(w, h int) *batchModel
} {
	return []struct {
		name  string
		build func(w, h int) *batchModel
	}{
		{"sending", func(w, h int) *batchModel {
			m := newGoldenBatch(w, h)
			sending(m, 6)
			return m
		}},
		{"stopping-server-failing", func(w, h int) *batchModel {
			m := newGoldenBatch(w, h)
			sending(m, 2)
			m.Update(batchEventMsg(batch.Event{Kind: batch.EventStopping, Counts: m.counts, Rate: 10, Stop: batch.StopErrors,
				Err: &batch.FailingError{Requests: 20, Last: apiclient.FailureRecord{Reason: apiclient.ReasonUnreachable, Outcome: apiclient.OutcomeNotSent}}}))
			return m
		}},
		{"done-many-refused", func(w, h int) *batchModel {
			refused := batchRefusals(15)
			return finishedWith(newGoldenBatch(w, h),
				batch.Result{Counts: batch.Counts{ToSend: 8, Created: 3, Rejected: 5}, Took: 2 * time.Second},
				batch.Totals{Rows: 23, Created: 3, Rejected: 5, Invalid: 10}, refused, i18n.T("import.exit.not_imported")+".")
		}},
		{"stopped-server-failing", func(w, h int) *batchModel {
			fail := &batch.FailingError{Requests: 12, Last: apiclient.FailureRecord{Reason: apiclient.ReasonUnreachable, Outcome: apiclient.OutcomeNotSent}}
			return finishedWith(newGoldenBatch(w, h),
				batch.Result{Counts: batch.Counts{ToSend: 200, NotSent: 11, Pending: 1}, Took: 1400 * time.Millisecond,
					Stopped: batch.StopErrors, Err: fail},
				batch.Totals{Rows: 204, NotSent: 11, Pending: 189, Invalid: 4}, batchRefusals(4), i18n.T("import.exit.not_sent")+".")
		}},
		{"done-images-failed", func(w, h int) *batchModel {
			m := newGoldenBatch(w, h)
			m.Update(batchFinishedMsg(BatchFinal{Result: batch.Result{Counts: batch.Counts{ToSend: 6, Created: 6, ImagesSent: 1, ImagesFailed: 5},
				Took: 2 * time.Second}, Totals: batch.Totals{Rows: 7, Created: 6, Invalid: 1, ImagesSent: 1, ImagesFailed: 5},
				ImagesFailed: []BatchRefusal{
					{Row: 2, Status: batch.StatusCreated, Text: batch.ImageErrorText(i18n.Language(), apiclient.FailureRecord{Reason: apiclient.ReasonTooLarge, Status: 413, Outcome: apiclient.OutcomeRejected, Images: true})},
					{Row: 4, Status: batch.StatusCreated, Text: batch.ImageErrorText(i18n.Language(), apiclient.FailureRecord{Reason: apiclient.ReasonTooLarge, Status: 413, Outcome: apiclient.OutcomeRejected, Images: true})},
					{Row: 5, Status: batch.StatusCreated, Text: batch.ImageErrorText(i18n.Language(), apiclient.FailureRecord{Reason: apiclient.ReasonTooLarge, Status: 413, Outcome: apiclient.OutcomeRejected, Images: true})},
				}, MoreImagesFailed: 2, Next: apiclient.UpperFirst(i18n.T("import.exit.images_failed")) + ".",
				Results: "customers-2024.results.csv", Journal: "/home/agent/.local/state/argos-migrate/imports/default-customers-2024.csv-536accad3afb754b"}))
			return m
		}},
		{"stopped-by-operator", func(w, h int) *batchModel {
			return finishedWith(newGoldenBatch(w, h),
				batch.Result{Counts: batch.Counts{ToSend: 240, Created: 40, Rejected: 2, Pending: 4}, Took: 4 * time.Second,
					Stopped: batch.StopOperator},
				batch.Totals{Rows: 255, Created: 40, Rejected: 2, Invalid: 15, Pending: 198}, batchRefusals(17), i18n.T("import.exit.stopped")+".")
		}},
	}
}

func TestGoldenBatchScreens(t *testing.T) {
	i18ntest.NoMissing(t)
	for _, lang := range []i18n.Lang{i18n.EN, i18n.KO} {
		t.Run(string(lang), func(t *testing.T) {
			i18ntest.Use(t, lang)
			for _, g := range batchGoldens() {
				for _, size := range [][2]int{{60, 20}, {80, 24}} {
					t.Run(fmt.Sprintf("%s/%dx%d", g.name, size[0], size[1]), func(t *testing.T) {
						golden.RequireEqual(t, plainBatch(g.build(size[0], size[1])))
					})
				}
			}
		})
	}
}

// plainBatch is the frame as text, each line without trailing spaces.
func plainBatch(m *batchModel) string {
	lines := strings.Split(ansi.Strip(m.View().Content), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// At every size from 60x20 up, in both languages, running or finished,
// with any number of refused rows: the frame is no taller than the window
// (its first lines would scroll away) and no wider; the header and the
// outcome show; the refused rows the window has no room for are counted
// on a line of their own, and ↑/↓ bring every one of them into view.
func TestBatchScreenFitsTheWindow(t *testing.T) {
	sizes := [][2]int{{60, 20}, {64, 21}, {72, 22}, {80, 24}, {100, 30}, {120, 40}}
	for _, lang := range []i18n.Lang{i18n.EN, i18n.KO} {
		t.Run(string(lang), func(t *testing.T) {
			i18ntest.Use(t, lang)
			for _, size := range sizes {
				w, h := size[0], size[1]
				for _, n := range []int{0, 1, 4, 9, 15, 40} {
					name := fmt.Sprintf("%dx%d/%d", w, h, n)
					running := newGoldenBatch(w, h)
					sending(running, n)
					checkFits(t, name+"/running", running, w, h, i18n.T("import.screen.of", running.counts.Done(), 240))
					running.Update(batchEventMsg(batch.Event{Kind: batch.EventStopping, Counts: running.counts, Stop: batch.StopErrors,
						Err: &batch.FailingError{Requests: 20}}))
					checkFits(t, name+"/stopping", running, w, h, i18n.T("import.screen.created"))

					for _, stop := range []batch.StopReason{batch.StopNone, batch.StopErrors, batch.StopOperator} {
						refused := batchRefusals(n)
						m := finishedWith(newGoldenBatch(w, h),
							batch.Result{Counts: batch.Counts{ToSend: 50, Created: 30, Rejected: n / 3, Pending: 5}, Took: 3 * time.Second, Stopped: stop,
								Err: map[batch.StopReason]error{batch.StopErrors: &batch.FailingError{Requests: 20}}[stop]},
							batch.Totals{Rows: 60 + n, Created: 30, Rejected: n / 3, Invalid: n - n/3, Pending: 5, NotSent: 2},
							refused, i18n.T("import.exit.not_imported")+".")
						label := fmt.Sprintf("%s/finished-%s", name, stop)
						outcome := i18n.T("import.screen.done")
						if stop != batch.StopNone {
							outcome = i18n.T("import.screen.stopped")
						}
						scr := checkFits(t, label, m, w, h, outcome)
						if m.leaveAtOnce() {
							continue
						}
						checkRefusedList(t, label, m, refused)
						_ = scr
					}
				}
			}
		})
	}
}

// checkFits checks one frame against the window, and that it shows the
// header and outcome; it returns the frame.
func checkFits(t *testing.T, name string, m *batchModel, w, h int, outcome string) string {
	t.Helper()
	scr := plainBatch(m)
	lines := strings.Split(scr, "\n")
	if len(lines) > h {
		t.Errorf("%s: %d lines in a window of %d: the first would scroll away:\n%s", name, len(lines), h, scr)
	}
	for _, l := range lines {
		if ansi.StringWidth(l) > w {
			t.Errorf("%s: a line of %d columns in a window of %d: %q", name, ansi.StringWidth(l), w, l)
		}
	}
	if !strings.Contains(lines[0], "sand") || !strings.Contains(lines[0], "127.0.0.1:41237") {
		t.Errorf("%s: the first line is not the header (where, which key):\n%s", name, scr)
	}
	if !strings.Contains(scr, outcome) {
		t.Errorf("%s: no %q:\n%s", name, outcome, scr)
	}
	for _, count := range []string{"import.screen.created", "import.screen.rejected", "import.screen.unknown", "import.screen.not_sent"} {
		if !strings.Contains(scr, i18n.T(count)) {
			t.Errorf("%s: the count %q does not show:\n%s", name, i18n.T(count), scr)
		}
	}
	return scr
}

// checkRefusedList: the rows not shown are counted, and moving the cursor
// down through the list shows every row in turn.
func checkRefusedList(t *testing.T, name string, m *batchModel, refused []BatchRefusal) {
	t.Helper()
	shows := func(scr string, r BatchRefusal) bool {
		return regexp.MustCompile(`(?m)^ [ ›] ` + regexp.QuoteMeta(i18n.T("import.screen.row", strconv.Itoa(r.Row))) + ` +` + regexp.QuoteMeta(r.Email)).MatchString(scr)
	}
	scr := plainBatch(m)
	shown := 0
	for _, r := range refused {
		if shows(scr, r) {
			shown++
		}
	}
	if shown == 0 {
		t.Errorf("%s: no refused row shows:\n%s", name, scr)
		return
	}
	more := i18n.T("import.screen.more", len(refused)-shown)
	if shown < len(refused) != strings.Contains(scr, more) {
		t.Errorf("%s: %d of %d refused rows shown; the line %q should say the rest exactly when there is one:\n%s", name, shown, len(refused), more, scr)
	}
	for i, r := range refused {
		if scr := plainBatch(m); !shows(scr, r) {
			t.Errorf("%s: with the cursor on row %d, it is not on the screen:\n%s", name, r.Row, scr)
			return
		}
		if i < len(refused)-1 {
			m.Update(tea.KeyPressMsg{Code: tea.KeyDown})
		}
	}
}

// Every count line of the running and finished screens (the four outcomes,
// and "not tried" and "invalid" when they show) ends its count in one
// column, in both languages, at 80x24 and 60x20: the labels are padded by
// the width the terminal draws them at, Hangul two cells a syllable.
func TestBatchCountLinesAlign(t *testing.T) {
	countLine := regexp.MustCompile(`^(\s+[✓✗?○!-] \S.*?\s)([\d,]+)(\s|$)`)
	for _, lang := range []i18n.Lang{i18n.EN, i18n.KO} {
		t.Run(string(lang), func(t *testing.T) {
			i18ntest.Use(t, lang)
			for _, g := range batchGoldens() {
				for _, size := range [][2]int{{60, 20}, {80, 24}} {
					scr := plainBatch(g.build(size[0], size[1]))
					ends := map[int][]string{}
					for _, l := range strings.Split(scr, "\n") {
						if m := countLine.FindStringSubmatch(l); m != nil {
							end := ansi.StringWidth(m[1] + m[2])
							ends[end] = append(ends[end], l)
						}
					}
					n := 0
					for _, ls := range ends {
						n += len(ls)
					}
					// The four outcomes, invalid, and not tried on a stopped run.
					want := map[bool]int{false: 5, true: 6}[strings.HasPrefix(g.name, "stopped-")]
					if len(ends) != 1 || n != want {
						t.Errorf("%s at %dx%d: %d count lines (want %d), ending at %d different columns:\n%s", g.name, size[0], size[1], n, want, len(ends), scr)
					}
				}
			}
		})
	}
}

// A stopped run says how long it ran on the outcome's line, and the next
// step on a line of its own: no time reads as if the run will go on
// after it.
func TestBatchStoppedSaysTheTimeApartFromTheNextStep(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.EN, i18n.KO} {
		t.Run(string(lang), func(t *testing.T) {
			i18ntest.Use(t, lang)
			next := apiclient.UpperFirst(i18n.T("import.exit.stopped")) + "."
			took := batch.Duration(4 * time.Second)
			for _, size := range [][2]int{{60, 20}, {80, 24}} {
				m := finishedWith(newGoldenBatch(size[0], size[1]),
					batch.Result{Counts: batch.Counts{ToSend: 20, Created: 12, Pending: 8}, Took: 4 * time.Second, Stopped: batch.StopOperator},
					batch.Totals{Rows: 20, Created: 12, Pending: 8}, nil, i18n.T("import.exit.stopped")+".")
				scr := plainBatch(m)
				var outcome, step string
				for _, l := range strings.Split(scr, "\n") {
					if strings.Contains(l, i18n.T("import.screen.stopped")) && strings.Contains(l, took) {
						outcome = l
					}
					if strings.Contains(l, strings.TrimSuffix(next, ".")) {
						step = l
					}
				}
				if outcome == "" || step == "" || strings.Contains(step, took) || strings.Index(scr, outcome) > strings.Index(scr, step) {
					t.Errorf("%dx%d: the outcome %q and the next step %q:\n%s", size[0], size[1], outcome, step, scr)
				}
			}
		})
	}
}

// However narrow the window, the header shows the masked key whole (the
// brand goes first, then the key moves to a line of its own), in both
// languages, running and finished.
func TestBatchHeaderKeepsTheKey(t *testing.T) {
	target := Target{URL: "https://rest-api.argosidentity.com", Profile: "acme-production", MaskedKey: "acme••••", Encrypted: true}
	for _, lang := range []i18n.Lang{i18n.EN, i18n.KO} {
		t.Run(string(lang), func(t *testing.T) {
			i18ntest.Use(t, lang)
			for w := 60; w <= 120; w += 4 {
				m := newBatchModel(BatchDeps{File: "/data/customers.csv", Concurrency: 4, Rate: 10, ToSend: 10, Control: &fakeControl{}, Now: fixedNow, Target: target})
				m.Update(tea.WindowSizeMsg{Width: w, Height: 20})
				frames := []string{plainBatch(m)}
				finishedWith(m, batch.Result{Counts: batch.Counts{ToSend: 10, Created: 10}, Took: time.Second}, batch.Totals{Rows: 10, Created: 10}, nil, "")
				frames = append(frames, plainBatch(m))
				for _, scr := range frames {
					lines := strings.Split(scr, "\n")
					head := strings.Join(lines[:2], "\n")
					for _, want := range []string{"rest-api.argosidentity.com", "acme-production", "acme••••", i18n.T("import.screen.encrypted")} {
						if !strings.Contains(head, want) {
							t.Errorf("%d columns: the header lacks %q:\n%s", w, want, scr)
						}
					}
					for _, l := range lines {
						if ansi.StringWidth(l) > w {
							t.Errorf("%d columns: a line of %d: %q", w, ansi.StringWidth(l), l)
						}
					}
				}
			}
		})
	}
}
