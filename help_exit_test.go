package main

import (
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
	"argos-migrate/ui/cmd"
)

// exitLine is one line of a help's "Exit codes:" section.
var exitLine = regexp.MustCompile(`^\s+(\d+)\s+\S`)

// helpExitCodes reads the codes listed under "Exit codes:" in text.
func helpExitCodes(text string) map[int]bool {
	codes := map[int]bool{}
	_, section, ok := strings.Cut(text, "Exit codes:")
	if !ok {
		return codes
	}
	for _, line := range strings.Split(section, "\n")[1:] {
		m := exitLine.FindStringSubmatch(line)
		if m == nil && strings.TrimSpace(line) != "" && strings.HasPrefix(line, "       ") {
			continue // a code's words, wrapped under themselves
		}
		if m == nil {
			break
		}
		n, _ := strconv.Atoi(m[1])
		codes[n] = true
	}
	return codes
}

// Every command a person runs says in its help how it can end, with codes
// main can return.
func TestEveryCommandListsItsExitCodes(t *testing.T) {
	known := map[int]bool{exitOK: true, exitRejected: true, exitInvalid: true, exitNetwork: true, exitUnprinted: true, exitCrash: true, exitCancelled: true}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			walk(sub)
		}
		if !c.Runnable() || c.Hidden {
			return
		}
		codes := helpExitCodes(c.Long)
		if len(codes) == 0 {
			t.Errorf("%s: its help lists no exit codes", c.CommandPath())
		}
		for code := range codes {
			if !known[code] {
				t.Errorf("%s: its help lists exit code %d, which main never returns", c.CommandPath(), code)
			}
		}
		if !codes[exitCrash] || !codes[exitInvalid] {
			t.Errorf("%s: its help lacks %d (a bug) or %d (usage): %v", c.CommandPath(), exitCrash, exitInvalid, codes)
		}
	}
	root := cmd.NewCmdRoot(cmd.NewFactory("test"), nil)
	cmd.FillHelp(root) // the long help is written when help is shown
	walk(root)
}

