package main

import (
	"os/exec"
	"strings"
	"testing"

	"argos-migrate/apiclient/apitest"
)

// TestFaultMatrix drives the real binary against servers that fail in every
// way a network and a gateway can (apitest.Faults), and checks the exit
// code, that the message says whether the record may exist, that nothing
// reaches stdout, and that memory stays bounded.
func TestFaultMatrix(t *testing.T) {
	want := map[string]struct {
		code int
		say  string
	}{
		"connection refused":    {3, "was not sent"},
		"dns failure":           {3, "was not sent"},
		"tls self-signed":       {3, "certificate"},
		"403":                   {1, "key was refused"},
		"400 invalid_payload":   {1, "could not read the record"},
		"400 missing_data":      {1, "required field is missing"},
		"400 invalid_project":   {1, "not belong to a valid project"},
		"400 invalid_admin":     {1, "no rights on this project"},
		"400 invalid_parameter": {1, `does not know the field "nick"`},
		"400 invalid_format":    {1, "format of Birth date (birthDate)"},
		"400 processing_error":  {3, "may have been created"},
		"413":                   {1, "too large"},
		"429":                   {3, "was not created"},
		"500":                   {3, "may have been created"},
		"html 502":              {3, "may have been created"},
		"504":                   {3, "may have been created"},
		"429 with Retry-After":  {3, "wait 2 minutes"},
		"307 redirect":          {3, "redirect to https://elsewhere.example: not followed, nothing was sent there"},
		"303 redirect":          {3, "may have acted on it"},
		"reset after body":      {3, "may have been created"},
		"never answers":         {3, "may have been created"},
		"slow drip":             {3, "may have been created"},
		"200 not json":          {3, "may have been created"},
		"200 empty":             {3, "may have been created"},
		"200 without id":        {3, "may have been created"},
		"200 blank id":          {3, "may have been created"},
		"200 id with escape":    {3, "may have been created"},
		"200 id not UTF-8":      {3, "may have been created"},
		"200 with 64 MB":        {3, "may have been created"},
	}
	for _, fault := range apitest.Faults() {
		t.Run(fault.Name, func(t *testing.T) {
			tt, ok := want[fault.Name]
			if !ok {
				t.Fatalf("no expectation for the fault %q", fault.Name)
			}
			timeout := "5s"
			if fault.Timeout > 0 {
				timeout = fault.Timeout.String()
			}
			c := exec.Command(binary, "submit", "--file", "testdata/sample-record.json", "--api-url", fault.URL(t), "--timeout", timeout)
			c.Env = []string{"HOME=" + t.TempDir(), "ARGOS_API_KEY=fault-matrix-key"}
			var out, errOut strings.Builder
			c.Stdout, c.Stderr = &out, &errOut
			_ = c.Run()
			if code := c.ProcessState.ExitCode(); code != tt.code {
				t.Fatalf("exit %d, want %d; stderr %q", code, tt.code, errOut.String())
			}
			if out.Len() != 0 {
				t.Errorf("stdout %q, want nothing", out.String())
			}
			if !strings.Contains(errOut.String(), tt.say) {
				t.Errorf("stderr %q does not say %q", errOut.String(), tt.say)
			}
			if strings.Contains(errOut.String(), "fault-matrix-key") {
				t.Error("the key reached stderr")
			}
			if rss, ok := peakKiB(c.ProcessState); ok && rss > 60<<10 {
				t.Errorf("peak memory %d KiB, want under 60 MiB", rss)
			}
		})
	}
}
