package settings

import (
	"os"
	"path/filepath"
	"runtime"

	"argos-migrate/apiclient/i18n"
)

// UserDir is where argos-migrate keeps one kind of file for the user:
// $<xdgVar>/argos-migrate when that is set to an absolute path; else, on
// Windows, %<windowsVar>%\argos-migrate; else on macOS
// ~/Library/Application Support/argos-migrate when macHome is true; else
// ~/<unixRel>/argos-migrate. getenv is injected so tests can use a temp
// folder.
func UserDir(getenv func(string) string, xdgVar, windowsVar, unixRel string, macHome bool) (string, error) {
	if d := getenv(xdgVar); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "argos-migrate"), nil
	}
	if runtime.GOOS == "windows" {
		if d := getenv(windowsVar); d != "" {
			return filepath.Join(d, "argos-migrate"), nil
		}
	}
	home := getenv("HOME")
	if home == "" {
		var err error
		if home, err = os.UserHomeDir(); err != nil {
			return "", i18n.Errorf("settings.file.home", err)
		}
	}
	if macHome && runtime.GOOS == "darwin" {
		return filepath.Join(home, "Library", "Application Support", "argos-migrate"), nil
	}
	return filepath.Join(home, unixRel, "argos-migrate"), nil
}

// StateDir is where argos-migrate keeps state that holds personal data (drafts, import journals): $XDG_STATE_HOME/argos-migrate,
// else ~/.local/state/argos-migrate; on macOS ~/Library/Application
// Support/argos-migrate and on Windows %LocalAppData%\argos-migrate (these hold personal data: they must not roam with a Windows profile).
func StateDir(getenv func(string) string) (string, error) {
	return UserDir(getenv, "XDG_STATE_HOME", "LocalAppData", filepath.Join(".local", "state"), true)
}
