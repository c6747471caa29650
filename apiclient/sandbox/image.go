package sandbox

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"io"
	"net/http"
	"slices"

	"argos-migrate/apiclient"
)

// The image call's form fields, as the client sends them (apiclient's
// image contract: ImagePath, the Code... values, ImageKind).
const (
	fieldSubmissionID = apiclient.ImageFieldSubmissionID
	fieldAdmin        = apiclient.ImageFieldAdmin
	fieldIDType       = apiclient.ImageFieldIDType
	fieldIDImage      = string(apiclient.ImageIDFront)
	fieldIDBackImage  = string(apiclient.ImageIDBack)
	fieldSelfieImage  = string(apiclient.ImageSelfie)
	fieldAddressImage = string(apiclient.ImageAddressProof)
)

// imageFields are the image fields of the call, in the vendor's order.
var imageFields = []string{fieldIDImage, fieldIDBackImage, fieldSelfieImage, fieldAddressImage}

// Image is what the sandbox keeps of one image it was sent: never the bytes.
type Image struct {
	Field  string   // idImage, idBackImage, selfieImage or addressImage
	Type   string   // "image/jpeg" or "image/png", told by the bytes
	Size   int64    // decoded bytes
	SHA256 [32]byte // of the decoded bytes
}

// ImageSet is what the sandbox holds of one submission's images: the idType
// last sent with them and the latest image of each field sent so far, in
// the vendor's order (idImage, idBackImage, selfieImage, addressImage).
type ImageSet struct {
	IDType string
	Images []Image
}

// Images returns the images stored for a submission (none for an unknown
// id).
func (s *Server) Images(submissionID string) ImageSet {
	s.mu.Lock()
	defer s.mu.Unlock()
	i, ok := s.byID[submissionID]
	if !ok || s.images[i] == nil {
		return ImageSet{}
	}
	set := s.images[i]
	return ImageSet{IDType: set.IDType, Images: slices.Clone(set.Images)}
}

// imageWords are the image call's messages for the answers magic admins
// share with the migration call.
var imageWords = callWords{payload: "Fail to parse the input data.", processing: "Failed to put image."}

// maxImageField bounds submissionId, admin and idType.
const maxImageField = 1 << 10

// imageForm is what the sandbox read of an image request.
type imageForm struct {
	submissionID, admin, idType string
	images                      []Image // the valid, non-empty ones, in the order sent
	invalid                     string  // the first image field that is not a base64 jpg or png
	idImages                    bool    // idImage or idBackImage was sent, valid or not
}

// errTooLarge: an image, or the whole body, is above its cap (413).
var errTooLarge = errors.New("too large")

// errBadPayload: the body is not a multipart form the call can read.
var errBadPayload = errors.New("bad payload")

// serveImage answers PUT /v3/submission/image. The vendor does not document
// the encryption option for this call (its notice covers JSON bodies, and a
// multipart form has no {"body": ...} to seal), so the answers stay plain
// whatever Options.Encrypted says.
func (s *Server) serveImage(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPut {
		writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"message": "Method Not Allowed"})
		return
	}
	if r.Header.Get("x-api-key") != s.key {
		writeJSON(w, http.StatusForbidden, map[string]string{"message": "Forbidden"})
		return
	}
	refuse := func(code, msg string) {
		writeJSON(w, http.StatusBadRequest, map[string]string{"errorCode": code, "message": msg})
	}
	raw := w
	if aw, ok := w.(*answerWriter); ok {
		raw = aw.w // so that the server learns the body was cut short
	}
	r.Body = http.MaxBytesReader(raw, r.Body, s.maxImageBody())
	form, err := s.readImageForm(r)
	switch {
	case errors.Is(err, errTooLarge):
		writeTooLarge(w)
		return
	case err != nil:
		refuse(apiclient.CodeInvalidPayload, imageWords.payload)
		return
	case form.submissionID == "" || form.admin == "":
		refuse(apiclient.CodeMissingData, "Required input data is missing.")
		return
	}
	if s.refuseForAdmin(w, form.admin, imageWords, writeJSON) {
		return
	}
	if s.takeImageFailure() {
		writeJSON(w, http.StatusInternalServerError, map[string]string{"message": "Internal server error"})
		return
	}
	switch {
	case !s.exists(form.submissionID):
		refuse(apiclient.CodeInvalidSubmission, "Invalid submission.")
	case len(form.images) == 0 && form.invalid == "":
		refuse(apiclient.CodeInvalidData, "At least one image parameter is required.")
	case form.idType != "" && !validIDType(form.idType):
		refuse(apiclient.CodeInvalidIDType, "Invalid IdType.")
	case form.idImages && form.idType == "":
		refuse(apiclient.CodeMissingData, "The idType is required when submit idImage or idBackImage.")
	case form.invalid != "":
		// The vendor documents no code for an unreadable image; this one
		// and its message are the sandbox's.
		refuse(apiclient.CodeInvalidData, "Invalid image: "+form.invalid+" is not a base64-encoded jpg or png.")
	default:
		s.storeImages(form)
		if s.finishForAdmin(w, r, form.admin) {
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"message": "complete to update image."})
	}
}

// FailImages makes the next n image requests that would be read answer
// 500, attaching nothing: a server failing after the records were created,
// for the batch import's "record created, images failed" path. The
// failures are counted, so a retry after them succeeds.
func (s *Server) FailImages(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failImages = n
}

