package accessible

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
)

// imageFile writes a file whose first bytes make it a jpg or png.
func imageFile(tb testing.TB, dir, name string, size int) string {
	tb.Helper()
	data := make([]byte, size)
	head := "\xff\xd8\xff\xe0"
	if filepath.Ext(name) == ".png" {
		head = "\x89PNG\r\n\x1a\n"
	}
	copy(data, head)
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		tb.Fatal(err)
	}
	return p
}

// withImages wires the rig's sandbox image call (or url's).
func (r *rig) withImages(url string) {
	c, err := apiclient.New(apiclient.Options{BaseURL: url, APIKey: sandbox.Key, Timeout: 5 * time.Second})
	if err != nil {
		r.tb.Fatal(err)
	}
	r.deps.Attach = c.AttachImages
	r.deps.KeepsImages = true
}

// imageCalls counts the sandbox's requests after the record's.
func (r *rig) imageCalls() int { return r.sb.Traffic().Requests - len(r.sb.Records()) }

// After the record, piped answers attach its images: a path per image
// (Enter skips), what will be sent, a yes. The paths are not repeated in
// the transcript (they may hold a name); the files are named by their base
// name, type and size, as the wizard's review does.
func TestAccessibleAttachesImagesAfterTheRecord(t *testing.T) {
	dir := t.TempDir()
	front := imageFile(t, dir, "front.jpg", 6_000)
	selfie := imageFile(t, dir, "홍길동-selfie.png", 1_200_000)
	rec := apitest.Sample()
	r := newRig(t, answersFor(rec, "y", "y", front, "", selfie, "", "y"))
	r.withImages(r.sb.URL)
	out, err := r.run()
	if err != nil || out.ID == "" {
		t.Fatalf("run: %v\n%s", err, r.out)
	}
	set := r.sb.Images(out.ID)
	if len(set.Images) != 2 || set.IDType != rec.IDType || set.Images[1].Size != 1_200_000 {
		t.Fatalf("stored %+v", set)
	}
	if out.Images.Attached != "front.jpg, 홍길동-selfie.png" || len(out.Images.Pending) != 0 {
		t.Fatalf("images outcome %+v", out.Images)
	}
	for _, want := range []string{
		"Attach the ID, selfie and address images to " + out.ID + " now? (y/n): y",
		"Front of the ID, a file path: (not repeated:",
		"  ✓ front.jpg, JPEG, 6 KB",
		"  ✓ 홍길동-selfie.png, PNG, 1.2 MB (above 1 MB, which ARGOS recommends; sent all the same)",
		"To send: 2 images, 1.2 MB, to submission " + out.ID + " for admin admin@sample.com, ID type drivers_license (the record's): " +
			"front of the ID (front.jpg, JPEG, 6 KB); selfie (홍길동-selfie.png, PNG, 1.2 MB).",
		"✓ Attached 2 images to submission " + out.ID + ": front.jpg, 홍길동-selfie.png.",
	} {
		if !strings.Contains(r.out.String(), want) {
			t.Errorf("transcript lacks %q", want)
		}
	}
	if strings.Contains(r.out.String(), dir) {
		t.Error("a path was repeated in the transcript")
	}
	r.assertClean(rec.IdentityNumber)
}

// An answer file written before images existed ends at the images
// question: the record is created and the run succeeds, without a word
// about answers that ended.
func TestAccessibleAnswersEndingAtTheImagesQuestion(t *testing.T) {
	r := newRig(t, answersFor(apitest.Sample(), "y"))
	r.withImages(r.sb.URL)
	out, err := r.run()
	if err != nil || out.ID == "" || out.Images.Attached != "" || len(out.Images.Pending) != 0 {
		t.Fatalf("run: %+v, %v\n%s", out, err, r.out)
	}
	if strings.Contains(r.out.String(), "input ended") || strings.Contains(r.out.String(), "Nothing was submitted") {
		t.Fatalf("the transcript speaks of the answers ending:\n%s", r.out)
	}
}

