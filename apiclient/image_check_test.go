package apiclient_test

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"argos-migrate/apiclient"
)

// pngImage and jpegImage are real, small images, encoded by the standard
// library.
func pngImage(tb testing.TB) []byte {
	tb.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, pattern(16, 8)); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

func jpegImage(tb testing.TB) []byte {
	tb.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, pattern(16, 8), nil); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

func pattern(w, h int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := range w {
		for y := range h {
			img.Set(x, y, color.RGBA{uint8(x * 16), uint8(y * 32), 128, 255})
		}
	}
	return img
}

// sizedImage is a file of exactly n bytes that starts as a png does: the
// size rules care about bytes, not pixels.
func sizedImage(n int) []byte {
	b := make([]byte, n)
	copy(b, "\x89PNG\r\n\x1a\n")
	for i := 8; i < n; i++ {
		b[i] = byte(i * 7)
	}
	return b
}

func writeFile(tb testing.TB, dir, name string, data []byte) string {
	tb.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		tb.Fatal(err)
	}
	return p
}

// The type is told by the bytes: a png named .jpg passes (as a png), text or
// another image format named .png does not, and the refusal says what the
// file seems to be.
func TestCheckImageFileTellsTheTypeByTheBytes(t *testing.T) {
	dir := t.TempDir()
	var gifData bytes.Buffer
	if err := gif.Encode(&gifData, pattern(4, 4), nil); err != nil {
		t.Fatal(err)
	}
	heic := append([]byte("\x00\x00\x00\x18ftypheic"), make([]byte, 16)...)
	cases := []struct {
		name, file string
		data       []byte
		wantType   string // "" means refused
		wantMsg    string
	}{
		{"png named png", "a.png", pngImage(t), apiclient.ImageTypePNG, ""},
		{"png named jpg", "photo.jpg", pngImage(t), apiclient.ImageTypePNG, ""},
		{"jpeg named png", "scan.png", jpegImage(t), apiclient.ImageTypeJPEG, ""},
		{"jpeg with no extension", "scan", jpegImage(t), apiclient.ImageTypeJPEG, ""},
		{"text named png", "notes.png", []byte("name,email\nkim,kim@example.com\n"), "", "is not a jpg or png image: it holds text"},
		{"gif named jpg", "anim.jpg", gifData.Bytes(), "", "it is a GIF image; convert it to jpg or png first"},
		{"heic named jpg", "IMG_0001.jpg", heic, "", "HEIC/HEIF photo"},
		{"pdf named png", "id.png", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), "", "it is a PDF"},
		{"empty", "empty.png", nil, "", "is empty"},
		{"one byte short of a png signature", "cut.png", []byte("\x89PNG\r\n\x1a"), "", "is not a jpg or png image"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, dir, tc.file, tc.data)
			f, err := apiclient.CheckImageFile(apiclient.ImageIDFront, path)
			if tc.wantType != "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if f.Type != tc.wantType || f.Size != int64(len(tc.data)) || f.Path != path {
					t.Errorf("got %+v, want type %s, %d bytes", f, tc.wantType, len(tc.data))
				}
				return
			}
			checkProblem(t, err, string(apiclient.ImageIDFront), tc.wantMsg)
			if !strings.Contains(err.Error(), "Front of the ID "+path+": ") {
				t.Errorf("the message does not name the image and the file: %q", err)
			}
		})
	}
}

func checkProblem(t *testing.T, err error, field, msg string) {
	t.Helper()
	var p *apiclient.ImageProblem
	if !errors.As(err, &p) || !errors.Is(err, apiclient.ErrInvalidImages) {
		t.Fatalf("error %v (%T), want an *ImageProblem matching ErrInvalidImages", err, err)
	}
	if p.Field != field || !strings.Contains(p.Message, msg) {
		t.Errorf("problem %+v, want field %q and a message with %q", p, field, msg)
	}
}

