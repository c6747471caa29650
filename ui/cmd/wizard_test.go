package cmd

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"argos-migrate/apiclient"
)

func testFactory(inTTY bool, env map[string]string) (*Factory, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	return &Factory{
		IO:      &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, InTTY: inTTY, ErrTTY: inTTY},
		Version: "test",
		Now:     time.Now,
		Getenv:  func(k string) string { return env[k] },
	}, &out, &errOut
}

func TestWizardWithoutTerminalSaysHowToRunNonInteractively(t *testing.T) {
	f, out, _ := testFactory(false, nil)
	err := WizardRun(context.Background(), f, &GlobalOptions{Sandbox: true})
	if !errors.Is(err, ErrUsage) || !strings.Contains(err.Error(), "submit --file") {
		t.Fatalf("err = %v, want a usage error naming submit --file", err)
	}
	if out.Len() != 0 {
		t.Fatalf("stdout = %q, want nothing", out)
	}
}

func TestWizardWithoutKeyNamesTheWaysToGiveOne(t *testing.T) {
	f, _, _ := testFactory(true, nil)
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
	f, _, _ := testFactory(true, nil)
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
