package ui

import (
	"strings"
	"syscall"
	"testing"

	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
	"argos-migrate/ui/termtest"
)

// A signal from outside (SIGTERM from kill or a supervisor, SIGHUP from a
// closed terminal, SIGINT from `timeout -s INT` or a parent's ctrl+c) ends
// a wizard that is not sending as a quit does: exit 130, the record kept
// as a draft, and no Go error text ("program was killed: context
// canceled") on the way out.
func TestSignalOutsideASendEndsTheWizardAsAQuit(t *testing.T) {
	termtest.Require(t)
	bin := termtest.Build(t)
	rec := apitest.Sample()
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGHUP, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			r := newDraftRig(t, bin)
			s := r.wizard()
			s.FillPages(rec, 1)
			s.WaitFor("┃ Full name")
			s.Signal(sig)
			if code := s.Wait(); code != 130 {
				t.Errorf("exit %d, want 130", code)
			}
			scr := s.WaitFor("kept as a draft")
			for _, goText := range []string{"program was killed", "context canceled", "program was interrupted", "running the wizard"} {
				if strings.Contains(scr, goText) {
					t.Errorf("the way out shows Go's error text %q:\n%s", goText, scr)
				}
			}
		})
	}
}

// TestSignalWhileSendingSaysTheRecordMayExist ends the wizard with SIGTERM,
// SIGHUP or SIGINT while the sandbox holds the record's answer: like ctrl+c, the
// wizard says the record may have been created, and exits 3, as any
// failure that may have created the record does (130 says nothing was sent).
func TestSignalWhileSendingSaysTheRecordMayExist(t *testing.T) {
	termtest.Require(t)
	bin := termtest.Build(t)
	rec := apitest.Sample()
	rec.Admin = sandbox.AdminStall // creates the record and never answers
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGHUP, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			r := newDraftRig(t, bin)
			s := r.wizard()
			s.Fill(rec)
			s.WaitFor("✓ Ready")
			s.Keys("s")
			s.WaitFor("Sending the record")
			s.Signal(sig)
			if code := s.Wait(); code != 3 {
				t.Errorf("exit %d, want 3", code)
			}
			s.WaitFor("the wizard was stopped while the record was being sent", "The record may have been created. Check the dashboard")
		})
	}
}
