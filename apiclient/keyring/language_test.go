package keyring

import (
	"context"
	"errors"
	"strings"
	"testing"

	gokeyring "github.com/zalando/go-keyring"

	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/i18n/i18ntest"
)

func TestWordsComeFromTheCatalog(t *testing.T) {
	i18ntest.CheckNoProse(t, "*.go", map[string]string{
		"interaction is not allowed": "macOS's own words for a locked keychain, searched for in its error, never shown",
	})
}

// In Korean a keyring failure is said in Korean where it is shown (its
// summary, Localize, Explain), while its Error stays English for logs and
// --json.
func TestKeyringFailureInKorean(t *testing.T) {
	i18ntest.NoMissing(t)
	i18ntest.Use(t, i18n.KO)
	gokeyring.MockInitWithError(errors.New("failed to unlock correct collection"))
	defer gokeyring.MockInit()
	_, err := (&Keyring{}).Get(context.Background(), "acme")
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("Get: %v, want ErrLocked", err)
	}
	if !strings.HasPrefix(err.Error(), `reading the API key for profile "acme": the OS keyring is locked`) {
		t.Errorf("Error() = %q: not English", err.Error())
	}
	var ke *Error
	errors.As(err, &ke)
	for what, s := range map[string]string{"Summary": Summary(err), "Explain": ke.Explain(),
		"UnlockAdvice": UnlockAdvice()} {
		i18ntest.Korean(t, what, s)
	}
	// The keyring's own words stay as it said them, in parentheses.
	if got := i18n.Text(err); !strings.HasPrefix(got, `프로필 "acme"의 API 키를 읽지 못했습니다: OS 키링이 잠겨 있습니다 (`) ||
		!strings.HasSuffix(got, "(failed to unlock correct collection)") {
		t.Errorf("Text = %q", got)
	}
	nf := &Error{Op: opReading, Profile: "acme", Kind: ErrKeyNotFound}
	i18ntest.Korean(t, "not found", i18n.Text(nf))
	if !strings.Contains(nf.Explain(), "argos-migrate auth login --profile acme") {
		t.Errorf("Explain = %q: the command is not kept as it is", nf.Explain())
	}
}
