package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"argos-migrate/ui/cmd"
)

// TestJSONIsAlwaysOneObject: submit --json prints exactly one JSON object on
// stdout whatever ends the run, flag-parsing mistakes included.
func TestJSONIsAlwaysOneObject(t *testing.T) {
	sample := "testdata/sample-record.json"
	for name, args := range map[string][]string{
		"no --file":             {"submit", "--json"},
		"unknown flag":          {"submit", "--json", "--nope"},
		"unknown flag first":    {"submit", "--nope", "--json", "-f", sample},
		"bad --timeout":         {"submit", "--sandbox", "--timeout", "soon", "--json", "-f", sample},
		"zero --timeout":        {"submit", "--sandbox", "--json", "--timeout", "0", "-f", sample},
		"stray argument":        {"submit", "--json", "extra", "-f", sample},
		"--json=true":           {"submit", "--json=true", "--nope"},
		"bad API URL":           {"submit", "--json", "--api-url", "https://x.example?a=1", "-f", sample},
		"a folder":              {"submit", "--json", "--sandbox", "-f", "testdata"},
		"a missing file":        {"submit", "--json", "--sandbox", "-f", "testdata/nope.json"},
		"created (for balance)": {"submit", "--json", "--sandbox", "-f", sample},
	} {
		t.Run(name, func(t *testing.T) {
			out, errOut, code := run(t, "", nil, args...)
			dec := json.NewDecoder(strings.NewReader(out))
			var res struct {
				OK   bool   `json:"ok"`
				Code string `json:"code"`
			}
			if err := dec.Decode(&res); err != nil {
				t.Fatalf("exit %d, stdout %q is no JSON object (%v); stderr %q", code, out, err, errOut)
			}
			if dec.More() {
				t.Errorf("stdout holds more than one value: %q", out)
			}
			want := "usage"
			if name == "created (for balance)" {
				want = ""
			}
			if res.OK != (code == 0) || res.Code != want || (code != 0) != (want != "") || (code != 0 && code != 2) {
				t.Errorf("exit %d with %+v; want code %q", code, res, want)
			}
		})
	}
	// Without --json, a usage error writes nothing on stdout.
	if out, _, code := run(t, "", nil, "submit", "--nope"); out != "" || code != 2 {
		t.Errorf("without --json: exit %d, stdout %q", code, out)
	}
	if out, _, _ := run(t, "", nil, "submit", "--json=false", "--nope"); out != "" {
		t.Errorf("--json=false: stdout %q", out)
	}
}

