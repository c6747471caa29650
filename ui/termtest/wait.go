package termtest

import (
	"strings"
	"testing"
	"time"
)

// Limit is how long a wait lasts before the test fails: long enough for a
// loaded machine running the race detector.
const Limit = 10 * time.Second

// interval is how often a wait looks again.
const interval = 10 * time.Millisecond

// Poll calls cond until it reports true or limit has passed, and says
// whether it did. It is the one wait loop of the module's screen tests.
func Poll(limit time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(limit)
	for {
		if cond() {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(interval)
	}
}

// WaitFor polls screen until every want is on it and returns that screen;
// after Limit the test fails with the last screen.
func WaitFor(tb testing.TB, screen func() string, want ...string) string {
	tb.Helper()
	var scr string
	if !Poll(Limit, func() bool { scr = screen(); return containsAll(scr, want) }) {
		tb.Fatalf("the screen never showed %q; it shows:\n%s", want, scr)
	}
	return scr
}

// WaitGone polls screen until none of gone is on it and returns that
// screen; after Limit the test fails with the last screen.
func WaitGone(tb testing.TB, screen func() string, gone ...string) string {
	tb.Helper()
	var scr string
	if !Poll(Limit, func() bool { scr = screen(); return containsNone(scr, gone) }) {
		tb.Fatalf("the screen still shows one of %q:\n%s", gone, scr)
	}
	return scr
}

func containsAll(s string, want []string) bool {
	for _, w := range want {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

func containsNone(s string, gone []string) bool {
	for _, g := range gone {
		if strings.Contains(s, g) {
			return false
		}
	}
	return true
}
