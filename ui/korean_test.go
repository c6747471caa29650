package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/i18ntest"
)

// A key the API could not judge is said in the failure policy's words, in
// the run's language: never Go's error chain.
func TestAnUncheckedKeyIsSaidInKorean(t *testing.T) {
	i18ntest.NoMissing(t)
	i18ntest.Use(t, i18n.KO)
	unreachable := &apiclient.TransportError{Op: "sending to 127.0.0.1:9", Err: errors.New("dial tcp 127.0.0.1:9: connect: connection refused")}
	keys := KeyFuncs{Check: func(context.Context, string) error {
		return fmt.Errorf("%w: %w", apiclient.ErrKeyUnchecked, unreachable)
	},
		UseForSession: func(context.Context, string) (Target, error) { return Target{}, nil }}
	m := goldenModel(t, Deps{NeedKey: true, Keys: keys, Target: Target{URL: "http://127.0.0.1:9", Profile: "acme"}}, 100, 30)
	typeInto(t, m, "some-key-0123456789")
	send(t, m, keyMsg("enter"))
	if m.key.phase != keyChoosing {
		t.Fatalf("phase %v, want the choice:\n%s", m.key.phase, plainScreen(m))
	}
	scr := plainScreen(m)
	line := ""
	for _, l := range strings.Split(scr, "\n") {
		if strings.Contains(l, "! ") {
			line = l
			break
		}
	}
	i18ntest.Korean(t, "the unchecked key's warning", line)
	if strings.Contains(scr, "API key not checked") || strings.Contains(scr, "dial tcp") {
		t.Fatalf("Go's error chain on the screen:\n%s", scr)
	}
}
