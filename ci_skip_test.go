package main

import (
	"fmt"
	"os"
	"testing"
)

// cannotHere stops a test that needs what this machine lacks (a FIFO,
// /dev/full, a device): it skips on a developer's machine and fails under
// CI=true, where a skipped test would pass unseen.
func cannotHere(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}
