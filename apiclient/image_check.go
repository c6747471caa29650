package apiclient

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"argos-migrate/apiclient/i18n"
)

// Limits of the image files the tool sends. The vendor documents no size
// for PUT/Image; its other pages recommend images under 1 MB and cap
// uploads at 2 to 3 MB, so the tool warns above the first and refuses above
// the second. Four images at the limit make a body of about 16 MB (base64
// adds a third).
const (
	// MaxImageBytes is the largest image file the tool sends: 3 MB.
	MaxImageBytes = 3_000_000
	// LargeImageBytes is the size above which a file is sent with a
	// warning: ARGOS recommends images under 1 MB.
	LargeImageBytes = 1_000_000
)

// The image types the call takes, told by the file's first bytes.
const (
	ImageTypeJPEG = "image/jpeg"
	ImageTypePNG  = "image/png"
)

// ErrInvalidImages: an image upload breaks a rule (a file that is not a
// usable jpg or png, a missing field); nothing was sent.
var ErrInvalidImages = errors.New("invalid images")

// ImageFile is an image file that passed CheckImageFile: what it is, by its
// bytes, how big, and its SHA-256. It never holds the image itself: the
// client reads the file again as it sends, and stops if it is no longer the
// file that was checked.
type ImageFile struct {
	Path   string // as the operator named it
	Type   string // ImageTypeJPEG or ImageTypePNG
	Size   int64  // bytes
	SHA256 [32]byte
	info   fs.FileInfo
}

// Name is the file's base name, safe to draw.
func (f *ImageFile) Name() string { return Sanitize(filepath.Base(f.Path)) }

// TypeName is "JPEG" or "PNG".
func (f *ImageFile) TypeName() string {
	if f.Type == ImageTypePNG {
		return "PNG"
	}
	return "JPEG"
}

// Large reports whether the file is above the size ARGOS recommends.
func (f *ImageFile) Large() bool { return largeImage(f.Size) }

// largeImage is the one rule for a file above the size ARGOS recommends:
// above LargeImageBytes.
func largeImage(size int64) bool { return size > LargeImageBytes }

// EncodedSize is the length of the file's base64 text, as sent.
func (f *ImageFile) EncodedSize() int64 { return (f.Size + 2) / 3 * 4 }

// Describe names the file, its type and size: "front.jpg, JPEG, 812 KB".
func (f *ImageFile) Describe() string {
	return fmt.Sprintf("%s, %s, %s", f.Name(), f.TypeName(), ByteSize(f.Size))
}

// ImageProblem is one reason an image upload cannot be sent: a file that
// is not a usable image, or a field that breaks a rule.
type ImageProblem struct {
	// Field is the image call's field: submissionId, admin, idType or one of
	// the ImageKind values; "" for the upload as a whole (no image at all).
	Field string `json:"field,omitempty"`
	// Path is the file, for an image.
	Path string `json:"path,omitempty"`
	// Message says what is wrong, in the run's language: in English a verb
	// phrase ("is empty"), in Korean a sentence of its own. In JSON it is
	// English.
	Message string `json:"message"`
	// Source is how a front end names where the value came from (a flag, a
	// column); "" names the field by its label.
	Source string `json:"-"`
	Err    error  `json:"-"`

	msg text // Message, to be said in either language; empty when only Message was given
}

// imageProblem is a problem of the upload's field (or of the image file
// at path) whose words are msg.
func imageProblem(field, path string, msg text, err error) *ImageProblem {
	return &ImageProblem{Field: field, Path: path, Message: msg.String(), Err: err, msg: msg}
}

// MessageIn is Message in language l.
func (p *ImageProblem) MessageIn(l i18n.Lang) string {
	if p.msg.id == "" {
		return p.Message
	}
	return p.msg.in(l)
}

// MarshalJSON writes the problem with its message in English, whatever the
// run's language: JSON is for programs.
func (p ImageProblem) MarshalJSON() ([]byte, error) {
	type wire ImageProblem
	w := wire(p)
	w.Message = p.MessageIn(i18n.EN)
	return marshalPlain(w)
}

// Error reads "Front of the ID (notes.png): is not a jpg or png image …".
func (p *ImageProblem) Error() string {
	who := p.Source
	if who == "" {
		who = i18n.T("images.field.all")
		if p.Field != "" {
			who = imageFieldLabel(p.Field)
		}
	}
	if p.Path != "" {
		who += " " + Sanitize(p.Path)
	}
	return who + ": " + p.MessageIn(i18n.Language())
}

// Unwrap returns the cause (an os error), if any.
func (p *ImageProblem) Unwrap() error { return p.Err }

// Is makes every problem match ErrInvalidImages.
func (p *ImageProblem) Is(target error) bool { return target == ErrInvalidImages }

// ImageCheckError lists every problem of an image upload; nothing was sent.
type ImageCheckError struct {
	Problems []*ImageProblem
}

// Error joins the problems on one line.
func (e *ImageCheckError) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.Error()
	}
	return i18n.T("images.check.cannot_send", strings.Join(parts, "; "))
}

// Is makes an ImageCheckError match ErrInvalidImages.
func (e *ImageCheckError) Is(target error) bool { return target == ErrInvalidImages }

// sniffBytes is how much of a file is read to tell its type.
const sniffBytes = 512

