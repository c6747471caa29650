package ui

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
)

// A server that blames the encryption setting whichever way it is set
// (here: a wrong key for encryption, or a project that refuses both) does
// not send the agent round in circles: once both settings were refused,
// the error screen says so, stops offering to switch, and points to the
// project's settings and support.
func TestEncryptionHintStopsFlipFlopping(t *testing.T) {
	var enc bool
	submit := func(_ context.Context, _ apiclient.Submission) (string, error) {
		hint := apiclient.EncryptionTurnOn
		if enc {
			hint = apiclient.EncryptionTurnOff
		}
		return "", &apiclient.APIError{Status: 400, Code: apiclient.CodeInvalidPayload, Message: "Invalid payload.", Encryption: hint}
	}
	keys := KeyFuncs{SetEncrypted: func(_ context.Context, on bool) (Target, error) {
		enc = on
		return Target{URL: "http://127.0.0.1:1", Sandbox: true, MaskedKey: "sand••••", Encrypted: on}, nil
	}}
	m := newModel(context.Background(), Deps{Submit: submit, Now: fixedNow, Initial: apitest.Sample(), Keys: keys,
		Target: Target{URL: "http://127.0.0.1:1", Sandbox: true, MaskedKey: "sand••••"}, Drafts: DraftOptions{StartAtReview: true}})
	m.Init()
	send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})

	send(t, m, keyMsg("s"))
	if scr := ansi.Strip(m.render()); m.screen != screenError || !strings.Contains(scr, "e turn encryption on") {
		t.Fatalf("first refusal: screen %v\n%s", m.screen, scr)
	}
	send(t, m, keyMsg("e"))
	send(t, m, keyMsg("s"))
	scr := ansi.Strip(m.render())
	if m.screen != screenError || strings.Contains(scr, "turn encryption") || !strings.Contains(scr, "refused with both encryption settings") ||
		!strings.Contains(scr, "ARGOS dashboard") || !strings.Contains(scr, "contact ARGOS support") {
		t.Fatalf("second refusal, the other way round: screen %v\n%s", m.screen, scr)
	}
	// Title and body agree: neither blames the setting any more (the
	// policy's words for both settings tried).
	if want := m.fail.BothSettingsTried().Title; !strings.Contains(scr, "✗ "+want) ||
		strings.Contains(scr, "does not match the project") || strings.Contains(scr, "seems to have secure data transmission") {
		t.Fatalf("second refusal: the title still blames the setting the body clears (want %q):\n%s", want, scr)
	}
	send(t, m, keyMsg("e"))
	if !enc || m.screen != screenError {
		t.Fatalf("e still switched the setting after both were refused (encrypted %v, screen %v)", enc, m.screen)
	}
}
