package ui

import (
	"syscall"
	"testing"

	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
)

// TestSignalWhileSendingSaysTheRecordMayExist ends the wizard with SIGTERM
// or SIGHUP while the sandbox holds the record's answer: like ctrl+c, the
// wizard says the record may have been created, and exits 130.
func TestSignalWhileSendingSaysTheRecordMayExist(t *testing.T) {
	needTmux(t)
	bin := buildBinary(t)
	rec := apitest.Sample()
	rec.Admin = sandbox.AdminStall // creates the record and never answers
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGHUP} {
		t.Run(sig.String(), func(t *testing.T) {
			r := newDraftRig(t, bin)
			s, status := r.wizard()
			s.fill(rec)
			s.waitFor("✓ Ready")
			s.keys("s")
			s.waitFor("Sending the record")
			if err := syscall.Kill(s.wizardPID(), sig); err != nil {
				t.Fatal(err)
			}
			if code := exitCode(t, status); code != 130 {
				t.Errorf("exit %d, want 130", code)
			}
			s.waitFor("the wizard was stopped while the record was being sent", "The record may have been created. Check the dashboard")
		})
	}
}
