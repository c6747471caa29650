package forms

import (
	"testing"

	"argos-migrate/apiclient/i18n/i18ntest"
)

// The form's words come from the catalogs, not from literals.
func TestFormWordsComeFromTheCatalog(t *testing.T) {
	i18ntest.CheckNoProse(t, "*.go", nil)
}