// The same promise for image --json (one object) and import --json (its
// summary last): whatever ends the run, a flag mistake, a file that is not
// there, a missing key, stdout holds JSON, ending with an object whose ok
// is false, and whose exitCode, when it names one, is the one the process
// exits with.
func TestImageAndImportJSONAlwaysEndWithAnObject(t *testing.T) {
	csvPath := filepath.Join(t.TempDir(), "export.csv")
	if err := os.WriteFile(csvPath, []byte("email,fullName,birthDate,kycStatus,idType,issuingCountry,admin\n"+
		"one@example.com,One,1990-01-02,approved,passport,KOR,ops@acme.example\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for name, args := range map[string][]string{
		"image unknown flag":          {"image", "--json", "--nope"},
		"image bad --timeout":         {"image", "--json", "--timeout", "soon", "--submission", "x", "--admin", "a@b.co", "--selfie", "a.png"},
		"import unknown flag":         {"import", csvPath, "--json", "--nope"},
		"import no file":              {"import", "--json"},
		"import missing file":         {"import", "nosuch.csv", "--json", "--dry-run"},
		"import missing file, send":   {"import", "nosuch.csv", "--json", "--yes"},
		"import bad --concurrency":    {"import", csvPath, "--json", "--concurrency", "0"},
		"import missing mapping file": {"import", csvPath, "--json", "--mapping", "nosuch.toml", "--dry-run"},
		"import without a key":        {"import", csvPath, "--json", "--yes", "--api-url", "http://127.0.0.1:9"},
	} {
		t.Run(name, func(t *testing.T) {
			out, errOut, code := run(t, "", nil, args...)
			if code == 0 {
				t.Fatalf("exit 0; stderr %q", errOut)
			}
			dec := json.NewDecoder(strings.NewReader(out))
			var last map[string]any
			for dec.More() {
				last = nil
				if err := dec.Decode(&last); err != nil {
					t.Fatalf("exit %d, stdout %q is not JSON (%v); stderr %q", code, out, err, errOut)
				}
			}
			if last == nil || last["ok"] != false {
				t.Fatalf("exit %d, stdout %q does not end with a failure object; stderr %q", code, out, errOut)
			}
			if ec, ok := last["exitCode"].(float64); ok && int(ec) != code {
				t.Errorf("the summary says exitCode %v, the process exits %d", ec, code)
			}
		})
	}
}

// TestInputProblemsExitTwoBeforeConnecting: a key no header can carry, a
// folder for --file, a timeout that is no wait, and API URLs whose request
// would not be the one shown are mistakes in the input (exit 2), found
// before anything is sent.
func TestInputProblemsExitTwoBeforeConnecting(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { hits.Add(1) }))
	defer srv.Close()
	sample := "testdata/sample-record.json"
	tests := []struct {
		name string
		env  []string
		args []string
		say  string
	}{
		{"key with a newline", []string{"ARGOS_API_KEY=abcd1234\n"}, []string{"submit", "--api-url", srv.URL, "-f", sample}, "ARGOS_API_KEY: the API key contains a line break"},
		{"key with a CR", []string{"ARGOS_API_KEY=abcd\r1234"}, []string{"submit", "--api-url", srv.URL, "-f", sample}, "line break"},
		{"key with an escape", []string{"ARGOS_API_KEY=abcd\x1b1234"}, []string{"submit", "--api-url", srv.URL, "-f", sample}, "control"},
		{"key with a newline, dry run", []string{"ARGOS_API_KEY=abcd1234\n"}, []string{"submit", "--dry-run", "--api-url", srv.URL, "-f", sample}, "line break"},
		{"--file is a folder", []string{"ARGOS_API_KEY=k"}, []string{"submit", "--api-url", srv.URL, "-f", "testdata"}, "testdata is a folder"},
		{"--timeout 0", []string{"ARGOS_API_KEY=k"}, []string{"submit", "--timeout", "0", "--api-url", srv.URL, "-f", sample}, "--timeout must be more than zero"},
		{"--timeout -5s", []string{"ARGOS_API_KEY=k"}, []string{"submit", "--timeout=-5s", "--api-url", srv.URL, "-f", sample}, "--timeout must be more than zero"},
		{"URL with a query", []string{"ARGOS_API_KEY=k"}, []string{"submit", "--api-url", srv.URL + "?debug=1", "-f", sample}, "must not hold a query"},
		{"URL with a fragment", []string{"ARGOS_API_KEY=k"}, []string{"submit", "--dry-run", "--api-url", srv.URL + "#x", "-f", sample}, "fragment"},
		{"URL with the API's path", []string{"ARGOS_API_KEY=k"}, []string{"submit", "--api-url", srv.URL + "/v3/", "-f", sample}, "give only the base URL: " + srv.URL},
		{"URL with the full endpoint", []string{"ARGOS_API_URL=" + srv.URL + "/v3/submission/migration", "ARGOS_API_KEY=k"}, []string{"submit", "-f", sample}, "give only the base URL"},
		{"URL with a space", []string{"ARGOS_API_KEY=k"}, []string{"submit", "--api-url", srv.URL + " ", "-f", sample}, "space"},
		{"port 0", []string{"ARGOS_API_KEY=k"}, []string{"submit", "--api-url", "http://127.0.0.1:0", "-f", sample}, "1 to 65535"},
		{"port 70000", []string{"ARGOS_API_KEY=k"}, []string{"submit", "--api-url", "http://127.0.0.1:70000", "-f", sample}, "1 to 65535"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errOut, code := run(t, "", tt.env, tt.args...)
			if code != 2 || !strings.Contains(errOut, tt.say) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, errOut, tt.say)
			}
			if strings.Contains(errOut, "abcd1234") {
				t.Errorf("the key is in the message: %q", errOut)
			}
		})
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the server got %d requests", n)
	}
}