// A text file named .png is refused by its content before anything is
// sent; with piped answers the run stops there, says the record exists and
// must not be created again, and creates nothing more.
func TestAccessibleRefusesATextFileNamedPng(t *testing.T) {
	dir := t.TempDir()
	notes := filepath.Join(dir, "notes.png")
	if err := os.WriteFile(notes, []byte("call back after 3pm\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := newRig(t, answersFor(apitest.Sample(), "y", "y", notes, "", "", "", "y"))
	r.withImages(r.sb.URL)
	out, err := r.run()
	if err != nil || out.ID == "" {
		t.Fatalf("run: %v", err)
	}
	for _, want := range []string{"✗ Not accepted: Front of the ID notes.png is not a jpg or png image: it holds text",
		"The record " + out.ID + " was created; send its images with `argos-migrate image` rather than running these answers again",
		"The images were not sent; the record exists without them."} {
		if !strings.Contains(r.out.String(), want) {
			t.Errorf("transcript lacks %q:\n%s", want, r.out)
		}
	}
	if strings.Contains(r.out.String(), "Fix line") || r.imageCalls() != 0 || len(r.sb.Records()) != 1 {
		t.Fatalf("%d image calls, %d records:\n%s", r.imageCalls(), len(r.sb.Records()), r.out)
	}
}

// A failure explained through the policy, then fixed: the sandbox refuses
// a selfie as too large; other files are asked for, the front of the ID
// keeps its file on Enter, a smaller selfie goes through.
func TestAccessibleImagesTooLargeThenOtherFiles(t *testing.T) {
	dir := t.TempDir()
	front := imageFile(t, dir, "front.jpg", 6_000)
	big := imageFile(t, dir, "big.png", 150_000)
	small := imageFile(t, dir, "small.png", 40_000)
	sb := apitest.Sandbox(t, sandbox.Options{Now: fixedNow, MaxImageBytes: 100_000})
	r := newRig(t, answersFor(apitest.Sample(), "y", "y", front, "", big, "", "y", "y", "", "", small, "", "y"))
	r.sb = sb
	r.deps.Submit = submitTo(t, sb.URL, sandbox.Key)
	r.deps.Interactive = true
	r.withImages(sb.URL)
	out, err := r.run()
	if err != nil {
		t.Fatalf("run: %v\n%s", err, r.out)
	}
	for _, want := range []string{"✗ Error: The images are too large.", "  Detail: HTTP 413",
		"The record " + out.ID + " was created; its images were not attached.", "No image was attached; the submission is as it was.",
		"The largest image is the selfie (big.png): give a smaller file for it.\nGive other files? (y/n)", "Front of the ID, a file path (Enter keeps front.jpg, - removes it): ", "  kept: front.jpg, JPEG, 6 KB",
		"✓ Attached 2 images"} {
		if !strings.Contains(r.out.String(), want) {
			t.Errorf("transcript lacks %q", want)
		}
	}
	if set := sb.Images(out.ID); len(set.Images) != 2 || set.Images[1].Size != 40_000 {
		t.Fatalf("stored %+v\n%s", set, r.out)
	}
}

// A failure a retry fixes: the gateway answers 502 once after the images
// went out; the policy says they may be attached and a retry replaces
// them; y sends the same files again.
func TestAccessibleImagesRetry(t *testing.T) {
	dir := t.TempDir()
	selfie := imageFile(t, dir, "selfie.png", 4_000)
	r := newRig(t, answersFor(apitest.Sample(), "y", "y", "", "", selfie, "", "y", "y"))
	target, _ := url.Parse(r.sb.URL)
	proxy := httputil.NewSingleHostReverseProxy(target)
	var failed atomic.Bool
	gw := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if failed.CompareAndSwap(false, true) {
			proxy.ServeHTTP(&badGateway{w}, req)
			return
		}
		proxy.ServeHTTP(w, req)
	}))
	t.Cleanup(gw.Close)
	r.withImages(gw.URL)
	out, err := r.run()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"✗ Error: The server failed.", "! Warning: The images may have been attached.",
		"Send the same images again? (y/n): y", "✓ Attached 1 image"} {
		if !strings.Contains(r.out.String(), want) {
			t.Errorf("transcript lacks %q:\n%s", want, r.out)
		}
	}
	if set := r.sb.Images(out.ID); len(set.Images) != 1 {
		t.Fatalf("stored %+v", set)
	}
}

