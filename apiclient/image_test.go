package apiclient_test

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
	"argos-migrate/ui/termtest"
)

// createdOn makes the vendor's sample record on the sandbox and returns its id.
func createdOn(tb testing.TB, sb *sandbox.Running) string {
	tb.Helper()
	id, err := newClient(tb, sb.URL, sandbox.Key, 5*time.Second).Submit(context.Background(), apitest.Sample())
	if err != nil {
		tb.Fatal(err)
	}
	return id
}

// prepared writes the images into files and checks them.
func prepared(tb testing.TB, id, admin, idType string, images map[apiclient.ImageKind][]byte) apiclient.ImageUpload {
	tb.Helper()
	dir := tb.TempDir()
	paths := map[apiclient.ImageKind]string{}
	for k, data := range images {
		name := string(k) + ".jpg" // whatever the bytes are: the name says nothing
		paths[k] = writeFile(tb, dir, name, data)
	}
	u, err := apiclient.PrepareImages(id, admin, idType, paths)
	if err != nil {
		tb.Fatal(err)
	}
	return u
}

// Each image kind on its own, and all four at once, reach the sandbox as
// the bytes of their file, with the type told by those bytes (a png named
// .jpg is stored as a png).
func TestAttachImagesEachKind(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{})
	c := newClient(t, sb.URL, sandbox.Key, 5*time.Second)
	jpg, pngData := jpegImage(t), pngImage(t)
	all := map[apiclient.ImageKind][]byte{apiclient.ImageIDFront: jpg, apiclient.ImageIDBack: pngData,
		apiclient.ImageSelfie: pngData, apiclient.ImageAddressProof: jpg}
	cases := map[string]map[apiclient.ImageKind][]byte{"all four": all}
	for k, data := range all {
		cases[string(k)] = map[apiclient.ImageKind][]byte{k: data}
	}
	for name, images := range cases {
		t.Run(name, func(t *testing.T) {
			id := createdOn(t, sb)
			idType := ""
			if images[apiclient.ImageIDFront] != nil || images[apiclient.ImageIDBack] != nil {
				idType = "drivers_license"
			}
			if err := c.AttachImages(context.Background(), prepared(t, id, "admin@sample.com", idType, images)); err != nil {
				t.Fatal(err)
			}
			set := sb.Images(id)
			if set.IDType != idType || len(set.Images) != len(images) {
				t.Fatalf("stored %+v, want %d images and idType %q", set, len(images), idType)
			}
			for _, img := range set.Images {
				data := images[apiclient.ImageKind(img.Field)]
				want := apiclient.ImageType(data)
				if img.Type != want || img.Size != int64(len(data)) || img.SHA256 != sha256.Sum256(data) {
					t.Errorf("%s stored as %s, %d bytes; want %s, %d bytes, same hash", img.Field, img.Type, img.Size, want, len(data))
				}
			}
		})
	}
}

