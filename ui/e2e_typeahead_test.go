package ui

import (
	"testing"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
	"argos-migrate/ui/termtest"
)

// TestWholeRecordInOneGoInTmux types the whole record, every field and
// every enter, in one tmux send-keys call, the way a paste from a ticket
// arrives: no key may land in a field the focus is leaving.
func TestWholeRecordInOneGoInTmux(t *testing.T) {
	termtest.Require(t)
	bin := termtest.Build(t)
	sb := apitest.Sandbox(t, sandbox.Options{Now: fixedNow})
	// The key comes from the environment, never argv; drafts go to a
	// folder of the test's own.
	s := termtest.Run(t, termtest.Options{Env: []string{"ARGOS_API_KEY=" + sandbox.Key}}, bin, "--api-url", sb.URL)
	s.WaitFor("┃ Admin account")

	rec := apitest.Sample()
	var args []string
	for _, p := range apiclient.Pages {
		for _, k := range p.Keys {
			typed, downs := termtest.Entry(k, rec.Get(k))
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
	s.Keys(args...)

	s.WaitFor("✓ Ready. Press s to submit", "홍길동")
	s.Keys("s")
	s.WaitFor("Submission created")
	s.Keys("q")
	out := s.Stdout()
	recs := sb.Records()
	if len(recs) != 1 || out != recs[0].ID+"\n" {
		t.Fatalf("stdout %q, %d records in the sandbox", out, len(recs))
	}
	if recs[0].Submission != rec {
		t.Fatalf("the sandbox got\n%+v\nwant\n%+v", recs[0].Submission, rec)
	}
}
