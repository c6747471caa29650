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
	"argos-migrate/ui/termtest"
)

// The wizard as a hurried agent meets it: each subtest is one way an agent
// lost time, trust or data, driven through the real binary in tmux against
// a sandbox in a process of its own.

// wizardAt starts one wizard of the given size in a tmux of its own, on
// the rig's sandbox and state folder.
func (r *draftRig) wizardAt(tb testing.TB, width, height int, flags ...string) *termtest.Pane {
	tb.Helper()
	return r.wizardEnv(tb, nil, width, height, flags...)
}

// wizardEnv is wizardAt with more environment for the wizard (NAME=value).
func (r *draftRig) wizardEnv(tb testing.TB, env []string, width, height int, flags ...string) *termtest.Pane {
	tb.Helper()
	return termtest.Run(tb, termtest.Options{Width: width, Height: height, Env: append([]string{"XDG_STATE_HOME=" + r.state}, env...)},
		append([]string{r.bin, "--api-url", r.url}, flags...)...)
}

// noKeyring is the environment of a session with no OS keyring: the D-Bus
// address points at nothing.
func noKeyring(tb testing.TB) []string {
	return []string{"DBUS_SESSION_BUS_ADDRESS=unix:path=" + filepath.Join(tb.TempDir(), "no-bus")}
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

func TestWizardUXInTmux(t *testing.T) {
	termtest.Require(t)
	bin := termtest.Build(t)
	r := newDraftRig(t, bin)

	// 1: while the window is too small, keys act on nothing.
	t.Run("too small takes no keys", func(t *testing.T) {
		rec := apitest.Sample()
		rec.Email = "toosmall@sample.com"
		s := r.wizardAt(t, 50, 15, "--from", recordFile(t, rec))
		s.WaitFor("needs at least 60×20")
		s.Keys("s")
		s.Type("typed blind")
		s.Keys("Enter", "e", "Enter", "s", "1", "x", "Enter")
		time.Sleep(300 * time.Millisecond) // let the keys arrive: nothing must show for them
		s.Resize(100, 30)
		scr := s.WaitFor("✓ Ready", rec.Email)
		if strings.Contains(scr, "typed blind") || strings.Contains(scr, "Sending") || strings.Contains(scr, "Submission") {
			t.Fatalf("keys typed while the window was too small acted:\n%s", scr)
		}
		if n := r.created(t, rec.Email); n != 0 {
			t.Fatalf("%d submissions were created by keys typed while too small", n)
		}
		s.Keys("q")
		s.Wait()

		// On the form: text typed while too small goes nowhere.
		f := r.wizardAt(t, 100, 30, "--new")
		f.WaitFor("┃ Admin account")
		f.Resize(50, 15)
		f.WaitFor("needs at least 60×20")
		f.Type("blind@sample.com")
		f.Keys("Enter")
		time.Sleep(300 * time.Millisecond)
		f.Resize(100, 30)
		scr = f.WaitFor("┃ Admin account")
		if strings.Contains(scr, "blind@") {
			t.Fatalf("text typed while too small reached the form:\n%s", scr)
		}
		f.Keys("C-c")
	})

	// 2: a refused value says why under the field, in the next frame.
	t.Run("refusals say why", func(t *testing.T) {
		s := r.wizardAt(t, 80, 24, "--new")
		s.WaitFor("┃ Admin account")
		s.Type("ops@sample")
		s.Keys("Enter")
		s.WaitFor("✗ Admin account has no valid domain after the @")
		s.Type(".com")
		s.Keys("Enter")
		s.WaitFor("┃ Full name")
		s.Type("Hong")
		s.Keys("Enter")
		s.WaitFor("┃ Email")
		s.Type("bad@")
		s.Keys("Tab")
		s.WaitFor("✗ Email is not an email address")
		s.Keys("C-c")
		s.Wait()

		// A record file with a bad value: e opens the field, Enter says why.
		rec := apitest.Sample()
		rec.IPAddress = "999.1.1.1"
		rec.IDType = ""
		s = r.wizardAt(t, 80, 24, "--from", recordFile(t, rec))
		s.WaitFor("✗ 2 fields need fixing")
		s.Keys("e") // the cursor is on the first field to fix: ID type
		s.WaitFor("┃ ID type")
		s.Keys("Enter")
		s.WaitFor("✗ ID type is required: choose one")
		s.Keys("C-r")
		s.WaitFor("✗ 2 fields need fixing")
		s.Keys("5")
		s.WaitFor("┃ IP address")
		s.Keys("Enter")
		s.WaitFor("✗ IP address is not an IPv4 or IPv6 address")
		s.Keys("C-c")
		s.Wait()
	})

	// 7: after f on an error (or e on the review), Enter on the fixed field
	// goes back to the review, where s sends.
	t.Run("enter after a fix goes back to the review", func(t *testing.T) {
		rec := apitest.Sample()
		rec.Email = "fixback@sample.com"
		bad := rec
		bad.Admin = sandbox.AdminInvalid
		s := r.wizardAt(t, 80, 24, "--from", recordFile(t, bad))
		s.WaitFor("✓ Ready")
		s.Keys("s")
		s.WaitFor("admin account has no rights", "f fix Admin account")
		s.Keys("f")
		s.WaitFor("┃ Admin account", "enter back to review")
		s.Keys("C-u")
		s.Type(rec.Admin)
		s.Keys("Enter")
		scr := s.WaitFor("✓ Ready", "Admin account (admin): "+rec.Admin)
		if strings.Contains(scr, "┃ Full name") {
			t.Fatalf("enter went on to the next page:\n%s", scr)
		}
		s.Keys("s")
		s.WaitFor("Submission created")
		s.Keys("q")
		s.Wait()
		if n := r.created(t, rec.Email); n != 1 {
			t.Fatalf("%d submissions for %s, want 1", n, rec.Email)
		}
	})

	// 8: the names people use for a country find it in the picker.
	t.Run("country aliases in the picker", func(t *testing.T) {
		s := r.wizardAt(t, 100, 30, "--from", recordFile(t, apitest.Sample()))
		s.WaitFor("✓ Ready")
		for range keyIndex(apiclient.FieldNationality) {
			s.Keys("Down")
		}
		s.WaitFor("Nationality (nationality): USA")
		for _, c := range []struct{ typed, want string }{
			{"uk", "GBR"}, {"britain", "GBR"}, {"great britain", "GBR"}, {"england", "GBR"},
			{"holland", "NLD"}, {"turkey", "TUR"}, {"türkiye", "TUR"}, {"cote", "CIV"}, {"côte d'ivoire", "CIV"},
			{"curacao", "CUW"}, {"reunion", "REU"}, {"aland", "ALA"}, {"republic of korea", "KOR"},
			{"korea south", "KOR"}, {"북한", "PRK"}, {"america", "USA"},
		} {
			s.Keys("e")
			s.WaitFor("┃ Nationality", "type a code or a name")
			s.Type(c.typed)
			s.WaitFor("> " + c.want)
			s.Keys("Enter")
			s.WaitFor("✓ Ready", "Nationality (nationality): "+c.want)
		}
		s.Keys("q")
		s.Wait()
	})

	// 9: a required choice starts with nothing chosen.
	t.Run("required choices start empty", func(t *testing.T) {
		rec := apitest.Sample()
		s := r.wizardAt(t, 80, 24, "--new")
		s.FillPages(rec, 2)
		s.WaitFor("┃ ID type", "> choose one…")
		s.Keys("Down", "Enter")
		scr := s.WaitFor("┃ Issuing country", "> —  choose one…", "KOR  Korea, Republic of", "USA  United States")
		if strings.Index(scr, "choose one…") > strings.Index(scr, "KOR  Korea") {
			t.Fatalf("the pinned countries come before \"choose one…\":\n%s", scr)
		}
		s.Keys("Enter")
		s.WaitFor("✗ Issuing country is required: choose one")
		s.Keys("S-Tab")
		s.WaitFor("┃ ID type")
		s.Keys("Up", "Enter")
		s.WaitFor("✗ ID type is required: choose one")
		s.Keys("C-c")
		s.Wait()
	})

	// 6: the date field: typing over a date replaces it, the help reads in
	// the field's order, stepping an empty birth date starts in the past.
	t.Run("date field", func(t *testing.T) {
		rec := apitest.Sample()
		s := r.wizardAt(t, 80, 24, "--from", recordFile(t, rec))
		s.WaitFor("✓ Ready")
		for range keyIndex(apiclient.FieldBirthDate) {
			s.Keys("Down")
		}
		s.WaitFor("Birth date (birthDate): " + rec.BirthDate)
		s.Keys("e")
		s.WaitFor("┃ Birth date", "←/→ year·month·day", "type a date to replace it")
		s.Type("19900102")
		s.WaitFor("1990-01-02", "Tuesday, 2 January 1990")
		s.Keys("Enter")
		s.WaitFor("✓ Ready", "Birth date (birthDate): 1990-01-02")
		s.Keys("e")
		s.WaitFor("┃ Birth date")
		s.Keys("C-u", "Up")
		want := strconv.Itoa(time.Now().Year()-30) + "-"
		s.WaitFor(want)
		s.Keys("Up")
		if scr := s.WaitFor(want); strings.Contains(scr, "in the future") {
			t.Fatalf("stepping an empty birth date reached the future:\n%s", scr)
		}
		s.Keys("C-c")
		s.Wait()
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
		s := own.wizardEnv(t, noKeyring(t), 80, 24, "--from", file)
		scr := s.WaitFor("Review", "! drafts unencrypted", "q quit")
		flat := strings.Join(strings.Fields(scr), " ")
		want := "! Left out of " + file + ": favouriteColour"
		if !strings.Contains(flat, want) || !strings.Contains(flat, "nickname") {
			t.Fatalf("the notice is not readable in full (want %q and nickname):\n%s", want, scr)
		}
		if strings.Contains(scr, "Drafts are saved unencrypted") {
			t.Fatalf("the standing notice still takes the status line:\n%s", scr)
		}
		for _, size := range [][2]int{{80, 24}, {60, 20}} {
			s.Resize(size[0], size[1])
			s.Keys("3") // the document page, where the footer is longest
			s.WaitFor("┃ ID type", "ctrl+c quit")
			s.Keys("Down", "Enter")
			s.WaitFor("┃ Issuing country", "ctrl+c quit")
			s.Keys("C-r")
			s.WaitFor("Review", "q quit")
		}
		s.Keys("q")
		s.Wait()
	})

	// 10: the encryption hint does not flip-flop.
	t.Run("encryption hint after both settings", func(t *testing.T) {
		rec := apitest.Sample()
		rec.Admin = sandbox.AdminPayload // invalid_payload whatever the body
		s := r.wizardAt(t, 80, 24, "--from", recordFile(t, rec))
		s.WaitFor("✓ Ready")
		s.Keys("s")
		s.WaitFor("e turn encryption on")
		s.Keys("e")
		s.WaitFor("✓ Ready", "encrypted")
		s.Keys("s")
		scr := s.WaitFor("refused with both encryption settings", "contact ARGOS support")
		if strings.Contains(scr, "turn encryption") {
			t.Fatalf("still offers to switch after both settings were refused:\n%s", scr)
		}
		s.Keys("q")
		s.Wait()
	})

	// 11: the review uses the width there is, says what is below, and s
	// waits until every section has been on screen (or asks again).
	t.Run("review width and unseen sections", func(t *testing.T) {
		rec := apitest.Sample()
		rec.Email = "unseen@sample.com"
		s := r.wizardAt(t, 80, 24, "--from", recordFile(t, rec))
		s.WaitFor("✓ Ready", "migration-comment1", "migration-comment2", "migration-comment3")
		s.Resize(100, 30)
		s.WaitFor(rec.AddressFull)
		s.Keys("q")
		s.Wait()

		s = r.wizardAt(t, 60, 20, "--from", recordFile(t, rec))
		s.WaitFor("↓ more below (sections 3-6)", "Look at sections 3-6")
		s.Keys("s")
		s.WaitFor("! Sections 3-6 (↓) not seen yet: s again to send anyway.")
		if n := r.created(t, rec.Email); n != 0 {
			t.Fatalf("s with sections unseen sent the record (%d created)", n)
		}
		s.Keys("PageDown", "PageDown", "PageDown")
		s.WaitFor("↑ more above")
		s.Keys("s")
		s.WaitFor("Submission created")
		s.Keys("q")
		s.Wait()
		if n := r.created(t, rec.Email); n != 1 {
			t.Fatalf("%d created, want 1", n)
		}
	})

	// 17: help at 80 columns wraps at words, under each description; an
	// example stays whole.
	t.Run("help at 80 columns", func(t *testing.T) {
		for _, args := range []string{"--help", "submit --help", "auth login --help", "draft show --help"} {
			s := termtest.Run(t, termtest.Options{Width: 80, Height: 200, TerminalStdout: true}, append([]string{bin}, strings.Fields(args)...)...)
			if code := s.Wait(); code != 0 {
				t.Errorf("%s: exit %d", args, code)
			}
			scr := s.Transcript() // lines as the program wrote them
			for _, l := range strings.Split(scr, "\n") {
				// An example is code: whole, past the edge, never cut or
				// wrapped (it would not run when copied).
				if w := len([]rune(strings.TrimRight(l, " "))); w > 80 && !strings.HasPrefix(strings.TrimSpace(l), "argos-migrate ") {
					t.Errorf("%s: a line of %d columns, cut by the terminal:\n%s", args, w, l)
				}
			}
			if args == "draft show --help" && !strings.Contains(scr, "argos-migrate draft show --file ~/.local/state/argos-migrate/default.draft.backup-20261125T120000Z.json\n") {
				t.Errorf("%s: the example was cut:\n%s", args, scr)
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
			s := termtest.Run(t, termtest.Options{Width: 100, Height: 50, Env: []string{"XDG_STATE_HOME=" + r.state}, StdinFile: file, TerminalStdout: true},
				bin, "--accessible", "--api-url", r.url)
			code := s.Wait()
			scr := s.Transcript()
			if code != 0 {
				t.Errorf("%s / %s: exit %d:\n%s", c.nationality, c.issuing, code, scr)
			}
			for _, want := range []string{"Taken as " + c.wantN, "Taken as " + c.wantI} {
				if !strings.Contains(scr, want) {
					t.Errorf("%s / %s: the transcript lacks %q:\n%s", c.nationality, c.issuing, want, scr)
				}
			}
			if n := r.created(t, lines[2]); n != 1 {
				t.Errorf("%d records for %s, want 1", n, lines[2])
			}
		}
	})
}
