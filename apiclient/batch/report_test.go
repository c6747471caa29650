package batch

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
)

// A row the check refuses in the file can still have been sent: fixed in
// the wizard (f on the finished screen, or --from FILE --row N). What the
// journal says of it outweighs the file: the results file names it created
// with its id (or unknown while its outcome is), and the rejects file,
// which the operator fixes and imports again, leaves it out: importing it
// again would create a second submission.
func TestReportSaysWhatTheJournalKnowsOfAnInvalidRow(t *testing.T) {
	path := writeRows(t, 3, nil, func(i int) string {
		if i == 2 || i == 3 {
			return "not-an-email" // refused by the check: never sent by the import
		}
		return ""
	})
	dir := filepath.Join(t.TempDir(), "journal")
	j, err := OpenJournal(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	if err := j.StartRun(time.Now()); err != nil {
		t.Fatal(err)
	}
	fixed := strings.Repeat("a", 64) // the fingerprint of the record the wizard sent
	if err := j.Sending(2, fixed); err != nil {
		t.Fatal(err)
	}
	if err := j.Created(2, fixed, "fixed2_mg", ViaWizard); err != nil {
		t.Fatal(err)
	}
	if err := j.Sending(3, strings.Repeat("b", 64)); err != nil { // the wizard ended while sending
		t.Fatal(err)
	}
	results := filepath.Join(t.TempDir(), "results.csv")
	rejects := filepath.Join(t.TempDir(), "rejects.csv")
	tot, err := Report(Source{Path: path, Today: today}, j, results, rejects, nil)
	if err != nil {
		t.Fatal(err)
	}
	if tot.Created != 1 || tot.Unknown != 1 || tot.Invalid != 0 || tot.Pending != 1 {
		t.Errorf("totals %+v, want 1 created (row 2), 1 unknown (row 3), 1 pending (row 1)", tot)
	}
	data, err := os.ReadFile(results)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "\n2,not-an-email,created,fixed2_mg,") {
		t.Errorf("results file does not say row 2 was created:\n%s", data)
	}
	if !strings.Contains(string(data), "\n3,not-an-email,unknown,,") {
		t.Errorf("results file does not say row 3 may exist:\n%s", data)
	}
	if rj, err := os.ReadFile(rejects); err == nil && strings.Contains(string(rj), "not-an-email") {
		t.Errorf("rejects file lists rows that were sent, to be imported again:\n%s", rj)
	}
}

// The rejects file's suggestion cell is the suggested value alone, ready
// to paste, whether the row has one problem or several; never
// "field: value" on some rows and "value" on others.
func TestRejectsSuggestionIsTheValueAlone(t *testing.T) {
	one := &Record{Problems: []*apiclient.FieldError{{Field: "issuingCountry", Message: "must be a country code", Suggestion: "KOR"}}}
	two := &Record{Problems: []*apiclient.FieldError{
		{Field: "gender", Message: "must be one of: female, male"},
		{Field: "issuingCountry", Message: "must be a country code", Suggestion: "KOR"},
	}}
	three := &Record{Problems: []*apiclient.FieldError{
		{Field: "issuingCountry", Message: "must be a country code", Suggestion: "KOR"},
		{Field: "gender", Message: "must be one of: female, male", Suggestion: "male"},
	}, RepeatField: "email"}
	for rec, want := range map[*Record]string{one: "KOR", two: "KOR", three: "KOR; male"} {
		if _, _, got := refusal(rec, i18n.EN); got != want {
			t.Errorf("%v: suggestion %q, want %q", rec.Problems, got, want)
		}
	}
}
