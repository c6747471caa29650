package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"argos-migrate/apiclient/apitest"
	"argos-migrate/ui/termtest"
)

// An operator's walk through the real binary in tmux, where keys decide:
// the review's hint points the way the unseen sections are and its key
// gets there; a refused date is typed over; a path typed into the image
// picker is taken on Enter.
func TestWalkThroughKeysInTmux(t *testing.T) {
	termtest.Require(t)
	bin := termtest.Build(t)
	r := newDraftRig(t, bin)

	t.Run("review opened at the bottom points up", func(t *testing.T) {
		rec := apitest.Sample()
		rec.Email = "walk-up@sample.com"
		rec.KYCStatus = ""
		s := r.wizardAt(t, 60, 20, "--new", "--from", recordFile(t, rec))
		s.WaitFor("↑ more above (sections 1-4)", "KYC status is required")
		s.Keys("e")
		s.WaitFor("┃ KYC status")
		s.Keys("Down", "Enter")
		scr := s.WaitFor("Look at sections 1-3 (↑), then press s.", "pgup more")
		if strings.Contains(scr, "(↓)") || strings.Contains(scr, "pgdn more") {
			t.Fatalf("the hint or footer points down with nothing unseen below:\n%s", scr)
		}
		s.Keys("s")
		s.WaitFor("! Sections 1-3 (↑) not seen yet: s again to send anyway.")
		s.Keys("PageUp", "PageUp")
		s.WaitFor("Press s to submit")
		s.Keys("q")
		s.Wait()
	})

	t.Run("a refused date is typed over", func(t *testing.T) {
		s := r.wizardAt(t, 100, 30, "--new")
		for _, v := range []string{"admin@sample.com", "Hong Gildong", "walk-date@sample.com"} {
			s.WaitFor("┃ ")
			s.Type(v)
			s.Keys("Enter")
		}
		s.WaitFor("┃ Birth date")
		s.Type("20230229")
		s.Keys("Enter")
		s.WaitFor("February 2023 has 28 days")
		s.Type("19990101")
		s.WaitFor("┃ 1999-01-01", "Friday, 1 January 1999")
		s.Keys("C-c")
		s.Wait()
	})

	t.Run("a typed path in the image picker", func(t *testing.T) {
		dir := imageFolder(t)
		sub := filepath.Join(dir, "x")
		if err := os.Mkdir(sub, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(filepath.Join(dir, "id-front.jpg"), filepath.Join(sub, "front.jpg")); err != nil {
			t.Fatal(err)
		}
		rec := apitest.Sample()
		rec.Email = "walk-picker@sample.com"
		s := r.wizardAt(t, 100, 30, "--new", "--from", recordFile(t, rec))
		s.WaitFor("✓ Ready")
		s.Keys("s")
		s.WaitFor("Submission created", "i attach images")
		s.Keys("i")
		s.WaitFor("› Front of the ID")
		s.Keys("Enter")
		s.WaitFor("pick a jpg or png file")
		s.Type(filepath.Join(sub, "nothing.jpg"))
		s.WaitFor("enter opens what you typed as a path")
		s.Keys("Enter")
		s.WaitFor("Not taken: nothing.jpg")
		s.Keys("BSpace", "BSpace", "BSpace", "BSpace", "BSpace", "BSpace", "BSpace", "BSpace", "BSpace", "BSpace", "BSpace")
		s.Type("front.jpg")
		s.Keys("Enter")
		s.WaitFor("front.jpg, JPEG, 6 KB", "› Back of the ID")
		s.Keys("q")
		s.Wait()
	})
}
