package batch

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
)

// requestLog is the sandbox's request log, kept to count what reached it.
type requestLog struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *requestLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// count returns how many requests of method on path the sandbox received
// since the last call.
func (l *requestLog) count(tb testing.TB) (posts, puts int) {
	tb.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, line := range strings.Split(strings.TrimSpace(l.b.String()), "\n") {
		if line == "" {
			continue
		}
		var e struct{ Method, Path string }
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			tb.Fatalf("log line %q: %v", line, err)
		}
		switch {
		case e.Method == "POST" && e.Path == apiclient.MigrationPath:
			posts++
		case e.Method == "PUT" && e.Path == apiclient.ImagePath:
			puts++
		}
	}
	l.b.Reset()
	return posts, puts
}

// noisyPNG writes a PNG of n×n random-looking pixels (it does not
// compress): a few KB for n = 40.
func noisyPNG(tb testing.TB, path string, n int) []byte {
	tb.Helper()
	img := image.NewRGBA(image.Rect(0, 0, n, n))
	x := uint32(7)
	for i := 0; i < n*n; i++ {
		x = x*1664525 + 1013904223
		img.Set(i%n, i/n, color.RGBA{uint8(x >> 24), uint8(x >> 16), uint8(x >> 8), 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		tb.Fatal(err)
	}
	writeFile(tb, path, b.Bytes())
	return b.Bytes()
}

// imageRun is a run whose input names images, read from its folder.
func imageRun(tb testing.TB, sb *sandbox.Running, path string) *run {
	tb.Helper()
	r := newRun(tb, path, sb, "")
	r.src.ImageDir = ImageDir(path)
	return r
}

// results reads the run's results file: row number → its cells by column.
func results(tb testing.TB, r *run) map[string]map[string]string {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join(filepath.Dir(r.src.Path), "results.csv"))
	if err != nil {
		tb.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	if got := strings.Join(recs[0], ","); got != "row,email,status,submissionId,error,images,image_error" {
		tb.Fatalf("results header %q", got)
	}
	out := map[string]map[string]string{}
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = rec[i]
		}
		out[rec[0]] = m
	}
	return out
}

func TestEngineAttachesImagesAfterCreating(t *testing.T) {
	log := &requestLog{}
	sb := apitest.Sandbox(t, sandbox.Options{Now: func() time.Time { return today }, Log: log})
	dir := t.TempDir()
	front := noisyPNG(t, filepath.Join(dir, "scans", "front.png"), 20)
	selfie := noisyPNG(t, filepath.Join(dir, "scans", "me.png"), 12)
	path := imageRows(t, dir, [][4]string{
		{"passport", "scans/front.png", "scans/me.png", ""},
		{"passport", "", "", ""},
		{"drivers_license", "", "scans/me.png", "scans/front.png"},
	})
	r := imageRun(t, sb, path)
	res, tot := r.once(nil)
	if res.Stopped != StopNone {
		t.Fatalf("stopped: %s %v", res.Stopped, res.Err)
	}
	if c := res.Counts; c.Created != 3 || c.ImagesSent != 2 || c.ImagesFailed != 0 || c.Done() != c.ToSend {
		t.Errorf("counts %+v", c)
	}
	if tot.Created != 3 || tot.ImagesSent != 2 || tot.ImagesFailed != 0 || tot.ImagesPending != 0 {
		t.Errorf("totals %+v", tot)
	}
	// One POST per row, one PUT per row that names images.
	if posts, puts := log.count(t); posts != 3 || puts != 2 {
		t.Errorf("%d POSTs, %d PUTs; want 3 and 2", posts, puts)
	}
	out := results(t, r)
	want := map[string]struct {
		idType string
		fields []string
		sums   [][]byte
	}{
		"1": {"passport", []string{"idImage", "selfieImage"}, [][]byte{front, selfie}},
		"3": {"drivers_license", []string{"selfieImage", "addressImage"}, [][]byte{selfie, front}},
	}
	for row, cells := range out {
		w, has := want[row]
		switch {
		case cells["status"] != "created":
			t.Errorf("row %s: %q", row, cells)
		case !has:
			if cells["images"] != "none" || len(sb.Images(cells["submissionId"]).Images) != 0 {
				t.Errorf("row %s: images %q", row, cells["images"])
			}
			continue
		case cells["images"] != "sent" || cells["image_error"] != "":
			t.Errorf("row %s: images %q %q", row, cells["images"], cells["image_error"])
		}
		// The images went to this row's submission, with its idType, and
		// are the files' bytes.
		set := sb.Images(cells["submissionId"])
		if set.IDType != w.idType || len(set.Images) != len(w.fields) {
			t.Fatalf("row %s: stored %+v", row, set)
		}
		for i, img := range set.Images {
			if img.Field != w.fields[i] || img.SHA256 != sha256.Sum256(w.sums[i]) {
				t.Errorf("row %s: image %d is %s %x", row, i, img.Field, img.SHA256[:4])
			}
		}
	}

	// Again: nothing is sent, neither a record nor an image.
	res, tot = r.once(nil)
	if posts, puts := log.count(t); posts != 0 || puts != 0 {
		t.Errorf("rerun: %d POSTs, %d PUTs; want none", posts, puts)
	}
	if res.Counts.Earlier != 3 || res.Counts.ImagesSent != 0 || tot.ImagesSent != 2 {
		t.Errorf("rerun: counts %+v totals %+v", res.Counts, tot)
	}
}