// The request is the documented one: PUT, x-api-key, multipart/form-data
// with its boundary, the text fields then the images in the vendor's order,
// each image as plain base64 text in a field (no file name, no type), and
// an exact Content-Length rather than chunks.
func TestAttachImagesSendsTheDocumentedRequest(t *testing.T) {
	type part struct{ name, filename, ctype, value string }
	var got struct {
		method, path, key, ctype string
		length                   int64
		chunked                  bool
		read                     int64
		parts                    []part
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got.method, got.path, got.key, got.ctype = r.Method, r.URL.Path, r.Header.Get("x-api-key"), r.Header.Get("Content-Type")
		got.length, got.chunked = r.ContentLength, slices.Contains(r.TransferEncoding, "chunked")
		mr, err := r.MultipartReader()
		if err != nil {
			t.Error(err)
			return
		}
		for {
			p, err := mr.NextPart()
			if err != nil {
				break
			}
			v, _ := io.ReadAll(p)
			got.parts = append(got.parts, part{p.FormName(), p.FileName(), p.Header.Get("Content-Type"), string(v)})
		}
		_, _ = io.WriteString(w, `{"message":"complete to update image."}`)
	}))
	defer srv.Close()
	front, selfie := jpegImage(t), pngImage(t)
	u := prepared(t, "sbx-42", "admin@sample.com", "passport",
		map[apiclient.ImageKind][]byte{apiclient.ImageSelfie: selfie, apiclient.ImageIDFront: front})
	if err := newClient(t, srv.URL, "k-images", 5*time.Second).AttachImages(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	if got.method != http.MethodPut || got.path != apiclient.ImagePath || got.key != "k-images" ||
		!strings.HasPrefix(got.ctype, "multipart/form-data; boundary=") {
		t.Errorf("sent %s %s, key %q, type %q", got.method, got.path, got.key, got.ctype)
	}
	if got.chunked || got.length <= 0 {
		t.Errorf("Content-Length %d, chunked %v: want an exact length", got.length, got.chunked)
	}
	want := []part{
		{"submissionId", "", "", "sbx-42"}, {"admin", "", "", "admin@sample.com"}, {"idType", "", "", "passport"},
		{"idImage", "", "", base64.StdEncoding.EncodeToString(front)}, {"selfieImage", "", "", base64.StdEncoding.EncodeToString(selfie)},
	}
	if !slices.Equal(got.parts, want) {
		t.Errorf("parts\n%v\nwant\n%v", got.parts, want)
	}
}

// Every answer of the sandbox, through the failure policy: the right
// reason, what it means for the images, the field to fix, and whether
// sending again is safe. The stall and the drop store the images and then
// fail: "may have been attached" is the truth there.
func TestAttachImagesFailuresAgainstTheSandbox(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{})
	small := apitest.Sandbox(t, sandbox.Options{MaxImageBytes: 100})
	const id, smallID = "(new)", "(new on small)"
	notSent, rejected, unknown := apiclient.OutcomeNotSent, apiclient.OutcomeRejected, apiclient.OutcomeUnknown
	cases := []struct {
		name, url, key, id, admin string
		timeout                   time.Duration
		want                      policyWant
		stored                    bool
	}{
		{"unknown submission", sb.URL, sandbox.Key, "sbx-nope", "admin@sample.com", 0,
			policyWant{apiclient.ReasonInvalidSubmission, rejected, false, false, "submissionId"}, false},
		{"invalid_admin", sb.URL, sandbox.Key, id, sandbox.AdminInvalid, 0,
			policyWant{apiclient.ReasonInvalidAdmin, rejected, false, false, "admin"}, false},
		{"invalid_project", sb.URL, sandbox.Key, id, sandbox.AdminProject, 0,
			policyWant{apiclient.ReasonInvalidProject, rejected, false, true, ""}, false},
		{"invalid_payload", sb.URL, sandbox.Key, id, sandbox.AdminPayload, 0,
			policyWant{apiclient.ReasonInvalidPayload, rejected, false, false, ""}, false},
		{"processing_error", sb.URL, sandbox.Key, id, sandbox.AdminError, 0,
			policyWant{apiclient.ReasonProcessingError, unknown, true, false, ""}, false},
		{"500", sb.URL, sandbox.Key, id, sandbox.AdminFail, 0,
			policyWant{apiclient.ReasonServerFailed, unknown, true, false, ""}, false},
		{"html 502", sb.URL, sandbox.Key, id, sandbox.AdminGateway, 0,
			policyWant{apiclient.ReasonServerFailed, unknown, true, false, ""}, false},
		{"stored, then no answer", sb.URL, sandbox.Key, id, sandbox.AdminStall, 300 * time.Millisecond,
			policyWant{apiclient.ReasonNoAnswer, unknown, true, false, ""}, true},
		{"stored, then dropped", sb.URL, sandbox.Key, id, sandbox.AdminDrop, 0,
			policyWant{apiclient.ReasonNoAnswer, unknown, true, false, ""}, true},
		{"wrong key", sb.URL, "not-the-key", id, "admin@sample.com", 0,
			policyWant{apiclient.ReasonKeyRefused, rejected, false, true, ""}, false},
		{"413 above the server's cap", small.URL, sandbox.Key, smallID, "admin@sample.com", 0,
			policyWant{apiclient.ReasonTooLarge, rejected, false, false, ""}, false},
		{"connection refused", "http://127.0.0.1:1", sandbox.Key, id, "admin@sample.com", 0,
			policyWant{apiclient.ReasonUnreachable, notSent, true, false, ""}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			timeout := tc.timeout
			if timeout == 0 {
				timeout = 5 * time.Second
			}
			subID := tc.id
			switch tc.id {
			case id: // each case its own submission, so what it stored is its own
				subID = createdOn(t, sb)
			case smallID:
				subID = createdOn(t, small)
			}
			u := prepared(t, subID, tc.admin, "", map[apiclient.ImageKind][]byte{apiclient.ImageSelfie: sizedImage(1000)})
			err := newClient(t, tc.url, tc.key, timeout).AttachImages(context.Background(), u)
			var ie *apiclient.ImageError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v (%T), want an *ImageError", err, err)
			}
			f := apiclient.Classify(err, apiclient.Submission{})
			checkImageFailure(t, f, tc.want)
			if stored := len(sb.Images(subID).Images) > 0; stored != tc.stored {
				t.Errorf("images stored: %v, want %v", stored, tc.stored)
			}
		})
	}
}

