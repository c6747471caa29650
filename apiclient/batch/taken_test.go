package batch

import (
	"os"
	"path/filepath"
	"testing"

	"argos-migrate/apiclient"
)

// Taken answers for the whole file, later rows included, and lets the row
// that had a value first keep it.
func TestTakenNamesTheOtherRow(t *testing.T) {
	path := filepath.Join(t.TempDir(), "in.csv")
	text := "email,userId\n" +
		"a@example.com,u1\n" +
		"b@example.com,\n" +
		"A@Example.com ,\n" +
		"c@example.com,u1\n"
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	taken, err := Source{Path: path, Today: today}.Taken()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		row   int
		sub   apiclient.Submission
		field string
		other int
	}{
		{1, apiclient.Submission{Email: "a@example.com", UserID: "u1"}, "", 0},
		{3, apiclient.Submission{Email: "a@example.com"}, apiclient.FieldEmail, 1},
		{3, apiclient.Submission{Email: "new@example.com"}, "", 0},
		{1, apiclient.Submission{Email: "b@example.com"}, apiclient.FieldEmail, 2},
		{2, apiclient.Submission{Email: "B@EXAMPLE.COM"}, "", 0},
		{4, apiclient.Submission{Email: "c@example.com", UserID: "u1"}, apiclient.FieldUserID, 1},
		{2, apiclient.Submission{Email: "z@example.com", UserID: "u1"}, apiclient.FieldUserID, 1},
		{2, apiclient.Submission{Email: "z@example.com", UserID: "U1"}, "", 0},
	} {
		field, other := taken.Repeat(c.row, c.sub)
		if field != c.field || other != c.other {
			t.Errorf("row %d %+v: Repeat = %q, %d; want %q, %d", c.row, c.sub, field, other, c.field, c.other)
		}
	}
}
