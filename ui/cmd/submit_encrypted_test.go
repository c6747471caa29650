package cmd

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
)

var dataRaw = regexp.MustCompile(`--data-raw '(.*)'`)

func TestDryRunEncryptedUsesTheKeyWithoutShowingIt(t *testing.T) {
	const key = "a-customer-project-key-123"
	f, out, errOut := testFactory(t, map[string]string{EnvAPIKey: key})
	opts := &SubmitOptions{Factory: f, Globals: &GlobalOptions{Encrypted: true, Timeout: time.Second},
		File: "../../testdata/sample-record.json", DryRun: true}
	if err := submitRun(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	all := out.String() + errOut.String()
	if strings.Contains(all, key) || strings.Contains(all, key[:8]) {
		t.Fatalf("the key was printed:\n%s", all)
	}
	if !strings.Contains(out.String(), `"x-api-key: $ARGOS_API_KEY"`) {
		t.Errorf("curl does not leave the key as a variable:\n%s", out)
	}
	m := dataRaw.FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("no body in:\n%s", out)
	}
	plain, err := apiclient.OpenRequest(key, []byte(m[1]))
	if err != nil || !strings.Contains(string(plain), `"fullName":"홍길동"`) {
		t.Fatalf("body %s does not decrypt to the record: %q, %v", m[1], plain, err)
	}
	if !strings.Contains(errOut.String(), "encrypted with the key from environment") {
		t.Errorf("no note on stderr: %q", errOut)
	}
}

func TestDryRunEncryptedWithoutKeySaysWhy(t *testing.T) {
	f, out, _ := testFactory(t, nil)
	opts := &SubmitOptions{Factory: f, Globals: &GlobalOptions{Encrypted: true},
		File: "../../testdata/sample-record.json", DryRun: true}
	err := submitRun(context.Background(), opts)
	if !errors.Is(err, apiclient.ErrNoKey) || !strings.Contains(err.Error(), "cannot encrypt") {
		t.Fatalf("err = %v", err)
	}
	if out.Len() != 0 {
		t.Errorf("printed a curl anyway: %s", out)
	}
}

func TestSubmitEncryptedSandboxEndToEnd(t *testing.T) {
	for _, enc := range []bool{false, true} {
		f, out, _ := testFactory(t, nil)
		opts := &SubmitOptions{Factory: f, Globals: &GlobalOptions{Sandbox: true, Encrypted: enc, Timeout: 5 * time.Second},
			File: "../../testdata/sample-record.json"}
		if err := submitRun(context.Background(), opts); err != nil {
			t.Fatalf("encrypted=%v: %v", enc, err)
		}
		if !strings.HasSuffix(strings.TrimSpace(out.String()), "_mg") {
			t.Errorf("encrypted=%v: stdout %q", enc, out)
		}
	}
}

func TestEncryptedFlagReachesSandboxAndClient(t *testing.T) {
	f, out, errOut := testFactory(t, nil)
	root := NewCmdRoot(f, nil)
	root.SetArgs([]string{"sandbox", "--encrypted"})
	root.SetOut(errOut)
	root.SetErr(errOut)
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // the sandbox serves until the context ends: start, report, stop
	if err := root.ExecuteContext(ctx); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(errOut.String(), "Encrypted: yes") || !strings.HasPrefix(out.String(), "http://127.0.0.1:") {
		t.Fatalf("sandbox --encrypted did not start an encrypted sandbox:\n%s%s", out, errOut)
	}

	target, err := ResolveTargetContext(context.Background(), f, &GlobalOptions{Sandbox: true, Encrypted: true})
	if err != nil {
		t.Fatal(err)
	}
	defer target.Close()
	c, err := target.Client(f, &GlobalOptions{Encrypted: true})
	if err != nil || !target.Encrypted || target.Key != sandbox.Key {
		t.Fatalf("target %+v, client error %v", target, err)
	}
	// The encrypted sandbox answers invalid_payload to a plain body.
	if _, err := c.Submit(context.Background(), apitest.Sample()); err != nil {
		t.Fatalf("the client did not encrypt: %v", err)
	}
}
