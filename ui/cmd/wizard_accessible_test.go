package cmd

import (
	"context"
	"errors"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/keyring"
	"argos-migrate/apiclient/sandbox"
	"argos-migrate/apiclient/settings"
	"argos-migrate/forms/draft"
	"argos-migrate/ui/accessible"
)

func TestAccessibleModeTriggers(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		flag bool
		want bool
	}{
		{want: false},
		{flag: true, want: true},
		{env: map[string]string{"ACCESSIBLE": "1"}, want: true},
		{env: map[string]string{"ACCESSIBLE": "true"}, want: true},
		{env: map[string]string{"ACCESSIBLE": "0"}, want: false},
		{env: map[string]string{"ACCESSIBLE": "false"}, want: false},
		{env: map[string]string{"TERM": "dumb"}, want: true},
		{env: map[string]string{"TERM": "xterm-256color"}, want: false},
	} {
		f, _, _ := testFactory(t, tc.env)
		if got := AccessibleMode(f, &GlobalOptions{Accessible: tc.flag}); got != tc.want {
			t.Errorf("env %v, --accessible=%v: AccessibleMode = %v, want %v", tc.env, tc.flag, got, tc.want)
		}
	}
}

// answerFile is the testdata answer file, which describes the sample record.
func answerFile(tb testing.TB) string {
	tb.Helper()
	b, err := os.ReadFile("../../testdata/accessible-answers.txt")
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

func TestWizardInAccessibleModeReadsPipedAnswers(t *testing.T) {
	f, out, errOut := testFactory(t, map[string]string{"ACCESSIBLE": "1"})
	f.IO.In = strings.NewReader(answerFile(t))
	if err := WizardRun(context.Background(), f, &GlobalOptions{Sandbox: true}); err != nil {
		t.Fatalf("WizardRun: %v\n%s", err, errOut)
	}
	id := strings.TrimSpace(out.String())
	if !strings.HasPrefix(id, "sbx") || strings.Count(out.String(), "\n") != 1 {
		t.Fatalf("stdout = %q, want one submission id", out)
	}
	if !strings.Contains(errOut.String(), "Submission id: "+id) || strings.ContainsRune(errOut.String(), 0x1b) {
		t.Errorf("stderr:\n%q", errOut)
	}
}

func TestTruncatedAnswersExitWithAnInvalidRecordAndSaveTheDraft(t *testing.T) {
	f, out, errOut := testFactory(t, map[string]string{"XDG_STATE_HOME": t.TempDir()})
	lines := strings.SplitAfter(answerFile(t), "\n")
	f.IO.In = strings.NewReader(strings.Join(lines[:3], ""))
	g := &GlobalOptions{Sandbox: true, Accessible: true}
	err := WizardRun(context.Background(), f, g)
	if !errors.Is(err, apiclient.ErrInvalidRecord) || !errors.Is(err, accessible.ErrEndOfInput) {
		t.Fatalf("err = %v, want ErrEndOfInput as an invalid record (exit 2)", err)
	}
	store, err := openDraftStore(f, g)
	if err != nil {
		t.Fatal(err)
	}
	d, err := store.Load(context.Background())
	if err != nil {
		t.Fatalf("no draft on disk: %v", err)
	}
	want := apiclient.Submission{Admin: "admin@sample.com", FullName: "홍길동", Email: "migration@sample.com"}
	if d.Submission != want || d.Outcome.Message != "the answers ended at Birth date" || d.Outcome.Kind != draft.OutcomeNone {
		t.Fatalf("draft %+v, want the three answers given and why they stopped", d)
	}
	if out.Len() != 0 {
		t.Errorf("stdout = %q, want nothing", out)
	}
	if !strings.Contains(errOut.String(), "Your answers are saved as a draft") {
		t.Errorf("stderr does not mention the draft:\n%s", errOut)
	}
}

// A submit whose outcome is unknown is remembered as such, so that the next
// session looks the record up before sending it again.
func TestAccessibleUnknownOutcomeIsKeptInTheDraft(t *testing.T) {
	f, _, errOut := testFactory(t, map[string]string{"XDG_STATE_HOME": t.TempDir()})
	f.IO.In = strings.NewReader(strings.Replace(answerFile(t), "admin@sample.com", sandbox.AdminStall, 1))
	g := &GlobalOptions{Sandbox: true, Accessible: true, Timeout: 300 * time.Millisecond}
	err := WizardRun(context.Background(), f, g)
	if !apiclient.MaybeCreated(err) {
		t.Fatalf("err = %v, want an outcome-unknown failure\n%s", err, errOut)
	}
	store, _ := openDraftStore(f, g)
	d, err := store.Load(context.Background())
	if err != nil || d.Outcome.Kind != draft.OutcomeUnknown || d.Submission.Admin != sandbox.AdminStall {
		t.Fatalf("draft %+v (%v), want the record with an unknown outcome", d, err)
	}
}

func TestAccessibleKeyPromptStoresTheKey(t *testing.T) {
	sb := sandbox.New(sandbox.Options{})
	srv := httptest.NewServer(sb)
	defer srv.Close()
	te := newTestEnv(t, nil, sandbox.Key+"\n"+answerFile(t))
	te.g.APIURL, te.g.Accessible, te.g.Profile = srv.URL, true, "acme"
	if err := WizardRun(context.Background(), te.f, te.g); err != nil {
		t.Fatalf("WizardRun: %v\n%s", err, te.errOut)
	}
	if got, err := te.f.Keyring().Get(context.Background(), "acme"); err != nil || got != sandbox.Key {
		t.Fatalf("keyring holds %q, %v", got, err)
	}
	if _, ok := te.config(t).Profiles["acme"]; !ok {
		t.Error("the profile was not recorded in the settings file")
	}
	if len(sb.Records()) != 1 || strings.TrimSpace(te.out.String()) != sb.Records()[0].ID {
		t.Errorf("records %d, stdout %q", len(sb.Records()), te.out)
	}
	if strings.Contains(te.errOut.String(), sandbox.Key) {
		t.Error("the key appears on stderr")
	}
}

func TestAccessibleRefusedKeyIsNotStored(t *testing.T) {
	sb := sandbox.New(sandbox.Options{})
	srv := httptest.NewServer(sb)
	defer srv.Close()
	te := newTestEnv(t, nil, "not-the-key\n")
	te.g.APIURL, te.g.Accessible = srv.URL, true
	err := WizardRun(context.Background(), te.f, te.g)
	if !errors.Is(err, accessible.ErrRefusedAnswer) {
		t.Fatalf("err = %v, want the refused answer", err)
	}
	if _, err := te.f.Keyring().Get(context.Background(), settings.DefaultProfile); !errors.Is(err, keyring.ErrKeyNotFound) {
		t.Errorf("a refused key was stored (%v)", err)
	}
	if strings.Contains(te.errOut.String(), "not-the-key") {
		t.Error("the typed key appears on stderr")
	}
}

// A draft whose last submit had an unknown outcome is looked up before it is
// sent again: the sandbox holds the record, so the session asks, and a no
// keeps the draft's outcome unknown.
func TestAccessibleResumedUnknownDraftIsLookedUp(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{})
	te := newTestEnv(t, nil, "")
	te.env["XDG_STATE_HOME"], te.env["ARGOS_API_KEY"] = t.TempDir(), sandbox.Key
	te.g.APIURL, te.g.Accessible = sb.URL, true
	rec := sandboxRecord(t, sb.URL)
	store, err := openDraftStore(te.f, te.g)
	if err != nil {
		t.Fatal(err)
	}
	if err := store.Save(context.Background(), draft.Draft{Submission: rec, SavedAt: te.f.Now(), Profile: settings.DefaultProfile,
		APIURL: sb.URL, Outcome: draft.Outcome{Kind: draft.OutcomeUnknown}}); err != nil {
		t.Fatal(err)
	}
	te.f.IO.In = strings.NewReader("y\nn\n")
	te.g.Drafts.Resume = true // piped answers cannot answer "resume it?"
	err = WizardRun(context.Background(), te.f, te.g)
	if !errors.Is(err, accessible.ErrDeclined) {
		t.Fatalf("err = %v, want the decline\n%s", err, te.errOut)
	}
	if n := len(sb.Records()); n != 1 {
		t.Fatalf("the sandbox holds %d records, want only the first", n)
	}
	if want := "! A submission for this email was created at "; !strings.Contains(te.errOut.String(), want) {
		t.Errorf("stderr lacks %q:\n%s", want, te.errOut)
	}
	store, _ = openDraftStore(te.f, te.g)
	if d, err := store.Load(context.Background()); err != nil || d.Outcome.Kind != draft.OutcomeUnknown {
		t.Fatalf("draft %+v (%v), want the outcome still unknown", d, err)
	}
}

// sandboxRecord creates the sample record on the sandbox at url, as a first
// submit whose answer was lost would have.
func sandboxRecord(t *testing.T, url string) apiclient.Submission {
	t.Helper()
	c, err := apiclient.New(apiclient.Options{BaseURL: url, APIKey: sandbox.Key})
	if err != nil {
		t.Fatal(err)
	}
	rec := apitest.Sample()
	if _, err := c.Submit(context.Background(), rec); err != nil {
		t.Fatal(err)
	}
	return rec
}