// What a file is, rather than what it holds: missing, a folder, a link.
// Links are followed, since only reading is at stake: a link to an image is
// that image, a link to nothing or to a folder is refused as its target.
func TestCheckImageFileRefusesWhatIsNotAFile(t *testing.T) {
	dir := t.TempDir()
	img := writeFile(t, dir, "real.png", pngImage(t))
	link := filepath.Join(dir, "link.jpg")
	dangling := filepath.Join(dir, "dangling.jpg")
	folderLink := filepath.Join(dir, "folder-link.png")
	for target, name := range map[string]string{img: link, filepath.Join(dir, "gone.png"): dangling, dir: folderLink} {
		if err := os.Symlink(target, name); err != nil {
			t.Fatal(err)
		}
	}
	if f, err := apiclient.CheckImageFile(apiclient.ImageSelfie, link); err != nil || f.Type != apiclient.ImageTypePNG {
		t.Errorf("a link to a png: %+v, %v", f, err)
	}
	for path, msg := range map[string]string{
		filepath.Join(dir, "nope.png"): "does not exist",
		dangling:                       "does not exist",
		dir:                            "is a folder, not an image file",
		folderLink:                     "is a folder, not an image file",
		"":                             "no file was named",
	} {
		_, err := apiclient.CheckImageFile(apiclient.ImageSelfie, path)
		checkProblem(t, err, string(apiclient.ImageSelfie), msg)
	}
}

// A file that cannot be read is refused with the reason in words. As root
// every file can be read, so there the same file must pass: either way the
// check says what reading it does.
func TestCheckImageFileUnreadable(t *testing.T) {
	path := writeFile(t, t.TempDir(), "locked.png", pngImage(t))
	if err := os.Chmod(path, 0); err != nil {
		t.Fatal(err)
	}
	_, err := apiclient.CheckImageFile(apiclient.ImageSelfie, path)
	if os.Geteuid() == 0 {
		if err != nil {
			t.Fatalf("root can read the file, yet: %v", err)
		}
		return
	}
	checkProblem(t, err, string(apiclient.ImageSelfie), "cannot be read: permission denied")
}

// The limit is a refusal above MaxImageBytes, exactly at it a pass; above
// LargeImageBytes the file is marked large (the warning).
func TestCheckImageFileSizeLimits(t *testing.T) {
	dir := t.TempDir()
	atLimit := writeFile(t, dir, "max.png", sizedImage(apiclient.MaxImageBytes))
	over := writeFile(t, dir, "over.png", sizedImage(apiclient.MaxImageBytes+1))
	large := writeFile(t, dir, "large.png", sizedImage(apiclient.LargeImageBytes+1))
	small := writeFile(t, dir, "small.png", sizedImage(apiclient.LargeImageBytes))

	if f, err := apiclient.CheckImageFile(apiclient.ImageIDBack, atLimit); err != nil || f.Size != apiclient.MaxImageBytes || !f.Large() {
		t.Errorf("at the limit: %+v, %v", f, err)
	}
	_, err := apiclient.CheckImageFile(apiclient.ImageIDBack, over)
	checkProblem(t, err, string(apiclient.ImageIDBack), "is 3,000,001 bytes; the limit is 3 MB (3,000,000 bytes)")
	if f, err := apiclient.CheckImageFile(apiclient.ImageIDBack, large); err != nil || !f.Large() {
		t.Errorf("above 1 MB: %+v, %v", f, err)
	}
	if f, err := apiclient.CheckImageFile(apiclient.ImageIDBack, small); err != nil || f.Large() {
		t.Errorf("exactly 1 MB is not large: %+v, %v", f, err)
	}
}

// A size is said rounded, in the unit that suits it, except one that
// would read as a limit it is not (1 MB, 3 MB: a warning or a refusal would
// then say "3 MB; the limit is 3 MB"), said in bytes instead.
func TestByteSize(t *testing.T) {
	for n, want := range map[int64]string{
		0: "0 bytes", 999: "999 bytes", 1000: "1 KB", 812_345: "812 KB", 999_499: "999 KB",
		999_500: "999,500 bytes", 1_000_000: "1 MB", 1_000_400: "1,000,400 bytes", 1_049_999: "1,049,999 bytes",
		1_050_000: "1.1 MB", 1_400_000: "1.4 MB", 2_960_000: "2,960,000 bytes", 3_000_000: "3 MB",
		3_000_189: "3,000,189 bytes", 3_100_000: "3.1 MB", 16_000_000: "16 MB",
	} {
		if got := apiclient.ByteSize(n); got != want {
			t.Errorf("ByteSize(%d) = %q, want %q", n, got, want)
		}
	}
	// The class: no size on either side of a limit reads as the limit.
	for _, limit := range []int64{apiclient.LargeImageBytes, apiclient.MaxImageBytes} {
		for n := limit - 60_000; n <= limit+60_000; n += 7 {
			if n != limit && apiclient.ByteSize(n) == apiclient.ByteSize(limit) {
				t.Fatalf("ByteSize(%d) = %q, the limit's words", n, apiclient.ByteSize(n))
			}
		}
	}
}