// A refused image call leaves the record created and its images failed,
// in the journal and the results; a rerun sends only those images again,
// never a record, and once the file is fixed they are attached.
func TestEngineImageFailureKeepsTheRecordAndRerunRetriesOnlyImages(t *testing.T) {
	log := &requestLog{}
	// The sandbox takes images up to 1,000 bytes: a bigger file gets 413.
	sb := apitest.Sandbox(t, sandbox.Options{Now: func() time.Time { return today }, Log: log, MaxImageBytes: 1000})
	dir := t.TempDir()
	noisyPNG(t, filepath.Join(dir, "small.png"), 8)
	big := noisyPNG(t, filepath.Join(dir, "big.png"), 40)
	if len(big) <= 1000 {
		t.Fatalf("big.png is %d bytes", len(big))
	}
	path := imageRows(t, dir, [][4]string{
		{"passport", "small.png", "", ""},
		{"passport", "", "big.png", ""},
		{"passport", "", "small.png", ""},
	})
	r := imageRun(t, sb, path)
	res, tot := r.once(nil)
	if c := res.Counts; c.Created != 3 || c.ImagesSent != 2 || c.ImagesFailed != 1 {
		t.Errorf("counts %+v", c)
	}
	if tot.Created != 3 || tot.ImagesFailed != 1 || tot.ImagesSent != 2 {
		t.Errorf("totals %+v", tot)
	}
	if posts, puts := log.count(t); posts != 3 || puts != 3 {
		t.Errorf("%d POSTs, %d PUTs; want 3 and 3", posts, puts)
	}
	checkOnePerRow(t, sb, emails(3))
	row2 := results(t, r)["2"]
	if row2["status"] != "created" || row2["submissionId"] == "" || row2["images"] != "failed" ||
		!strings.Contains(row2["image_error"], "HTTP 413") || row2["error"] != "" {
		t.Errorf("row 2: %q", row2)
	}
	// The journal keeps it: the record created, its images failed.
	j, err := OpenJournal(r.dir)
	if err != nil {
		t.Fatal(err)
	}
	st := j.Row(2)
	if st.Status != StatusCreated || st.Images != ImageStateFailed || st.ImageFailure.Reason != apiclient.ReasonTooLarge ||
		!st.ImageFailure.Images || st.ImageFailure.Status != 413 {
		t.Errorf("journal row 2: %+v", st)
	}
	if c := j.Counts(); c.Created != 3 || c.ImagesSent != 2 || c.ImagesFailed != 1 {
		t.Errorf("journal counts %+v", c)
	}
	j.Close()

	// The same command again: only row 2's images, no record.
	res, _ = r.once(nil)
	if posts, puts := log.count(t); posts != 0 || puts != 1 {
		t.Errorf("rerun: %d POSTs, %d PUTs; want 0 and 1", posts, puts)
	}
	if c := res.Counts; c.Created != 0 || c.Earlier != 3 || c.ImageRows != 1 || c.ImagesFailed != 1 || c.ToSend != 1 || c.Done() != 1 {
		t.Errorf("rerun counts %+v", c)
	}
	// The file fixed: its images are attached, still no record sent.
	noisyPNG(t, filepath.Join(dir, "big.png"), 8)
	res, tot = r.once(nil)
	if posts, puts := log.count(t); posts != 0 || puts != 1 {
		t.Errorf("after the fix: %d POSTs, %d PUTs; want 0 and 1", posts, puts)
	}
	if res.Counts.ImagesSent != 1 || tot.ImagesSent != 3 || tot.ImagesFailed != 0 {
		t.Errorf("after the fix: counts %+v totals %+v", res.Counts, tot)
	}
	if row := results(t, r)["2"]; row["images"] != "sent" || row["image_error"] != "" {
		t.Errorf("row 2 after the fix: %q", row)
	}
	checkOnePerRow(t, sb, emails(3))
	if got := sb.Images(results(t, r)["2"]["submissionId"]).Images; len(got) != 1 || got[0].Field != "selfieImage" {
		t.Errorf("stored %+v", got)
	}
}

