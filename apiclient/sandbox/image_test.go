package sandbox_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"runtime"
	"strings"
	"testing"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/apitest"
	"argos-migrate/apiclient/sandbox"
)

func pngBytes(tb testing.TB) []byte {
	tb.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewRGBA(image.Rect(0, 0, 2, 2))); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

func jpegBytes(tb testing.TB) []byte {
	tb.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewRGBA(image.Rect(0, 0, 2, 2)), nil); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

func pngBase64(tb testing.TB) string { return base64.StdEncoding.EncodeToString(pngBytes(tb)) }

// imageForm builds a multipart body from name, value pairs, in order, so
// that a test can repeat a field.
func imageForm(tb testing.TB, pairs map[string]string) (io.Reader, string) {
	tb.Helper()
	var list []string
	for _, k := range []string{"submissionId", "admin", "idType", "idImage", "idBackImage", "selfieImage", "addressImage"} {
		if v, ok := pairs[k]; ok {
			list = append(list, k, v)
		}
	}
	for k, v := range pairs {
		if !strings.Contains("submissionId admin idType idImage idBackImage selfieImage addressImage", k) {
			list = append(list, k, v)
		}
	}
	return formOf(tb, list...)
}

// formOf builds a multipart body from name, value, name, value...
func formOf(tb testing.TB, pairs ...string) (io.Reader, string) {
	tb.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for i := 0; i+1 < len(pairs); i += 2 {
		if err := mw.WriteField(pairs[i], pairs[i+1]); err != nil {
			tb.Fatal(err)
		}
	}
	if err := mw.Close(); err != nil {
		tb.Fatal(err)
	}
	return &b, mw.FormDataContentType()
}

func putImage(tb testing.TB, url string, body io.Reader, contentType string) answer {
	tb.Helper()
	return do(tb, http.MethodPut, url+apiclient.ImagePath, body, contentType)
}

// created makes one record and returns its id.
func created(tb testing.TB, url string) string {
	tb.Helper()
	a := migrate(tb, url, "img@sample.com", "img-1", "admin@sample.com")
	if a.status != 200 {
		tb.Fatalf("%d %s", a.status, a.body)
	}
	return a.field(tb, "submissionId")
}

