package cmd

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
	"argos-migrate/apiclient/settings"
)

func encodedImage(tb testing.TB, kind string) []byte {
	tb.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 24, 16))
	for x := range 24 {
		img.Set(x, x%16, color.RGBA{200, uint8(x * 10), 40, 255})
	}
	var b bytes.Buffer
	var err error
	if kind == "png" {
		err = png.Encode(&b, img)
	} else {
		err = jpeg.Encode(&b, img, nil)
	}
	if err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

func imageFile(tb testing.TB, name string, data []byte) string {
	tb.Helper()
	p := filepath.Join(tb.TempDir(), name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		tb.Fatal(err)
	}
	return p
}

// imageEnv is a sandbox on loopback with one submission, and a Factory
// pointed at it with its key.
type imageEnv struct {
	sb          *sandbox.Running
	id          string
	f           *Factory
	out, errOut *bytes.Buffer
}

func newImageEnv(t *testing.T, o sandbox.Options) *imageEnv {
	t.Helper()
	sb := apitest.Sandbox(t, o)
	c, err := apiclient.New(apiclient.Options{BaseURL: sb.URL, APIKey: sandbox.Key})
	if err != nil {
		t.Fatal(err)
	}
	id, err := c.Submit(context.Background(), apitest.Sample())
	if err != nil {
		t.Fatal(err)
	}
	f, out, errOut := testFactory(t, map[string]string{EnvAPIKey: sandbox.Key})
	return &imageEnv{sb: sb, id: id, f: f, out: out, errOut: errOut}
}

func (e *imageEnv) opts(mod func(*ImageOptions)) *ImageOptions {
	o := &ImageOptions{Factory: e.f, Globals: &GlobalOptions{APIURL: e.sb.URL, Timeout: 5 * time.Second},
		SubmissionID: e.id, Admin: "admin@sample.com"}
	mod(o)
	return o
}

// imageRequests is how many image calls the sandbox received.
func (e *imageEnv) requests() int { return e.sb.Traffic().Requests - 1 } // less the record's creation

// Each flag sends its image, told by its bytes: a png named .jpg is sent and
// stored as a png.
func TestImageRunEachKind(t *testing.T) {
	pngData, jpgData := encodedImage(t, "png"), encodedImage(t, "jpeg")
	cases := []struct {
		name   string
		set    func(o *ImageOptions, path string)
		field  string
		idType string
	}{
		{"--id-front", func(o *ImageOptions, p string) { o.Front = p }, "idImage", "passport"},
		{"--id-back", func(o *ImageOptions, p string) { o.Back = p }, "idBackImage", "visa"},
		{"--selfie", func(o *ImageOptions, p string) { o.Selfie = p }, "selfieImage", ""},
		{"--address-proof", func(o *ImageOptions, p string) { o.AddressProof = p }, "addressImage", ""},
	}
	for _, tc := range cases {
		for name, data := range map[string][]byte{"photo.jpg": pngData, "scan.png": jpgData} {
			t.Run(tc.name+" "+name, func(t *testing.T) {
				e := newImageEnv(t, sandbox.Options{})
				path := imageFile(t, name, data)
				err := imageRun(context.Background(), e.opts(func(o *ImageOptions) { tc.set(o, path); o.IDType = tc.idType }))
				if err != nil {
					t.Fatal(err)
				}
				set := e.sb.Images(e.id)
				if len(set.Images) != 1 || set.Images[0].Field != tc.field || set.Images[0].Type != apiclient.ImageType(data) ||
					set.Images[0].Size != int64(len(data)) || set.IDType != tc.idType {
					t.Fatalf("stored %+v", set)
				}
				if e.out.Len() != 0 || !strings.Contains(e.errOut.String(), "✓ Attached ") || !strings.Contains(e.errOut.String(), name) {
					t.Errorf("stdout %q, stderr %q", e.out, e.errOut)
				}
			})
		}
	}
}

