package cmd

import (
	"context"
	"errors"
	"strings"
	"testing"
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
