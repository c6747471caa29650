package apiclient

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"argos-migrate/apiclient/i18n"
)

// ImageError is a failed image call. It wraps the *APIError,
// *TransportError or *RedirectError (errors.As finds them) and says what the call carried, so
// that the failure policy (Classify) speaks of the images, not of a record.
type ImageError struct {
	SubmissionID string
	Kinds        []ImageKind // the images the request carried
	IDType       string
	// Encrypted: the profile has secure data transmission on. The image
	// call was sent as plain multipart/form-data all the same, since the
	// vendor does not document the option for it.
	Encrypted bool
	Err       error
}

// Error says what failed and, for the network's failures, whether the
// images may have been attached.
func (e *ImageError) Error() string {
	var te *TransportError
	if errors.As(e.Err, &te) {
		what := "nothing was attached"
		if te.Sent {
			what = "the images may have been attached"
		}
		return fmt.Sprintf("attaching images: %s: %v (%s)", te.Op, te.Err, what)
	}
	return "attaching images: " + e.Err.Error()
}

// In says the error to a person in language l: the words before the
// failure in that language too (a Korean run never shows "attaching
// images:" in front of Korean words), ending with the failure's own words,
// which the failure policy then says plainly. Error keeps the full English
// text for logs and --json's detail.
func (e *ImageError) In(l i18n.Lang) string {
	return i18n.In(l, "errwrap.image.attaching", i18n.ErrorIn(l, e.Err))
}

// Unwrap returns the *APIError, *TransportError or *RedirectError.
func (e *ImageError) Unwrap() error { return e.Err }

// AttachImages sends the upload's images to its submission: PUT
// {base}/v3/submission/image, multipart/form-data with submissionId, admin,
// idType and each image as base64 text, under the same rules as Submit
// (Client.send: the key as x-api-key, the timeout, answers read up to
// 64 KiB and cleaned, no redirect followed, a *RedirectError instead). The
// form is streamed from the files (see imageBody), so memory stays bounded
// whatever the images' size.
//
// The upload is checked first (ImageUpload.Check): a broken rule is an
// *ImageCheckError and nothing is sent; so is a file that changed since
// CheckImageFile, found while sending (the request is cut short, and the
// server cannot read a form without its end). Other failures are an
// *ImageError wrapping an *APIError, *TransportError or *RedirectError;
// read them through Classify. The call replaces the images it carries, so
// sending the same upload again cannot create anything twice.
//
// The project's secure data transmission option is not applied: the
// vendor documents it for JSON bodies only, and the image call's page
// documents plain multipart/form-data.
func (c *Client) AttachImages(ctx context.Context, u ImageUpload) error {
	if err := u.Check(); err != nil {
		return err
	}
	body, err := newImageBody(u)
	if err != nil {
		return fmt.Errorf("building the image form: %w", err)
	}
	a, err := c.send(ctx, request{method: http.MethodPut, path: ImagePath,
		contentType: body.contentType(), open: body.open, length: body.length,
		bodyFailed: changedFile})
	var ce *ImageCheckError
	switch {
	case errors.As(err, &ce):
		return err
	case err != nil:
		return c.imageError(u, err)
	case a.truncated:
		return c.imageError(u, a.tooLarge())
	}
	if err := c.decodeImageAnswer(a.status, a.data); err != nil {
		return c.imageError(u, err)
	}
	return nil
}

// changedFile is the error for an image form that stopped because a file
// is no longer the one checked (encodeImage): nothing was attached, and it
// is said of the file, not of the network. nil for any other failure.
func changedFile(err error) error {
	var p *ImageProblem
	if errors.As(err, &p) {
		return &ImageCheckError{Problems: []*ImageProblem{p}}
	}
	return nil
}

func (c *Client) imageError(u ImageUpload, err error) *ImageError {
	e := &ImageError{SubmissionID: u.SubmissionID, IDType: u.IDType, Encrypted: c.encrypted, Err: err}
	for _, p := range u.Parts() {
		e.Kinds = append(e.Kinds, p.Kind)
	}
	return e
}

// decodeImageAnswer reads the image call's answer. Success is any 2xx whose
// body is a JSON object without an errorCode (the vendor's is {"message":
// "complete to update image."}), decrypted first when it says it is
// encrypted; a 2xx that cannot be read is an *APIError the policy reads as
// "may have been attached". Other answers are read as the migration call's
// are, except that they say nothing about the encryption setting: this
// call is never encrypted, so switching it would change nothing.
func (c *Client) decodeImageAnswer(status int, data []byte) error {
	if status < 200 || status >= 300 {
		_, err := c.decodeResponse(status, data)
		var apiErr *APIError
		if errors.As(err, &apiErr) {
			apiErr.Encryption = EncryptionOK
		}
		return err
	}
	ans, perr := parseAnswer(data)
	if perr == nil && ans.IsEncrypted && ans.Data != nil {
		plain, err := c.openResponse(*ans.Data)
		if err != nil {
			return &APIError{Status: status, Message: err.Error(), Err: err}
		}
		ans, perr = parseAnswer(plain)
		data = plain
	}
	if perr != nil || !strings.HasPrefix(strings.TrimSpace(string(data)), "{") || ans.ErrorCode != "" {
		return &APIError{Status: status, Message: "success status with an answer that could not be read: " + excerpt(data)}
	}
	return nil
}
