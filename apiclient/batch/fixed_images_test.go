package batch

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/i18n"
	"argos-migrate/apiclient/sandbox"
)

// fixedRow is row 1 of a file whose admin the server refuses, fixed the
// way the wizard fixes it: its record sent with another admin and, when
// keep, journaled with the values it was sent with (CreatedInWizard).
func fixedRow(t *testing.T, sb *sandbox.Running, keep bool) (*run, *Record, string, string) {
	t.Helper()
	dir := t.TempDir()
	noisyPNG(t, filepath.Join(dir, "front.png"), 20)
	noisyPNG(t, filepath.Join(dir, "me.png"), 12)
	path := imageRows(t, dir, [][4]string{{"passport", "front.png", "me.png", ""}})
	text := strings.Replace(readText(t, path), "ops@acme.example", sandbox.AdminInvalid, 1)
	writeFile(t, path, []byte(text))
	r := imageRun(t, sb, path)
	rec, err := r.src.Row(1)
	if err != nil || rec.Submission.Admin != sandbox.AdminInvalid {
		t.Fatalf("row 1: %v %+v", err, rec.Submission)
	}
	sent := rec.Submission
	sent.Admin = "ops@acme.example"
	id, err := r.client.Submit(context.Background(), sent)
	if err != nil {
		t.Fatal(err)
	}
	j, err := OpenJournal(r.dir)
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	fp := Fingerprint(sent)
	if keep {
		err = j.CreatedInWizard(1, fp, id, SentWith{Admin: sent.Admin, IDType: sent.IDType})
	} else {
		err = j.Created(1, fp, id, ViaWizard)
	}
	if err != nil {
		t.Fatal(err)
	}
	return r, &rec, id, fp
}

func readText(tb testing.TB, path string) string {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return string(data)
}

