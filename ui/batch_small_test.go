package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"argos-migrate/apiclient/batch"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/i18ntest"
)

// Below the 60x20 the screen is laid out for, the keys' line stays: the
// rest is cut from the bottom up, never the keys (q is what still works
// in a window too small to read the run), running or finished, in both
// languages, and the frame still fits the window.
func TestBatchKeysStayInASmallWindow(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.EN, i18n.KO} {
		i18ntest.Use(t, lang)
		stop := i18n.T("import.screen.key_stop")
		quit := i18n.T("import.screen.key_quit")
		for _, size := range [][2]int{{59, 19}, {50, 12}, {40, 8}, {30, 5}} {
			w, h := size[0], size[1]
			running := newGoldenBatch(w, h)
			sending(running, 6)
			finished := finishedWith(newGoldenBatch(w, h),
				batch.Result{Counts: batch.Counts{ToSend: 8, Created: 3, Rejected: 5}, Took: 2 * time.Second},
				batch.Totals{Rows: 23, Created: 3, Rejected: 5, Invalid: 10}, batchRefusals(15), i18n.T("import.exit.not_imported")+".")
			for name, c := range map[string]struct {
				m    *batchModel
				keys string
			}{"running": {running, "q " + stop}, "finished": {finished, "q " + quit}} {
				scr := plainBatch(c.m)
				lines := strings.Split(strings.TrimRight(scr, "\n"), "\n")
				where := fmt.Sprintf("%s %s at %dx%d", lang, name, w, h)
				if len(lines) > h-1 {
					t.Errorf("%s: %d lines, taller than the window:\n%s", where, len(lines), scr)
				}
				if last := lines[len(lines)-1]; !strings.Contains(last, "q ") || !strings.Contains(scr, c.keys[:min(len(c.keys), 6)]) {
					t.Errorf("%s: the keys' line is gone (last line %q):\n%s", where, last, scr)
				}
			}
		}
	}
}