// Files that cannot be sent are refused before anything reaches the
// server, each named by its flag: a text file named .png, a file above the
// limit, a missing one; and the idType an ID image needs.
func TestImageRunRefusesBeforeSending(t *testing.T) {
	e := newImageEnv(t, sandbox.Options{})
	notes := imageFile(t, "notes.png", []byte("id,name\n1,kim\n"))
	huge := make([]byte, apiclient.MaxImageBytes+1)
	copy(huge, "\xff\xd8\xff\xe0")
	over := imageFile(t, "huge.jpg", huge)
	cases := []struct {
		name string
		set  func(o *ImageOptions)
		want []string
	}{
		{"text named png", func(o *ImageOptions) { o.Selfie = notes }, []string{"--selfie " + notes + ": is not a jpg or png image: it holds text"}},
		{"over the limit", func(o *ImageOptions) { o.AddressProof = over }, []string{"--address-proof " + over + ": is 3,000,001 bytes; the limit is 3 MB (3,000,000 bytes)"}},
		{"missing file", func(o *ImageOptions) { o.Selfie = "nope.png" }, []string{"--selfie nope.png: does not exist"}},
		{"no idType", func(o *ImageOptions) { o.Front = imageFile(t, "f.jpg", encodedImage(t, "jpeg")) }, []string{"--id-type: is required with the front or back of the ID"}},
		{"unknown idType", func(o *ImageOptions) {
			o.Front = imageFile(t, "f.jpg", encodedImage(t, "jpeg"))
			o.IDType = "Driver's license"
		}, []string{`--id-type: must be one of: drivers_license`, `(did you mean "drivers_license"?)`}},
		{"no image", func(*ImageOptions) {}, []string{"--id-front, --id-back, --selfie or --address-proof: at least one image is required"}},
		{"bad admin", func(o *ImageOptions) {
			o.Admin = "admin at sample"
			o.Selfie = imageFile(t, "s.png", encodedImage(t, "png"))
		}, []string{"--admin: is not an email address"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := imageRun(context.Background(), e.opts(tc.set))
			if !errors.Is(err, apiclient.ErrInvalidImages) {
				t.Fatalf("error %v, want ErrInvalidImages", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%q lacks %q", err, w)
				}
			}
		})
	}
	if n := e.requests(); n != 0 {
		t.Fatalf("the sandbox received %d image requests", n)
	}
}

// Every refusal and failure of the call, read through the failure policy:
// what the JSON says about the images, and whether a retry is safe.
func TestImageRunJSONForEveryAnswer(t *testing.T) {
	e := newImageEnv(t, sandbox.Options{})
	selfie := imageFile(t, "s.png", encodedImage(t, "png"))
	vendor := func(status int, body string) string {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.Copy(io.Discard, r.Body)
			w.WriteHeader(status)
			_, _ = io.WriteString(w, body)
		}))
		t.Cleanup(srv.Close)
		return srv.URL
	}
	cases := []struct {
		name, url, id, admin string
		want                 map[string]any
	}{
		{"attached", e.sb.URL, e.id, "admin@sample.com", map[string]any{"ok": true, "submissionId": e.id}},
		{"invalid_submission", e.sb.URL, "sbx-nope", "admin@sample.com",
			map[string]any{"ok": false, "code": "invalid_submission", "field": "submissionId", "status": 400.0, "maybeAttached": false, "retryable": false}},
		{"invalid_admin", e.sb.URL, e.id, sandbox.AdminInvalid,
			map[string]any{"code": "invalid_admin", "field": "admin", "maybeAttached": false}},
		{"processing_error", e.sb.URL, e.id, sandbox.AdminError,
			map[string]any{"code": "processing_error", "maybeAttached": true, "retryable": true, "title": "The server failed to store the images"}},
		{"500", e.sb.URL, e.id, sandbox.AdminFail, map[string]any{"code": "server_failed", "status": 500.0, "maybeAttached": true, "retryable": true}},
		{"invalid_idType", vendor(400, `{"errorCode":"invalid_idType","message":"Invalid IdType."}`), "sbx1", "admin@sample.com",
			map[string]any{"code": "invalid_idType", "field": "idType", "title": "The ID type was refused", "image": nil}},
		{"invalid_data", vendor(400, `{"errorCode":"invalid_data","message":"At least one image parameter is required."}`), "sbx1", "admin@sample.com",
			map[string]any{"code": "invalid_data", "title": "The server found no image", "image": "selfieImage"}},
		{"missing_data", vendor(400, `{"errorCode":"missing_data","message":"Required input data is missing."}`), "sbx1", "admin@sample.com",
			map[string]any{"code": "missing_data", "title": "A required field is missing"}},
		{"413", vendor(413, `{"message":"Request Entity Too Large"}`), "sbx1", "admin@sample.com",
			map[string]any{"code": "too_large", "status": 413.0, "maybeAttached": false, "title": "The images are too large", "image": "selfieImage"}},
		{"unreachable", "http://127.0.0.1:1", "sbx1", "admin@sample.com",
			map[string]any{"code": "unreachable", "maybeAttached": false, "retryable": true, "image": nil}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f, out, _ := testFactory(t, map[string]string{EnvAPIKey: sandbox.Key})
			o := &ImageOptions{Factory: f, Globals: &GlobalOptions{APIURL: tc.url, Timeout: 5 * time.Second},
				SubmissionID: tc.id, Admin: tc.admin, Selfie: selfie, JSON: true}
			_ = imageRun(context.Background(), o)
			got := oneJSONObject(t, out)
			for k, v := range tc.want {
				if got[k] != v {
					t.Errorf("%s = %v, want %v (all: %v)", k, got[k], v, got)
				}
			}
		})
	}
}

