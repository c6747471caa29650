package ui

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"argos-migrate/apiclient/apitest"
)

func TestHeaderKeepsTheKeyOnOneLine(t *testing.T) {
	live := "https://rest-api.argosidentity.com"
	tests := []struct {
		name   string
		target Target
		want   []string // on the first line at 80 columns
	}{
		{"keyring", Target{URL: live, Profile: "default", MaskedKey: "abcd••••", KeySource: "keyring"},
			[]string{"LIVE", "rest-api.argosidentity.com", "profile default", "key abcd••••", "(keyring)"}},
		{"environment, encrypted, longest profile",
			Target{URL: live, Profile: strings.Repeat("p", 64), MaskedKey: "abcd••••", KeySource: "environment", Encrypted: true},
			[]string{"LIVE", "ppp…", "abcd••••", "(environment)", "encrypted"}},
		{"environment, encrypted, long profile",
			Target{URL: live, Profile: "customer-with-a-long-name", MaskedKey: "abcd••••", KeySource: "environment", Encrypted: true},
			[]string{"LIVE", "rest-ap", "customer-with-a-long", "abcd••••", "(environment)", "encrypted"}},
		// Under another domain, however like the vendor's it reads.
		{"long URL", Target{URL: "https://eu-west-1.rest-api.staging.argosidentity.example.com/some/prefix", Profile: "eu", MaskedKey: "abcd••••", KeySource: "this session"},
			[]string{"NOT ARGOS", "eu-west-1", "…", "abcd••••", "(this session)"}},
		{"a vendor's subdomain", Target{URL: "https://eu.argosidentity.com", Profile: "eu", MaskedKey: "abcd••••"},
			[]string{"LIVE", "eu.argosidentity.com"}},
		{"a look-alike in another script", Target{URL: "https://rest-api.аrgosidentity.com", Profile: "x", MaskedKey: "abcd••••"},
			[]string{"NOT ARGOS", "rest-api.xn--rgosidentity-"}},
		{"the vendor's name as a prefix", Target{URL: "https://rest-api.argosidentity.com.evil.example", Profile: "x", MaskedKey: "abcd••••"},
			[]string{"NOT ARGOS", "rest-api.argosidentity.com.evil.example"}},
		{"no key yet", Target{URL: live, Profile: "acme"}, []string{"profile acme", "no key yet"}},
		{"loopback server that is not the sandbox", Target{URL: "http://127.0.0.1:8080", Profile: "dev", MaskedKey: "abcd••••", KeySource: "environment"},
			[]string{"LOCAL", "127.0.0.1:8080", "profile dev", "abcd••••"}},
		{"localhost", Target{URL: "http://localhost:8080/api", Profile: "dev", MaskedKey: "abcd••••"},
			[]string{"LOCAL", "localhost:8080/api"}},
		{"sandbox", Target{URL: "http://127.0.0.1:43123", Sandbox: true, MaskedKey: "sand••••", KeySource: "sandbox", Encrypted: true},
			[]string{"argos-migrate", "SANDBOX", "127.0.0.1:43123", "key sand•••• (sandbox)", "encrypted"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, width := range []int{MinWidth, 80, 100, 160} {
				m := newModel(context.Background(), Deps{Submit: failSubmit, Target: tt.target, Now: fixedNow})
				m.Update(tea.WindowSizeMsg{Width: width, Height: 24})
				lines := strings.Split(ansi.Strip(m.viewHeader()), "\n")
				if len(lines) != headerLines {
					t.Fatalf("width %d: header has %d lines:\n%s", width, len(lines), strings.Join(lines, "\n"))
				}
				for i, l := range lines {
					if w := ansi.StringWidth(l); w > m.contentWidth() {
						t.Errorf("width %d: line %d is %d cells: %q", width, i, w, l)
					}
				}
				if width < 80 {
					continue
				}
				if strings.Contains(lines[0], "аrgos") {
					t.Errorf("width %d: a host in another script is drawn as it reads: %q", width, lines[0])
				}
				if strings.Contains(tt.name, "loopback") || tt.name == "localhost" {
					if strings.Contains(lines[0], "LIVE") {
						t.Errorf("width %d: a loopback server is labelled LIVE: %q", width, lines[0])
					}
				}
				for _, w := range tt.want {
					if width != 80 {
						break
					}
					if !strings.Contains(lines[0], w) {
						t.Errorf("width %d: first line %q lacks %q", width, lines[0], w)
					}
				}
				if !strings.Contains(strings.Join(lines, "\n"), "argos-migrate") {
					t.Errorf("width %d: the brand is gone:\n%s", width, strings.Join(lines, "\n"))
				}
			}
		})
	}
}

// BenchmarkHeader is the header of every frame at 80 columns in its hardest
// case: a layout that falls back to cutting the URL and the profile.
func BenchmarkHeader(b *testing.B) {
	m := newModel(context.Background(), Deps{Submit: failSubmit, Now: fixedNow, Target: Target{
		URL: "https://rest-api.argosidentity.com", Profile: "customer-with-a-long-name",
		MaskedKey: "abcd••••", KeySource: "environment", Encrypted: true}})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	b.ReportAllocs()
	for b.Loop() {
		_ = m.viewHeader()
	}
}

// BenchmarkKeyScreenKeystroke is one character typed into the key screen
// plus the frame after it: what pasting or typing a key costs per key.
func BenchmarkKeyScreenKeystroke(b *testing.B) {
	m := newModel(context.Background(), Deps{Submit: failSubmit, Now: fixedNow, NeedKey: true,
		Target: Target{URL: "https://rest-api.argosidentity.com", Profile: "acme"},
		Keys:   KeyFuncs{Check: func(context.Context, string) error { return nil }, UseForSession: func(context.Context, string) (Target, error) { return Target{}, nil }}})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	k, bs := keyMsg("x"), tea.KeyPressMsg{Code: tea.KeyBackspace}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if i%2 == 0 {
			m.Update(k)
		} else {
			m.Update(bs)
		}
		_ = m.View()
		i++
	}
}

// The review's last line names where s sends the record: ARGOS only for the
// vendor's hosts, any other host said not to be ARGOS, in ASCII.
func TestReadyLineNamesTheHost(t *testing.T) {
	for url, want := range map[string]string{
		"https://rest-api.argosidentity.com": "Press s to submit to ARGOS at https://rest-api.argosidentity.com.",
		"https://argos.example.com/api":      "Press s to submit to https://argos.example.com/api, which is not an ARGOS host.",
		"https://аrgosidentity.com":          "Press s to submit to https://xn--rgosidentity-w9j.com, which is not an ARGOS host.",
		"http://127.0.0.1:8080":              "Press s to submit to the LOCAL server at http://127.0.0.1:8080.",
	} {
		m := newModel(context.Background(), Deps{Submit: failSubmit, Now: fixedNow, Initial: apitest.Sample(),
			Target: Target{URL: url, MaskedKey: "abcd••••"}, Drafts: DraftOptions{StartAtReview: true}})
		m.Update(tea.WindowSizeMsg{Width: 160, Height: 40})
		if got := ansi.Strip(m.reviewStatus()); !strings.Contains(got, want) {
			t.Errorf("%s: %q, want %q", url, got, want)
		}
	}
}