// The dry run's curl is the request a submit makes: the host in ASCII.
func TestDryRunShowsTheHostInASCII(t *testing.T) {
	out, errOut, code := run(t, "", nil, "submit", "--dry-run", "--api-url", "https://rest-api.аrgosidentity.com/", "-f", "testdata/sample-record.json")
	if code != 0 || !strings.Contains(out, "curl --request POST https://rest-api.xn--rgosidentity-w9j.com/v3/submission/migration \\\n") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// A mistyped command under a group is refused (exit 2) with the command
// meant, in the run's language, as a mistyped top-level command is; a
// script's typo never passes for success.
func TestMistypedCommandIsRefused(t *testing.T) {
	for _, tt := range []struct {
		args []string
		say  string
	}{
		{[]string{"draft", "discrad"}, `error: unknown command "discrad" for "argos-migrate draft" (did you mean "discard"?)`},
		{[]string{"auth", "foo"}, `error: unknown command "foo" for "argos-migrate auth"`},
		{[]string{"config", "show"}, `error: unknown command "show" for "argos-migrate config" (did you mean "list"?)`},
		{[]string{"submt"}, `error: unknown command "submt" for "argos-migrate" (did you mean "submit"?)`},
		{[]string{"draft", "discrad", "--lang", "ko"}, `"discard" 명령을 뜻하셨습니까?`},
	} {
		out, errOut, code := run(t, "", nil, tt.args...)
		if code != 2 || out != "" || !strings.Contains(errOut, tt.say) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 2 and %q", tt.args, code, out, errOut, tt.say)
		}
	}
}

// submit --json says a failed send in a short plain message, as the screen
// says it, never Go's "EOF" or a gateway's HTML page; the raw error, when
// kept, is in detail, cleaned and cut short.
func TestJSONMessageIsShortAndPlain(t *testing.T) {
	for admin, says := range map[string]string{
		"drop@sandbox.test":    "the server closed the connection without answering",
		"gateway@sandbox.test": "a web page instead of the API's answer (502 Bad Gateway)",
	} {
		record := sampleWith(t, `"admin@sample.com"`, `"`+admin+`"`)
		out, _, code := run(t, record, nil, "submit", "--sandbox", "--json", "--file", "-")
		var res struct{ Message, Detail string }
		if err := json.Unmarshal([]byte(out), &res); err != nil || code != 3 {
			t.Fatalf("%s: exit %d, stdout %q (%v)", admin, code, out, err)
		}
		if !strings.HasPrefix(res.Message, "submitting the record: ") || !strings.Contains(res.Message, says) ||
			strings.Contains(res.Message, "EOF") || strings.Contains(res.Message, "<") || len(res.Message) > 200 {
			t.Errorf("%s: message %q, want a short plain line saying %q", admin, res.Message, says)
		}
		if len(res.Detail) > 300 || strings.ContainsFunc(res.Detail, func(r rune) bool { return r < ' ' }) {
			t.Errorf("%s: detail %q is not cleaned and cut short", admin, res.Detail)
		}
	}
}

// submit --dry-run shows the identity number masked in its curl line (it
// ends up in scrollback and tickets), says so and how to get the exact
// body; --reveal prints it as it would be sent, and goes with --dry-run
// only.
func TestDryRunMasksTheIdentityNumber(t *testing.T) {
	sample := "testdata/sample-record.json"
	out, errOut, code := run(t, "", nil, "submit", "--sandbox", "--dry-run", "--file", sample)
	if code != 0 || strings.Contains(out, "021108-2222555") || !strings.Contains(out, `"identityNumber":"••••••-•••••••"`) {
		t.Fatalf("exit %d, stdout %q: want the identity number masked", code, out)
	}
	if !strings.Contains(errOut, "masked") || !strings.Contains(errOut, "--reveal") {
		t.Errorf("stderr %q does not say the body is masked and how to get it", errOut)
	}
	out, _, code = run(t, "", nil, "submit", "--sandbox", "--dry-run", "--reveal", "--file", sample)
	if code != 0 || !strings.Contains(out, `"identityNumber":"021108-2222555"`) {
		t.Errorf("--reveal: exit %d, stdout %q: want the exact body", code, out)
	}
	if _, errOut, code := run(t, "", nil, "submit", "--sandbox", "--reveal", "--file", sample); code != 2 || !strings.Contains(errOut, "--reveal goes with --dry-run") {
		t.Errorf("--reveal without --dry-run: exit %d, stderr %q", code, errOut)
	}
}

// submit --dry-run --json prints no body and no curl, so it says nothing
// about one: not that the body is masked or sealed, nor how to run the
// curl; its answer is the JSON object alone, plain or encrypted.
func TestDryRunJSONSaysNothingOfABodyItDoesNotPrint(t *testing.T) {
	for _, extra := range [][]string{nil, {"--encrypted"}, {"--reveal"}} {
		args := append([]string{"submit", "--sandbox", "--dry-run", "--json", "--file", "testdata/sample-record.json"}, extra...)
		out, errOut, code := run(t, "", nil, args...)
		if code != 0 || out != "{\"ok\":true,\"dryRun\":true}\n" {
			t.Errorf("%v: exit %d, stdout %q", extra, code, out)
		}
		if errOut != "" {
			t.Errorf("%v: stderr speaks of what is not shown: %q", extra, errOut)
		}
	}
}