// Each command, run into each way it can end, exits with a code its own
// --help names.
func TestExitCodesAreTheOnesTheHelpNames(t *testing.T) {
	refusing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusForbidden)
		_, _ = io.WriteString(w, `{"message":"Forbidden"}`)
	}))
	defer refusing.Close()
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	port := strconv.Itoa(taken.Addr().(*net.TCPAddr).Port)
	sample := "testdata/sample-record.json"
	answers := string(must(os.ReadFile("testdata/accessible-answers.txt")))
	noBus := "DBUS_SESSION_BUS_ADDRESS=unix:path=" + filepath.Join(t.TempDir(), "no-bus")
	key := "ARGOS_API_KEY=" + sandbox.Key
	images := apitest.Sandbox(t, sandbox.Options{Key: imageSandboxKey})
	imageKey := "ARGOS_API_KEY=" + imageSandboxKey
	record := []string{"--submission", createdRecord(t, images), "--admin", "admin@sample.com"}
	selfie := []string{"--selfie", "testdata/images/selfie.png"}
	imports := tempCopy(t, "records.json", "records.jsonl", "vendor-export.csv", "vendor-mapping.toml")
	valid, invalid := filepath.Join(imports, "records.json"), filepath.Join(imports, "records.jsonl")
	image := func(args ...string) []string { return append([]string{"image"}, args...) }

	tests := []struct {
		command string // the command whose help is read
		args    []string
		env     []string
		stdin   string
		code    int
	}{
		{"", []string{"--accessible", "--sandbox"}, nil, answers, exitOK},
		{"", nil, nil, "", exitInvalid}, // no terminal
		{"", []string{"--accessible", "--sandbox"}, nil, "", exitInvalid},
		{"submit", []string{"submit", "--sandbox", "-f", sample}, nil, "", exitOK},
		{"submit", []string{"submit", "--sandbox", "-f", sample, "--dry-run"}, nil, "", exitOK},
		{"submit", []string{"submit", "--sandbox", "-f", "-"}, nil, `{"admin":"nope"}`, exitInvalid},
		{"submit", []string{"submit", "-f", sample}, []string{noBus}, "", exitInvalid},
		{"submit", []string{"submit", "--api-url", refusing.URL, "-f", sample}, []string{key}, "", exitRejected},
		{"submit", []string{"submit", "--api-url", "http://127.0.0.1:" + port, "-f", sample, "--timeout", "1s"}, []string{key}, "", exitNetwork},
		{"auth status", []string{"auth", "status"}, []string{noBus}, "", exitRejected},
		{"auth status", []string{"auth", "status"}, []string{noBus, key}, "", exitOK},
		{"auth status", []string{"auth", "status", "extra"}, nil, "", exitInvalid},
		{"auth login", []string{"auth", "login", "--api-url", refusing.URL}, []string{noBus}, "k-0123456789\n", exitRejected},
		{"auth login", []string{"auth", "login", "--api-url", refusing.URL}, []string{noBus}, "", exitInvalid},
		{"auth logout", []string{"auth", "logout"}, []string{noBus}, "", exitRejected},
		{"auth logout", []string{"auth", "logout", "--profile", "no/such"}, []string{noBus}, "", exitInvalid},
		{"draft show", []string{"draft", "show"}, []string{noBus}, "", exitRejected},
		{"draft export", []string{"draft", "export"}, []string{noBus}, "", exitRejected},
		{"draft show", []string{"draft", "show", "extra"}, []string{noBus}, "", exitInvalid},
		{"draft path", []string{"draft", "path"}, nil, "", exitOK},
		{"draft discard", []string{"draft", "discard"}, []string{noBus}, "", exitOK},
		{"sandbox", []string{"sandbox", "--port", "99999"}, nil, "", exitInvalid},
		{"sandbox", []string{"sandbox", "--port", port}, nil, "", exitRejected},
		{"image", image(slices.Concat([]string{"--api-url", images.URL}, record, selfie)...), []string{imageKey}, "", exitOK},
		{"image", image(slices.Concat([]string{"--sandbox", "--dry-run"}, record, selfie)...), nil, "", exitOK},
		{"image", image(slices.Concat([]string{"--api-url", refusing.URL}, record, selfie)...), []string{key}, "", exitRejected},
		{"image", image(slices.Concat([]string{"--sandbox"}, record, []string{"--selfie", sample})...), nil, "", exitInvalid},
		{"image", image(slices.Concat([]string{"--sandbox"}, record)...), nil, "", exitInvalid},
		{"image", image(slices.Concat([]string{"--api-url", "http://127.0.0.1:" + port, "--timeout", "1s"}, record, selfie)...), []string{key}, "", exitNetwork},
		{"import", []string{"import", valid, "--dry-run"}, nil, "", exitOK},
		{"import", []string{"import", filepath.Join(imports, "vendor-export.csv"), "--mapping", filepath.Join(imports, "vendor-mapping.toml"), "--inspect"}, nil, "", exitOK},
		{"import", []string{"import", valid, "--sandbox"}, nil, "", exitInvalid}, // no terminal to ask, no --yes
		{"import", []string{"import", valid, "--sandbox", "--yes"}, nil, "", exitOK},
		{"import", []string{"import", filepath.Join(imports, "vendor-export.csv"), "--mapping", filepath.Join(imports, "vendor-mapping.toml"), "--sandbox", "--yes", "--skip-invalid"}, nil, "", exitRejected},
		{"import", []string{"import", invalid, "--dry-run"}, nil, "", exitInvalid},
		{"import", []string{"import"}, nil, "", exitInvalid},
		{"draft", []string{"draft"}, nil, "", exitOK},
		{"draft", []string{"draft", "discrad"}, nil, "", exitInvalid},
		{"auth", []string{"auth", "foo"}, nil, "", exitInvalid},
		{"config", []string{"config", "show"}, nil, "", exitInvalid},
		{"config list", []string{"config", "list"}, nil, "", exitOK},
		{"completion", []string{"completion", "bsh"}, nil, "", exitInvalid},
		{"completion bash", []string{"completion", "bash"}, nil, "", exitOK},
		{"completion bash", []string{"completion", "bash", "extra"}, nil, "", exitInvalid},
	}
	helps := map[string]map[int]bool{}
	for _, tt := range tests {
		t.Run(strings.Join(append([]string{tt.command}, tt.args...), " "), func(t *testing.T) {
			codes, ok := helps[tt.command]
			if !ok {
				out, _, code := run(t, "", nil, append(strings.Fields(tt.command), "--help")...)
				if codes = helpExitCodes(out); code != 0 || len(codes) == 0 {
					t.Fatalf("%s --help: exit %d, no exit codes in\n%s", tt.command, code, out)
				}
				helps[tt.command] = codes
			}
			_, errOut, code := run(t, tt.stdin, tt.env, tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\n%s", code, tt.code, errOut)
			}
			if !codes[code] {
				t.Errorf("exit %d, which `argos-migrate %s --help` does not name (it names %v)", code, tt.command, codes)
			}
		})
	}
}
