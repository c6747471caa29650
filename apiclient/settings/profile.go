package settings

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"sort"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
)

// DefaultProfile is the profile used when neither --profile nor
// ARGOS_PROFILE names one.
const DefaultProfile = "default"

// ConfigFileName is the settings file inside ConfigDir.
const ConfigFileName = "config.json"

// Profile holds the non-secret settings of one profile. The API key is never
// here: it lives in the OS keyring under the profile's name.
type Profile struct {
	APIURL    string `json:"apiUrl,omitempty"`    // "" means the production API
	Encrypted bool   `json:"encrypted,omitempty"` // the project's "secure data transmission" option
	// Lang pins the language of runs with this profile ("ko", "en"), after
	// --lang and ARGOS_LANG and before the locale; "" follows the locale.
	Lang string `json:"lang,omitempty"`
}

// IsZero reports whether the profile holds no setting at all.
func (p Profile) IsZero() bool { return p == Profile{} }

// Config is the settings file: every profile by name.
type Config struct {
	Profiles map[string]Profile `json:"profiles"`
}

// Names returns the profile names, sorted.
func (c *Config) Names() []string {
	names := make([]string, 0, len(c.Profiles))
	for n := range c.Profiles {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// CheckProfileName refuses names that would be confusing in a keyring or a
// terminal: letters, digits, dot, dash and underscore, up to 64.
func CheckProfileName(name string) error {
	if !isProfileName(name) {
		return i18n.Errorf("settings.config.bad_profile", apiclient.Sanitize(name))
	}
	return nil
}

// isProfileName matches ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$ (ASCII only). It
// is written out: that regexp compiled at package init cost every command
// some 0.2 ms and 860 allocations before main.
func isProfileName(s string) bool {
	if len(s) == 0 || len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		alnum := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
		if !alnum && (i == 0 || c != '.' && c != '_' && c != '-') {
			return false
		}
	}
	return true
}

// ConfigDir is where argos-migrate keeps its settings:
// $XDG_CONFIG_HOME/argos-migrate, else ~/.config/argos-migrate (%AppData% on
// Windows). getenv is injected so tests can point it at a temp folder.
func ConfigDir(getenv func(string) string) (string, error) {
	return UserDir(getenv, "XDG_CONFIG_HOME", "AppData", ".config", false)
}

// LoadConfig reads the settings file at path; a missing file is an empty
// configuration.
func LoadConfig(path string) (*Config, error) {
	c := &Config{Profiles: map[string]Profile{}}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return nil, i18n.Errorf("settings.config.reading", err)
	}
	if err := json.Unmarshal(data, c); err != nil {
		return nil, i18n.Errorf("settings.config.unreadable", path, err)
	}
	if c.Profiles == nil {
		c.Profiles = map[string]Profile{}
	}
	return c, nil
}

// Save writes the settings atomically (a temp file renamed over the old
// one), readable by the owner only, in a folder only the owner can enter.
func (c *Config) Save(path string) error {
	data, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return i18n.Errorf("settings.config.encoding", err)
	}
	if err := (PrivateFile{}).Write(path, append(data, '\n')); err != nil {
		return i18n.Errorf("settings.config.saving", err)
	}
	return nil
}
