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
