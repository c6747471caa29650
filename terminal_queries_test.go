package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"argos-migrate/ui/termtest"
)

// terminalQueries are what a program writes to ask the terminal about
// itself: its background colour (OSC 11) and its device attributes (DA1).
var terminalQueries = []string{"\x1b]11;?", "\x1b[c"}

// A failed command in a terminal prints its error as plain text and asks
// the terminal nothing: a terminal that never answers (TERM=dumb, a serial
// console) gets no stray escape sequences and no wait for a reply.
func TestErrorsAskTheTerminalNothing(t *testing.T) {
	termtest.Require(t)
	rejecting := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadRequest)
		_, _ = io.WriteString(w, `{"errorCode":"invalid_admin","message":"Invalid admin."}`)
	}))
	defer rejecting.Close()
	p := termtest.Start(t, termtest.Options{Env: []string{"PS1=shell$ ", "ARGOS_API_KEY=k-0123456789"}}, "sh", "-i")
	p.WaitFor("shell$")
	p.Record()
	for i, c := range []struct {
		args string
		code int
	}{
		{"submit --api-url " + rejecting.URL + " -f testdata/sample-record.json", exitRejected},
		{"submit --nope", exitInvalid},
		{"auth status extra", exitInvalid},
		{"draft show --profile no/such", exitInvalid},
	} {
		p.Type(fmt.Sprintf("%s %s; echo step%d=$?", binary, c.args, i))
		p.Keys("Enter")
		p.WaitFor(fmt.Sprintf("step%d=%d", i, c.code))
	}
	raw := p.Raw()
	if !strings.Contains(raw, "error: ") {
		t.Fatalf("the recording holds no error message: it proves nothing\n%q", raw)
	}
	for _, q := range terminalQueries {
		if strings.Contains(raw, q) {
			t.Errorf("a failed command asked the terminal %q:\n%q", q, raw)
		}
	}

	// The check can fail: fang's styled help does ask for the background.
	p.Type(binary + " --help; echo help=$?")
	p.Keys("Enter")
	p.WaitFor("help=0")
	if raw = p.Raw(); !strings.Contains(raw, terminalQueries[0]) {
		t.Errorf("--help in a terminal sent no background query: the recording misses queries\n%q", raw)
	}
}