func checkImageFailure(t *testing.T, f apiclient.Failure, w policyWant) {
	t.Helper()
	if !f.Images {
		t.Error("the failure is not marked as the image call's")
	}
	if f.Reason != w.reason || f.Outcome != w.outcome {
		t.Errorf("reason, outcome = %s, %s; want %s, %s", f.Reason, f.Outcome, w.reason, w.outcome)
	}
	if f.Retryable() != w.retryable || f.KeyRefused() != w.keyWrong || f.Field != w.field {
		t.Errorf("retryable %v key refused %v field %q; want %v %v %q", f.Retryable(), f.KeyRefused(), f.Field, w.retryable, w.keyWrong, w.field)
	}
	if f.Field != "" && f.Note == "" {
		t.Error("a field to fix without the server's note")
	}
	if f.Encryption != apiclient.EncryptionOK {
		t.Errorf("an encryption hint (%s) for a call that is never encrypted", f.Encryption)
	}
	if f.Title == "" || f.Explain == "" || f.Detail == "" {
		t.Errorf("title %q, explain %q, detail %q: each must say something", f.Title, f.Explain, f.Detail)
	}
	words := f.Title + " " + f.Explain + " " + f.Consequence()
	for _, jargon := range []string{"context deadline exceeded", "context canceled", "EOF", "dial tcp", "net/http", "%!", "migration"} {
		if strings.Contains(words, jargon) {
			t.Errorf("%q in what the operator reads: %q", jargon, words)
		}
	}
	if f.MayExist() != strings.Contains(f.Consequence(), "may have been attached") {
		t.Errorf("MayExist = %v but the consequence reads %q", f.MayExist(), f.Consequence())
	}
	if f.MayExist() && !strings.Contains(f.Consequence(), "cannot create a second submission") {
		t.Errorf("an unknown outcome must say why sending again is safe: %q", f.Consequence())
	}
}

// Sending the same images again replaces them: a retry after an unknown
// outcome leaves one image of each kind, never two, and no new submission.
func TestAttachImagesAgainReplaces(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{})
	c := newClient(t, sb.URL, sandbox.Key, 5*time.Second)
	id := createdOn(t, sb)
	first, second := pngImage(t), jpegImage(t)
	for _, data := range [][]byte{first, first, second} {
		u := prepared(t, id, "admin@sample.com", "", map[apiclient.ImageKind][]byte{apiclient.ImageSelfie: data})
		if err := c.AttachImages(context.Background(), u); err != nil {
			t.Fatal(err)
		}
	}
	set := sb.Images(id)
	if len(set.Images) != 1 || set.Images[0].SHA256 != sha256.Sum256(second) || sb.Count() != 1 {
		t.Fatalf("after three sends: %+v, %d submissions", set, sb.Count())
	}
}

