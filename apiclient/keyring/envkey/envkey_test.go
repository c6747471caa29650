package envkey

import "testing"

func TestSecretNamesWholeWords(t *testing.T) {
	for name, want := range map[string]bool{
		"ARGOS_API_KEY":              true,
		"ARGOS_SANDBOX_KEY":          true,
		"argos_api_key":              true,
		"ARGOS_APIKEY":               true,
		"ARGOS_PROXY_PASSWORD":       true,
		"ARGOS_CI_TOKEN":             true,
		"ARGOS_SECRET":               true,
		"ARGOS_TEST_KEYRING_SESSION": false,
		"ARGOS_PROFILE":              false,
		"ARGOS_API_URL":              false,
		"API_KEY":                    false,
		"ARGOS_KEYS_DIR":             false,
	} {
		if got := Secret(name); got != want {
			t.Errorf("Secret(%q) = %v, want %v", name, got, want)
		}
	}
}
