package ui

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
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

// captureAttrs is the pane with its attributes as escape sequences.
func (s *tmuxSession) captureAttrs() string { return s.run("capture-pane", "-e", "-p", "-t", s.name) }

// TestNoColorInTmux walks the wizard (form, review, error, fix, result) at
// 80x24 with NO_COLOR=1 and checks that no screen sets a colour; the same
// first screen without NO_COLOR must have colours, so the check can fail.
func TestNoColorInTmux(t *testing.T) {
	needTmux(t)
	bin := buildBinary(t)

	coloured := startTmux(t, 80, 24, fmt.Sprintf("env -u ARGOS_API_KEY -u NO_COLOR TERM=xterm-256color %q --sandbox; sleep 30", bin))
	coloured.waitFor("┃ Admin account")
	if len(colourCodes(coloured.captureAttrs())) == 0 {
		t.Fatal("without NO_COLOR the first screen has no colour: the check below could not fail")
	}

	rec := apitest.Sample()
	bad := rec
	bad.Admin = sandbox.AdminInvalid
	s := startTmux(t, 80, 24, fmt.Sprintf("env -u ARGOS_API_KEY NO_COLOR=1 TERM=xterm-256color %q --sandbox; sleep 30", bin))
	check := func(step string) {
		t.Helper()
		if codes := colourCodes(s.captureAttrs()); len(codes) > 0 {
			t.Errorf("%s: colour attributes with NO_COLOR=1: %v", step, codes)
		}
	}
	s.waitFor("┃ Admin account", "SANDBOX")
	check("form")
	s.fill(bad)
	s.waitFor("✓ Ready")
	check("review")
	// A page opened from the review, a field emptied: the review flags it.
	s.keys("2")
	s.waitFor("┃ Full name")
	s.keys("C-u", "C-r")
	s.waitFor("✗ missing")
	check("review with problems")
	s.keys("e") // the field left: Full name
	s.waitFor("┃ Full name")
	s.typeText(rec.FullName)
	s.keys("Enter")
	s.waitFor("✓ Ready")
	s.keys("s")
	s.waitFor("admin account has no rights", "✗")
	check("error")
	s.keys("f")
	s.waitFor("┃ Admin account", "Invalid admin.")
	check("form with the server's note")
	s.keys("C-u")
	s.typeText(rec.Admin)
	s.keys("C-r")
	s.waitFor("✓ Ready")
	s.keys("s")
	s.waitFor("Submission created")
	check("result")
}
