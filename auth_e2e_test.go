package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"argos-migrate/apiclient/keyring"
	"argos-migrate/apiclient/sandbox"
	"argos-migrate/ui/termtest"
)

// envKeyringSession is set by .ci/test inside its private D-Bus session with
// an unlocked gnome-keyring. Without it the tests below refuse to run, so
// that they never write into a developer's own keyring.
const envKeyringSession = "ARGOS_TEST_KEYRING_SESSION"

// requireSecretService fails under CI=true and skips elsewhere, with the
// reason, when no private Secret Service answers.
func requireSecretService(t testing.TB) {
	t.Helper()
	reason := ""
	switch {
	case runtime.GOOS != "linux":
		reason = "the Secret Service tests run on Linux only"
	case os.Getenv(envKeyringSession) == "":
		reason = envKeyringSession + " is not set: run these through `bash .ci/test`, which starts a private D-Bus session with gnome-keyring (they never touch your own keyring)"
	default:
		k := &keyring.Keyring{Timeout: 10 * time.Second}
		ctx := context.Background()
		profile := "probe-" + randomHex(t)
		err := k.Set(ctx, profile, "probe-value-123456")
		if err == nil {
			var got string
			if got, err = k.Get(ctx, profile); err == nil && got != "probe-value-123456" {
				err = errors.New("read back a different value")
			}
			_ = k.Delete(ctx, profile)
		}
		if err != nil {
			reason = "the private Secret Service did not work: " + err.Error()
		}
	}
	if reason == "" {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("CI=true and %s", reason)
	}
	t.Skip("skipping: " + reason)
}

func randomHex(t testing.TB) string {
	var b [4]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b[:])
}

// childEnv is this process's environment without ARGOS_* variables, with
// HOME and XDG_CONFIG_HOME in home, plus extra.
func childEnv(home string, extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch {
		case strings.HasPrefix(name, "ARGOS_"), name == "HOME", name == "XDG_CONFIG_HOME":
			continue
		}
		env = append(env, kv)
	}
	return append(env, append([]string{"HOME=" + home, "XDG_CONFIG_HOME=" + filepath.Join(home, ".config"), "ARGOS_LANG=en"}, extra...)...)
}

type result struct {
	code           int
	stdout, stderr string
	argv           []string // what the binary saw as its arguments (/proc/<pid>/cmdline)
}

// runBinary runs bin with args, env and stdin, and checks while it runs that
// no process on the machine shows secret in its arguments.
func runBinary(t *testing.T, bin, secret string, env []string, stdin string, args ...string) result {
	t.Helper()
	for _, a := range append(append([]string{}, args...), env...) {
		if strings.Contains(a, secret) {
			t.Fatalf("the test itself passes the key in argv or env: %q", a)
		}
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// The binary is now running (and, for login and `submit --file -`,
	// blocked reading stdin): look at every process's arguments.
	var r result
	// Start returns once exec has begun; the new image's arguments appear in
	// /proc a moment later, so an empty read is tried again.
	termtest.Poll(2*time.Second, func() bool {
		data, err := os.ReadFile("/proc/" + strconv.Itoa(cmd.Process.Pid) + "/cmdline")
		if err != nil || len(data) > 0 {
			r.argv = strings.Split(strings.TrimRight(string(data), "\x00"), "\x00")
			return true
		}
		return false
	})
	assertNoArgvHolds(t, secret)
	_, _ = io.WriteString(in, stdin)
	in.Close()
	err = cmd.Wait()
	assertNoArgvHolds(t, secret)
	var exitErr *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exitErr):
		r.code = exitErr.ExitCode()
	default:
		t.Fatal(err)
	}
	r.stdout, r.stderr = stdout.String(), stderr.String()
	if strings.Contains(r.stdout+r.stderr, secret) {
		t.Errorf("%v printed the key:\n%s%s", args, r.stdout, r.stderr)
	}
	return r
}

