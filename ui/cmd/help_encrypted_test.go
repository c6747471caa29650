package cmd

import (
	"bytes"
	"strings"
	"testing"

	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/i18ntest"
)

// --encrypted is one flag with three meanings: submit and the wizard seal
// the record's body, the sandbox requires sealed bodies, image changes
// nothing. Each command's help says its own, in each language, and the
// words of one do not stay on the flag for the next help shown.
func TestEncryptedFlagHelpSaysWhatItDoesForEachCommand(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.EN, i18n.KO} {
		i18ntest.Use(t, lang)
		f, _, _ := testFactory(t, nil)
		root := NewCmdRoot(f, nil)
		help := func(path string) string {
			var out bytes.Buffer
			root.SetOut(&out)
			root.SetArgs(append(strings.Fields(path), "--help"))
			if err := root.Execute(); err != nil {
				t.Fatalf("%s --help: %v", path, err)
			}
			return strings.Join(strings.Fields(out.String()), " ")
		}
		for _, c := range []struct{ path, id string }{
			{"image", "help.image.encrypted"},
			{"sandbox", "help.sandbox.encrypted"},
			{"submit", "help.root.encrypted"},
			{"image", "help.image.encrypted"},
		} {
			got := help(c.path)
			want := strings.Join(strings.Fields(i18n.T(c.id)), " ")
			if !strings.Contains(strings.ToLower(got), strings.ToLower(want)) {
				t.Errorf("%s: %s --help does not say %q:\n%s", lang, c.path, want, got)
			}
			for _, other := range []string{"help.image.encrypted", "help.sandbox.encrypted", "help.root.encrypted"} {
				if w := strings.Join(strings.Fields(i18n.T(other)), " "); other != c.id && strings.Contains(strings.ToLower(got), strings.ToLower(w)) {
					t.Errorf("%s: %s --help says %q, another command's meaning", lang, c.path, w)
				}
			}
		}
	}
}
