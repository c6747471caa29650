package apitest

import (
	"os"
	"path/filepath"
	"testing"
)

// PrivateFolders runs a package's tests with the settings and state folders
// (XDG_CONFIG_HOME, XDG_STATE_HOME) in a temp folder, so that nothing a test
// starts, in process or as a child, writes drafts or settings into the
// developer's home. Call it from TestMain.
func PrivateFolders(m *testing.M) int {
	dir, err := os.MkdirTemp("", "argos-migrate-test")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	for env, sub := range map[string]string{"XDG_CONFIG_HOME": "config", "XDG_STATE_HOME": "state"} {
		if err := os.Setenv(env, filepath.Join(dir, sub)); err != nil {
			panic(err)
		}
	}
	return m.Run()
}