// A server failure is the policy's "may have been attached": re-sending
// replaces the images, so the run tries again at once; past its retries
// the images are failed, and the next run attaches them.
func TestEngineRetriesImagesTheServerFailed(t *testing.T) {
	log := &requestLog{}
	sb := apitest.Sandbox(t, sandbox.Options{Now: func() time.Time { return today }, Log: log})
	dir := t.TempDir()
	noisyPNG(t, filepath.Join(dir, "me.png"), 8)
	path := imageRows(t, dir, [][4]string{{"passport", "", "me.png", ""}, {"passport", "", "me.png", ""}})
	r := imageRun(t, sb, path)
	r.tune = func(e *Engine) { e.Concurrency = 1 }
	sb.FailImages(1)
	res, _ := r.once(nil)
	if posts, puts := log.count(t); posts != 2 || puts != 3 {
		t.Errorf("%d POSTs, %d PUTs; want 2 and 3 (one retried)", posts, puts)
	}
	if res.Counts.ImagesSent != 2 || res.Counts.ImagesFailed != 0 {
		t.Errorf("counts %+v", res.Counts)
	}

	// Failing more often than the run retries: failed, then the next run.
	sb2 := apitest.Sandbox(t, sandbox.Options{Now: func() time.Time { return today }, Log: log})
	r2 := imageRun(t, sb2, imageRows(t, t.TempDir(), [][4]string{{"passport", "", filepath.Join(dir, "me.png"), ""}}))
	r2.tune = func(e *Engine) { e.Retries = 2 }
	sb2.FailImages(2)
	res, tot := r2.once(nil)
	if res.Counts.ImagesFailed != 1 || tot.ImagesFailed != 1 {
		t.Errorf("counts %+v", res.Counts)
	}
	row := results(t, r2)["1"]
	if row["images"] != "failed" || !strings.Contains(row["image_error"], "HTTP 500") {
		t.Errorf("row 1: %q", row)
	}
	log.count(t)
	res, tot = r2.once(nil)
	if posts, puts := log.count(t); posts != 0 || puts != 1 || tot.ImagesSent != 1 || res.Counts.ImagesSent != 1 {
		t.Errorf("rerun: %d POSTs, %d PUTs, totals %+v", posts, puts, tot)
	}
}

