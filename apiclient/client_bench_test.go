package apiclient_test

import (
	"context"
	"testing"
	"time"

	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
)

// BenchmarkLoopbackSubmit is one plain submit of the sample record to the
// sandbox over loopback, request and answer, on a kept-alive connection.
func BenchmarkLoopbackSubmit(b *testing.B) {
	sb := apitest.Sandbox(b, sandbox.Options{})
	c := newClient(b, sb.URL, "sandbox-not-a-secret", 5*time.Second)
	sub := apitest.Sample()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Submit(context.Background(), sub); err != nil {
			b.Fatal(err)
		}
	}
}
