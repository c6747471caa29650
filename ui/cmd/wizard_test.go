package cmd

import (
	"context"
	"errors"
	"strings"
	"testing"

	"argos-migrate/apiclient"
)

func TestWizardWithoutTerminalSaysHowToRunNonInteractively(t *testing.T) {
	f, out, _ := testFactory(t, nil)
	f.IO.InTTY, f.IO.ErrTTY = false, false
	err := WizardRun(context.Background(), f, &GlobalOptions{Sandbox: true})
	if !errors.Is(err, ErrUsage) || !strings.Contains(err.Error(), "submit --file") || !strings.Contains(err.Error(), "--accessible") {
		t.Fatalf("err = %v, want a usage error naming submit --file and --accessible", err)
	}
	if out.Len() != 0 {
		t.Fatalf("stdout = %q, want nothing", out)
	}
}

func TestWizardWithoutKeyNamesTheWaysToGiveOne(t *testing.T) {
	f, _, _ := testFactory(t, nil)
	f.IO.InTTY, f.IO.ErrTTY = true, true
	err := WizardRun(context.Background(), f, &GlobalOptions{})
	if !errors.Is(err, apiclient.ErrNoKey) {
		t.Fatalf("err = %v, want ErrNoKey", err)
	}
	for _, want := range []string{EnvAPIKey, "--sandbox"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %s", err, want)
		}
	}
}

func TestRootWithoutCommandRunsTheWizard(t *testing.T) {
	f, _, _ := testFactory(t, nil)
	f.IO.InTTY, f.IO.ErrTTY = true, true
	called := false
	root := NewCmdRoot(f, func(_ context.Context, _ *Factory, g *GlobalOptions) error {
		called = g.Sandbox
		return nil
	})
	root.SetArgs([]string{"--sandbox"})
	if err := root.Execute(); err != nil || !called {
		t.Fatalf("execute: err %v, wizard called with --sandbox: %v", err, called)
	}
}
