package main

import (
	"os/exec"
	"strings"
	"testing"
)

// charmModules are the import-path prefixes of the Charm stack.
var charmModules = []string{"charm.land/", "github.com/charmbracelet/"}

// linked lists every package pkg links (go list -deps).
func linked(t *testing.T, pkg string) []string {
	t.Helper()
	out, err := exec.Command("go", "list", "-deps", pkg).CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps %s: %v\n%s", pkg, err, out)
	}
	return strings.Fields(string(out))
}

// The directions of import DESIGN.md draws, checked on what each package
// links: the contract and its engine packages, the drafts and accessible
// mode carry no Charm module (accessible mode prints no escape sequences,
// and a batch import needs no terminal), and the contract holds neither the
// settings nor the keyring.
func TestWhatEachPackageLinks(t *testing.T) {
	noSettings := []string{"argos-migrate/apiclient/settings", "argos-migrate/apiclient/keyring"}
	for _, rule := range []struct {
		pkg    string
		forbid []string
	}{
		{"./ui/accessible", charmModules},
		{"./forms/draft", charmModules},
		{"./apiclient", append(append([]string{}, charmModules...), noSettings...)},
		{"./apiclient/sandbox", charmModules},
		{"./apiclient/settings", charmModules},
		{"./apiclient/keyring", charmModules},
	} {
		for _, dep := range linked(t, rule.pkg) {
			for _, f := range rule.forbid {
				if dep == f || strings.HasPrefix(dep, f) && strings.HasSuffix(f, "/") {
					t.Errorf("%s links %s", rule.pkg, dep)
				}
			}
		}
	}
	// The check can fail: the wizard does link Charm.
	found := false
	for _, dep := range linked(t, "./ui") {
		found = found || strings.HasPrefix(dep, charmModules[0])
	}
	if !found {
		t.Error("./ui links no charm.land package: the check above proves nothing")
	}
}