// CheckImageFile checks that path is an image the call takes, before
// anything is sent: a regular file (a symbolic link is followed, since only
// reading it is at stake), readable, not empty, not above MaxImageBytes,
// and a jpg or png by its first bytes, whatever its name says. kind only
// names the image in the error, an *ImageProblem matching ErrInvalidImages.
// The wizard's file picker, the batch import's preflight and the image
// command all check files here.
func CheckImageFile(kind ImageKind, path string) (*ImageFile, error) {
	fail := func(msg text, err error) (*ImageFile, error) {
		return nil, imageProblem(string(kind), path, msg, err)
	}
	if strings.TrimSpace(path) == "" {
		return fail(say("images.file.none"), nil)
	}
	st, err := os.Stat(path)
	if err != nil {
		return fail(fileErrorWords(err), err)
	}
	switch {
	case st.IsDir():
		return fail(say("images.file.folder"), nil)
	case !st.Mode().IsRegular():
		return fail(say("images.file.not_regular"), nil)
	case st.Size() == 0:
		return fail(say("images.file.empty"), nil)
	case st.Size() > MaxImageBytes:
		return fail(tooBigWords(st.Size()), nil)
	}
	// Opening only after the checks above: opening a pipe would block.
	file, err := os.Open(path)
	if err != nil {
		return fail(fileErrorWords(err), err)
	}
	defer file.Close()
	opened, err := file.Stat()
	if err != nil {
		return fail(fileErrorWords(err), err)
	}
	if !os.SameFile(st, opened) || opened.Size() != st.Size() {
		return fail(say("images.file.changed"), nil)
	}
	head := make([]byte, sniffBytes)
	n, err := io.ReadFull(file, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return fail(fileErrorWords(err), err)
	}
	typ := ImageType(head[:n])
	if typ == "" {
		return fail(say("images.file.not_image", lookalike(head[:n])), nil)
	}
	// The hash of the whole file (at most MaxImageBytes), so that what is
	// sent can be proved to be what was checked.
	h := sha256.New()
	h.Write(head[:n])
	rest, err := io.Copy(h, io.LimitReader(file, MaxImageBytes))
	if err != nil {
		return fail(fileErrorWords(err), err)
	}
	if int64(n)+rest != opened.Size() {
		return fail(say("images.file.changed"), nil)
	}
	f := &ImageFile{Path: path, Type: typ, Size: opened.Size(), info: opened}
	h.Sum(f.SHA256[:0])
	return f, nil
}

// ImageType tells a jpg or png by its first bytes ("" for anything else):
// the name of a file says nothing about what it holds.
func ImageType(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte("\xff\xd8\xff")):
		return ImageTypeJPEG
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return ImageTypePNG
	}
	return ""
}

// lookalike says what a file that is not a jpg or png seems to be, so the
// operator knows what to convert.
func lookalike(head []byte) text {
	if len(head) >= 12 && string(head[4:8]) == "ftyp" {
		switch string(head[8:12]) {
		case "heic", "heix", "mif1", "msf1", "heif", "hevc":
			return say("images.like.heic")
		}
	}
	ct := http.DetectContentType(head)
	switch {
	case strings.HasPrefix(ct, "image/"):
		return say("images.like.other_image", strings.ToUpper(strings.TrimPrefix(ct, "image/")))
	case ct == "application/pdf":
		return say("images.like.pdf")
	case strings.HasPrefix(ct, "text/"):
		return say("images.like.text")
	}
	return say("images.like.unknown")
}

// fileErrorWords says why a file could not be read, without Go's wording
// where it can.
func fileErrorWords(err error) text {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return say("images.file.not_exist")
	case errors.Is(err, fs.ErrPermission):
		return say("images.file.permission")
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err // the path is named already
	}
	return say("images.file.unreadable", Sanitize(err.Error()))
}

func tooBigWords(size int64) text {
	return say("images.file.too_big", byteSize(size), byteSize(MaxImageBytes), groupDigits(MaxImageBytes),
		byteSize(LargeImageBytes))
}

// ByteSize says a size in decimal units, as file managers do, in the run's
// language: "640 bytes", "812 KB", "1.4 MB". A size that would round to a
// limit it is not (LargeImageBytes, MaxImageBytes: 1 MB, 3 MB) is said in
// bytes, "3,000,189 bytes", so that it never reads as the limit it is
// refused or warned for being above ("3 MB; the limit is 3 MB").
func ByteSize(n int64) string { return byteSize(n).String() }

func byteSize(n int64) text {
	for _, limit := range []int64{LargeImageBytes, MaxImageBytes} {
		if n != limit && roundedSize(n).in(i18n.EN) == roundedSize(limit).in(i18n.EN) {
			return say("images.size.bytes", int(n))
		}
	}
	return roundedSize(n)
}

// roundedSize is n in the unit that suits it, rounded.
func roundedSize(n int64) text {
	switch {
	case n < 1000:
		return say("images.size.bytes", int(n))
	case n < 999_500:
		return literal(strconv.FormatInt((n+500)/1000, 10) + " KB")
	}
	s := strconv.FormatFloat(float64(n)/1e6, 'f', 1, 64)
	return literal(strings.TrimSuffix(s, ".0") + " MB")
}

// groupDigits writes n with thousands separators: 3,000,000.
func groupDigits(n int64) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}
