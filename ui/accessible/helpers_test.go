package accessible

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
)

func fixedNow() time.Time { return time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC) }

// savedDraft is one call of the SaveDraft hook.
type savedDraft struct {
	sub    apiclient.Submission
	reason string
	cause  error
}

// rig is a session wired to a fresh sandbox on loopback, with its transcript
// and the drafts it saved.
type rig struct {
	tb     testing.TB
	sb     *sandbox.Running
	out    *syncBuffer
	mu     sync.Mutex
	drafts []savedDraft
	deps   Deps
}

// syncBuffer is a transcript a test may read while the session writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// newRig wires answers as piped input (Interactive false) to a sandbox.
func newRig(tb testing.TB, answers string) *rig {
	tb.Helper()
	sb := apitest.Sandbox(tb, sandbox.Options{Now: fixedNow})
	r := &rig{tb: tb, sb: sb, out: &syncBuffer{}}
	r.deps = Deps{
		In: strings.NewReader(answers), Out: r.out, Now: fixedNow,
		Submit: submitTo(tb, sb.URL, sandbox.Key),
		Target: Target{URL: sb.URL, Sandbox: true, MaskedKey: "sand••••", KeySource: "sandbox"},
		Lookup: lookupAt(tb, sb.URL),
		SaveDraft: func(_ context.Context, s apiclient.Submission, reason string, cause error) error {
			r.mu.Lock()
			defer r.mu.Unlock()
			r.drafts = append(r.drafts, savedDraft{s, reason, cause})
			return nil
		},
	}
	return r
}

func (r *rig) run() (Outcome, error) { return Run(context.Background(), r.deps) }

func (r *rig) saved() []savedDraft {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]savedDraft(nil), r.drafts...)
}

// records is what the sandbox created.
func (r *rig) records() []apiclient.Submission {
	var subs []apiclient.Submission
	for _, rec := range r.sb.Records() {
		subs = append(subs, rec.Submission)
	}
	return subs
}

// assertClean fails when the transcript holds an escape character or the
// identity number in clear.
func (r *rig) assertClean(secrets ...string) {
	r.tb.Helper()
	tr := r.out.String()
	if i := strings.IndexByte(tr, 0x1b); i >= 0 {
		r.tb.Errorf("transcript holds an ESC byte at %d: %q", i, tr[max(i-40, 0):min(i+40, len(tr))])
	}
	for _, s := range secrets {
		if s != "" && strings.Contains(tr, s) {
			r.tb.Errorf("transcript shows %q in clear", s)
		}
	}
}

func submitTo(tb testing.TB, url, key string) SubmitFunc {
	tb.Helper()
	c, err := apiclient.New(apiclient.Options{BaseURL: url, APIKey: key, Timeout: 5 * time.Second})
	if err != nil {
		tb.Fatal(err)
	}
	return c.Submit
}

// lookupAt is the real lookup against url with the sandbox's key.
func lookupAt(tb testing.TB, url string) LookupFunc {
	tb.Helper()
	c, err := apiclient.New(apiclient.Options{BaseURL: url, APIKey: sandbox.Key, Timeout: 5 * time.Second})
	if err != nil {
		tb.Fatal(err)
	}
	return c.FindByEmail
}

// answersFor is rec as an answer file, one line per field in the order they
// are asked, values as the API spells them, then the extra lines.
func answersFor(rec apiclient.Submission, extra ...string) string {
	var b strings.Builder
	for _, k := range apiclient.AllKeys() {
		b.WriteString(rec.Get(k) + "\n")
	}
	for _, e := range extra {
		b.WriteString(e + "\n")
	}
	return b.String()
}

// replaceLine swaps the answer to key for the given lines.
func replaceLine(answers, key string, with ...string) string {
	lines := strings.Split(answers, "\n")
	for i, k := range apiclient.AllKeys() {
		if k == key {
			out := append(append(append([]string(nil), lines[:i]...), with...), lines[i+1:]...)
			return strings.Join(out, "\n")
		}
	}
	panic("no field " + key)
}

// count is how often sub occurs in the transcript.
func (r *rig) count(sub string) int { return strings.Count(r.out.String(), sub) }