// Every answer of the vendor's table for PUT/Image, with its message, and
// nothing stored on any of them.
func TestImageAnswersEveryDocumentedError(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{})
	id := created(t, sb.URL)
	img := pngBase64(t)
	ok := func(edit func(m map[string]string)) map[string]string {
		m := map[string]string{"submissionId": id, "admin": "admin@sample.com", "idType": "passport", "idImage": img}
		edit(m)
		return m
	}
	gif := base64.StdEncoding.EncodeToString([]byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"))
	tests := []struct {
		name          string
		form          map[string]string
		status        int
		code, message string
	}{
		{"unknown field", ok(func(m map[string]string) { m["nickname"] = "x" }), 400, "invalid_payload", "Fail to parse the input data."},
		{"no submissionId", ok(func(m map[string]string) { delete(m, "submissionId") }), 400, "missing_data", "Required input data is missing."},
		{"no admin", ok(func(m map[string]string) { delete(m, "admin") }), 400, "missing_data", "Required input data is missing."},
		{"empty admin", ok(func(m map[string]string) { m["admin"] = "" }), 400, "missing_data", "Required input data is missing."},
		{"payload admin", ok(func(m map[string]string) { m["admin"] = sandbox.AdminPayload }), 400, "invalid_payload", "Fail to parse the input data."},
		{"invalid admin", ok(func(m map[string]string) { m["admin"] = sandbox.AdminInvalid }), 400, "invalid_admin", "Invalid admin."},
		{"invalid project", ok(func(m map[string]string) { m["admin"] = sandbox.AdminProject }), 400, "invalid_project", "Invalid project."},
		{"processing error", ok(func(m map[string]string) { m["admin"] = sandbox.AdminError }), 400, "processing_error", "Failed to put image."},
		{"500", ok(func(m map[string]string) { m["admin"] = sandbox.AdminFail }), 500, "", "Internal server error"},
		{"unknown submission", ok(func(m map[string]string) { m["submissionId"] = "sbx000000000000_mg" }), 400, "invalid_submission", "Invalid submission."},
		{"no image", ok(func(m map[string]string) { delete(m, "idImage") }), 400, "invalid_data", "At least one image parameter is required."},
		{"only an empty image", ok(func(m map[string]string) { m["idImage"] = "" }), 400, "invalid_data", "At least one image parameter is required."},
		{"idType not in the list", ok(func(m map[string]string) { m["idType"] = "drvlic" }), 400, "invalid_idType", "Invalid IdType."},
		{"idImage without idType", ok(func(m map[string]string) { delete(m, "idType") }), 400, "missing_data", "The idType is required when submit idImage or idBackImage."},
		{"idBackImage without idType", ok(func(m map[string]string) { delete(m, "idType"); delete(m, "idImage"); m["idBackImage"] = img }), 400, "missing_data", "The idType is required when submit idImage or idBackImage."},
		{"not base64", ok(func(m map[string]string) { m["selfieImage"] = "%%% not base64 %%%" }), 400, "invalid_data", "Invalid image: selfieImage is not a base64-encoded jpg or png."},
		{"base64 without padding", ok(func(m map[string]string) { m["idImage"] = strings.TrimRight(img, "=") }), 400, "invalid_data", "Invalid image: idImage is not a base64-encoded jpg or png."},
		{"base64 text, not an image", ok(func(m map[string]string) {
			m["addressImage"] = base64.StdEncoding.EncodeToString([]byte("name,email\nkim,kim@sample.com\n"))
		}), 400, "invalid_data", "Invalid image: addressImage is not a base64-encoded jpg or png."},
		{"a gif", ok(func(m map[string]string) { m["idImage"] = gif }), 400, "invalid_data", "Invalid image: idImage is not a base64-encoded jpg or png."},
		{"a data URL", ok(func(m map[string]string) { m["idImage"] = "data:image/png;base64," + img }), 400, "invalid_data", "Invalid image: idImage is not a base64-encoded jpg or png."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body, ct := imageForm(t, tt.form)
			a := putImage(t, sb.URL, body, ct)
			if a.status != tt.status || a.field(t, "errorCode") != tt.code || a.field(t, "message") != tt.message {
				t.Fatalf("got %d %s, want %d %s %q", a.status, a.body, tt.status, tt.code, tt.message)
			}
			if set := sb.Images(id); len(set.Images) != 0 {
				t.Fatalf("images stored on an error: %+v", set)
			}
		})
	}

	t.Run("not multipart", func(t *testing.T) {
		a := putImage(t, sb.URL, strings.NewReader(`{"submissionId":"`+id+`"}`), "application/json")
		if a.status != 400 || a.field(t, "errorCode") != apiclient.CodeInvalidPayload {
			t.Fatalf("%d %s", a.status, a.body)
		}
	})
	t.Run("repeated field", func(t *testing.T) {
		body, ct := formOf(t, "submissionId", id, "admin", "admin@sample.com", "selfieImage", img, "selfieImage", img)
		if a := putImage(t, sb.URL, body, ct); a.status != 400 || a.field(t, "errorCode") != apiclient.CodeInvalidPayload {
			t.Fatalf("%d %s", a.status, a.body)
		}
	})
	t.Run("cut short", func(t *testing.T) {
		body, ct := formOf(t, "submissionId", id, "admin", "admin@sample.com", "selfieImage", img)
		whole, _ := io.ReadAll(body)
		a := putImage(t, sb.URL, bytes.NewReader(whole[:len(whole)-20]), ct)
		if a.status != 400 || a.field(t, "errorCode") != apiclient.CodeInvalidPayload {
			t.Fatalf("%d %s", a.status, a.body)
		}
	})
	t.Run("gateway", func(t *testing.T) {
		body, ct := imageForm(t, ok(func(m map[string]string) { m["admin"] = sandbox.AdminGateway }))
		if a := putImage(t, sb.URL, body, ct); a.status != 502 || !bytes.Contains(a.body, []byte("<html>")) {
			t.Fatalf("%d %s", a.status, a.body)
		}
	})
	t.Run("wrong key and method", func(t *testing.T) {
		body, ct := imageForm(t, ok(func(map[string]string) {}))
		req, _ := http.NewRequest(http.MethodPut, sb.URL+apiclient.ImagePath, body)
		req.Header.Set("Content-Type", ct)
		req.Header.Set("x-api-key", "wrong")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 403 {
			t.Errorf("wrong key: %d", resp.StatusCode)
		}
		body, ct = imageForm(t, ok(func(map[string]string) {}))
		if a := do(t, http.MethodPost, sb.URL+apiclient.ImagePath, body, ct); a.status != 405 {
			t.Errorf("POST: %d", a.status)
		}
	})
	if set := sb.Images(id); len(set.Images) != 0 {
		t.Fatalf("images stored on an error: %+v", set)
	}
}

