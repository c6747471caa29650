package ui

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"argos-migrate/apiclient/apitest"
	"argos-migrate/ui/termtest"
)

// paneModes are the terminal modes tmux reports that a full-screen program
// may change and must give back: the alternate screen, the cursor's
// visibility, mouse reporting, the keypad and cursor-key modes, insert,
// origin and wrap.
const paneModes = "alt=#{alternate_on} cursor=#{cursor_flag} mouse=#{mouse_any_flag}#{mouse_button_flag}#{mouse_all_flag}#{mouse_sgr_flag}" +
	" keypad=#{keypad_flag}#{keypad_cursor_flag} insert=#{insert_flag} origin=#{origin_flag} wrap=#{wrap_flag}"

// TestFaultLeavesTerminalRestoredInTmux runs the real binary from a shell
// prompt against a gateway that answers an HTML 502, quits on the error
// screen, and checks the agent is back at the same prompt with the terminal
// in the modes it had before, the failure explained on stderr, and the draft
// kept with an unknown outcome.
func TestFaultLeavesTerminalRestoredInTmux(t *testing.T) {
	termtest.Require(t)
	bin := termtest.Build(t)
	var url string
	for _, f := range apitest.Faults() {
		if f.Name == "html 502" {
			url = f.URL(t)
		}
	}
	record, err := filepath.Abs("../testdata/sample-record.json")
	if err != nil {
		t.Fatal(err)
	}
	state := t.TempDir()
	// The key reaches the binary through the environment tmux inherits,
	// never through argv.
	t.Setenv("ARGOS_API_KEY", "fault-e2e-key-0123456789")
	t.Setenv("ARGOS_PROFILE", "")
	t.Setenv("XDG_STATE_HOME", state)

	s := termtest.Start(t, termtest.Options{Env: []string{"PS1=shell$ ", "XDG_STATE_HOME=" + state}}, "sh", "-i")
	s.WaitFor("shell$")
	before := s.Display(paneModes)

	s.Type(bin + " --api-url " + url + " --from " + record)
	s.Keys("Enter")
	s.WaitFor("Press s to submit")
	if during := s.Display("#{alternate_on}"); during != "1" {
		t.Fatalf("alternate_on = %s while the wizard runs; the check below would prove nothing", during)
	}
	s.Keys("s")
	s.WaitFor("✗ The server failed", "! The record may have been created")
	s.Keys("q")
	s.WaitFor("kept as a draft", "may have been created")
	s.Type(`echo "exit=$?"`)
	s.Keys("Enter")
	scr := s.WaitFor("exit=3")
	if n := strings.Count(scr, "shell$"); n < 3 {
		t.Fatalf("not back at the prompt (%d prompts):\n%s", n, scr)
	}
	if after := s.Display(paneModes); after != before {
		t.Fatalf("terminal modes after exit: %s\nbefore the wizard: %s", after, before)
	}
	t.Logf("terminal modes before and after the wizard: %s", before)

	out, err := exec.Command(bin, "draft", "show").CombinedOutput()
	if err != nil {
		t.Fatalf("draft show: %v\n%s", err, out)
	}
	for _, want := range []string{"Last outcome: outcome unknown", "홍길동", "migrated-user2"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("draft show does not say %q:\n%s", want, out)
		}
	}
}
