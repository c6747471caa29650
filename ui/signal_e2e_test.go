package ui

import (
	"syscall"
	"testing"

	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
	"argos-migrate/ui/termtest"
)

// TestSignalWhileSendingSaysTheRecordMayExist ends the wizard with SIGTERM
// or SIGHUP while the sandbox holds the record's answer: like ctrl+c, the
// wizard says the record may have been created, and exits 130.
func TestSignalWhileSendingSaysTheRecordMayExist(t *testing.T) {
	termtest.Require(t)
	bin := termtest.Build(t)
	rec := apitest.Sample()
	rec.Admin = sandbox.AdminStall // creates the record and never answers
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGHUP} {
		t.Run(sig.String(), func(t *testing.T) {
			r := newDraftRig(t, bin)
			s := r.wizard()
			s.Fill(rec)
			s.WaitFor("✓ Ready")
			s.Keys("s")
			s.WaitFor("Sending the record")
			s.Signal(sig)
			if code := s.Wait(); code != 130 {
				t.Errorf("exit %d, want 130", code)
			}
			s.WaitFor("the wizard was stopped while the record was being sent", "The record may have been created. Check the dashboard")
		})
	}
}
