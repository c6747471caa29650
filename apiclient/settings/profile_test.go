package settings

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

func TestConfigDir(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"xdg", map[string]string{"XDG_CONFIG_HOME": "/x/conf", "HOME": "/home/u"}, "/x/conf/argos-migrate"},
		{"relative xdg is ignored", map[string]string{"XDG_CONFIG_HOME": "conf", "HOME": "/home/u"}, "/home/u/.config/argos-migrate"},
		{"home", map[string]string{"HOME": "/home/u"}, "/home/u/.config/argos-migrate"},
	}
	if runtime.GOOS == "windows" {
		t.Skip("paths below are Unix paths")
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ConfigDir(env(tt.env))
			if err != nil || got != tt.want {
				t.Fatalf("ConfigDir = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestConfigSaveLoad(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "conf", "argos-migrate")
	path := filepath.Join(dir, ConfigFileName)
	c, err := LoadConfig(path)
	if err != nil || len(c.Profiles) != 0 {
		t.Fatalf("missing file: %+v, %v", c, err)
	}
	c.Profiles["acme"] = Profile{APIURL: "https://eu.example.com", Encrypted: true}
	c.Profiles["default"] = Profile{}
	if err := c.Save(path); err != nil {
		t.Fatal(err)
	}
	c.Profiles["b"] = Profile{APIURL: "http://127.0.0.1:9"}
	if err := c.Save(path); err != nil { // over an existing file
		t.Fatal(err)
	}
	got, err := LoadConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Profiles) != 3 || got.Profiles["acme"] != (Profile{APIURL: "https://eu.example.com", Encrypted: true}) {
		t.Fatalf("loaded %+v", got.Profiles)
	}
	if n := strings.Join(got.Names(), ","); n != "acme,b,default" {
		t.Errorf("Names = %s", n)
	}
	if runtime.GOOS != "windows" {
		for p, want := range map[string]os.FileMode{path: 0o600, dir: 0o700} {
			fi, err := os.Stat(p)
			if err != nil || fi.Mode().Perm() != want {
				t.Errorf("%s: mode %v, %v; want %v", p, fi.Mode().Perm(), err, want)
			}
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("folder holds %d entries, want only the config (no temp files left)", len(entries))
	}
}

func TestLoadConfigBroken(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.json")
	if err := os.WriteFile(path, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadConfig(path); err == nil || !strings.Contains(err.Error(), "fix or remove") {
		t.Fatalf("err = %v", err)
	}
}

func TestCheckProfileName(t *testing.T) {
	for name, ok := range map[string]bool{
		"default": true, "acme-prod": true, "eu.acme_2": true, "A": true,
		"": false, "-x": false, ".hidden": false, "a b": false, "a/b": false, "ünï": false,
		"x\x1b[2J": false, strings.Repeat("a", 64): true, strings.Repeat("a", 65): false,
	} {
		if err := CheckProfileName(name); (err == nil) != ok {
			t.Errorf("CheckProfileName(%q) = %v, want ok=%v", name, err, ok)
		}
	}
}

// TestProfileNameMatchesItsRegexp checks the written-out rule against the
// regexp it replaces, on random names of every length around the limit.
func TestProfileNameMatchesItsRegexp(t *testing.T) {
	re := regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)
	const alphabet = "aZ09._-/ \x00ü\n"
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		b := []byte(nil)
		for range rng.IntN(67) {
			b = append(b, alphabet[rng.IntN(len(alphabet))])
		}
		name := string(b)
		if rng.IntN(4) == 0 { // mostly valid characters, to reach the length limit
			name = strings.Repeat("a", rng.IntN(67))
		}
		if got, want := isProfileName(name), re.MatchString(name); got != want {
			t.Fatalf("isProfileName(%q) = %v, the regexp says %v", name, got, want)
		}
	}
}

func TestStateDir(t *testing.T) {
	env := map[string]string{"XDG_STATE_HOME": "/x/state", "HOME": "/home/a"}
	if d, _ := StateDir(func(k string) string { return env[k] }); d != "/x/state/argos-migrate" {
		t.Errorf("StateDir = %s", d)
	}
	env["XDG_STATE_HOME"] = "relative"
	if d, _ := StateDir(func(k string) string { return env[k] }); !strings.HasPrefix(d, "/home/a/") {
		t.Errorf("a relative XDG_STATE_HOME was used: %s", d)
	}
}