// assertNoArgvHolds reads the arguments of every process visible in /proc.
func assertNoArgvHolds(t *testing.T, secret string) {
	t.Helper()
	cmdlines, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	for _, p := range cmdlines {
		data, err := os.ReadFile(p)
		if err == nil && bytes.Contains(data, []byte(secret)) {
			t.Errorf("%s holds the key: %q", p, data)
		}
	}
}

// assertNoFileHolds walks roots and fails on any file whose bytes contain
// secret; it returns how many files it read.
func assertNoFileHolds(t *testing.T, secret string, roots ...string) int {
	t.Helper()
	n := 0
	for _, root := range roots {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || !d.Type().IsRegular() {
				return nil // sockets, vanished files
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return nil
			}
			n++
			if bytes.Contains(data, []byte(secret)) {
				t.Errorf("%s contains the key", path)
			}
			return nil
		})
		if err != nil {
			t.Errorf("walking %s: %v", root, err)
		}
	}
	return n
}

func TestAuthEndToEndWithSecretService(t *testing.T) {
	requireSecretService(t)
	bin := binary
	// A key of this run's own: the sandbox's published one is in other
	// tests' arguments on a shared machine, and proves nothing here.
	key := "e2ekey-" + randomHex(t) + randomHex(t)
	sb, err := sandbox.Start(0, sandbox.Options{Key: key})
	if err != nil {
		t.Fatal(err)
	}
	defer sb.Close()
	record, err := os.ReadFile("testdata/sample-record.json")
	if err != nil {
		t.Fatal(err)
	}
	home := t.TempDir()
	env := childEnv(home)
	profile := "e2e-" + randomHex(t)

	r := runBinary(t, bin, key, env, key+"\n", "auth", "login", "--profile", profile, "--api-url", sb.URL)
	if r.code != 0 || !strings.Contains(r.stderr, "accepted the key") {
		t.Fatalf("login: exit %d\n%s", r.code, r.stderr)
	}
	// login was blocked reading stdin when its /proc entry was read.
	if len(r.argv) == 0 || r.argv[0] != bin || strings.Join(r.argv[1:], " ") != "auth login --profile "+profile+" --api-url "+sb.URL {
		t.Errorf("/proc/<pid>/cmdline of login = %q", r.argv)
	}
	settings, err := os.ReadFile(filepath.Join(home, ".config", "argos-migrate", "config.json"))
	if err != nil || !strings.Contains(string(settings), sb.URL) {
		t.Fatalf("settings file: %v\n%s", err, settings)
	}

	r = runBinary(t, bin, key, append(env, "ARGOS_PROFILE="+profile), "", "auth", "status")
	for _, want := range []string{profile + " (selected)", sb.URL, "e2ek•••• in the OS keyring", "OS keyring: answered"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("status lacks %q:\n%s", want, r.stdout)
		}
	}
	if r.code != 0 {
		t.Errorf("status: exit %d\n%s", r.code, r.stderr)
	}

	// The stored key and the profile's URL carry the submit.
	r = runBinary(t, bin, key, env, string(record), "submit", "--profile", profile, "--file", "-")
	recs := sb.Records()
	if r.code != 0 || len(recs) != 1 || strings.TrimSpace(r.stdout) != recs[0].ID {
		t.Fatalf("submit: exit %d, %d records, stdout %q\n%s", r.code, len(recs), r.stdout, r.stderr)
	}

	r = runBinary(t, bin, key, env, "", "auth", "logout", "--profile", profile)
	if r.code != 0 || !strings.Contains(r.stderr, "Removed the key") {
		t.Fatalf("logout: exit %d\n%s", r.code, r.stderr)
	}
	if _, err := (&keyring.Keyring{}).Get(context.Background(), profile); !errors.Is(err, keyring.ErrKeyNotFound) {
		t.Fatalf("after logout the keyring answers %v", err)
	}

	r = runBinary(t, bin, key, env, string(record), "submit", "--profile", profile, "--file", "-")
	if r.code != 2 || !strings.Contains(r.stderr, "argos-migrate auth login") {
		t.Fatalf("submit after logout: exit %d, want 2 with the auth login hint\n%s", r.code, r.stderr)
	}
	if n := len(sb.Records()); n != 1 {
		t.Fatalf("submit without a key reached the server (%d records)", n)
	}

	// Nothing on disk holds the key: the child's HOME and settings, and the
	// private session's HOME and data folder, where gnome-keyring keeps its
	// (encrypted) keyring file.
	roots := []string{home}
	for _, v := range []string{"HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"} {
		if d := os.Getenv(v); d != "" && !strings.HasPrefix(filepath.Clean(d), filepath.Clean(home)) {
			roots = append(roots, d)
		}
	}
	if n := assertNoFileHolds(t, key, roots...); n < 2 {
		t.Errorf("read only %d files under %v: the scan proves nothing", n, roots)
	}
	if keyrings, _ := filepath.Glob(filepath.Join(os.Getenv("XDG_DATA_HOME"), "keyrings", "*")); len(keyrings) == 0 {
		t.Errorf("no keyring file under $XDG_DATA_HOME/keyrings: the session is not the one .ci/test sets up")
	}
}

