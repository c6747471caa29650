package ui

import (
	"testing"

	"argos-migrate/apiclient/i18n/i18ntest"
)

// Every word of the import's progress and finished screens comes from the
// "import" catalog.
func TestBatchWordsComeFromTheCatalog(t *testing.T) {
	i18ntest.CheckNoProse(t, "batch*.go", nil)
}
