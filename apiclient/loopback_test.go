package apiclient

import (
	"net/url"
	"testing"
)

// isLoopbackURL reports whether the URL's host names this machine, by
// IsLoopback.
func isLoopbackURL(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && IsLoopback(u.Hostname())
}

func TestIsLoopbackURL(t *testing.T) {
	for raw, want := range map[string]bool{
		"http://127.0.0.1:8080":              true,
		"http://localhost:9000/api":          true,
		"http://[::1]:8080":                  true,
		"http://127.8.9.10":                  true,
		"https://rest-api.argosidentity.com": false,
		"http://10.0.0.1:8080":               false,
		"https://localhost.example.com":      false,
		"::not a url":                        false,
	} {
		if got := isLoopbackURL(raw); got != want {
			t.Errorf("isLoopbackURL(%q) = %v, want %v", raw, got, want)
		}
	}
}
