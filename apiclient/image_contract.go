package apiclient

import (
	"slices"

	"argos-migrate/apiclient/i18n"
)

// ImagePath is where images are attached to an existing submission: PUT,
// multipart/form-data, each image a base64 string (the vendor's PUT/Image
// page). The call adds or overwrites the images it carries and leaves the
// others as they were.
const ImagePath = "/v3/submission/image"

// The image call's own error codes, from the vendor's table for PUT/Image.
// Its other codes are the migration call's: invalid_payload ("Fail to parse
// the input data."), missing_data (a missing submissionId or admin, or "The
// idType is required when submit idImage or idBackImage."),
// invalid_project, invalid_admin and processing_error ("Failed to put
// image.").
const (
	// CodeInvalidSubmission: "Invalid submission.", the submission id is
	// not one of the project's.
	CodeInvalidSubmission = "invalid_submission"
	// CodeInvalidData: "At least one image parameter is required.", no
	// image was sent (or, inferred, none the server could read).
	CodeInvalidData = "invalid_data"
	// CodeInvalidIDType: "Invalid IdType.", the idType is not one of the
	// documented values.
	CodeInvalidIDType = "invalid_idType"
)

// The image call's text fields (its image fields are the ImageKind values).
// admin and idType are the same keys as the record's FieldAdmin and
// FieldIDType.
const (
	ImageFieldSubmissionID = "submissionId"
	ImageFieldAdmin        = FieldAdmin
	ImageFieldIDType       = FieldIDType
)

// ImageKind is one of the four images a submission can hold; its value is
// the image's field in the multipart form.
type ImageKind string

// The four images, as the vendor names their fields.
const (
	ImageIDFront      ImageKind = "idImage"
	ImageIDBack       ImageKind = "idBackImage"
	ImageSelfie       ImageKind = "selfieImage"
	ImageAddressProof ImageKind = "addressImage"
)

// ImageKinds lists the images in the vendor's order, the order they are
// sent in.
var ImageKinds = []ImageKind{ImageIDFront, ImageIDBack, ImageSelfie, ImageAddressProof}

// Label is what an operator calls the image, in the run's language.
func (k ImageKind) Label() string { return k.label().String() }

func (k ImageKind) label() text {
	switch k {
	case ImageIDFront:
		return say("images.kind.id_front")
	case ImageIDBack:
		return say("images.kind.id_back")
	case ImageSelfie:
		return say("images.kind.selfie")
	case ImageAddressProof:
		return say("images.kind.address_proof")
	}
	return literal(string(k))
}

// NeedsIDType reports whether sending this image requires the idType field:
// the front and the back of the ID do.
func (k ImageKind) NeedsIDType() bool { return k == ImageIDFront || k == ImageIDBack }

// IsImageField reports whether field is one of the image call's fields:
// submissionId, admin, idType or an image.
func IsImageField(field string) bool {
	switch field {
	case ImageFieldSubmissionID, ImageFieldAdmin, ImageFieldIDType:
		return true
	}
	return slices.Contains(ImageKinds, ImageKind(field))
}

// imageFieldLabel names a field of the image call for an operator.
func imageFieldLabel(field string) string {
	switch field {
	case ImageFieldSubmissionID:
		return i18n.T("images.field.submission_id")
	case ImageFieldAdmin, ImageFieldIDType:
		return Label(field)
	}
	return ImageKind(field).Label()
}