// A row fixed in the wizard gets its images with the admin and idType
// the wizard sent, never the file's (the admin the server refused): right
// after the wizard (AttachFixed), and on a rerun that retries them after
// a failure. Each attempt is journaled as the import journals images.
func TestFixedRowImagesGoWithTheWizardsValues(t *testing.T) {
	log := &requestLog{}
	sb := apitest.Sandbox(t, sandbox.Options{Now: func() time.Time { return today }, Log: log})
	r, rec, id, fp := fixedRow(t, sb, true)
	log.count(t)

	// The wizard's attach fails (the server cannot be reached: the client
	// has a closed port), and is journaled as failed.
	dead, err := apiclient.New(apiclient.Options{BaseURL: "http://127.0.0.1:1", APIKey: sandbox.Key, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	j, err := OpenJournal(r.dir)
	if err != nil {
		t.Fatal(err)
	}
	st := j.Row(1)
	if st.SentWith == nil || st.SentWith.Admin != "ops@acme.example" || st.SentWith.IDType != "passport" {
		t.Fatalf("journal keeps %+v", st.SentWith)
	}
	got, jerr := AttachFixed(context.Background(), dead, j, rec, id, fp, *st.SentWith, r.src.ImageDir)
	if jerr != nil || got.Outcome != ImagesFailed || got.Files != 2 || got.Error(i18n.EN) == "" {
		t.Fatalf("attach to a closed port: %+v %v", got, jerr)
	}
	if st := j.Row(1); st.Images != ImageStateFailed {
		t.Fatalf("journal after the failed attach: %+v", st)
	}
	j.Close()

	// The rerun sends only the images, with the wizard's admin: the
	// sandbox refuses the file's.
	res, tot := r.once(nil)
	if res.Counts.ImagesSent != 1 || tot.ImagesSent != 1 || tot.ImagesFailed != 0 {
		t.Fatalf("rerun: counts %+v, totals %+v", res.Counts, tot)
	}
	if posts, puts := log.count(t); posts != 0 || puts != 1 {
		t.Errorf("rerun: %d POSTs, %d PUTs; want only the images' PUT", posts, puts)
	}
	if set := sb.Images(id); len(set.Images) != 2 || set.IDType != "passport" {
		t.Errorf("stored images %+v", set)
	}
	if row := results(t, r)["1"]; row["status"] != "created" || row["images"] != "sent" {
		t.Errorf("results row 1: %v", row)
	}
}

// Right after the wizard, the images are attached at once and the
// results file says so.
func TestAttachFixedSendsAndJournals(t *testing.T) {
	log := &requestLog{}
	sb := apitest.Sandbox(t, sandbox.Options{Now: func() time.Time { return today }, Log: log})
	r, rec, id, fp := fixedRow(t, sb, true)
	log.count(t)
	j, err := OpenJournal(r.dir)
	if err != nil {
		t.Fatal(err)
	}
	got, jerr := AttachFixed(context.Background(), r.client.(ImageAPI), j, rec, id, fp, *j.Row(1).SentWith, r.src.ImageDir)
	if jerr != nil || got.Outcome != ImagesSent || got.Files != 2 {
		t.Fatalf("attach: %+v %v", got, jerr)
	}
	j.Close()
	if _, puts := log.count(t); puts != 1 || len(sb.Images(id).Images) != 2 {
		t.Fatalf("%d PUTs, stored %+v", puts, sb.Images(id))
	}
	// A rerun sends nothing: the record and its images are done.
	res, tot := r.once(nil)
	if posts, puts := log.count(t); posts != 0 || puts != 0 || tot.ImagesSent != 1 || res.Counts.ImagesFailed != 0 {
		t.Errorf("rerun: %d POSTs, %d PUTs, totals %+v", posts, puts, tot)
	}
}

// A row sent from the wizard by a journal that did not keep its values,
// whose file row now differs from what was sent: no admin is guessed, no
// image is sent, and the results file says to attach them with the image
// command.
func TestFixedRowWithoutItsValuesSendsNoImages(t *testing.T) {
	log := &requestLog{}
	sb := apitest.Sandbox(t, sandbox.Options{Now: func() time.Time { return today }, Log: log})
	r, _, id, _ := fixedRow(t, sb, false)
	log.count(t)
	_, tot := r.once(nil)
	if posts, puts := log.count(t); posts != 0 || puts != 0 {
		t.Errorf("%d POSTs, %d PUTs; want none", posts, puts)
	}
	if tot.ImagesFailed != 1 || len(sb.Images(id).Images) != 0 {
		t.Errorf("totals %+v, stored %+v", tot, sb.Images(id))
	}
	if row := results(t, r)["1"]; row["images"] != "failed" || !strings.Contains(row["image_error"], "argos-migrate image") {
		t.Errorf("results row 1: %v", row)
	}
}

// An invalid row's images are never sent while the row is: the results
// file says none, and no total counts them as pending.
func TestInvalidRowsImagesAreNotPending(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{Now: func() time.Time { return today }})
	dir := t.TempDir()
	noisyPNG(t, filepath.Join(dir, "me.png"), 12)
	path := imageRows(t, dir, [][4]string{{"passport", "", "me.png", ""}, {"no_such_type", "", "me.png", ""}})
	r := imageRun(t, sb, path)
	res, tot := r.once(nil)
	if tot.Invalid != 1 || tot.ImagesPending != 0 || tot.ImagesSent != 1 || res.Counts.Invalid != 1 {
		t.Errorf("totals %+v, counts %+v", tot, res.Counts)
	}
	if row := results(t, r)["2"]; row["status"] != "invalid" || row["images"] != "none" {
		t.Errorf("results row 2: %v", row)
	}
}

// A row still invalid in the file (a date that does not exist), fixed and
// created in the wizard with its images attached: the results file says
// its images were sent, and a rerun sends nothing and leaves nothing
// pending. When the wizard's attach failed, the rerun sends only the
// images, and then they are sent.
func TestInvalidRowFixedInTheWizardHasItsImages(t *testing.T) {
	for _, attached := range []bool{true, false} {
		log := &requestLog{}
		sb := apitest.Sandbox(t, sandbox.Options{Now: func() time.Time { return today }, Log: log})
		dir := t.TempDir()
		noisyPNG(t, filepath.Join(dir, "front.png"), 20)
		noisyPNG(t, filepath.Join(dir, "me.png"), 12)
		path := imageRows(t, dir, [][4]string{{"passport", "front.png", "me.png", ""}})
		writeFile(t, path, []byte(strings.Replace(readText(t, path), "1990-01-02", "1988-02-30", 1)))
		r := imageRun(t, sb, path)
		rec, err := r.src.Row(1)
		if err != nil || rec.RecordValid() {
			t.Fatalf("row 1 should be invalid: %v %+v", err, rec.Problems)
		}
		sent := rec.Submission
		sent.BirthDate = "1988-02-28"
		sent.Admin = "ops@acme.example"
		id, err := r.client.Submit(context.Background(), sent)
		if err != nil {
			t.Fatal(err)
		}
		j, err := OpenJournal(r.dir)
		if err != nil {
			t.Fatal(err)
		}
		fp, with := Fingerprint(sent), SentWith{Admin: sent.Admin, IDType: sent.IDType}
		if err := j.SendingInWizard(1, fp, with); err != nil {
			t.Fatal(err)
		}
		if err := j.CreatedInWizard(1, fp, id, with); err != nil {
			t.Fatal(err)
		}
		api := ImageAPI(r.client.(ImageAPI))
		if !attached {
			api, _ = apiclient.New(apiclient.Options{BaseURL: "http://127.0.0.1:1", APIKey: sandbox.Key, Timeout: time.Second})
		}
		got, jerr := AttachFixed(context.Background(), api, j, &rec, id, fp, with, r.src.ImageDir)
		if jerr != nil || (got.Outcome == ImagesSent) != attached {
			t.Fatalf("attached %v: %+v %v", attached, got, jerr)
		}
		j.Close()
		log.count(t)

		res, tot := r.once(nil)
		wantPuts := 0
		if !attached {
			wantPuts = 1
		}
		if posts, puts := log.count(t); posts != 0 || puts != wantPuts {
			t.Errorf("attached %v: rerun made %d POSTs, %d PUTs; want 0, %d", attached, posts, puts, wantPuts)
		}
		if tot.ImagesSent != 1 || tot.ImagesPending != 0 || tot.ImagesFailed != 0 || res.Counts.ImagesFailed != 0 || tot.Invalid != 0 {
			t.Errorf("attached %v: counts %+v, totals %+v", attached, res.Counts, tot)
		}
		if row := results(t, r)["1"]; row["status"] != "created" || row["images"] != "sent" {
			t.Errorf("attached %v: results row 1: %v", attached, row)
		}
		if len(sb.Images(id).Images) != 2 {
			t.Errorf("attached %v: stored %+v", attached, sb.Images(id))
		}
		// And once more: nothing is sent, nothing is pending.
		_, tot = r.once(nil)
		if posts, puts := log.count(t); posts != 0 || puts != 0 || tot.ImagesSent != 1 || tot.ImagesPending != 0 {
			t.Errorf("attached %v: second rerun: %d POSTs, %d PUTs, totals %+v", attached, posts, puts, tot)
		}
	}
}

// The wizard's send of a row the server refused (its admin) got no clear
// answer; the import's lookup then finds the wizard's record: its images
// go with the admin the wizard sent, never the file's refused one, and a
// rerun sends nothing more.
func TestLookupOfTheWizardsRecordSendsImagesWithItsValues(t *testing.T) {
	log := &requestLog{}
	sb := apitest.Sandbox(t, sandbox.Options{Now: func() time.Time { return today }, Log: log})
	dir := t.TempDir()
	noisyPNG(t, filepath.Join(dir, "front.png"), 20)
	noisyPNG(t, filepath.Join(dir, "me.png"), 12)
	path := imageRows(t, dir, [][4]string{{"passport", "front.png", "me.png", ""}})
	writeFile(t, path, []byte(strings.Replace(readText(t, path), "ops@acme.example", sandbox.AdminInvalid, 1)))
	r := imageRun(t, sb, path)
	rec, err := r.src.Row(1)
	if err != nil || !rec.Valid() {
		t.Fatalf("row 1: %v %+v", err, rec.Problems)
	}
	// The import's own attempt was refused.
	res, _ := r.once(nil)
	if res.Counts.Rejected != 1 {
		t.Fatalf("first run: %+v", res.Counts)
	}
	// The wizard sends it with another admin; the server creates it, but
	// the wizard gets no clear answer.
	sent := rec.Submission
	sent.Admin = "ops@acme.example"
	id, err := r.client.Submit(context.Background(), sent)
	if err != nil {
		t.Fatal(err)
	}
	j, err := OpenJournal(r.dir)
	if err != nil {
		t.Fatal(err)
	}
	fp, with := Fingerprint(sent), SentWith{Admin: sent.Admin, IDType: sent.IDType}
	if err := j.SendingInWizard(1, fp, with); err != nil {
		t.Fatal(err)
	}
	if err := j.Failed(1, fp, StatusUnknown, apiclient.FailureRecord{Reason: apiclient.ReasonServerFailed, Status: 500}, "", 0); err != nil {
		t.Fatal(err)
	}
	if st := j.Row(1); !st.Uncertain() || st.SentWith == nil || *st.SentWith != with {
		t.Fatalf("journal after the wizard: %+v", st)
	}
	j.Close()
	log.count(t)

	res, tot := r.once(nil)
	if posts, puts := log.count(t); posts != 0 || puts != 1 {
		t.Errorf("rerun: %d POSTs, %d PUTs; want only the images' PUT", posts, puts)
	}
	if res.Counts.ImagesSent != 1 || tot.Created != 1 || tot.ImagesSent != 1 || tot.ImagesFailed != 0 || tot.ImagesPending != 0 {
		t.Errorf("rerun: counts %+v, totals %+v", res.Counts, tot)
	}
	if set := sb.Images(id); len(set.Images) != 2 || set.IDType != "passport" {
		t.Errorf("stored images %+v", set)
	}
	// The journal keeps the wizard's values with the lookup's record: a
	// later run (here: none needed) would send the images with them.
	j, err = OpenJournal(r.dir)
	if err != nil {
		t.Fatal(err)
	}
	if st := j.Row(1); st.Status != StatusCreated || !st.ViaLookup || st.SentWith == nil || *st.SentWith != with {
		t.Errorf("journal after the lookup: %+v", st)
	}
	if w, ok := ImagesWith(&rec, j.Row(1), rec.Fingerprint()); !ok || w != with {
		t.Errorf("images go with %+v %v, want the wizard's", w, ok)
	}
	j.Close()
	_, tot = r.once(nil)
	if posts, puts := log.count(t); posts != 0 || puts != 0 || tot.ImagesSent != 1 {
		t.Errorf("second rerun: %d POSTs, %d PUTs, totals %+v", posts, puts, tot)
	}
}

// The wizard's values on a "sending" line last only while its attempt is
// the row's last: the import's own attempt after it, or a clear refusal,
// drops them.
func TestWizardSendingValuesLastUntilTheNextAttempt(t *testing.T) {
	j, err := OpenJournal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	wiz, file := strings.Repeat("a", 64), strings.Repeat("b", 64)
	with := SentWith{Admin: "ops@acme.example", IDType: "passport"}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(j.SendingInWizard(1, wiz, with))
	if st := j.Row(1); st.SentWith == nil || *st.SentWith != with {
		t.Fatalf("wizard sending: %+v", st)
	}
	must(j.Sending(1, file))
	if st := j.Row(1); st.SentWith != nil {
		t.Errorf("after the import's own attempt: %+v", st.SentWith)
	}
	must(j.SendingInWizard(2, wiz, with))
	must(j.Failed(2, wiz, StatusRejected, apiclient.FailureRecord{Reason: apiclient.ReasonInvalidAdmin, Status: 400}, "", 0))
	if st := j.Row(2); st.SentWith != nil {
		t.Errorf("after a refusal: %+v", st.SentWith)
	}
}
