package settings

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/i18ntest"
)

func TestWordsComeFromTheCatalog(t *testing.T) {
	i18ntest.CheckNoProse(t, "*.go", map[string]string{
		"Application Support": "the name of macOS's folder, part of a path",
	})
}

// A refused path and a broken settings file are said in Korean where they
// are printed, and stay English as Go errors.
func TestSettingsErrorsInKorean(t *testing.T) {
	i18ntest.NoMissing(t)
	i18ntest.Use(t, i18n.KO)
	dir := t.TempDir()
	link := filepath.Join(dir, "config.json")
	if err := os.Symlink(filepath.Join(dir, "elsewhere"), link); err != nil {
		if os.Getenv("CI") == "true" && runtime.GOOS != "windows" {
			t.Fatal("no symbolic links here:", err)
		}
		t.Skip("no symbolic links here:", err)
	}
	err := CheckPath(link)
	if !errors.Is(err, ErrLink) || !strings.Contains(err.Error(), "is a symbolic link") {
		t.Fatalf("CheckPath = %v, want ErrLink in English", err)
	}
	i18ntest.Korean(t, "refused link", i18n.Text(err))
	if !strings.Contains(i18n.Text(err), link) {
		t.Errorf("%q does not name the path", i18n.Text(err))
	}
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = LoadConfig(bad)
	if err == nil || !strings.HasPrefix(err.Error(), "reading settings ") {
		t.Fatalf("LoadConfig = %v", err)
	}
	if got := i18n.Text(err); !strings.HasPrefix(got, "설정 파일 "+bad) || !strings.HasSuffix(got, "(파일을 고치거나 삭제해 주십시오)") {
		t.Errorf("Text = %q", got)
	}
	i18ntest.Korean(t, "profile name", i18n.Text(CheckProfileName("a b")))
}
