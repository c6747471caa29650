package cmd

import (
	"context"
	"strings"
	"testing"
)

// The sandbox's own key comes from the environment only and is never
// printed, so a test can recognise it wherever it might leak.
func TestSandboxKeyFromEnvironment(t *testing.T) {
	const key = "env-sandbox-key-0123456789"
	f, out, errOut := testFactory(t, map[string]string{EnvSandboxKey: key})
	root := NewCmdRoot(f, nil)
	root.SetArgs([]string{"sandbox"})
	root.SetOut(errOut)
	root.SetErr(errOut)
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // start, report, stop
	if err := root.ExecuteContext(ctx); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String()+errOut.String(), key) {
		t.Fatalf("the sandbox printed its key:\n%s%s", out, errOut)
	}
	if !strings.Contains(errOut.String(), "$"+EnvSandboxKey+" (env-••••)") {
		t.Errorf("the sandbox does not say where its key comes from:\n%s", errOut)
	}

	var got *SandboxOptions
	root = NewCmdSandbox(f, &GlobalOptions{}, func(_ context.Context, o *SandboxOptions) error { got = o; return nil })
	root.SetArgs(nil)
	if err := root.Execute(); err != nil || got == nil || got.Key != key {
		t.Fatalf("sandbox options %+v, %v: want the key from %s", got, err, EnvSandboxKey)
	}
}
