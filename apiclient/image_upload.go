package apiclient

import (
	"errors"
	"slices"
	"strings"
	"time"
)

// ImageUpload is one call of PUT /v3/submission/image: the submission, the
// admin account, the ID type, and at least one image checked by
// CheckImageFile (nil for an image not sent).
type ImageUpload struct {
	SubmissionID string
	Admin        string
	IDType       string // required with Front or Back
	Front        *ImageFile
	Back         *ImageFile
	Selfie       *ImageFile
	AddressProof *ImageFile
}

// ImagePart is one image of an upload.
type ImagePart struct {
	Kind ImageKind
	File *ImageFile
}

// Parts lists the images to send, in the vendor's order.
func (u ImageUpload) Parts() []ImagePart {
	var parts []ImagePart
	for _, k := range ImageKinds {
		if f := u.File(k); f != nil {
			parts = append(parts, ImagePart{Kind: k, File: f})
		}
	}
	return parts
}

// File returns the image of the given kind, nil when none is sent.
func (u ImageUpload) File(k ImageKind) *ImageFile {
	switch k {
	case ImageIDFront:
		return u.Front
	case ImageIDBack:
		return u.Back
	case ImageSelfie:
		return u.Selfie
	case ImageAddressProof:
		return u.AddressProof
	}
	return nil
}

// SetFile puts f in the slot of kind k.
func (u *ImageUpload) SetFile(k ImageKind, f *ImageFile) {
	switch k {
	case ImageIDFront:
		u.Front = f
	case ImageIDBack:
		u.Back = f
	case ImageSelfie:
		u.Selfie = f
	case ImageAddressProof:
		u.AddressProof = f
	}
}

// NeedsIDType reports whether the upload carries the front or back of the
// ID, which the call takes only with an idType.
func (u ImageUpload) NeedsIDType() bool { return u.Front != nil || u.Back != nil }

// Check applies the image call's rules to the upload's fields, the same
// rulebook as the record's where they share a field: a submission id, an
// admin email, at least one image, and a documented idType, required with
// the front or back of the ID. It returns nil or an *ImageCheckError.
func (u ImageUpload) Check() error {
	var given []ImageKind
	for _, p := range u.Parts() {
		given = append(given, p.Kind)
	}
	return u.check(given)
}

// check is Check with the kinds the operator gave, sent or not (a file
// that failed its own check still counts as given: the operator is told
// about the file, not that no image was named).
func (u ImageUpload) check(given []ImageKind) error {
	var problems []*ImageProblem
	add := func(field string, msg text) {
		problems = append(problems, imageProblem(field, "", msg, nil))
	}
	// The one rule for an id (the answers' and the lookup's too).
	if strings.TrimSpace(u.SubmissionID) == "" {
		add(ImageFieldSubmissionID, say("images.rule.id_required"))
	} else if p := submissionIDProblem(u.SubmissionID); p.id != "" {
		add(ImageFieldSubmissionID, p)
	}
	// The record's rulebook for the fields the calls share.
	rec := Submission{Admin: u.Admin, IDType: u.IDType}
	if p := CheckField(&rec, FieldAdmin, time.Time{}); p != nil {
		add(ImageFieldAdmin, p.detail())
	}
	switch {
	case u.IDType != "":
		if p := CheckField(&rec, FieldIDType, time.Time{}); p != nil {
			add(ImageFieldIDType, p.detail())
		}
	case slices.ContainsFunc(given, ImageKind.NeedsIDType):
		add(ImageFieldIDType, say("images.rule.id_type_required", optionValues(IDTypes)))
	}
	if len(given) == 0 {
		add("", say("images.rule.no_image"))
	}
	for _, p := range u.Parts() {
		if p.File.info == nil || p.File.Type == "" {
			add(string(p.Kind), say("images.rule.unchecked"))
		}
	}
	if len(problems) == 0 {
		return nil
	}
	return &ImageCheckError{Problems: problems}
}

func optionValues(opts []Option) string {
	values := make([]string, len(opts))
	for i, o := range opts {
		values[i] = o.Value
	}
	return strings.Join(values, ", ")
}

// PrepareImages checks every file named in paths (by kind; "" or absent for
// none) and the upload's fields, and returns the upload ready for
// Client.AttachImages, or an *ImageCheckError listing every problem at
// once, so that an operator fixes them all in one go.
func PrepareImages(submissionID, admin, idType string, paths map[ImageKind]string) (ImageUpload, error) {
	u := ImageUpload{SubmissionID: submissionID, Admin: admin, IDType: idType}
	var problems []*ImageProblem
	var given []ImageKind
	for _, k := range ImageKinds {
		path, ok := paths[k]
		if !ok || path == "" {
			continue
		}
		given = append(given, k)
		f, err := CheckImageFile(k, path)
		if err != nil {
			var p *ImageProblem
			if !errors.As(err, &p) {
				p = imageProblem(string(k), path, literal(Sanitize(err.Error())), err)
			}
			problems = append(problems, p)
			continue
		}
		u.SetFile(k, f)
	}
	if err := u.check(given); err != nil {
		var ce *ImageCheckError
		if errors.As(err, &ce) {
			problems = append(problems, ce.Problems...)
		}
	}
	if len(problems) > 0 {
		return ImageUpload{}, &ImageCheckError{Problems: problems}
	}
	return u, nil
}