// TestNoKeyringThroughTheBinary points the binary at a D-Bus address where
// nothing listens, as on a headless server, and checks the message.
func TestNoKeyringThroughTheBinary(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("skipping: the D-Bus keyring is Linux's")
	}
	bin := binary
	home := t.TempDir()
	env := childEnv(home, "DBUS_SESSION_BUS_ADDRESS=unix:path="+filepath.Join(home, "no-bus"))
	for i, kv := range env {
		if strings.HasPrefix(kv, "DBUS_SESSION_BUS_ADDRESS=") && !strings.Contains(kv, "no-bus") {
			env[i] = "UNUSED_DBUS=1"
		}
	}
	r := runBinary(t, bin, "never-used", env, "", "auth", "status")
	if r.code != 1 || !strings.Contains(r.stdout, "OS keyring: no OS keyring answered") {
		t.Fatalf("status: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{"start a Secret Service", "ARGOS_API_KEY", "never stores the key in a plain file"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("status stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	adviceOnce(t, "auth status", r)
	r = runBinary(t, bin, "never-used", env, "k-0123456789\n", "auth", "login", "--api-url", "http://127.0.0.1:1")
	if r.code == 0 || !strings.Contains(r.stderr, "no OS keyring answered") {
		t.Fatalf("login: exit %d\n%s", r.code, r.stderr)
	}
	adviceOnce(t, "auth login", r)
	adviceOnce(t, "auth logout", runBinary(t, bin, "never-used", env, "", "auth", "logout"))
	adviceOnce(t, "submit", runBinary(t, bin, "never-used", env, "", "submit", "-f", "testdata/sample-record.json"))
	adviceOnce(t, "accessible mode", runBinary(t, bin, "never-used", env, "k-0123456789\n", "--accessible", "--api-url", "http://127.0.0.1:1"))
	entries, _ := os.ReadDir(home)
	for _, e := range entries {
		if e.Name() != "no-bus" {
			t.Errorf("login without a keyring left %s in HOME", e.Name())
		}
	}
}

// adviceOnce fails unless what r printed gives the no-keyring advice, and
// gives it once: the error says what failed, Explain what to do.
func adviceOnce(t *testing.T, what string, r result) {
	t.Helper()
	if n := strings.Count(r.stdout+r.stderr, "start a Secret Service"); n != 1 {
		t.Errorf("%s gives the no-keyring advice %d times, want once:\n%s%s", what, n, r.stdout, r.stderr)
	}
}

// BenchmarkSecretService measures one store and one read of a key through the
// real Secret Service (run through .ci/test's session, with -bench).
func BenchmarkSecretService(b *testing.B) {
	requireSecretService(b)
	k := &keyring.Keyring{}
	ctx := context.Background()
	profile := "bench-" + randomHex(b)
	defer func() { _ = k.Delete(ctx, profile) }()
	b.Run("Set", func(b *testing.B) {
		for b.Loop() {
			if err := k.Set(ctx, profile, "bench-key-0123456789"); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Get", func(b *testing.B) {
		for b.Loop() {
			if _, err := k.Get(ctx, profile); err != nil {
				b.Fatal(err)
			}
		}
	})
}
