package ui

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
	"argos-migrate/ui/termtest"
)

var sgr = regexp.MustCompile(`\x1b\[([0-9;:]*)m`)

// colourCodes lists the SGR sequences on screen that set a colour
// (foreground, background or underline; 39/49/59, back to the default, do not).
func colourCodes(screen string) []string {
	var found []string
	for _, m := range sgr.FindAllStringSubmatch(screen, -1) {
		for _, p := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ';' || r == ':' }) {
			n, _ := strconv.Atoi(p)
			if (n >= 30 && n <= 38) || (n >= 40 && n <= 48) || (n >= 90 && n <= 97) || (n >= 100 && n <= 107) || n == 58 {
				found = append(found, strconv.Quote(m[0]))
				break
			}
		}
	}
	return found
}

// TestNoColorInTmux walks the wizard (form, review, error, fix, result) at
// 80x24 with NO_COLOR=1 and checks that no screen sets a colour; the same
// first screen without NO_COLOR must have colours, so the check can fail.
func TestNoColorInTmux(t *testing.T) {
	termtest.Require(t)
	bin := termtest.Build(t)

	coloured := termtest.Run(t, termtest.Options{Width: 80, Height: 24, Unset: []string{"ARGOS_API_KEY", "NO_COLOR"}, Env: []string{"TERM=xterm-256color"}},
		bin, "--sandbox")
	coloured.WaitFor("┃ Admin account")
	if len(colourCodes(coloured.ScreenWithAttrs())) == 0 {
		t.Fatal("without NO_COLOR the first screen has no colour: the check below could not fail")
	}

	rec := apitest.Sample()
	bad := rec
	bad.Admin = sandbox.AdminInvalid
	s := termtest.Run(t, termtest.Options{Width: 80, Height: 24, Unset: []string{"ARGOS_API_KEY"}, Env: []string{"NO_COLOR=1", "TERM=xterm-256color"}},
		bin, "--sandbox")
	check := func(step string) {
		t.Helper()
		if codes := colourCodes(s.ScreenWithAttrs()); len(codes) > 0 {
			t.Errorf("%s: colour attributes with NO_COLOR=1: %v", step, codes)
		}
	}
	s.WaitFor("┃ Admin account", "SANDBOX")
	check("form")
	s.Fill(bad)
	s.WaitFor("✓ Ready")
	check("review")
	// A page opened from the review, a field emptied: the review flags it.
	s.Keys("2")
	s.WaitFor("┃ Full name")
	s.Keys("C-u", "C-r")
	s.WaitFor("✗ missing")
	check("review with problems")
	s.Keys("e") // the field left: Full name
	s.WaitFor("┃ Full name")
	s.Type(rec.FullName)
	s.Keys("Enter")
	s.WaitFor("✓ Ready")
	s.Keys("s")
	s.WaitFor("admin account has no rights", "✗")
	check("error")
	s.Keys("f")
	s.WaitFor("┃ Admin account", "Invalid admin.")
	check("form with the server's note")
	s.Keys("C-u")
	s.Type(rec.Admin)
	s.Keys("C-r")
	s.WaitFor("✓ Ready")
	s.Keys("s")
	s.WaitFor("Submission created")
	check("result")
}