// Every documented answer of the call, as the vendor words it, read in
// plain words; each reason reads differently from every other.
func TestImageErrorCodesInPlainWords(t *testing.T) {
	notSent, rejected, unknown := apiclient.OutcomeNotSent, apiclient.OutcomeRejected, apiclient.OutcomeUnknown
	_ = notSent
	cases := []struct {
		status int
		body   string
		want   policyWant
	}{
		{400, `{"errorCode":"invalid_payload","message":"Fail to parse the input data."}`, policyWant{apiclient.ReasonInvalidPayload, rejected, false, false, ""}},
		{400, `{"errorCode":"missing_data","message":"Required input data is missing."}`, policyWant{apiclient.ReasonMissingData, rejected, false, false, ""}},
		{400, `{"errorCode":"invalid_project","message":"Cannot find project info."}`, policyWant{apiclient.ReasonInvalidProject, rejected, false, true, ""}},
		{400, `{"errorCode":"invalid_admin","message":"Invalid admin."}`, policyWant{apiclient.ReasonInvalidAdmin, rejected, false, false, "admin"}},
		{400, `{"errorCode":"invalid_submission","message":"Invalid submission."}`, policyWant{apiclient.ReasonInvalidSubmission, rejected, false, false, "submissionId"}},
		{400, `{"errorCode":"invalid_data","message":"At least one image parameter is required."}`, policyWant{apiclient.ReasonInvalidData, rejected, false, false, ""}},
		{400, `{"errorCode":"invalid_idType","message":"Invalid IdType."}`, policyWant{apiclient.ReasonInvalidIDType, rejected, false, false, "idType"}},
		{400, `{"errorCode":"processing_error","message":"Failed to put image."}`, policyWant{apiclient.ReasonProcessingError, unknown, true, false, ""}},
		{413, `{"message":"Request Entity Too Large"}`, policyWant{apiclient.ReasonTooLarge, rejected, false, false, ""}},
		{429, `{"message":"Too Many Requests"}`, policyWant{apiclient.ReasonRateLimited, rejected, true, false, ""}},
		{403, `{"message":"Missing Authentication Token"}`, policyWant{apiclient.ReasonWrongURL, rejected, false, false, ""}},
		{504, `{"message":"Endpoint request timed out"}`, policyWant{apiclient.ReasonServerFailed, unknown, true, false, ""}},
		{200, `<html>captive portal</html>`, policyWant{apiclient.ReasonUnreadable, unknown, true, false, ""}},
		{400, `{"errorCode":"teapot"}`, policyWant{apiclient.ReasonRefused, rejected, false, false, ""}},
	}
	seen := map[string]apiclient.Reason{}
	for _, tc := range cases {
		t.Run(string(tc.want.reason), func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				_, _ = io.Copy(io.Discard, r.Body)
				w.WriteHeader(tc.status)
				_, _ = io.WriteString(w, tc.body)
			}))
			defer srv.Close()
			u := prepared(t, "sbx1", "admin@sample.com", "passport", map[apiclient.ImageKind][]byte{apiclient.ImageIDFront: jpegImage(t)})
			err := newClient(t, srv.URL, "k", 5*time.Second).AttachImages(context.Background(), u)
			f := apiclient.Classify(err, apiclient.Submission{})
			checkImageFailure(t, f, tc.want)
			key := f.Title + "\n" + f.Explain
			if other, dup := seen[key]; dup {
				t.Errorf("%s and %s read the same: %q", f.Reason, other, key)
			}
			seen[key] = f.Reason
		})
	}
}

// The policy for a record is unchanged by the image call's: the same error
// without the image wrapper still speaks of the record and its lookup.
func TestImageWordsDoNotLeakIntoRecords(t *testing.T) {
	apiErr := &apiclient.APIError{Status: 500}
	rec := apiclient.Classify(apiErr, apitest.Sample())
	img := apiclient.Classify(&apiclient.ImageError{SubmissionID: "x", Err: apiErr}, apiclient.Submission{})
	if rec.Images || rec.Retryable() || !strings.Contains(rec.Consequence(), "may have been created") {
		t.Errorf("a record's 500 reads %+v: %q", rec, rec.Consequence())
	}
	if !img.Images || !img.Retryable() || rec.Consequence() == img.Consequence() {
		t.Errorf("an image call's 500 reads %+v: %q", img, img.Consequence())
	}
}

