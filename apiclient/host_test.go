package apiclient_test

import (
	"strings"
	"testing"

	"argos-migrate/apiclient"
)

func TestDestinationOf(t *testing.T) {
	tests := []struct {
		url     string
		sandbox bool
		badge   string
		phrase  string
	}{
		{"https://rest-api.argosidentity.com", false, "LIVE", "ARGOS at https://rest-api.argosidentity.com"},
		{"https://REST-API.ArgosIdentity.com/", false, "LIVE", "ARGOS at https://rest-api.argosidentity.com"},
		{"https://eu.argosidentity.com", false, "LIVE", "ARGOS at https://eu.argosidentity.com"},
		// Full-width letters map to the vendor's host: net/http connects there.
		{"https://ＡＲＧＯＳidentity.com", false, "LIVE", "ARGOS at https://argosidentity.com"},
		{"https://argosidentity.com.evil.example", false, "NOT ARGOS", "https://argosidentity.com.evil.example, which is not an ARGOS host"},
		{"https://evilargosidentity.com", false, "NOT ARGOS", "https://evilargosidentity.com, which is not an ARGOS host"},
		{"https://rest-api.аrgosidentity.com", false, "NOT ARGOS", "https://rest-api.xn--rgosidentity-w9j.com, which is not an ARGOS host"},
		{"https://gateway.example.com/argos", false, "NOT ARGOS", "https://gateway.example.com/argos, which is not an ARGOS host"},
		{"http://127.0.0.1:8080", false, "LOCAL", "the LOCAL server at http://127.0.0.1:8080"},
		{"http://[::1]:8080", false, "LOCAL", "the LOCAL server at http://[::1]:8080"},
		{"http://127.0.0.1:8080", true, "SANDBOX", "the SANDBOX"},
	}
	for _, tt := range tests {
		d := apiclient.DestinationOf(tt.url, tt.sandbox)
		if d.Badge() != tt.badge || d.Phrase() != tt.phrase {
			t.Errorf("DestinationOf(%q) = %s, %q; want %s, %q", tt.url, d.Badge(), d.Phrase(), tt.badge, tt.phrase)
		}
	}
}

// The base URL is refused when the request would not be the one shown: a
// query or fragment (the dry run's curl would differ), the API's own path
// (doubled), a space, a port out of range.
func TestParseBaseURLShape(t *testing.T) {
	for raw, want := range map[string]string{
		"https://rest-api.argosidentity.com?x=1":                        "query",
		"https://rest-api.argosidentity.com/?":                          "query",
		"https://rest-api.argosidentity.com#frag":                       "fragment",
		"https://rest-api.argosidentity.com/v3/":                        "give only the base URL: https://rest-api.argosidentity.com",
		"https://rest-api.argosidentity.com/v3/submission/migration":    "give only the base URL: https://rest-api.argosidentity.com",
		"https://gw.example.com/argos/V3/submission/migration/":         "give only the base URL: https://gw.example.com/argos",
		"https://rest-api.argosidentity.com /":                          "space",
		" https://rest-api.argosidentity.com":                           "space",
		"https://rest-api.argos identity.com":                           "space",
		"https://rest-api.argosidentity.com/a%20b c":                    "space",
		"https://rest-api.argosidentity.com\u200b":                      "invisible",
		"https://rest-api.argosidentity.com:0":                          "1 to 65535",
		"https://rest-api.argosidentity.com:65536":                      "1 to 65535",
		"https://rest-api.argosidentity.com:99999999999999999999999999": "1 to 65535",
		"https://rest-api.argosidentity.com:":                           "1 to 65535",
		"http://xn--nxasmq6b.example":                                   "plain http",
		"https://a..b.example":                                          "",
	} {
		_, err := apiclient.ParseBaseURL(raw)
		if want == "" {
			continue // whatever url.Parse makes of it; the point is no panic
		}
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseBaseURL(%q) = %v, want an error saying %q", raw, err, want)
		}
	}
	for raw, want := range map[string]string{
		"https://rest-api.argosidentity.com/":    "https://rest-api.argosidentity.com",
		"https://gw.example.com:8443/argos/":     "https://gw.example.com:8443/argos",
		"https://gw.example.com/v3api":           "https://gw.example.com/v3api",
		"https://bücher.example":                 "https://xn--bcher-kva.example",
		"https://rest-api.аrgosidentity.com:443": "https://rest-api.xn--rgosidentity-w9j.com:443",
		"http://LOCALHOST:65535":                 "http://localhost:65535",
		"http://[::1]:1":                         "http://[::1]:1",
	} {
		u, err := apiclient.ParseBaseURL(raw)
		if err != nil || u.String() != want {
			t.Errorf("ParseBaseURL(%q) = %v, %v; want %s", raw, u, err, want)
		}
	}
}
