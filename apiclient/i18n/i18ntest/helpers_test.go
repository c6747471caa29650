package i18ntest

import (
	"fmt"
	"os"
	"testing"
)

func osWriteFile(name, data string) error { return os.WriteFile(name, []byte(data), 0o600) }

// recorder is a testing.TB that keeps errors instead of failing.
type recorder struct {
	testing.TB
	errors []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}
func (r *recorder) Helper() {}