// A redirect is never followed: the key and the images go nowhere else,
// and the error is the same *RedirectError as Submit's, naming where it
// pointed, read by the policy as a redirect of images (nothing attached,
// nothing about a record).
func TestAttachImagesFollowsNoRedirect(t *testing.T) {
	var elsewhere atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		elsewhere.Add(1)
		_, _ = io.WriteString(w, `{"message":"complete to update image."}`)
	}))
	defer other.Close()
	for _, status := range []int{301, 302, 303, 307, 308} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.Copy(io.Discard, r.Body)
			http.Redirect(w, r, other.URL+apiclient.ImagePath, status)
		}))
		u := prepared(t, "sbx1", "admin@sample.com", "", map[apiclient.ImageKind][]byte{apiclient.ImageSelfie: pngImage(t)})
		err := newClient(t, srv.URL, "k-redirect", 5*time.Second).AttachImages(context.Background(), u)
		srv.Close()
		var re *apiclient.RedirectError
		var ie *apiclient.ImageError
		if !errors.As(err, &re) || !errors.As(err, &ie) || re.Status != status || re.Target != other.URL || re.Record {
			t.Errorf("%d: error %v (%T), want an *ImageError wrapping a *RedirectError to %s", status, err, err, other.URL)
			continue
		}
		f := apiclient.Classify(err, apiclient.Submission{})
		if f.Reason != apiclient.ReasonRedirect || !f.Images || f.MayExist() || f.Retryable() ||
			!strings.Contains(f.Explain, "the images were not sent on") || strings.Contains(f.Explain+f.Consequence(), "record") {
			t.Errorf("%d: read as %+v (%q)", status, f, f.Consequence())
		}
	}
	if n := elsewhere.Load(); n != 0 {
		t.Fatalf("the redirect was followed %d times", n)
	}
}

// A file that changes after its check is not sent as something else: the
// upload stops, the server attaches nothing, and the error names the file.
func TestAttachImagesRefusesAFileThatChanged(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{})
	c := newClient(t, sb.URL, sandbox.Key, 5*time.Second)
	id := createdOn(t, sb)
	data := sizedImage(200_000)
	cases := map[string]func(path string) error{
		"grown": func(p string) error { return os.WriteFile(p, append(data, 1), 0o600) },
		"replaced by another png": func(p string) error {
			other := slices.Clone(data)
			other[len(other)-1]++
			_ = os.Remove(p)
			return os.WriteFile(p, other, 0o600)
		},
		"same size, now text": func(p string) error { return os.WriteFile(p, []byte(strings.Repeat("x", len(data))), 0o600) },
		"removed":             os.Remove,
		"unchanged":           nil, // the control: must be attached
	}
	for name, change := range cases {
		t.Run(name, func(t *testing.T) {
			u := prepared(t, id, "admin@sample.com", "", map[apiclient.ImageKind][]byte{apiclient.ImageAddressProof: data})
			if change != nil {
				if err := change(u.AddressProof.Path); err != nil {
					t.Fatal(err)
				}
			}
			err := c.AttachImages(context.Background(), u)
			if change == nil {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var ce *apiclient.ImageCheckError
			if !errors.As(err, &ce) || ce.Problems[0].Field != string(apiclient.ImageAddressProof) {
				t.Fatalf("error %v (%T), want the file named", err, err)
			}
			if f := apiclient.Classify(err, apiclient.Submission{}); f.MayExist() {
				t.Errorf("a refused file reads as may-exist: %+v", f)
			}
		})
	}
	if set := sb.Images(id); len(set.Images) != 1 {
		t.Fatalf("stored %+v: only the unchanged control should have been attached", set)
	}
}

