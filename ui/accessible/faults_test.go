package accessible

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
)

// Every fault of the matrix, submitted through accessible mode, is told in
// the failure policy's words: its title, its explanation and what it means
// for the record, the same sentences the wizard's error screen shows
// (ui/faults_test.go checks those against the same policy).
func TestAccessibleFaultMatrix(t *testing.T) {
	for _, fault := range apitest.Faults() {
		t.Run(fault.Name, func(t *testing.T) {
			timeout := 5 * time.Second
			if fault.Timeout > 0 {
				timeout = fault.Timeout
			}
			c, err := apiclient.New(apiclient.Options{BaseURL: fault.URL(t), APIKey: "fault-matrix-key", Timeout: timeout})
			if err != nil {
				t.Fatal(err)
			}
			rec := apitest.Sample()
			r := newRig(t, answersFor(rec, "y", "n", "n"))
			var mu sync.Mutex
			var sendErr error
			r.deps.Submit = func(ctx context.Context, s apiclient.Submission) (string, error) {
				id, err := c.Submit(ctx, s)
				mu.Lock()
				defer mu.Unlock()
				if sendErr == nil {
					sendErr = err
				}
				return id, err
			}
			if _, err := r.run(); err == nil {
				t.Fatal("the run succeeded")
			}
			mu.Lock()
			f := apiclient.Classify(sendErr, rec)
			mu.Unlock()
			if f.Reason == "" {
				t.Fatal("the submit did not fail")
			}
			consequence := f.Consequence()
			if f.MayExist() {
				consequence = "! Warning: " + consequence
			}
			for _, want := range []string{"✗ Error: " + f.Title + ".", "  Detail: " + f.Detail, f.Explain, consequence} {
				if !strings.Contains(r.out.String(), want+"\n") {
					t.Errorf("transcript lacks %q:\n%s", want, r.out)
				}
			}
			r.assertClean("fault-matrix-key")
		})
	}
}