func oneJSONObject(t *testing.T, out *bytes.Buffer) map[string]any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(out.Bytes()))
	var got map[string]any
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("stdout %q is not one JSON object: %v", out, err)
	}
	if dec.More() {
		t.Fatalf("more than one JSON value on stdout: %q", out)
	}
	return got
}

// --json on a refused file lists every problem, and on a flag missing
// (caught before any file is read) still prints its one object.
func TestImageJSONForInvalidInput(t *testing.T) {
	f, out, _ := testFactory(t, map[string]string{EnvAPIKey: "k"})
	notes := imageFile(t, "notes.png", []byte("text"))
	err := imageRun(context.Background(), &ImageOptions{Factory: f, Globals: &GlobalOptions{Sandbox: true},
		SubmissionID: "sbx1", Admin: "admin@sample.com", Front: notes, JSON: true})
	if !errors.Is(err, apiclient.ErrInvalidImages) {
		t.Fatal(err)
	}
	got := oneJSONObject(t, out)
	problems, _ := got["problems"].([]any)
	if got["ok"] != false || got["code"] != "invalid_images" || got["field"] != "idImage" || len(problems) != 2 {
		t.Errorf("%v", got)
	}

	f, out, _ = testFactory(t, nil)
	root := NewCmdRoot(f, nil)
	root.SetArgs([]string{"image", "--admin", "admin@sample.com", "--selfie", notes, "--json"})
	root.SetOut(io.Discard)
	root.SetErr(io.Discard)
	if err := root.Execute(); !errors.Is(err, ErrUsage) {
		t.Fatalf("error %v, want a usage error", err)
	}
	if got := oneJSONObject(t, out); got["ok"] != false || got["code"] != "usage" || !strings.Contains(got["message"].(string), "--submission is required") {
		t.Errorf("%v", got)
	}
}