// A success keeps each image's type (told by its bytes, whatever the file
// name), size and hash; a later call replaces the fields it sends and keeps
// the others.
func TestImageStoresWhatItWasSent(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{Encrypted: true}) // the image call stays plain
	id, err := newClient(t, sb.URL, true).Submit(context.Background(), apitest.Sample())
	if err != nil {
		t.Fatal(err)
	}
	p, j := pngBytes(t), jpegBytes(t)
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	_ = mw.WriteField("submissionId", id)
	_ = mw.WriteField("admin", "admin@sample.com")
	_ = mw.WriteField("idType", "drivers_license")
	fw, _ := mw.CreateFormFile("idImage", "front.jpg") // a png named .jpg
	// MIME-style lines of 76 characters: the decoder skips the breaks.
	enc := base64.StdEncoding.EncodeToString(p)
	for len(enc) > 76 {
		_, _ = io.WriteString(fw, enc[:76]+"\r\n")
		enc = enc[76:]
	}
	_, _ = io.WriteString(fw, enc)
	_ = mw.WriteField("selfieImage", base64.StdEncoding.EncodeToString(j))
	_ = mw.Close()
	a := putImage(t, sb.URL, &b, mw.FormDataContentType())
	if a.status != 200 || string(bytes.TrimSpace(a.body)) != `{"message":"complete to update image."}` {
		t.Fatalf("%d %s", a.status, a.body)
	}
	want := []sandbox.Image{
		{Field: "idImage", Type: "image/png", Size: int64(len(p)), SHA256: sha256.Sum256(p)},
		{Field: "selfieImage", Type: "image/jpeg", Size: int64(len(j)), SHA256: sha256.Sum256(j)},
	}
	set := sb.Images(id)
	if set.IDType != "drivers_license" || len(set.Images) != 2 || set.Images[0] != want[0] || set.Images[1] != want[1] {
		t.Fatalf("stored %+v, want %+v", set, want)
	}

	body, ct := imageForm(t, map[string]string{"submissionId": id, "admin": "admin@sample.com",
		"addressImage": base64.StdEncoding.EncodeToString(j), "selfieImage": base64.StdEncoding.EncodeToString(p)})
	if a := putImage(t, sb.URL, body, ct); a.status != 200 {
		t.Fatalf("%d %s", a.status, a.body)
	}
	set = sb.Images(id)
	got := []string{}
	for _, img := range set.Images {
		got = append(got, img.Field+" "+img.Type)
	}
	if strings.Join(got, ", ") != "idImage image/png, selfieImage image/png, addressImage image/jpeg" || set.IDType != "drivers_license" {
		t.Fatalf("after a second call: %v (%s)", got, set.IDType)
	}
	if other := sb.Images("sbx000000000000_mg"); len(other.Images) != 0 {
		t.Errorf("images for an unknown id: %+v", other)
	}
}

// drop@ stores the images and then closes the connection: the client cannot
// know, and the images are there.
func TestImageDropAfterStoring(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{})
	id := created(t, sb.URL)
	body, ct := imageForm(t, map[string]string{"submissionId": id, "admin": sandbox.AdminDrop, "selfieImage": pngBase64(t)})
	req, _ := http.NewRequest(http.MethodPut, sb.URL+apiclient.ImagePath, body)
	req.Header.Set("Content-Type", ct)
	req.Header.Set("x-api-key", sandbox.Key)
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("answered %d, want a dropped connection", resp.StatusCode)
	}
	if set := sb.Images(id); len(set.Images) != 1 {
		t.Fatalf("stored %+v", set)
	}
}

