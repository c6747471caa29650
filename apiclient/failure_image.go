package apiclient

import (
	"context"
	"errors"
)

// The failure policy for the image call (PUT /v3/submission/image).
//
// The outcomes keep their meaning, said of the images: not_sent (nothing
// reached the server: nothing was attached), rejected (the server answered
// and attached nothing) and unknown (the images may have been attached: a
// timeout or reset after the form was sent, a 5xx, processing_error, a
// success that could not be read). What differs from a record is what a
// retry risks. The call adds or overwrites the images it carries (the
// vendor: "add or update (overwrite)") on a submission that already exists,
// so sending the same images again replaces them: it cannot create a second
// submission or a second copy of an image. An unknown outcome is therefore
// retryable, with no lookup first, unlike a record's.

// The image call's own reasons, from its documented error codes.
const (
	// ReasonInvalidSubmission: the submission id is not the project's.
	ReasonInvalidSubmission Reason = CodeInvalidSubmission
	// ReasonInvalidData: the server found no image in the request.
	ReasonInvalidData Reason = CodeInvalidData
	// ReasonInvalidIDType: the idType is not one the server takes.
	ReasonInvalidIDType Reason = CodeInvalidIDType
)

// imagesRetryable: re-sending images replaces them, so an unknown outcome
// cannot lead to a duplicate.
func (f Failure) imagesRetryable() bool { return f.Images && f.Outcome == OutcomeUnknown }

// imageConsequence says what the outcome means for the images.
func (o Outcome) imageConsequence() string {
	switch o {
	case OutcomeUnknown:
		return "The images may have been attached. Sending them again replaces them: it cannot create a second submission or a second copy of an image."
	case OutcomeNotSent:
		return "Nothing was attached, so sending the images again is safe."
	}
	return "No image was attached; the submission is as it was."
}

// imageFailure turns the policy's reading of an image call's error into
// the image call's: its own error codes, its fields, its words.
func imageFailure(f Failure, ie *ImageError) Failure {
	f.Images = true
	f.Encryption = EncryptionOK // the call is never encrypted: switching changes nothing
	var apiErr *APIError
	isAnswer := errors.As(ie.Err, &apiErr)
	if isAnswer && (f.Reason == ReasonRefused || f.Reason == ReasonEncryption) {
		// The codes the policy does not know for a record, and a hint
		// about encryption, which this call does not use.
		switch apiErr.Code {
		case CodeInvalidSubmission, CodeInvalidData, CodeInvalidIDType:
			f.Reason = Reason(apiErr.Code)
		case "":
			f.Reason = ReasonRefused
		default:
			f.Reason = Reason(apiErr.Code)
			if !isDocumentedCode(apiErr.Code) {
				f.Reason = ReasonRefused
			}
		}
	}
	f.Field, f.Note = imageFieldToFix(f.Reason, ie), ""
	if f.Field != "" && isAnswer {
		f.Note = apiErr.Message
		if f.Note == "" {
			f.Note = apiErr.Code
		}
	}
	f.Title, f.Explain = f.imageText(ie)
	return f
}

// imageFieldToFix is the image call's field an operator can correct after
// a refusal ("" when none can fix it).
func imageFieldToFix(r Reason, ie *ImageError) string {
	switch r {
	case ReasonInvalidAdmin:
		return ImageFieldAdmin
	case ReasonInvalidSubmission:
		return ImageFieldSubmissionID
	case ReasonInvalidIDType:
		return ImageFieldIDType
	case ReasonMissingData:
		switch {
		case ie.SubmissionID == "":
			return ImageFieldSubmissionID
		case ie.IDType == "":
			for _, k := range ie.Kinds {
				if k.NeedsIDType() {
					return ImageFieldIDType
				}
			}
		}
	}
	return ""
}

// imageText is the title and explanation of an image call's failure. The
// reasons not named here (the key, the project, the admin account, an
// answer that does not decrypt) read the same for either call.
func (f Failure) imageText(ie *ImageError) (title, explain string) {
	switch f.Reason {
	case ReasonInvalidSubmission:
		return "The submission was not found", "The server does not know this submission id in the project. Check the id (the one given when the submission was created) and that the API key is the same project's."
	case ReasonInvalidData:
		return "The server found no image", "The server found no image it could use in the request: none was sent, or none could be read as a base64 jpg or png."
	case ReasonInvalidIDType:
		return "The ID type was refused", "The server does not accept this ID type. Use one of: " + optionValues(IDTypes) + "."
	case ReasonInvalidPayload:
		explain = "The server could not read the image request."
		if ie.Encrypted {
			return "The server could not read the images", explain + " This profile has secure data transmission on. The vendor does not say whether the option covers the image call, so the images were sent unencrypted, as its page documents. Ask ARGOS support how this project takes images."
		}
		return "The server could not read the images", explain + " If it keeps happening, contact ARGOS support."
	case ReasonMissingData:
		return "A required field is missing", "The server says a field of the image call is missing: the submission id, the admin account, or the ID type (needed with the front or back of the ID)."
	case ReasonProcessingError:
		return "The server failed to store the images", "The server failed to store the images, for a reason it does not give. If it keeps happening, contact ARGOS support."
	case ReasonWrongURL:
		return "The API URL looks wrong", "The server at this address does not serve the image call: the API URL is wrong, not the key."
	case ReasonTooLarge:
		return "The images are too large", "The server refused the request as too large. Send smaller images (ARGOS recommends under 1 MB each), or fewer in one call: each call replaces only the images it carries."
	case ReasonRateLimited:
		return "The server asked to slow down", "The server is rate-limiting requests: wait, then send the images again."
	case ReasonRedirect:
		return "The server answered with a redirect", "The ARGOS API never redirects, so the API URL does not lead straight to it: a proxy, a captive portal or a wrong URL answered. " +
			"Redirects are never followed, so the API key and the images were not sent on."
	case ReasonServerFailed:
		return "The server failed", "The server failed while handling the images."
	case ReasonUnreadable:
		return "The server's answer could not be read", "The server answered success, but not in a way this tool can read."
	case ReasonRefused:
		return "The server refused the images", "The server refused the request with an answer this tool does not know."
	case ReasonUnreachable:
		if errors.Is(ie.Err, context.DeadlineExceeded) {
			return "The upload did not finish in time", "The images could not be uploaded within the time allowed, and the server cannot use an unfinished upload. On a slow network, allow more time."
		}
	case ReasonNoAnswer:
		return "No answer from the server", "The images were sent, but no answer came back."
	case ReasonCancelled:
		if f.Outcome == OutcomeUnknown {
			return "Stopped waiting for the server", "You stopped waiting after the images had been sent."
		}
		return "Stopped before sending", "You stopped before the images reached the server."
	case ReasonUnexpected:
		if f.Outcome == OutcomeUnknown {
			return "Attaching the images failed", "Something unexpected went wrong after the images were sent."
		}
		return "Attaching the images failed", "Something unexpected went wrong before the images were sent."
	}
	return f.Title, f.Explain
}