// The dry run prints the multipart request as curl: -F fields, the key as
// $ARGOS_API_KEY, each image elided to its name and size, never its bytes;
// and it sends nothing.
func TestImageDryRun(t *testing.T) {
	srv, n := countingServer(t, 200, `{"message":"complete to update image."}`)
	f, out, _ := testFactory(t, map[string]string{EnvAPIKey: "secret-key-never-printed"})
	front := encodedImage(t, "jpeg")
	selfie := encodedImage(t, "png")
	o := &ImageOptions{Factory: f, Globals: &GlobalOptions{APIURL: srv.URL}, SubmissionID: "sbx42_mg", Admin: "admin@sample.com",
		IDType: "drivers_license", Front: imageFile(t, "front.jpg", front), Selfie: imageFile(t, "my selfie.png", selfie), DryRun: true}
	if err := imageRun(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	if n.Load() != 0 {
		t.Fatalf("the dry run sent %d requests", n.Load())
	}
	want := "curl --request PUT " + srv.URL + "/v3/submission/image \\\n" +
		"  --header \"x-api-key: $ARGOS_API_KEY\" \\\n" +
		"  -F submissionId=sbx42_mg \\\n" +
		"  -F admin=admin@sample.com \\\n" +
		"  -F idType=drivers_license \\\n" +
		"  -F 'idImage=<base64 of front.jpg, " + apiclient.ByteSize(int64(len(front))) + ">' \\\n" +
		"  -F 'selfieImage=<base64 of my selfie.png, " + apiclient.ByteSize(int64(len(selfie))) + ">'\n"
	if out.String() != want {
		t.Errorf("dry run printed\n%s\nwant\n%s", out, want)
	}
	for _, leak := range []string{"secret-key-never-printed", base64.StdEncoding.EncodeToString(front[:12]), base64.StdEncoding.EncodeToString(selfie[:12])} {
		if strings.Contains(out.String(), leak) {
			t.Errorf("the dry run printed %q", leak)
		}
	}

	f, out, _ = testFactory(t, map[string]string{EnvAPIKey: "k"})
	o.Factory, o.JSON = f, true
	if err := imageRun(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	got := oneJSONObject(t, out)
	images, _ := got["images"].([]any)
	if got["ok"] != true || got["dryRun"] != true || len(images) != 2 || strings.Contains(out.String(), "curl") {
		t.Errorf("dry run --json: %v", got)
	}
}

// A text value curl would read as a file or an option is passed as
// --form-string.
func TestImageCurlQuotesTextValues(t *testing.T) {
	for value, want := range map[string]string{
		"sbx1":         "-F submissionId=sbx1",
		"@/etc/passwd": "--form-string submissionId=@/etc/passwd",
		"<x":           "--form-string 'submissionId=<x'",
		"a;type=x":     "--form-string 'submissionId=a;type=x'",
		"it's":         `-F 'submissionId=it'\''s'`,
	} {
		if got := formArg("submissionId", value); got != want {
			t.Errorf("formArg(%q) = %s, want %s", value, got, want)
		}
	}
}

// A profile with secure data transmission on is told, on stderr and in
// the JSON, that the image call is sent plain, as documented.
func TestImageRunSaysEncryptionIsNotApplied(t *testing.T) {
	e := newImageEnv(t, sandbox.Options{})
	selfie := imageFile(t, "s.png", encodedImage(t, "png"))
	o := e.opts(func(o *ImageOptions) { o.Selfie = selfie; o.JSON = true; o.Globals.Encrypted = true })
	if err := imageRun(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	if got := oneJSONObject(t, e.out); got["encryption"] != "not_applied" || got["ok"] != true {
		t.Errorf("%v", got)
	}
	if !strings.Contains(e.errOut.String(), "note: --encrypted turns secure data transmission on, but ARGOS does not document it for the image call") {
		t.Errorf("stderr %q", e.errOut)
	}
	f, out, errOut := testFactory(t, map[string]string{EnvAPIKey: sandbox.Key})
	o = &ImageOptions{Factory: f, Globals: &GlobalOptions{APIURL: e.sb.URL}, SubmissionID: e.id, Admin: "admin@sample.com", Selfie: selfie, JSON: true}
	if err := imageRun(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	if got := oneJSONObject(t, out); got["encryption"] != nil || strings.Contains(errOut.String(), "secure data") {
		t.Errorf("encryption off: %v, %q", got, errOut)
	}
}

// The note names where encryption comes from: a profile's setting is not
// the flag, and the flag is not the profile's.
func TestImageRunNamesWhereEncryptionComesFrom(t *testing.T) {
	e := newImageEnv(t, sandbox.Options{})
	selfie := imageFile(t, "s.png", encodedImage(t, "png"))
	if err := rememberProfile(e.f, "default", func(p *settings.Profile) { p.Encrypted = true }); err != nil {
		t.Fatal(err)
	}
	if err := imageRun(context.Background(), e.opts(func(o *ImageOptions) { o.Selfie = selfie })); err != nil {
		t.Fatal(err)
	}
	if got := e.errOut.String(); !strings.Contains(got, `note: profile "default" has secure data transmission on, but`) || strings.Contains(got, "--encrypted") {
		t.Errorf("stderr %q", got)
	}
}

// A file above 1 MB is sent with a warning, on stderr and in the JSON; its
// size, rounded, would read as the 1 MB it is above, so it is said in bytes.
func TestImageRunWarnsAboutLargeFiles(t *testing.T) {
	e := newImageEnv(t, sandbox.Options{})
	big := make([]byte, apiclient.LargeImageBytes+1)
	copy(big, "\x89PNG\r\n\x1a\n")
	path := imageFile(t, "big.png", big)
	if err := imageRun(context.Background(), e.opts(func(o *ImageOptions) { o.AddressProof = path; o.JSON = true })); err != nil {
		t.Fatal(err)
	}
	got := oneJSONObject(t, e.out)
	warnings, _ := got["warnings"].([]any)
	if len(warnings) != 1 || !strings.Contains(e.errOut.String(), "warning: --address-proof (big.png) is 1,000,001 bytes: ARGOS recommends images under 1 MB") {
		t.Errorf("json %v, stderr %q", got, e.errOut)
	}
	if set := e.sb.Images(e.id); len(set.Images) != 1 {
		t.Errorf("not sent: %+v", set)
	}
}
