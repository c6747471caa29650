package cmd

import (
	"testing"

	"argos-migrate/apiclient/i18n/i18ntest"
)

// Every word the import command shows a person comes from the "import"
// catalog (or the engine's "batch" one).
func TestImportWordsComeFromTheCatalog(t *testing.T) {
	i18ntest.CheckNoProse(t, "import*.go", map[string]string{
		"import FILE": "the command's usage line, cobra's syntax",
		"  argos-migrate import %s --mapping %s --inspect\n": "a command to run, the same in every language",
	})
}
