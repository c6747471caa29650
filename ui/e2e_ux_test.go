package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
)

// The wizard as a hurried agent meets it: each subtest is one way an agent
// lost time, trust or data, driven through the real binary in tmux against
// a sandbox in a process of its own.

// wizardAt starts one wizard of the given size in a tmux of its own; status
// gets its exit code.
func (r *draftRig) wizardAt(tb testing.TB, width, height int, flags ...string) (s *tmuxSession, status string) {
	tb.Helper()
	return r.wizardEnv(tb, "", width, height, flags...)
}

// wizardEnv is wizardAt with more environment for the wizard (NAME=value
// words, already quoted for the shell).
func (r *draftRig) wizardEnv(tb testing.TB, env string, width, height int, flags ...string) (s *tmuxSession, status string) {
	tb.Helper()
	status = filepath.Join(tb.TempDir(), "status")
	args := ""
	for _, f := range flags {
		args += " " + strconv.Quote(f)
	}
	s = startTmux(tb, width, height, fmt.Sprintf("env XDG_STATE_HOME=%q %s %q --api-url %q%s >/dev/null; echo $? >%q; sleep 30",
		r.state, env, r.bin, r.url, args, status))
	return s, status
}

// noKeyring is the environment of a session with no OS keyring: the D-Bus
// address points at nothing.
func noKeyring(tb testing.TB) string {
	return "DBUS_SESSION_BUS_ADDRESS=" + strconv.Quote("unix:path="+filepath.Join(tb.TempDir(), "no-bus"))
}

// recordFile writes rec as a record file for --from.
func recordFile(tb testing.TB, rec apiclient.Submission) string {
	tb.Helper()
	body, err := rec.Body()
	if err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(tb.TempDir(), "record.json")
	if err := os.WriteFile(path, body, 0o600); err != nil {
		tb.Fatal(err)
	}
	return path
}

// created asks the rig's sandbox how many submissions it holds for email.
func (r *draftRig) created(tb testing.TB, email string) int {
	tb.Helper()
	c, err := apiclient.New(apiclient.Options{BaseURL: r.url, APIKey: sandbox.Key, Timeout: 5 * time.Second})
	if err != nil {
		tb.Fatal(err)
	}
	found, err := c.FindByEmail(context.Background(), email)
	if err != nil {
		tb.Fatalf("looking %s up: %v", email, err)
	}
	return len(found)
}

// resize changes the size of the session's window, as dragging a terminal's
// corner does.
func (s *tmuxSession) resize(width, height int) {
	s.run("resize-window", "-t", s.name, "-x", strconv.Itoa(width), "-y", strconv.Itoa(height))
}