// The upload's own rules: the record's rulebook for admin and idType, the
// idType required only with an ID image, at least one image, and every
// problem at once.
func TestImageUploadRules(t *testing.T) {
	dir := t.TempDir()
	front := writeFile(t, dir, "front.jpg", jpegImage(t))
	selfie := writeFile(t, dir, "selfie.png", pngImage(t))
	notes := writeFile(t, dir, "notes.png", []byte("just text"))
	cases := []struct {
		name             string
		id, admin, idTyp string
		paths            map[apiclient.ImageKind]string
		want             []string // field: message fragment, in order
	}{
		{"complete", "sbx1", "admin@sample.com", "passport",
			map[apiclient.ImageKind]string{apiclient.ImageIDFront: front, apiclient.ImageSelfie: selfie}, nil},
		{"a selfie needs no idType", "sbx1", "admin@sample.com", "",
			map[apiclient.ImageKind]string{apiclient.ImageSelfie: selfie}, nil},
		{"an ID image does", "sbx1", "admin@sample.com", "",
			map[apiclient.ImageKind]string{apiclient.ImageIDFront: front},
			[]string{"idType: is required with the front or back of the ID: one of drivers_license, government_id"}},
		{"an idType that is not documented", "sbx1", "admin@sample.com", "Passport",
			map[apiclient.ImageKind]string{apiclient.ImageIDFront: front},
			[]string{`idType: must be one of: drivers_license`}},
		{"no image", "sbx1", "admin@sample.com", "passport", nil,
			[]string{": at least one image is required"}},
		{"every problem at once", " ", "admin", "",
			map[apiclient.ImageKind]string{apiclient.ImageIDBack: notes, apiclient.ImageSelfie: filepath.Join(dir, "missing.png")},
			[]string{"idBackImage: is not a jpg or png image", "selfieImage: does not exist",
				"submissionId: is required", "admin: is not an email address", "idType: is required"}},
		{"a submission id with a line break", "sbx1\n", "admin@sample.com", "",
			map[apiclient.ImageKind]string{apiclient.ImageSelfie: selfie}, []string{"submissionId: holds spaces, control or invisible characters"}},
		// The one rule for an id, the same as for the ids the server gives.
		{"a submission id that is not UTF-8", "sbx\xff1", "admin@sample.com", "",
			map[apiclient.ImageKind]string{apiclient.ImageSelfie: selfie}, []string{"submissionId: is not valid UTF-8 text"}},
		{"a submission id that is too long", strings.Repeat("s", 257), "admin@sample.com", "",
			map[apiclient.ImageKind]string{apiclient.ImageSelfie: selfie}, []string{"submissionId: is longer than 256 bytes"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			u, err := apiclient.PrepareImages(tc.id, tc.admin, tc.idTyp, tc.paths)
			if tc.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				if len(u.Parts()) != len(tc.paths) || u.Check() != nil {
					t.Errorf("upload %+v does not hold what was named", u)
				}
				return
			}
			var ce *apiclient.ImageCheckError
			if !errors.As(err, &ce) || !errors.Is(err, apiclient.ErrInvalidImages) {
				t.Fatalf("error %v, want an *ImageCheckError", err)
			}
			if len(ce.Problems) != len(tc.want) {
				t.Fatalf("%d problems, want %d: %v", len(ce.Problems), len(tc.want), err)
			}
			for i, want := range tc.want {
				field, msg, _ := strings.Cut(want, ": ")
				if p := ce.Problems[i]; p.Field != field || !strings.Contains(p.Message, msg) {
					t.Errorf("problem %d is %s: %s; want %s", i, p.Field, p.Message, want)
				}
			}
		})
	}
}

// An ImageFile that did not come from CheckImageFile is refused: the type
// and size it claims were never checked.
func TestImageUploadRefusesUncheckedFiles(t *testing.T) {
	u := apiclient.ImageUpload{SubmissionID: "sbx1", Admin: "admin@sample.com",
		Selfie: &apiclient.ImageFile{Path: "selfie.png", Type: apiclient.ImageTypePNG, Size: 10}}
	var ce *apiclient.ImageCheckError
	if err := u.Check(); !errors.As(err, &ce) || ce.Problems[0].Field != string(apiclient.ImageSelfie) {
		t.Fatalf("Check = %v", err)
	}
}
