package accessible

import (
	"os"
	"testing"

	"argos-migrate/apiclient/apitest"
)

func TestMain(m *testing.M) { os.Exit(apitest.PrivateFolders(m)) }