func TestWizardUXInTmux(t *testing.T) {
	needTmux(t)
	bin := buildBinary(t)
	r := newDraftRig(t, bin)

	// 1: while the window is too small, keys act on nothing.
	t.Run("too small takes no keys", func(t *testing.T) {
		rec := apitest.Sample()
		rec.Email = "toosmall@sample.com"
		s, status := r.wizardAt(t, 50, 15, "--from", recordFile(t, rec))
		s.waitFor("needs at least 60×20")
		s.keys("s")
		s.typeText("typed blind")
		s.keys("Enter", "e", "Enter", "s", "1", "x", "Enter")
		time.Sleep(300 * time.Millisecond) // let the keys arrive: nothing must show for them
		s.resize(100, 30)
		scr := s.waitFor("✓ Ready", rec.Email)
		if strings.Contains(scr, "typed blind") || strings.Contains(scr, "Sending") || strings.Contains(scr, "Submission") {
			t.Fatalf("keys typed while the window was too small acted:\n%s", scr)
		}
		if n := r.created(t, rec.Email); n != 0 {
			t.Fatalf("%d submissions were created by keys typed while too small", n)
		}
		s.keys("q")
		exitCode(t, status)

		// On the form: text typed while too small goes nowhere.
		f, _ := r.wizardAt(t, 100, 30, "--new")
		f.waitFor("┃ Admin account")
		f.resize(50, 15)
		f.waitFor("needs at least 60×20")
		f.typeText("blind@sample.com")
		f.keys("Enter")
		time.Sleep(300 * time.Millisecond)
		f.resize(100, 30)
		scr = f.waitFor("┃ Admin account")
		if strings.Contains(scr, "blind@") {
			t.Fatalf("text typed while too small reached the form:\n%s", scr)
		}
		f.keys("C-c")
	})

	// 2: a refused value says why under the field, in the next frame.
	t.Run("refusals say why", func(t *testing.T) {
		s, status := r.wizardAt(t, 80, 24, "--new")
		s.waitFor("┃ Admin account")
		s.typeText("ops@sample")
		s.keys("Enter")
		s.waitFor("✗ Admin account has no valid domain after the @")
		s.typeText(".com")
		s.keys("Enter")
		s.waitFor("┃ Full name")
		s.typeText("Hong")
		s.keys("Enter")
		s.waitFor("┃ Email")
		s.typeText("bad@")
		s.keys("Tab")
		s.waitFor("✗ Email is not an email address")
		s.keys("C-c")
		exitCode(t, status)

		// A record file with a bad value: e opens the field, Enter says why.
		rec := apitest.Sample()
		rec.IPAddress = "999.1.1.1"
		rec.IDType = ""
		s, status = r.wizardAt(t, 80, 24, "--from", recordFile(t, rec))
		s.waitFor("✗ 2 fields need fixing")
		s.keys("e") // the cursor is on the first field to fix: ID type
		s.waitFor("┃ ID type")
		s.keys("Enter")
		s.waitFor("✗ ID type is required: choose one")
		s.keys("C-r")
		s.waitFor("✗ 2 fields need fixing")
		s.keys("5")
		s.waitFor("┃ IP address")
		s.keys("Enter")
		s.waitFor("✗ IP address is not an IPv4 or IPv6 address")
		s.keys("C-c")
		exitCode(t, status)
	})

	// 7: after f on an error (or e on the review), Enter on the fixed field
	// goes back to the review, where s sends.
	t.Run("enter after a fix goes back to the review", func(t *testing.T) {
		rec := apitest.Sample()
		rec.Email = "fixback@sample.com"
		bad := rec
		bad.Admin = sandbox.AdminInvalid
		s, status := r.wizardAt(t, 80, 24, "--from", recordFile(t, bad))
		s.waitFor("✓ Ready")
		s.keys("s")
		s.waitFor("admin account has no rights", "f fix Admin account")
		s.keys("f")
		s.waitFor("┃ Admin account", "enter back to review")
		s.keys("C-u")
		s.typeText(rec.Admin)
		s.keys("Enter")
		scr := s.waitFor("✓ Ready", "Admin account (admin): "+rec.Admin)
		if strings.Contains(scr, "┃ Full name") {
			t.Fatalf("enter went on to the next page:\n%s", scr)
		}
		s.keys("s")
		s.waitFor("Submission created")
		s.keys("q")
		exitCode(t, status)
		if n := r.created(t, rec.Email); n != 1 {
			t.Fatalf("%d submissions for %s, want 1", n, rec.Email)
		}
	})

	// 8: the names people use for a country find it in the picker.
	t.Run("country aliases in the picker", func(t *testing.T) {
		s, status := r.wizardAt(t, 100, 30, "--from", recordFile(t, apitest.Sample()))
		s.waitFor("✓ Ready")
		for range keyIndex(apiclient.FieldNationality) {
			s.keys("Down")
		}
		s.waitFor("Nationality (nationality): USA")
		for _, c := range []struct{ typed, want string }{
			{"uk", "GBR"}, {"britain", "GBR"}, {"great britain", "GBR"}, {"england", "GBR"},
			{"holland", "NLD"}, {"turkey", "TUR"}, {"türkiye", "TUR"}, {"cote", "CIV"}, {"côte d'ivoire", "CIV"},
			{"curacao", "CUW"}, {"reunion", "REU"}, {"aland", "ALA"}, {"republic of korea", "KOR"},
			{"korea south", "KOR"}, {"북한", "PRK"}, {"america", "USA"},
		} {
			s.keys("e")
			s.waitFor("┃ Nationality", "type a code or a name")
			s.typeText(c.typed)
			s.waitFor("> " + c.want)
			s.keys("Enter")
			s.waitFor("✓ Ready", "Nationality (nationality): "+c.want)
		}
		s.keys("q")
		exitCode(t, status)
	})

	// 9: a required choice starts with nothing chosen.
	t.Run("required choices start empty", func(t *testing.T) {
		rec := apitest.Sample()
		s, status := r.wizardAt(t, 80, 24, "--new")
		s.fillPages(rec, 2)
		s.waitFor("┃ ID type", "> choose one…")
		s.keys("Down", "Enter")
		scr := s.waitFor("┃ Issuing country", "> —  choose one…", "KOR  Korea, Republic of", "USA  United States")
		if strings.Index(scr, "choose one…") > strings.Index(scr, "KOR  Korea") {
			t.Fatalf("the pinned countries come before \"choose one…\":\n%s", scr)
		}
		s.keys("Enter")
		s.waitFor("✗ Issuing country is required: choose one")
		s.keys("S-Tab")
		s.waitFor("┃ ID type")
		s.keys("Up", "Enter")
		s.waitFor("✗ ID type is required: choose one")
		s.keys("C-c")
		exitCode(t, status)
	})

	// 6: the date field: typing over a date replaces it, the help reads in
	// the field's order, stepping an empty birth date starts in the past.
	t.Run("date field", func(t *testing.T) {
		rec := apitest.Sample()
		s, status := r.wizardAt(t, 80, 24, "--from", recordFile(t, rec))
		s.waitFor("✓ Ready")
		for range keyIndex(apiclient.FieldBirthDate) {
			s.keys("Down")
		}
		s.waitFor("Birth date (birthDate): " + rec.BirthDate)
		s.keys("e")
		s.waitFor("┃ Birth date", "←/→ year·month·day", "type a date to replace it")
		s.typeText("19900102")
		s.waitFor("1990-01-02", "Tuesday, 2 January 1990")
		s.keys("Enter")
		s.waitFor("✓ Ready", "Birth date (birthDate): 1990-01-02")
		s.keys("e")
		s.waitFor("┃ Birth date")
		s.keys("C-u", "Up")
		want := strconv.Itoa(time.Now().Year()-30) + "-"
		s.waitFor(want)
		s.keys("Up")
		if scr := s.waitFor(want); strings.Contains(scr, "in the future") {
			t.Fatalf("stepping an empty birth date reached the future:\n%s", scr)
		}
		s.keys("C-c")
		exitCode(t, status)
	})

	// 5: the message that matters is read in full; a standing state is a
	// badge; quit is always in the footer.
	t.Run("notices", func(t *testing.T) {
		dir := t.TempDir()
		file := filepath.Join(dir, "bad.json")
		body := `{"admin":"admin@sample.com","email":"notice@sample.com","nickname":"hong","favouriteColour":"blue"}`
		if err := os.WriteFile(file, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		// A state folder of its own: an encrypted draft an earlier subtest
		// left (with a keyring) would rightly turn drafts off here.
		own := *r
		own.state = t.TempDir()
		s, status := own.wizardEnv(t, noKeyring(t), 80, 24, "--from", file)
		scr := s.waitFor("Review", "! drafts unencrypted", "q quit")
		flat := strings.Join(strings.Fields(scr), " ")
		want := "! Left out of " + file + ": favouriteColour"
		if !strings.Contains(flat, want) || !strings.Contains(flat, "nickname") {
			t.Fatalf("the notice is not readable in full (want %q and nickname):\n%s", want, scr)
		}
		if strings.Contains(scr, "Drafts are saved unencrypted") {
			t.Fatalf("the standing notice still takes the status line:\n%s", scr)
		}
		for _, size := range [][2]int{{80, 24}, {60, 20}} {
			s.resize(size[0], size[1])
			s.keys("3") // the document page, where the footer is longest
			s.waitFor("┃ ID type", "ctrl+c quit")
			s.keys("Down", "Enter")
			s.waitFor("┃ Issuing country", "ctrl+c quit")
			s.keys("C-r")
			s.waitFor("Review", "q quit")
		}
		s.keys("q")
		exitCode(t, status)
	})

	// 10: the encryption hint does not flip-flop.
	t.Run("encryption hint after both settings", func(t *testing.T) {
		rec := apitest.Sample()
		rec.Admin = sandbox.AdminPayload // invalid_payload whatever the body
		s, status := r.wizardAt(t, 80, 24, "--from", recordFile(t, rec))
		s.waitFor("✓ Ready")
		s.keys("s")
		s.waitFor("e turn encryption on")
		s.keys("e")
		s.waitFor("✓ Ready", "encrypted")
		s.keys("s")
		scr := s.waitFor("Both settings have been tried", "contact ARGOS support")
		if strings.Contains(scr, "turn encryption") {
			t.Fatalf("still offers to switch after both settings were refused:\n%s", scr)
		}
		s.keys("q")
		exitCode(t, status)
	})

	// 11: the review uses the width there is, says what is below, and s
	// waits until every section has been on screen (or asks again).
	t.Run("review width and unseen sections", func(t *testing.T) {
		rec := apitest.Sample()
		rec.Email = "unseen@sample.com"
		s, status := r.wizardAt(t, 80, 24, "--from", recordFile(t, rec))
		s.waitFor("✓ Ready", "migration-comment1", "migration-comment2", "migration-comment3")
		s.resize(100, 30)
		s.waitFor(rec.AddressFull)
		s.keys("q")
		exitCode(t, status)

		s, status = r.wizardAt(t, 60, 20, "--from", recordFile(t, rec))
		s.waitFor("↓ more below (sections 3–6)", "Look at sections 3–6")
		s.keys("s")
		s.waitFor("! Sections 3–6 not seen yet: s again to send anyway.")
		if n := r.created(t, rec.Email); n != 0 {
			t.Fatalf("s with sections unseen sent the record (%d created)", n)
		}
		s.keys("PageDown", "PageDown", "PageDown")
		s.waitFor("↑ more above")
		s.keys("s")
		s.waitFor("Submission created")
		s.keys("q")
		exitCode(t, status)
		if n := r.created(t, rec.Email); n != 1 {
			t.Fatalf("%d created, want 1", n)
		}
	})

	// 17: help at 80 columns wraps at words, under each description.
	t.Run("help at 80 columns", func(t *testing.T) {
		for _, args := range []string{"--help", "submit --help", "auth login --help", "draft show --help"} {
			s := startTmux(t, 80, 200, fmt.Sprintf("%q %s; echo DONE; sleep 30", bin, args))
			s.waitFor("DONE")
			scr := s.run("capture-pane", "-p", "-J", "-S", "-", "-t", s.name) // -J: lines as the program wrote them
			for _, l := range strings.Split(scr, "\n") {
				if w := len([]rune(strings.TrimRight(l, " "))); w > 80 {
					t.Errorf("%s: a line of %d columns, cut by the terminal:\n%s", args, w, l)
				}
			}
			if args != "draft show --help" && !strings.Contains(scr, "https://rest-api.argosidentity.com") {
				t.Errorf("%s: the URL is broken across lines:\n%s", args, scr)
			}
		}
	})

	// 8, in accessible mode: the same search takes the same names.
	t.Run("country aliases in accessible mode", func(t *testing.T) {
		answers, err := os.ReadFile(filepath.Join("..", "testdata", "accessible-answers.txt"))
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range []struct{ nationality, issuing, wantN, wantI string }{
			{"uk", "북한", "GBR", "PRK"}, {"holland", "türkiye", "NLD", "TUR"},
			{"côte d'ivoire", "republic of korea", "CIV", "KOR"}, {"aland", "korea south", "ALA", "KOR"},
		} {
			lines := strings.Split(string(answers), "\n")
			lines[2] = fmt.Sprintf("alias%d@sample.com", i)
			lines[5], lines[8] = c.nationality, c.issuing
			file := filepath.Join(t.TempDir(), "answers.txt")
			if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")), 0o600); err != nil {
				t.Fatal(err)
			}
			s := startTmux(t, 100, 50, fmt.Sprintf("env XDG_STATE_HOME=%q %q --accessible --api-url %q <%q; echo EXIT=$?; sleep 30",
				r.state, bin, r.url, file))
			scr := s.waitFor("EXIT=")
			for _, want := range []string{"Taken as " + c.wantN, "Taken as " + c.wantI, "EXIT=0"} {
				if !strings.Contains(s.run("capture-pane", "-p", "-J", "-S", "-", "-t", s.name), want) {
					t.Errorf("%s / %s: the transcript lacks %q:\n%s", c.nationality, c.issuing, want, scr)
				}
			}
			if n := r.created(t, lines[2]); n != 1 {
				t.Errorf("%d records for %s, want 1", n, lines[2])
			}
		}
	})
}
