package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
	"argos-migrate/ui/cmd"
	"argos-migrate/ui/termtest"
)

// TestSecretsAudit runs the whole flow through the real binary with a key
// and an identity number it can recognise: login (key on stdin) against a
// sandbox that accepts only that key, the wizard in tmux with the stored key
// (a record filled in, a failing submit, quit so the draft is kept,
// encrypted), submit --file of the record (a success, a failure, --json),
// draft show, auth status and auth logout. Then neither secret may appear in
// any file under the flow's HOME and XDG folders or the Secret Service's own
// folders (gnome-keyring's files are encrypted: the key must not be there in
// clear either), in anything the commands printed or the wizard's screens
// showed, or in the arguments of any process while the flow ran.
//
// `draft export` is left out on purpose: it exists to print the record in
// clear, identity number included. The form page legitimately shows the
// identity number while it is typed, so the wizard is checked on its review,
// error and exit screens, not on the raw stream of the form page.
func TestSecretsAudit(t *testing.T) {
	requireSecretService(t)
	termtest.Require(t)
	key := "AUDITKEY-" + randomHex(t) + randomHex(t)
	idNumber := "990101-1AUDIT77" + strings.ToUpper(randomHex(t))
	secrets := []string{key, idNumber}
	procs := watchArgv(t, secrets...)

	root := t.TempDir() // every folder the flow may write to
	dirs := map[string]string{}
	for _, v := range []string{"HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR", "TMPDIR"} {
		dirs[v] = filepath.Join(root, strings.ToLower(v))
		if err := os.MkdirAll(dirs[v], 0o700); err != nil {
			t.Fatal(err)
		}
	}
	env := auditEnv(dirs)
	inputs := t.TempDir() // record files: they hold the identity number by design
	const profile = "audit"

	var printed []string // everything a command printed or a screen showed
	run := func(stdin string, args ...string) result {
		t.Helper()
		c := exec.Command(binary, args...)
		c.Env, c.Dir = env, dirs["HOME"]
		c.Stdin = strings.NewReader(stdin)
		var o, e bytes.Buffer
		c.Stdout, c.Stderr = &o, &e
		err := c.Run()
		if _, ok := err.(*exec.ExitError); err != nil && !ok {
			t.Fatal(err)
		}
		printed = append(printed, strings.Join(args, " ")+": stdout\n"+o.String(), strings.Join(args, " ")+": stderr\n"+e.String())
		return result{code: c.ProcessState.ExitCode(), stdout: o.String(), stderr: e.String()}
	}

	// The sandbox is the binary's own, with its key from the environment.
	sb := exec.Command(binary, "sandbox", "--port", "0")
	sb.Env = append(env, cmd.EnvSandboxKey+"="+key)
	var sbErr bytes.Buffer
	sb.Stderr = &sbErr
	sbOut, err := sb.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := sb.Start(); err != nil {
		t.Fatal(err)
	}
	stopSandbox := func() {
		_ = sb.Process.Signal(os.Interrupt)
		_ = sb.Wait()
	}
	defer stopSandbox()
	line, err := bufio.NewReader(sbOut).ReadString('\n')
	if err != nil {
		t.Fatalf("reading the sandbox's URL: %v\n%s", err, sbErr.String())
	}
	url := strings.TrimSpace(line)

	// Login: the key on stdin, checked by the sandbox, stored in the keyring.
	r := run(key+"\n", "auth", "login", "--profile", profile, "--api-url", url)
	if r.code != 0 || !strings.Contains(r.stderr, "accepted the key") {
		t.Fatalf("login: exit %d\n%s", r.code, r.stderr)
	}

	// The wizard, with the stored key: fill, submit to an admin the sandbox
	// refuses, quit from the error screen so the draft is kept.
	rec := apitest.Sample()
	rec.IdentityNumber = idNumber
	failing := rec
	failing.Admin = sandbox.AdminInvalid
	wiz := termtest.Run(t, termtest.Options{BaseEnv: env, Dir: dirs["HOME"]}, binary, "--profile", profile)
	wiz.WaitFor("AUDI••••", "┃ Admin account")
	wiz.Fill(failing, apiclient.FieldIdentityNumber) // pasted: never in a tmux command's arguments
	printed = append(printed, "review\n"+wiz.WaitFor("✓ Ready", "••••••-•••••"))
	wiz.Keys("s")
	printed = append(printed, "error screen\n"+wiz.WaitFor("admin account has no rights"))
	wiz.Keys("q")
	printed = append(printed, "after the wizard\n"+wiz.WaitFor("kept as a draft for profile"))
	wiz.Wait()
	draftFile := filepath.Join(dirs["XDG_STATE_HOME"], "argos-migrate", profile+".draft.json")
	var envelope struct {
		Encrypted bool `json:"encrypted"`
	}
	if data, err := os.ReadFile(draftFile); err != nil || json.Unmarshal(data, &envelope) != nil || !envelope.Encrypted {
		t.Fatalf("the draft is not kept encrypted at %s: %v\n%s", draftFile, err, data)
	}

	// submit --file: a success from a file, a failure from stdin, --json.
	recFile := filepath.Join(inputs, "record.json")
	if err := os.WriteFile(recFile, must(json.Marshal(rec)), 0o600); err != nil {
		t.Fatal(err)
	}
	if r = run("", "submit", "--profile", profile, "--file", recFile); r.code != 0 || !strings.HasSuffix(strings.TrimSpace(r.stdout), "_mg") {
		t.Fatalf("submit: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r = run(string(must(json.Marshal(failing))), "submit", "--profile", profile, "--file", "-"); r.code != 1 {
		t.Fatalf("failing submit: exit %d, want 1\n%s", r.code, r.stderr)
	}
	if r = run(string(must(json.Marshal(failing))), "submit", "--profile", profile, "--json", "--file", "-"); r.code != 1 || !strings.Contains(r.stdout, `"code":"invalid_admin"`) {
		t.Fatalf("failing submit --json: exit %d\n%s", r.code, r.stdout)
	}

	// A padded identity number breaks a rule: the message must not offer
	// the corrected value, which is the number in clear.
	padded := failing
	padded.IdentityNumber = idNumber + " "
	for _, args := range [][]string{{"--file", "-"}, {"--json", "--file", "-"}} {
		if r = run(string(must(json.Marshal(padded))), append([]string{"submit", "--profile", profile}, args...)...); r.code != 2 ||
			!strings.Contains(r.stdout+r.stderr, "identityNumber") {
			t.Fatalf("submit %v of a padded identity number: exit %d, want 2 naming the field\n%s%s", args, r.code, r.stdout, r.stderr)
		}
	}

	if r = run("", "draft", "show", "--profile", profile); r.code != 0 || !strings.Contains(r.stdout, "invalid_admin") || !strings.Contains(r.stdout, "••••••-") {
		t.Fatalf("draft show: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r = run("", "auth", "status", "--profile", profile); r.code != 0 || !strings.Contains(r.stdout, "AUDI••••") {
		t.Fatalf("auth status: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r = run("", "auth", "logout", "--profile", profile); r.code != 0 || !strings.Contains(r.stderr, "Removed the key") {
		t.Fatalf("auth logout: exit %d\n%s", r.code, r.stderr)
	}
	stopSandbox()
	printed = append(printed, "sandbox\n"+sbErr.String())
	printed = append(printed, "wizard stdout\n"+wiz.Output())
	hits := procs.stop()

	for _, s := range secrets {
		for _, p := range printed {
			if strings.Contains(p, s) {
				t.Errorf("%q was printed or shown:\n%s", s, p)
			}
		}
		for _, h := range hits[s] {
			t.Errorf("a process had %q in its arguments: %s", s, h)
		}
	}
	// Files: the flow's folders, and the Secret Service's (the session
	// .ci/test starts keeps gnome-keyring's files under its HOME and data
	// folder).
	roots := []string{root}
	for _, v := range []string{"HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"} {
		if d := os.Getenv(v); d != "" {
			roots = append(roots, d)
		}
	}
	n := 0
	for _, s := range secrets {
		n = assertNoFileHolds(t, s, roots...)
	}
	if n < 4 {
		t.Errorf("read only %d files under %v: the scan proves nothing", n, roots)
	}
	if keyrings, _ := filepath.Glob(filepath.Join(os.Getenv("XDG_DATA_HOME"), "keyrings", "*")); len(keyrings) == 0 {
		t.Errorf("no keyring file under $XDG_DATA_HOME/keyrings: the session is not the one .ci/test sets up")
	}
}

// auditEnv is this process's environment with HOME, every XDG folder and
// TMPDIR replaced by dirs, and no ARGOS_* variable.
func auditEnv(dirs map[string]string) []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if _, replaced := dirs[name]; replaced || strings.HasPrefix(name, "ARGOS_") || strings.HasPrefix(name, "XDG_") {
			continue
		}
		env = append(env, kv)
	}
	for k, v := range dirs {
		env = append(env, k+"="+v)
	}
	return append(env, "TERM=xterm-256color")
}

// argvWatch reads every process's arguments every few milliseconds while
// the flow runs, and remembers those that held a secret.
type argvWatch struct {
	done chan struct{}
	wg   sync.WaitGroup
	mu   sync.Mutex
	hits map[string][]string
	seen bool // the marker process was seen: the watch works
}

func watchArgv(t *testing.T, secrets ...string) *argvWatch {
	t.Helper()
	marker := "AUDIT-MARKER-" + randomHex(t)
	w := &argvWatch{done: make(chan struct{}), hits: map[string][]string{}}
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		for {
			paths, _ := filepath.Glob("/proc/[0-9]*/cmdline")
			for _, p := range paths {
				data, err := os.ReadFile(p)
				if err != nil {
					continue
				}
				w.mu.Lock()
				if bytes.Contains(data, []byte(marker)) {
					w.seen = true
				}
				for _, s := range secrets {
					if bytes.Contains(data, []byte(s)) && len(w.hits[s]) < 5 {
						w.hits[s] = append(w.hits[s], p+": "+strconv.Quote(string(bytes.ReplaceAll(data, []byte{0}, []byte{' '}))))
					}
				}
				w.mu.Unlock()
			}
			select {
			case <-w.done:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	t.Cleanup(func() {
		select {
		case <-w.done:
		default:
			w.stop()
		}
	})
	// A process the watch must see, to prove it sees children at all.
	if err := exec.Command("sh", "-c", "sleep 0.3", marker).Run(); err != nil {
		t.Fatal(err)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.seen {
		t.Fatal("the /proc watch did not see a child's arguments: it would prove nothing")
	}
	return w
}

func (w *argvWatch) stop() map[string][]string {
	close(w.done)
	w.wg.Wait()
	return w.hits
}
