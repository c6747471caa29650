package sandbox_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
)

// A record created before the connection dropped is found by the lookup,
// plain and encrypted.
func TestLookupFindsWhatADroppedSubmitCreated(t *testing.T) {
	for _, enc := range []bool{false, true} {
		sb := apitest.Sandbox(t, sandbox.Options{Encrypted: enc})
		c := newClient(t, sb.URL, enc)
		rec := apitest.Sample()
		rec.Admin = sandbox.AdminDrop
		_, err := c.Submit(context.Background(), rec)
		if !apiclient.MaybeCreated(err) {
			t.Fatalf("encrypted=%v: drop gave %v, want an outcome-unknown error", enc, err)
		}
		found, err := c.FindByEmail(context.Background(), rec.Email)
		if err != nil {
			t.Fatalf("encrypted=%v: %v", enc, err)
		}
		recs := sb.Records()
		if len(found) != 1 || found[0].ID != recs[0].ID || found[0].CreatedAt.Sub(recs[0].Created).Abs() > time.Second {
			t.Fatalf("encrypted=%v: found %+v, sandbox has %+v", enc, found, recs)
		}
		if other, err := c.FindByEmail(context.Background(), "other@sample.com"); err != nil || len(other) != 0 {
			t.Fatalf("other email: %+v, %v", other, err)
		}
	}
}

func TestLookupUnsupportedForMagicEmail(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{Encrypted: false})
	_, err := newClient(t, sb.URL, false).FindByEmail(context.Background(), sandbox.EmailNoLookup)
	if !errors.Is(err, apiclient.ErrLookupUnsupported) {
		t.Fatalf("err = %v, want ErrLookupUnsupported", err)
	}
}