type badGateway struct{ http.ResponseWriter }

func (b *badGateway) WriteHeader(int) { b.ResponseWriter.WriteHeader(http.StatusBadGateway) }

// A no at the images' confirmation sends nothing and hands the files back
// to be kept for a later run.
func TestAccessibleImagesDeclinedAreKept(t *testing.T) {
	dir := t.TempDir()
	front := imageFile(t, dir, "front.jpg", 6_000)
	r := newRig(t, answersFor(apitest.Sample(), "y", "y", front, "", "", "", "n"))
	r.withImages(r.sb.URL)
	out, err := r.run()
	if err != nil {
		t.Fatal(err)
	}
	if out.Images.Pending[apiclient.ImageIDFront] != front || r.imageCalls() != 0 ||
		!strings.Contains(r.out.String(), "The files are kept: the next run offers to attach them") {
		t.Fatalf("outcome %+v, %d image calls:\n%s", out.Images, r.imageCalls(), r.out)
	}
}

// Images an earlier run could not attach are offered first on a terminal
// (their files checked again, Enter keeping each), and only mentioned with
// piped answers, whose lines belong to the record.
func TestAccessibleOffersAnEarlierRecordsImages(t *testing.T) {
	dir := t.TempDir()
	front := imageFile(t, dir, "front.jpg", 6_000)
	earlier := createdRecord(t)
	pending := &Pending{ID: earlier.id, Email: "migration@sample.com", Admin: "admin@sample.com", IDType: "passport",
		Paths: map[apiclient.ImageKind]string{apiclient.ImageIDFront: front}, LastTry: "The images are too large (HTTP 413)"}

	r := newRig(t, "y\n\n\n\n\ny\n"+answersFor(apitest.Sample(), "y"))
	r.sb, r.deps.Submit = earlier.sb, submitTo(t, earlier.sb.URL, sandbox.Key)
	r.deps.Interactive, r.deps.PendingImages = true, pending
	r.withImages(earlier.sb.URL)
	out, err := r.run()
	if err != nil || out.ID == "" || out.Earlier == nil || out.Earlier.Attached != "front.jpg" {
		t.Fatalf("run: %+v, %v\n%s", out, err, r.out)
	}
	if !strings.Contains(r.out.String(), "The record "+earlier.id+" (migration@sample.com) was created, but its images were not attached: front of the ID front.jpg. Last try: The images are too large (HTTP 413).") {
		t.Errorf("the offer:\n%s", r.out)
	}
	if set := earlier.sb.Images(earlier.id); len(set.Images) != 1 || set.IDType != "passport" {
		t.Fatalf("stored %+v", set)
	}

	piped := newRig(t, answersFor(apitest.Sample(), "y"))
	piped.deps.PendingImages = pending
	piped.withImages(piped.sb.URL)
	out, err = piped.run()
	if err != nil || out.Earlier != nil || !strings.Contains(piped.out.String(), "`argos-migrate image` sends them") {
		t.Fatalf("piped: %+v, %v\n%s", out, err, piped.out)
	}
	if got := piped.records(); len(got) != 1 || got[0] != apitest.Sample() {
		t.Fatalf("the offer took a line of the record: %+v", got)
	}
}

// earlierRecord is a record created on a sandbox before the session.
type earlierRecord struct {
	sb *sandbox.Running
	id string
}

func createdRecord(tb testing.TB) earlierRecord {
	tb.Helper()
	sb := apitest.Sandbox(tb, sandbox.Options{Now: fixedNow})
	id, err := submitTo(tb, sb.URL, sandbox.Key)(context.Background(), apitest.Sample())
	if err != nil {
		tb.Fatal(err)
	}
	return earlierRecord{sb: sb, id: id}
}