// The goroutine that writes the form ends with the request, however it
// ends: refused, answered before the form was read, or cut short.
func TestAttachImagesLeavesNoWriterBehind(t *testing.T) {
	early := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Connection", "close")
		w.WriteHeader(http.StatusRequestEntityTooLarge) // without reading the form
	}))
	defer early.Close()
	u := prepared(t, "sbx1", "admin@sample.com", "", map[apiclient.ImageKind][]byte{apiclient.ImageSelfie: sizedImage(2_000_000)})
	before := runtime.NumGoroutine()
	for _, url := range []string{"http://127.0.0.1:1", early.URL} {
		if err := newClient(t, url, "k", 5*time.Second).AttachImages(context.Background(), u); err == nil {
			t.Fatalf("%s: no error", url)
		}
	}
	termtest.Poll(termtest.Limit, func() bool { return runtime.NumGoroutine() <= before })
	if n := runtime.NumGoroutine(); n > before {
		t.Fatalf("%d goroutines left behind", n-before)
	}
}

// A cancelled context before sending leaves nothing attached and says so.
func TestAttachImagesCancelled(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	u := prepared(t, "sbx1", "admin@sample.com", "", map[apiclient.ImageKind][]byte{apiclient.ImageSelfie: pngImage(t)})
	err := newClient(t, sb.URL, sandbox.Key, 5*time.Second).AttachImages(ctx, u)
	f := apiclient.Classify(err, apiclient.Submission{})
	if f.Reason != apiclient.ReasonCancelled || f.Outcome != apiclient.OutcomeNotSent || !f.Images {
		t.Fatalf("%+v", f)
	}
	if n := sb.Traffic().Requests; n != 0 {
		t.Fatalf("the sandbox received %d requests", n)
	}
}

// A profile with secure data transmission on still sends the image call as
// documented, plain multipart; an encrypted answer is decrypted, and one
// that does not decrypt is "may have been attached".
func TestAttachImagesWithEncryptionOn(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{Encrypted: true})
	id := createdOnEncrypted(t, sb)
	enc, err := apiclient.New(apiclient.Options{BaseURL: sb.URL, APIKey: sandbox.Key, Encrypted: true})
	if err != nil {
		t.Fatal(err)
	}
	u := prepared(t, id, "admin@sample.com", "", map[apiclient.ImageKind][]byte{apiclient.ImageSelfie: pngImage(t)})
	if err := enc.AttachImages(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	for name, tc := range map[string]struct {
		key  string
		want apiclient.Reason
	}{"sealed with the key": {"k-enc", ""}, "sealed with another key": {"other", apiclient.ReasonDecrypt}} {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				_, _ = io.Copy(io.Discard, r.Body)
				sealed, err := apiclient.SealResponse(tc.key, []byte(`{"message":"complete to update image."}`))
				if err != nil {
					t.Error(err)
				}
				_, _ = w.Write(sealed)
			}))
			defer srv.Close()
			c, _ := apiclient.New(apiclient.Options{BaseURL: srv.URL, APIKey: "k-enc", Encrypted: true})
			err := c.AttachImages(context.Background(), u)
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if f := apiclient.Classify(err, apiclient.Submission{}); f.Reason != tc.want || f.Outcome != apiclient.OutcomeUnknown {
				t.Fatalf("%+v", f)
			}
		})
	}
}

func createdOnEncrypted(tb testing.TB, sb *sandbox.Running) string {
	tb.Helper()
	c, err := apiclient.New(apiclient.Options{BaseURL: sb.URL, APIKey: sandbox.Key, Encrypted: true})
	if err != nil {
		tb.Fatal(err)
	}
	id, err := c.Submit(context.Background(), apitest.Sample())
	if err != nil {
		tb.Fatal(err)
	}
	return id
}

// ImageKinds are the vendor's four fields, each with its own label.
func TestImageKinds(t *testing.T) {
	labels := map[string]bool{}
	for _, k := range apiclient.ImageKinds {
		labels[k.Label()] = true
	}
	if len(labels) != 4 || !slices.Equal(slices.Sorted(maps.Keys(labels)), []string{"Back of the ID", "Front of the ID", "Proof of address", "Selfie"}) {
		t.Fatalf("labels %v", labels)
	}
}
