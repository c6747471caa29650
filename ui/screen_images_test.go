package ui

import (
	"context"
	"errors"
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

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
	"argos-migrate/forms/draft"
)

// imageRig is the wizard on the result screen of a record created on a
// sandbox over loopback, with the real client's image call.
type imageRig struct {
	m     *model
	sb    *sandbox.Running
	dir   string // where the test's image files are
	store *memDrafts
	id    string
}

func newImageRig(t *testing.T, o sandbox.Options, attach func(c *apiclient.Client) AttachFunc) *imageRig {
	t.Helper()
	o.Now = fixedNow
	sb := apitest.Sandbox(t, o)
	c, err := apiclient.New(apiclient.Options{BaseURL: sb.URL, APIKey: sandbox.Key, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if attach == nil {
		attach = func(c *apiclient.Client) AttachFunc { return c.AttachImages }
	}
	store := &memDrafts{}
	d := Deps{Submit: c.Submit, Attach: attach(c), Initial: apitest.Sample(), Now: fixedNow,
		Target: Target{URL: sb.URL, MaskedKey: "sand••••", KeySource: "sandbox"},
		Drafts: DraftOptions{StartAtReview: true, Store: store, Profile: "default"}}
	m := newModel(context.Background(), d)
	send(t, m, m.Init()(), tea.WindowSizeMsg{Width: 100, Height: 30})
	send(t, m, keyMsg("s"))
	if m.screen != screenResult {
		t.Fatalf("screen %v, want the result:\n%s", m.screen, plainScreen(m))
	}
	return &imageRig{m: m, sb: sb, dir: t.TempDir(), store: store, id: m.lastID}
}

// open presses i on the result; the picker will open where the test's
// files are.
func (r *imageRig) open(t *testing.T, keys ...string) {
	t.Helper()
	send(t, r.m, keyMsg("i"))
	r.m.im.dir = r.dir
	for _, k := range keys {
		send(t, r.m, keyMsg(k))
	}
}

// file writes an image file into the rig's folder.
func (r *imageRig) file(t *testing.T, name string, size int) string {
	t.Helper()
	return imageFixture(t, r.dir, name, size)
}

// pick opens the picker on the slot under the cursor, narrows the list to
// name and chooses it, as an agent does.
func (r *imageRig) pick(t *testing.T, name string) {
	t.Helper()
	send(t, r.m, keyMsg("enter"))
	if r.m.screen != screenImagePicker {
		t.Fatalf("screen %v, want the picker", r.m.screen)
	}
	for _, c := range name {
		send(t, r.m, keyMsg(string(c)))
	}
	send(t, r.m, keyMsg("enter"))
}

// imageRequests counts the image calls the sandbox received.
func (r *imageRig) imageRequests() int { return r.sb.Traffic().Requests - 1 } // less the record

func (r *imageRig) screen() string { return plainScreen(r.m) }

// The whole flow on the result of a record just created: i, a file for two
// slots through the picker, the review, the send; the sandbox holds both
// images with the record's ID type, and the result says so.
func TestWizardAttachesImagesToTheRecordJustCreated(t *testing.T) {
	r := newImageRig(t, sandbox.Options{}, nil)
	r.file(t, "front.jpg", 40_000)
	r.file(t, "selfie.png", 30_000)
	r.file(t, "other.png", 10)
	if !strings.Contains(r.screen(), "i attach images") {
		t.Fatalf("the result does not offer images:\n%s", r.screen())
	}
	r.open(t)
	r.pick(t, "front")
	send(t, r.m, keyMsg("down")) // the cursor is on the back of the ID: the selfie is next
	r.pick(t, "selfie")
	scr := r.screen()
	for _, want := range []string{"front.jpg, JPEG, 40 KB", "selfie.png, PNG, 30 KB", "Driver's license (drivers_license) · the record's", "2 images, 70 KB"} {
		if !strings.Contains(scr, want) {
			t.Fatalf("the slots lack %q:\n%s", want, scr)
		}
	}
	send(t, r.m, keyMsg("s"))
	scr = r.screen()
	for _, want := range []string{"Nothing has been sent yet", r.id, "admin@sample.com", "front.jpg  JPEG  40 KB", "Press s to send"} {
		if !strings.Contains(scr, want) {
			t.Fatalf("the review lacks %q:\n%s", want, scr)
		}
	}
	if r.imageRequests() != 0 {
		t.Fatal("something was sent before the review's s")
	}
	send(t, r.m, keyMsg("s"))
	set := r.sb.Images(r.id)
	if len(set.Images) != 2 || set.IDType != "drivers_license" || set.Images[0].Size != 40_000 || set.Images[1].Field != "selfieImage" {
		t.Fatalf("stored %+v", set)
	}
	if r.m.screen != screenResult || !strings.Contains(r.screen(), "✓ Images attached: front.jpg, selfie.png") {
		t.Fatalf("after the send:\n%s", r.screen())
	}
	if _, last, _, _ := r.store.snapshot(); last == nil || last.ImagesPending() || last.ID != r.id {
		t.Fatalf("last success %+v: nothing should wait", last)
	}
	if out := r.m.outcome(); out.Images.Attached != 1 || out.Images.PendingID != "" {
		t.Fatalf("outcome %+v", out.Images)
	}
}

// A text file named .png is offered by the picker (its name fits) but
// refused by its content when chosen: the slot stays empty, the picker
// says why, and nothing reaches the server.
func TestPickerRefusesByContent(t *testing.T) {
	r := newImageRig(t, sandbox.Options{}, nil)
	if err := os.WriteFile(filepath.Join(r.dir, "notes.png"), []byte("id,name\n1,kim\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r.open(t)
	r.pick(t, "notes")
	scr := r.screen()
	if r.m.screen != screenImagePicker || !strings.Contains(scr, "✗ Not taken: notes.png is not a jpg or png image: it holds text") {
		t.Fatalf("the picker did not refuse it:\n%s", scr)
	}
	send(t, r.m, keyMsg("esc"))
	if r.m.im.files[0] != nil || r.m.canReviewImages() || strings.Contains(r.screen(), "s review") {
		t.Fatalf("a refused file took a slot:\n%s", r.screen())
	}
	send(t, r.m, keyMsg("s")) // no review without a file
	if r.m.screen != screenImages || r.imageRequests() != 0 {
		t.Fatalf("screen %v, %d image requests", r.m.screen, r.imageRequests())
	}
}

// The picker lists only folders and files named as images, with their
// sizes; it narrows as the agent types, goes into a folder and back up,
// and never draws a file name's escape codes.
func TestPickerListsFoldersAndImages(t *testing.T) {
	r := newImageRig(t, sandbox.Options{}, nil)
	r.file(t, "b.JPG", 2_400)
	r.file(t, "big.png", 1_500_000)
	r.file(t, "evil\x1b]0;pwned\x07.png", 100)
	if err := os.WriteFile(filepath.Join(r.dir, "export.csv"), []byte("a\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(r.dir, "scans")
	if err := os.Mkdir(sub, 0o700); err != nil {
		t.Fatal(err)
	}
	imageFixture(t, sub, "deep.jpg", 700)
	r.open(t, "enter")
	scr := r.screen()
	for _, want := range []string{"scans/", "b.JPG", "2 KB", "big.png", "! 1.5 MB", "1 other entry not shown"} {
		if !strings.Contains(scr, want) {
			t.Fatalf("the picker lacks %q:\n%s", want, scr)
		}
	}
	if raw := r.m.render(); strings.Contains(raw, "\x1b]0;") || strings.Contains(scr, "export.csv") {
		t.Fatalf("a file name acted on the terminal, or a csv was offered:\n%s", scr)
	}
	for _, c := range "sca" {
		send(t, r.m, keyMsg(string(c)))
	}
	if scr = r.screen(); strings.Contains(scr, "b.JPG") || !strings.Contains(scr, "Filter: sca (1 shown)") {
		t.Fatalf("the filter did not narrow:\n%s", scr)
	}
	send(t, r.m, keyMsg("enter"))
	if scr = r.screen(); !strings.Contains(scr, "deep.jpg") || !strings.Contains(scr, sub) {
		t.Fatalf("not in the folder:\n%s", scr)
	}
	send(t, r.m, keyMsg("left"))
	if scr = r.screen(); !strings.Contains(scr, "b.JPG") {
		t.Fatalf("not back up:\n%s", scr)
	}
}

// A failure the agent can fix: the server refuses the images as too large
// (the sandbox's cap), f opens the picker on the largest, a smaller file
// replaces it, and the send goes through. The record's images are kept as
// failed in between.
func TestImagesTooLargeThenAnotherFile(t *testing.T) {
	r := newImageRig(t, sandbox.Options{MaxImageBytes: 100_000}, nil)
	r.file(t, "front.jpg", 20_000)
	r.file(t, "selfie-big.png", 150_000)
	r.file(t, "selfie-small.png", 50_000)
	r.open(t)
	r.pick(t, "front")
	send(t, r.m, keyMsg("down"))
	r.pick(t, "selfie-big")
	send(t, r.m, keyMsg("s"), keyMsg("s"))
	scr := r.screen()
	if r.m.screen != screenImagesError || !strings.Contains(scr, "The images are too large") ||
		!strings.Contains(scr, "The record was created ("+r.id+"); its images were not attached") ||
		!strings.Contains(scr, "f pick another selfie") || strings.Contains(scr, "r try again") {
		t.Fatalf("the error screen:\n%s", scr)
	}
	if _, last, _, _ := r.store.snapshot(); last == nil || len(last.ImagePaths()) != 2 || last.ImagesOutcome.Status != 413 {
		t.Fatalf("last success after the failure: %+v", last)
	}
	send(t, r.m, keyMsg("f"))
	if r.m.screen != screenImagePicker || r.m.im.pick.slot != 2 {
		t.Fatalf("f opened %v on slot %d", r.m.screen, r.m.im.pick.slot)
	}
	for _, c := range "small" {
		send(t, r.m, keyMsg(string(c)))
	}
	send(t, r.m, keyMsg("enter"))
	send(t, r.m, keyMsg("s"))
	send(t, r.m, keyMsg("s"))
	if set := r.sb.Images(r.id); len(set.Images) != 2 || set.Images[1].Size != 50_000 {
		t.Fatalf("stored %+v\n%s", set, r.screen())
	}
	if _, last, _, _ := r.store.snapshot(); last.ImagesPending() || last.ImagesOutcome.Kind != draft.OutcomeNone {
		t.Fatalf("last success after the fix: %+v", last)
	}
}

// A failure a retry fixes: the gateway fails once after the images went
// out (502, so they may be attached); the policy says a retry replaces
// them, r sends the same files again, and the sandbox holds one of each.
func TestImagesServerFailureThenRetry(t *testing.T) {
	var failed atomic.Bool
	r := newImageRig(t, sandbox.Options{}, func(c *apiclient.Client) AttachFunc {
		return nil // set below, once the sandbox's URL is known
	})
	target, _ := url.Parse(r.sb.URL)
	proxy := httputil.NewSingleHostReverseProxy(target)
	gw := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.URL.Path == apiclient.ImagePath && failed.CompareAndSwap(false, true) {
			proxy.ServeHTTP(&statusOverride{ResponseWriter: w, status: http.StatusBadGateway}, req)
			return
		}
		proxy.ServeHTTP(w, req)
	}))
	t.Cleanup(gw.Close)
	c, err := apiclient.New(apiclient.Options{BaseURL: gw.URL, APIKey: sandbox.Key, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	r.m.deps.Attach = c.AttachImages
	r.file(t, "selfie.png", 5_000)
	r.open(t, "down", "down")
	r.pick(t, "selfie")
	send(t, r.m, keyMsg("s"), keyMsg("s"))
	scr := r.screen()
	if r.m.screen != screenImagesError || !strings.Contains(scr, "The images may have been attached") || !strings.Contains(scr, "r try again") {
		t.Fatalf("the error screen:\n%s", scr)
	}
	send(t, r.m, keyMsg("r"))
	if r.m.screen != screenResult || !strings.Contains(r.screen(), "✓ Images attached: selfie.png") {
		t.Fatalf("after r:\n%s", r.screen())
	}
	if set := r.sb.Images(r.id); len(set.Images) != 1 || r.sb.Count() != 1 {
		t.Fatalf("stored %+v, %d submissions", set, r.sb.Count())
	}
}

// statusOverride answers the proxied request with another status: the
// server did the work, the gateway said it failed.
type statusOverride struct {
	http.ResponseWriter
	status int
}

func (s *statusOverride) WriteHeader(int) { s.ResponseWriter.WriteHeader(s.status) }

// A file that changes after it was picked is refused in its slot when the
// send reads it again: nothing is attached, the slot says why.
func TestImageChangedAfterPicking(t *testing.T) {
	r := newImageRig(t, sandbox.Options{}, nil)
	p := r.file(t, "selfie.png", 5_000)
	r.open(t, "down", "down")
	r.pick(t, "selfie")
	if err := os.WriteFile(p, []byte("now text"), 0o600); err != nil {
		t.Fatal(err)
	}
	send(t, r.m, keyMsg("s"), keyMsg("s"))
	if r.m.screen != screenImages || !strings.Contains(r.screen(), "✗ selfie.png changed after it was checked") {
		t.Fatalf("after the send:\n%s", r.screen())
	}
	if set := r.sb.Images(r.id); len(set.Images) != 0 {
		t.Fatalf("stored %+v", set)
	}
}

// Files chosen and not sent when the agent quits are kept with the last
// success; the next wizard offers them first, checks them again, and sends
// them; once attached, they are no longer kept.
func TestChosenImagesSurviveAQuitAndAreOffered(t *testing.T) {
	r := newImageRig(t, sandbox.Options{}, nil)
	front := r.file(t, "front.jpg", 20_000)
	gone := r.file(t, "gone.png", 1_000)
	r.open(t)
	r.pick(t, "front")
	send(t, r.m, keyMsg("down"), keyMsg("down")) // the proof of address
	r.pick(t, "gone")
	send(t, r.m, keyMsg("q"))
	if err := r.m.finalSave(context.Background()); err != nil {
		t.Fatal(err)
	}
	_, last, _, _ := r.store.snapshot()
	if last == nil || last.ID != r.id || last.ImagePaths()[apiclient.ImageIDFront] != front || last.Admin != "admin@sample.com" ||
		last.IDType != "drivers_license" || last.APIURL != r.sb.URL {
		t.Fatalf("kept %+v", last)
	}
	if out := r.m.outcome(); out.Images.PendingID != r.id || !out.Images.Kept {
		t.Fatalf("outcome %+v", out.Images)
	}
	if err := os.Remove(gone); err != nil {
		t.Fatal(err)
	}

	// The next run, on the same sandbox.
	c, _ := apiclient.New(apiclient.Options{BaseURL: r.sb.URL, APIKey: sandbox.Key, Timeout: 5 * time.Second})
	store := &memDrafts{}
	next := newModel(context.Background(), Deps{Submit: c.Submit, Attach: c.AttachImages, Now: fixedNow,
		Target: Target{URL: r.sb.URL, MaskedKey: "sand••••", KeySource: "sandbox"},
		Drafts: DraftOptions{Store: store, Profile: "default", Pending: last}})
	send(t, next, next.Init()(), tea.WindowSizeMsg{Width: 100, Height: 30})
	scr := plainScreen(next)
	for _, want := range []string{"The record " + r.id + " was created, but its images were not attached.",
		"Front of the ID: front.jpg", "Proof of address: gone.png", "a attach them now"} {
		if !strings.Contains(scr, want) {
			t.Fatalf("the offer lacks %q:\n%s", want, scr)
		}
	}
	send(t, next, keyMsg("a"))
	scr = plainScreen(next)
	if next.screen != screenImages || !strings.Contains(scr, "front.jpg, JPEG, 20 KB") || !strings.Contains(scr, "✗ gone.png does not exist") {
		t.Fatalf("the files checked again:\n%s", scr)
	}
	send(t, next, keyMsg("s"), keyMsg("s"))
	if set := r.sb.Images(r.id); len(set.Images) != 1 || set.Images[0].Field != "idImage" || set.IDType != "drivers_license" {
		t.Fatalf("stored %+v", set)
	}
	if next.screen != screenImagesOffer || !strings.Contains(plainScreen(next), "✓ Attached front.jpg to "+r.id) {
		t.Fatalf("after the send:\n%s", plainScreen(next))
	}
	// The missing file is still chosen: it stays kept until removed.
	if _, kept, _, _ := store.snapshot(); kept == nil || len(kept.ImagePaths()) != 1 || kept.ImagePaths()[apiclient.ImageAddressProof] != gone {
		t.Fatalf("kept after the send: %+v", kept)
	}
}

// The offer's other answers: l goes on to the form and keeps the files; d
// forgets them (the record is untouched) and goes on.
func TestImagesOfferLaterAndDismiss(t *testing.T) {
	pending := goldenPending()
	for _, tc := range []struct {
		key      string
		keptWant int
	}{{"l", 2}, {"d", 0}} {
		store := &memDrafts{}
		m := newModel(context.Background(), Deps{Submit: failSubmit, Attach: failAttach, Now: fixedNow, Target: goldenTarget(),
			Drafts: DraftOptions{Store: store, Profile: "default", Pending: pending}})
		send(t, m, m.Init()(), tea.WindowSizeMsg{Width: 80, Height: 24}, keyMsg(tc.key))
		if m.screen != screenForm {
			t.Fatalf("%s: screen %v, want the form", tc.key, m.screen)
		}
		if err := m.finalSave(context.Background()); err != nil {
			t.Fatal(err)
		}
		_, last, _, _ := store.snapshot()
		switch {
		case tc.keptWant == 2 && last != nil:
			t.Errorf("l wrote the last success: %+v", last)
		case tc.keptWant == 0 && (last == nil || last.ImagesPending() || last.ID != pending.ID):
			t.Errorf("d kept %+v", last)
		}
		if len(pending.ImagePaths()) != 2 {
			t.Fatal("the offer changed the caller's last success")
		}
	}
}

// Without an image call (none was wired), nothing offers images.
func TestNoImagesWithoutAttach(t *testing.T) {
	m := newModel(context.Background(), Deps{Submit: failSubmit, Now: fixedNow, Target: goldenTarget(),
		Drafts: DraftOptions{Store: &memDrafts{}, Pending: goldenPending()}})
	send(t, m, m.Init()(), tea.WindowSizeMsg{Width: 80, Height: 24})
	if m.screen != screenForm {
		t.Fatalf("screen %v", m.screen)
	}
}

// An answer to an earlier send (the agent cancelled and sent again) is
// dropped; the newer one decides.
func TestLateImageAnswerIsDropped(t *testing.T) {
	m := withImages(t, 100, 30, failAttach)
	send(t, m, keyMsg("s"))
	m.startAttach()
	m.im.seq++ // a newer send
	send(t, m, attachDoneMsg{seq: m.im.seq - 1, err: errors.New("late")})
	if m.screen != screenImagesSending {
		t.Fatalf("a late answer moved the screen to %v", m.screen)
	}
}

// Every image screen draws no escape sequence of a server's or a file's,
// and no line wider than the window (see TestEveryScreenShowsQuit for the
// pinned ones).
func TestImageScreensAreText(t *testing.T) {
	evil := &apiclient.ImageError{SubmissionID: goldenID, Err: &apiclient.APIError{Status: 400, Code: "invalid_data",
		Message: apiclient.Sanitize("Invalid image: \x1b[2J selfieImage")}}
	m := imagesErrorOf(evil)(t, 80, 24)
	if strings.Contains(ansi.Strip(m.render()), "\x1b") {
		t.Fatal("an escape sequence reached the screen")
	}
}

// A path typed into the picker's filter and taken with Enter is taken as a
// pasted one is, with the same checks: absolute, from the home folder (~/)
// or relative to the folder shown; a folder opens, a file takes the slot,
// a missing or wrong one is refused with its reason. A filter nothing
// matches says that Enter takes it as a path.
func TestPickerTakesATypedPath(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	imageFixture(t, home, "home-front.jpg", 900)
	for _, tc := range []struct {
		name    string
		typed   func(r *imageRig) string
		taken   string // the file that takes the slot, "" when none
		inDir   string // the folder listed, when the path is one
		refused string
	}{
		{"absolute file", func(r *imageRig) string { return filepath.Join(r.dir, "x", "front.jpg") }, "front.jpg", "", ""},
		{"from home", func(*imageRig) string { return "~/home-front.jpg" }, "home-front.jpg", "", ""},
		{"relative", func(*imageRig) string { return "x/front.jpg" }, "front.jpg", "", ""},
		{"absolute folder", func(r *imageRig) string { return filepath.Join(r.dir, "x") }, "", "x", ""},
		{"home folder", func(*imageRig) string { return "~" }, "", filepath.Base(home), ""},
		{"missing", func(r *imageRig) string { return filepath.Join(r.dir, "x", "back.jpg") }, "", "", "Not taken: back.jpg"},
		{"not an image", func(r *imageRig) string { return "x/notes.png" }, "", "", "Not taken: notes.png is not a jpg or png image"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newImageRig(t, sandbox.Options{}, nil)
			if err := os.Mkdir(filepath.Join(r.dir, "x"), 0o700); err != nil {
				t.Fatal(err)
			}
			imageFixture(t, filepath.Join(r.dir, "x"), "front.jpg", 1_200)
			if err := os.WriteFile(filepath.Join(r.dir, "x", "notes.png"), []byte("call back\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			r.open(t, "enter")
			typed := tc.typed(r)
			for _, c := range typed {
				send(t, r.m, keyMsg(string(c)))
			}
			if scr := r.screen(); !strings.Contains(scr, "enter opens what you typed as a path") {
				t.Fatalf("a filter nothing matches does not say Enter takes a path:\n%s", scr)
			}
			send(t, r.m, keyMsg("enter"))
			scr := r.screen()
			switch {
			case tc.taken != "":
				if r.m.screen != screenImages || r.m.im.files[0] == nil || filepath.Base(r.m.im.paths[0]) != tc.taken {
					t.Fatalf("typed %q: screen %v, slot %q\n%s", typed, r.m.screen, r.m.im.paths[0], scr)
				}
			case tc.inDir != "":
				if r.m.screen != screenImagePicker || filepath.Base(r.m.im.pick.dir.Path) != tc.inDir || r.m.im.pick.filter != "" {
					t.Fatalf("typed %q: not in the folder %s (%q)\n%s", typed, tc.inDir, r.m.im.pick.dir.Path, scr)
				}
			default:
				if r.m.screen != screenImagePicker || r.m.im.files[0] != nil || !strings.Contains(scr, tc.refused) {
					t.Fatalf("typed %q: want %q\n%s", typed, tc.refused, scr)
				}
			}
			// Pasted, the same path meets the same end.
			p := newImageRig(t, sandbox.Options{}, nil)
			p.dir = r.dir
			p.open(t, "enter")
			send(t, p.m, tea.PasteMsg{Content: typed})
			if p.m.screen != r.m.screen || p.m.im.paths[0] != r.m.im.paths[0] || p.m.im.pick.dir.Path != r.m.im.pick.dir.Path || p.m.im.pick.refused != r.m.im.pick.refused {
				t.Errorf("typed and pasted %q differ: screen %v/%v, slot %q/%q, folder %q/%q, refused %q/%q", typed,
					r.m.screen, p.m.screen, r.m.im.paths[0], p.m.im.paths[0], r.m.im.pick.dir.Path, p.m.im.pick.dir.Path, r.m.im.pick.refused, p.m.im.pick.refused)
			}
		})
	}
}

// A long file name (Hangul, two cells a syllable) gives way on the slot and
// on the image review at every width down to 60: it is cut in its middle by
// display width, its extension kept, and its type and size stay whole.
func TestLongFileNameKeepsTypeAndSize(t *testing.T) {
	name := "운전면허증_앞면_스캔본_홍길동_2026년_11월_최종_수정본_다시_스캔.jpg"
	for _, w := range []int{100, 80, 60} {
		r := newImageRig(t, sandbox.Options{}, nil)
		path := r.file(t, name, 40_000)
		send(t, r.m, tea.WindowSizeMsg{Width: w, Height: 24})
		r.open(t, "enter")
		send(t, r.m, tea.PasteMsg{Content: path})
		if r.m.screen != screenImages || r.m.im.files[0] == nil {
			t.Fatalf("%d columns: not taken:\n%s", w, r.screen())
		}
		for _, step := range []struct{ key, want string }{{"", ", JPEG, 40 KB"}, {"s", "  JPEG  40 KB"}} {
			if step.key != "" {
				send(t, r.m, keyMsg(step.key))
			}
			scr := r.screen()
			if !strings.Contains(scr, step.want) || !strings.Contains(scr, ".jpg"+step.want) || !strings.Contains(scr, "운전면허증") {
				t.Errorf("%d columns: the line lacks %q after the name's start and extension:\n%s", w, step.want, scr)
			}
			for i, l := range strings.Split(scr, "\n") {
				if ansi.StringWidth(l) > w {
					t.Errorf("%d columns: line %d is %d cells wide: %q", w, i, ansi.StringWidth(l), l)
				}
			}
		}
	}
}

// Why a file was refused belongs to the list it was chosen from: it goes
// when the agent moves to another folder (a folder chosen, the parent, a
// folder's path typed or pasted), changes the filter, or opens the picker
// for another slot, and never stands over a list it was not about.
func TestPickerRefusalGoesWithItsList(t *testing.T) {
	const refused = "Not taken: notes.png"
	for _, tc := range []struct {
		name string
		move func(t *testing.T, r *imageRig)
	}{
		{"parent folder", func(t *testing.T, r *imageRig) { send(t, r.m, keyMsg("left")) }},
		{"another folder typed", func(t *testing.T, r *imageRig) {
			// Backspace empties the filter first: the refusal is gone with
			// the first key, and stays gone once the folder opens.
			for range "x/notes.png" {
				send(t, r.m, keyMsg("backspace"))
			}
			for _, c := range "pics" {
				send(t, r.m, keyMsg(string(c)))
			}
			send(t, r.m, keyMsg("enter"))
			if !strings.HasSuffix(r.m.im.pick.dir.Path, "pics") {
				t.Fatalf("not in pics: %q", r.m.im.pick.dir.Path)
			}
		}},
		{"a folder pasted", func(t *testing.T, r *imageRig) {
			send(t, r.m, tea.PasteMsg{Content: filepath.Join(r.dir, "pics")})
		}},
		{"filter changed", func(t *testing.T, r *imageRig) { send(t, r.m, keyMsg("backspace")) }},
		{"another slot", func(t *testing.T, r *imageRig) {
			send(t, r.m, keyMsg("esc"), keyMsg("down"), keyMsg("enter"))
			if r.m.screen != screenImagePicker || r.m.im.pick.slot != 1 {
				t.Fatalf("screen %v, slot %d", r.m.screen, r.m.im.pick.slot)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newImageRig(t, sandbox.Options{}, nil)
			for _, d := range []string{"x", "pics"} {
				if err := os.Mkdir(filepath.Join(r.dir, d), 0o700); err != nil {
					t.Fatal(err)
				}
			}
			imageFixture(t, filepath.Join(r.dir, "pics"), "front.jpg", 1_200)
			if err := os.WriteFile(filepath.Join(r.dir, "x", "notes.png"), []byte("call back\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			r.open(t, "enter")
			for _, c := range "x/notes.png" {
				send(t, r.m, keyMsg(string(c)))
			}
			send(t, r.m, keyMsg("enter"))
			if scr := r.screen(); !strings.Contains(scr, refused) {
				t.Fatalf("not refused:\n%s", scr)
			}
			tc.move(t, r)
			if scr := r.screen(); r.m.screen != screenImagePicker || strings.Contains(scr, refused) {
				t.Fatalf("screen %v: the refusal stayed after the move:\n%s", r.m.screen, scr)
			}
		})
	}
}