// fakeImage streams a png signature and then zeros: size bytes in all.
func fakeImage(size int64) io.Reader {
	return io.MultiReader(strings.NewReader("\x89PNG\r\n\x1a\n"), io.LimitReader(zeros{}, size-8))
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// streamedForm streams a form whose selfieImage is the base64 of img,
// encoded as it is sent, so the client holds none of it; pad adds that many
// line breaks (which base64 ignores) to the image's text.
func streamedForm(id string, img io.Reader, pad int) (io.Reader, string) {
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		_ = mw.WriteField("submissionId", id)
		_ = mw.WriteField("admin", "admin@sample.com")
		fw, _ := mw.CreateFormField("selfieImage")
		enc := base64.NewEncoder(base64.StdEncoding, fw)
		_, err := io.Copy(enc, img)
		if err == nil {
			err = enc.Close()
		}
		for ; pad > 0 && err == nil; pad -= 1024 {
			_, err = fw.Write(bytes.Repeat([]byte("\n"), min(pad, 1024)))
		}
		if err == nil {
			err = mw.Close()
		}
		pw.CloseWithError(err)
	}()
	return pr, mw.FormDataContentType()
}

// The per-image cap counts decoded bytes: exactly the cap passes, one more
// is 413; the whole body has its own cap, passed here by line breaks that
// decode to nothing. Nothing is stored past a cap.
func TestImageSizeCaps(t *testing.T) {
	const limit = 64 << 10
	sb := apitest.Sandbox(t, sandbox.Options{MaxImageBytes: limit})
	id := created(t, sb.URL)
	for _, tc := range []struct {
		name   string
		size   int64
		pad    int
		status int
	}{
		{"at the cap", limit, 0, 200},
		{"one byte above", limit + 1, 0, 413},
		{"a small image in a body above its cap", 1 << 10, 6*limit + 64<<10, 413},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := sb.Images(id)
			body, ct := streamedForm(id, fakeImage(tc.size), tc.pad)
			a := putImage(t, sb.URL, body, ct)
			if a.status != tc.status {
				t.Fatalf("%d %s, want %d", a.status, a.body, tc.status)
			}
			if tc.status == 413 {
				if a.field(t, "message") != "Request Entity Too Large" {
					t.Errorf("413 body %s", a.body)
				}
				if after := sb.Images(id); len(after.Images) != len(before.Images) ||
					(len(after.Images) > 0 && after.Images[0] != before.Images[0]) {
					t.Errorf("stored past the cap: %+v", after)
				}
			} else if set := sb.Images(id); len(set.Images) != 1 || set.Images[0].Size != tc.size {
				t.Errorf("stored %+v", set)
			}
		})
	}
}

// An image at the default cap (3 MiB, 4 MiB of base64) goes through while
// the sandbox and this client together allocate a small fraction of it:
// nothing holds the image whole.
func TestImageMemoryStaysBounded(t *testing.T) {
	sb := apitest.Sandbox(t, sandbox.Options{})
	id := created(t, sb.URL)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	body, ct := streamedForm(id, fakeImage(sandbox.DefaultMaxImageBytes), 0)
	a := putImage(t, sb.URL, body, ct)
	runtime.ReadMemStats(&after)
	if a.status != 200 {
		t.Fatalf("%d %s", a.status, a.body)
	}
	allocated := after.TotalAlloc - before.TotalAlloc
	t.Logf("a %d MiB image: %d KiB allocated in all", sandbox.DefaultMaxImageBytes>>20, allocated>>10)
	if allocated > 1<<20 {
		t.Errorf("%d KiB allocated for a %d KiB image: the image was held whole", allocated>>10, sandbox.DefaultMaxImageBytes>>10)
	}
	if set := sb.Images(id); len(set.Images) != 1 || set.Images[0].Size != sandbox.DefaultMaxImageBytes {
		t.Fatalf("stored %+v", set)
	}
}
