package main

import (
	"os/exec"
	"strings"
	"testing"
)

// charmModules are the import-path prefixes of the Charm stack.
var charmModules = []string{"charm.land/", "github.com/charmbracelet/"}

// testOnly are the packages that exist for tests and benchmarks.
var testOnly = []string{"argos-migrate/ui/termtest", "argos-migrate/apiclient/apitest", "argos-migrate/apiclient/batch/batchtest", "argos-migrate/apiclient/i18n/i18ntest"}

// goList runs go list with args and returns the lines it printed.
func goList(t *testing.T, args ...string) []string {
	t.Helper()
	out, err := exec.Command("go", append([]string{"list"}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("go list %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.Fields(string(out))
}

// linked lists every package pkg links (go list -deps), the standard
// library's left out.
func linked(t *testing.T, pkg string) []string {
	t.Helper()
	return goList(t, "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", pkg)
}

// forbidden reports whether dep is one of forbid: an import path, or a
// prefix ending in "/".
func forbidden(dep string, forbid []string) bool {
	for _, f := range forbid {
		if dep == f || strings.HasSuffix(f, "/") && strings.HasPrefix(dep, f) {
			return true
		}
	}
	return false
}

// The directions of import DESIGN.md and CONTRIBUTING.md draw, checked on
// what each package links: the contract and its engine packages, the
// drafts and accessible mode carry no Charm module (accessible mode prints
// no escape sequences, and a batch import needs no terminal), the contract
// holds neither the settings nor the keyring, nothing under apiclient/
// reaches outside it, envkey links nothing but the standard library (it
// must be initialised before any module that could start a process), and
// the program links no package made for tests.
func TestWhatEachPackageLinks(t *testing.T) {
	noSettings := []string{"argos-migrate/apiclient/settings", "argos-migrate/apiclient/keyring"}
	rules := []struct {
		pkg    string
		forbid []string
	}{
		{"./ui/accessible", charmModules},
		{"./forms/draft", charmModules},
		{"./apiclient", append(append([]string{}, charmModules...), noSettings...)},
		{"./apiclient/sandbox", charmModules},
		{"./apiclient/settings", charmModules},
		{"./apiclient/keyring", charmModules},
		{"./apiclient/batch", append(append([]string{}, charmModules...), "argos-migrate/apiclient/keyring")},
		{".", testOnly},
	}
	for _, pkg := range goList(t, "./apiclient/...") {
		rules = append(rules, struct {
			pkg    string
			forbid []string
		}{pkg, []string{"argos-migrate/ui", "argos-migrate/ui/", "argos-migrate/forms", "argos-migrate/forms/", "argos-migrate/bench/"}})
	}
	for _, rule := range rules {
		for _, dep := range linked(t, rule.pkg) {
			if forbidden(dep, rule.forbid) {
				t.Errorf("%s links %s", rule.pkg, dep)
			}
		}
	}
	if deps := linked(t, "./apiclient/keyring/envkey"); len(deps) != 1 || deps[0] != "argos-migrate/apiclient/keyring/envkey" {
		t.Errorf("envkey links more than the standard library: %v", deps)
	}
	// The checks can fail: the wizard does link Charm, the end-to-end
	// driver the contract, and the contract a module outside the standard
	// library.
	for pkg, want := range map[string]string{"./ui": charmModules[0], "./ui/termtest": "argos-migrate/apiclient", "./apiclient": "golang.org/x/"} {
		found := false
		for _, dep := range linked(t, pkg) {
			found = found || strings.HasPrefix(dep, want)
		}
		if !found {
			t.Errorf("%s links no %s package: the checks above prove nothing", pkg, want)
		}
	}
}