func (s *Server) takeImageFailure() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failImages <= 0 {
		return false
	}
	s.failImages--
	return true
}

// maxImageBody caps the whole image request: four images in base64 (4/3 of
// their size) with room for line breaks, plus 64 KiB for the other fields
// and the multipart framing.
func (s *Server) maxImageBody() int64 { return 6*s.maxImage + 64<<10 }

// readImageForm streams the multipart parts, keeping of each image only its
// size, type and hash. It stops at the first part it cannot read
// (errBadPayload) or the first cap passed (errTooLarge).
func (s *Server) readImageForm(r *http.Request) (imageForm, error) {
	var form imageForm
	mr, err := r.MultipartReader()
	if err != nil {
		return form, errBadPayload
	}
	seen := map[string]bool{}
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return form, nil
		}
		if err != nil {
			return form, readFailure(err)
		}
		name := p.FormName()
		if name == "" || seen[name] {
			return form, errBadPayload // a nameless or repeated field
		}
		seen[name] = true
		switch name {
		case fieldSubmissionID, fieldAdmin, fieldIDType:
			v, err := io.ReadAll(io.LimitReader(p, maxImageField+1))
			if err != nil {
				return form, readFailure(err)
			}
			if len(v) > maxImageField {
				return form, errBadPayload
			}
			switch name {
			case fieldSubmissionID:
				form.submissionID = string(v)
			case fieldAdmin:
				form.admin = string(v)
			default:
				form.idType = string(v)
			}
		case fieldIDImage, fieldIDBackImage, fieldSelfieImage, fieldAddressImage:
			img, err := readImage(p, s.maxImage)
			if err != nil && !errors.Is(err, errNotAnImage) {
				return form, err
			}
			if name == fieldIDImage || name == fieldIDBackImage {
				form.idImages = form.idImages || err != nil || img.Size > 0
			}
			switch {
			case err != nil:
				if form.invalid == "" {
					form.invalid = name
				}
			case img.Size > 0: // an empty field is a field not sent
				img.Field = name
				form.images = append(form.images, img)
			}
		default:
			return form, errBadPayload // not a field of the call
		}
	}
}

// errNotAnImage: the part is not base64, or its bytes are not a jpg or png.
var errNotAnImage = errors.New("not a base64 jpg or png")

// readImage decodes one image part as it streams, keeping its size, its
// first bytes (to tell the type) and its hash.
func readImage(p io.Reader, maxBytes int64) (Image, error) {
	h := sha256.New()
	var head headBytes
	src := &sourceReader{r: p}
	n, err := io.Copy(io.MultiWriter(h, &head), io.LimitReader(base64.NewDecoder(base64.StdEncoding, src), maxBytes+1))
	switch {
	case src.err != nil:
		return Image{}, readFailure(src.err) // the body, not the image
	case err != nil:
		return Image{}, errNotAnImage // corrupt or unpadded base64
	case n > maxBytes:
		return Image{}, errTooLarge
	case n == 0:
		return Image{}, nil
	}
	img := Image{Size: n}
	switch {
	case bytes.HasPrefix(head.b, []byte("\xff\xd8\xff")):
		img.Type = "image/jpeg"
	case bytes.HasPrefix(head.b, []byte("\x89PNG\r\n\x1a\n")):
		img.Type = "image/png"
	default:
		return Image{}, errNotAnImage
	}
	copy(img.SHA256[:], h.Sum(nil))
	return img, nil
}

// sourceReader remembers a failure of the part itself (other than its end),
// to tell a broken body from broken base64.
type sourceReader struct {
	r   io.Reader
	err error
}

func (s *sourceReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if err != nil && err != io.EOF {
		s.err = err
	}
	return n, err
}

// readFailure sorts a failure to read the body: past the cap, or not a
// readable multipart form.
func readFailure(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return errTooLarge
	}
	return errBadPayload
}

// headBytes keeps the first 8 bytes written to it: enough for the jpg and
// png signatures.
type headBytes struct{ b []byte }

func (h *headBytes) Write(p []byte) (int, error) {
	if room := 8 - len(h.b); room > 0 {
		h.b = append(h.b, p[:min(room, len(p))]...)
	}
	return len(p), nil
}

func validIDType(v string) bool {
	return slices.ContainsFunc(apiclient.IDTypes, func(o apiclient.Option) bool { return o.Value == v })
}

// exists reports whether the sandbox created a submission with this id.
func (s *Server) exists(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.byID[id]
	return ok
}

// storeImages records what was sent: each field sent replaces the one
// stored, the others stay (the vendor: "add or update (overwrite)").
func (s *Server) storeImages(form imageForm) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i, ok := s.byID[form.submissionID]
	if !ok {
		return
	}
	set := s.images[i]
	if set == nil {
		set = &ImageSet{}
		s.images[i] = set
	}
	if form.idType != "" {
		set.IDType = form.idType
	}
	for _, img := range form.images {
		set.Images = slices.DeleteFunc(set.Images, func(o Image) bool { return o.Field == img.Field })
		set.Images = append(set.Images, img)
	}
	slices.SortFunc(set.Images, func(a, b Image) int {
		return slices.Index(imageFields, a.Field) - slices.Index(imageFields, b.Field)
	})
}