// Adding image columns to an input imported already sends the images of
// its created rows, and no record again.
func TestEngineSendsImagesOfRecordsCreatedEarlier(t *testing.T) {
	log := &requestLog{}
	sb := apitest.Sandbox(t, sandbox.Options{Now: func() time.Time { return today }, Log: log})
	dir := t.TempDir()
	noisyPNG(t, filepath.Join(dir, "me.png"), 8)
	path := imageRows(t, dir, [][4]string{{"passport", "", "", ""}, {"passport", "", "", ""}})
	r := imageRun(t, sb, path)
	r.once(nil)
	if posts, puts := log.count(t); posts != 2 || puts != 0 {
		t.Fatalf("%d POSTs, %d PUTs", posts, puts)
	}
	imageRows(t, dir, [][4]string{{"passport", "", "me.png", ""}, {"passport", "", "", ""}})
	res, tot := r.once(nil)
	if posts, puts := log.count(t); posts != 0 || puts != 1 {
		t.Errorf("%d POSTs, %d PUTs; want 0 and 1", posts, puts)
	}
	if res.Counts.ImageRows != 1 || res.Counts.ImagesSent != 1 || res.Counts.Earlier != 2 || tot.ImagesSent != 1 {
		t.Errorf("counts %+v totals %+v", res.Counts, tot)
	}
	checkOnePerRow(t, sb, emails(2))
}

// A row the server rejected cannot send its images until it is fixed: its
// images are "none" (waiting for the record), in the row's event, the
// results file and the totals, never "pending" (about to be sent).
func TestEngineRejectedRowsImagesAreNotPending(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{Now: func() time.Time { return today }})
	dir := t.TempDir()
	noisyPNG(t, filepath.Join(dir, "scans", "front.png"), 20)
	path := imageRows(t, dir, [][4]string{{"passport", "scans/front.png", "", ""}, {"passport", "scans/front.png", "", ""}})
	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, path, []byte(strings.Replace(string(text), "KOR,ops@acme.example,scans", "KOR,"+sandbox.AdminInvalid+",scans", 1)))
	r := imageRun(t, sb, path)
	res, tot := r.once(nil)
	if c := res.Counts; c.Created != 1 || c.Rejected != 1 {
		t.Fatalf("counts %+v", c)
	}
	if tot.Rejected != 1 || tot.ImagesSent != 1 || tot.ImagesPending != 0 {
		t.Errorf("totals %+v", tot)
	}
	for _, ev := range r.events {
		if ev.Kind == EventRow && ev.Row.Status == StatusRejected && ev.Row.Images != ImagesNone {
			t.Errorf("rejected row's event: images %q", ev.Row.Images)
		}
	}
	if got := results(t, r)["1"]; got["status"] != "rejected" || got["images"] != "none" {
		t.Errorf("rejected row's results line: %v", got)
	}
}

// A later report of the same import (the one --from FILE --row N writes
// after sending a row from the wizard) reads the image files from the
// input's folder made absolute, and still names them as the import did
// (relative to the folder the import ran in), not by absolute paths.
func TestReportNamesImagesAsTheImportDid(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{Now: func() time.Time { return today }})
	dir := t.TempDir()
	t.Chdir(dir)
	noisyPNG(t, filepath.Join(dir, "scans", "front.png"), 20)
	path := imageRows(t, ".", [][4]string{{"passport", "scans/front.png", "", ""}, {"passport", "scans/gone.png", "", ""}})
	r := imageRun(t, sb, path)
	r.once(nil)
	before := results(t, r)["2"]["error"]
	if !strings.Contains(before, "scans/gone.png") || strings.Contains(before, dir) {
		t.Fatalf("the import's error %q", before)
	}
	j, err := OpenJournal(r.dir)
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	later := r.src
	later.ImageDir, later.ShownImageDir = dir, "."
	out := filepath.Join(dir, "later.csv")
	if _, err := Report(later, j, out, "", nil); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(out)
	if !strings.Contains(string(b), before) || strings.Contains(string(b), dir) {
		t.Errorf("the later report names the image otherwise than %q:\n%s", before, b)
	}
}
