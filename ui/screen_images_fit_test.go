package ui

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/i18ntest"
)

// The picker's columns and messages fit at 60, 80 and 100 columns in both
// languages: every size is shown whole in its column (the longest form, a
// size near a limit said in bytes, included), no line is wider than the
// window, no word is cut in two, and the refusal of a file too large is
// wrapped whole above the footer, the list giving up rows for it.
func TestPickerFitsItsColumnsAndMessages(t *testing.T) {
	sizes := map[string]int{"front.jpg": 812_345, "selfie-with-a-rather-long-name.png": 1_000_001,
		"big.jpg": 3_000_189, "notes.png": 14}
	for _, lang := range []i18n.Lang{i18n.EN, i18n.KO} {
		for _, size := range [][2]int{{60, 20}, {80, 24}, {100, 30}} {
			t.Run(fmt.Sprintf("%s/%dx%d", lang, size[0], size[1]), func(t *testing.T) {
				i18ntest.Use(t, lang)
				dir := t.TempDir()
				for name, n := range sizes {
					imageFixture(t, dir, name, n)
				}
				m := atResult(t, size[0], size[1], failAttach)
				send(t, m, keyMsg("i"))
				m.im.dir = dir
				send(t, m, keyMsg("enter"))
				if m.screen != screenImagePicker {
					t.Fatalf("screen %v, want the picker", m.screen)
				}
				check := func(when string) string {
					t.Helper()
					scr := plainScreen(m)
					lines := strings.Split(strings.TrimSuffix(scr, "\n"), "\n")
					if len(lines) > size[1] {
						t.Errorf("%s: %d lines in a window of %d", when, len(lines), size[1])
					}
					var flat []string
					for _, l := range lines {
						if w := ansi.StringWidth(l); w > size[0] {
							t.Errorf("%s: a line of %d cells in a window of %d: %q", when, w, size[0], l)
						}
						if cutWord(l) {
							t.Errorf("%s: a word cut in two: %q", when, l)
						}
						flat = append(flat, strings.TrimSpace(l))
					}
					return strings.Join(strings.Fields(strings.Join(flat, " ")), " ")
				}
				all := check("the list")
				for _, n := range sizes {
					e := apiclient.ImageDirEntry{Size: int64(n)}
					if want := entrySize(e); !strings.Contains(all, want) {
						t.Errorf("the size %q is not shown whole:\n%s", want, plainScreen(m))
					}
				}
				for _, c := range "big" {
					send(t, m, keyMsg(string(c)))
				}
				send(t, m, keyMsg("enter"))
				if m.im.pick.refused == "" {
					t.Fatalf("the 3,000,189-byte file was not refused:\n%s", plainScreen(m))
				}
				all = check("the refusal")
				msg := i18n.T("wizard_images.picker.refused", m.im.pick.refused)
				if !strings.Contains(all, msg) {
					t.Errorf("the refusal is not shown whole: want %q in\n%s", msg, plainScreen(m))
				}
				if !strings.Contains(all, filepath.Base("big.jpg")) {
					t.Errorf("the file refused left the list:\n%s", plainScreen(m))
				}
				if t.Failed() {
					t.Logf("screen:\n%s", plainScreen(m))
				}
			})
		}
	}
}