// Every number, duration and true/false flag of every command, given a
// value it cannot read, says in the run's language which flag, the value
// given and what the flag wants, never Go's parse error ("strconv.ParseUint:
// parsing \"x\": invalid syntax", "time: missing unit in duration"); a
// number too large says so. Exit 2, a usage mistake.
func TestBadFlagValuesSayWhatTheFlagWants(t *testing.T) {
	type bad struct {
		path        []string
		flag, value string
	}
	var cases []bad
	var walk func(c *cobra.Command, path []string)
	walk = func(c *cobra.Command, path []string) {
		seen := map[string]bool{}
		visit := func(f *pflag.Flag) {
			if seen[f.Name] || f.Hidden {
				return
			}
			seen[f.Name] = true
			switch typ := f.Value.Type(); {
			case typ == "bool":
				cases = append(cases, bad{path, f.Name, "maybe"})
			case typ == "duration", strings.HasPrefix(typ, "int"), strings.HasPrefix(typ, "uint"), strings.HasPrefix(typ, "float"):
				cases = append(cases, bad{path, f.Name, "x5"})
				switch {
				case typ == "duration":
					cases = append(cases, bad{path, f.Name, "5"}) // no unit
				case !strings.HasPrefix(typ, "float"): // a float this large reads
					cases = append(cases, bad{path, f.Name, "99999999999999999999999999999999999999999999"})
				}
			}
		}
		c.LocalFlags().VisitAll(visit)
		c.InheritedFlags().VisitAll(visit)
		for _, sub := range c.Commands() {
			if !sub.Hidden && sub.Name() != "help" && sub.Name() != "completion" {
				walk(sub, append(slices.Clone(path), sub.Name()))
			}
		}
	}
	walk(cmd.NewCmdRoot(cmd.NewFactory("test"), nil), nil)
	if len(cases) < 20 {
		t.Fatalf("only %d bad values to try: the walk is broken", len(cases))
	}
	goWords := regexp.MustCompile(`strconv\.|time: |invalid syntax|parsing |ParseInt|ParseUint|ParseFloat|ParseBool|out of range`)
	hangul := regexp.MustCompile(`\p{Hangul}`)
	for _, lang := range []string{"en", "ko"} {
		for _, b := range cases {
			args := append(append([]string{"--lang", lang}, b.path...), "--"+b.flag+"="+b.value)
			_, errOut, code := run(t, "", nil, args...)
			line, _, _ := strings.Cut(errOut, "\n")
			switch {
			case code != 2:
				t.Errorf("%v: exit %d, want 2: %q", args, code, errOut)
			case goWords.MatchString(errOut):
				t.Errorf("%v: Go's words: %q", args, line)
			case !strings.Contains(line, "--"+b.flag) || !strings.Contains(line, `"`+b.value+`"`):
				t.Errorf("%v: the flag or the value is not named: %q", args, line)
			case lang == "ko" && !hangul.MatchString(line):
				t.Errorf("%v: not in Korean: %q", args, line)
			}
		}
	}
}

// A request log (--log) that cannot be created is said once, path and
// reason, in the run's language: not "opening …: open …: no such file or
// directory", the path three times.
func TestSandboxLogThatCannotBeCreated(t *testing.T) {
	for lang, want := range map[string]string{
		"en": "the request log /nonexistent/dir/x.log cannot be created: there is no folder /nonexistent/dir",
		"ko": "요청 로그 /nonexistent/dir/x.log 파일을 만들 수 없습니다. /nonexistent/dir 폴더가 없습니다",
	} {
		_, errOut, code := run(t, "", nil, "--lang", lang, "sandbox", "--log", "/nonexistent/dir/x.log")
		if code != 1 || !strings.Contains(errOut, want) || strings.Count(errOut, "x.log") != 1 || strings.Contains(errOut, "no such file") {
			t.Errorf("%s: exit %d, %q", lang, code, errOut)
		}
	}
	_, errOut, _ := run(t, "", []string{"ARGOS_SANDBOX_FLAGS=--log /nonexistent/dir/x.log"}, "--sandbox", "submit", "--file", "testdata/sample-record.json")
	if strings.Count(errOut, "x.log") != 1 || strings.Contains(errOut, "no such file") {
		t.Errorf("--sandbox with a log that cannot be created: %q", errOut)
	}
}
