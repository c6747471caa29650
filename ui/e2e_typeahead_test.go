package ui

import (
	"fmt"
	"path/filepath"
	"testing"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
)

// TestWholeRecordInOneGoInTmux types the whole record, every field and
// every enter, in one tmux send-keys call, the way a paste from a ticket
// arrives: no key may land in a field the focus is leaving.
func TestWholeRecordInOneGoInTmux(t *testing.T) {
	needTmux(t)
	bin := buildBinary(t)
	sb := apitest.Sandbox(t, sandbox.Options{Now: fixedNow})
	dir := t.TempDir()
	stdout, status := filepath.Join(dir, "stdout"), filepath.Join(dir, "status")
	// The key comes from the environment, never argv; drafts go to a
	// folder of the test's own (startTmux).
	s := startTmux(t, 100, 30, fmt.Sprintf("ARGOS_API_KEY=%q %q --api-url %q >%q; echo $? >%q; sleep 30",
		sandbox.Key, bin, sb.URL, stdout, status))
	s.waitFor("┃ Admin account")

	rec := apitest.Sample()
	args := []string{"send-keys", "-t", s.name}
	for _, p := range apiclient.Pages {
		for _, k := range p.Keys {
			typed, downs := fieldInput(k, rec.Get(k))
			if k == apiclient.FieldEmail {
				// A refused value first: enter keeps the focus, the
				// keys after it must still reach this field.
				args = append(args, "bad-email", "Enter", "C-u")
			}
			if typed != "" {
				args = append(args, typed)
			}
			for range downs {
				args = append(args, "Down")
			}
			args = append(args, "Enter")
		}
	}
	s.run(args...)

	s.waitFor("✓ Ready. Press s to submit", "홍길동")
	s.keys("s")
	s.waitFor("Submission created")
	s.keys("q")
	out := waitExit(t, stdout, status)
	recs := sb.Records()
	if len(recs) != 1 || out != recs[0].ID+"\n" {
		t.Fatalf("stdout %q, %d records in the sandbox", out, len(recs))
	}
	if recs[0].Submission != rec {
		t.Fatalf("the sandbox got\n%+v\nwant\n%+v", recs[0].Submission, rec)
	}
}
