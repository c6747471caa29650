package apiclient

import (
	"context"
	"errors"
	"strings"

	"argos-migrate/apiclient/i18n"
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

// imageConsequence says what the outcome means for the images, in the
// run's language.
func (o Outcome) imageConsequence() string {
	switch o {
	case OutcomeUnknown:
		return i18n.T("failure.image.consequence.unknown")
	case OutcomeNotSent:
		return i18n.T("failure.image.consequence.not_sent")
	}
	return i18n.T("failure.image.consequence.rejected")
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
	message := ""
	if isAnswer {
		message = apiErr.Message
	}
	f.Image = blamedImage(f.Reason, ie, message)
	if f.Field != "" && isAnswer {
		f.Note = apiErr.Message
		if f.Note == "" {
			f.Note = apiErr.Code
		}
	}
	f.imageEncrypted = ie.Encrypted
	f.imageTimedOut = errors.Is(ie.Err, context.DeadlineExceeded)
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

// blamedImage is the image a failure points at, "" when none: for a
// request too large, the largest image it carried (the first of equals);
// for a request in which the server found no image it could use
// (invalid_data), the one its message names, else the only one sent (with
// several and none named, which one the server did not say).
func blamedImage(r Reason, ie *ImageError, message string) ImageKind {
	switch r {
	case ReasonTooLarge:
		if len(ie.Kinds) == 1 {
			return ie.Kinds[0]
		}
		var blamed ImageKind
		largest := int64(-1)
		for i, k := range ie.Kinds {
			if i < len(ie.Sizes) && ie.Sizes[i] > largest {
				blamed, largest = k, ie.Sizes[i]
			}
		}
		return blamed
	case ReasonInvalidData:
		for _, k := range ie.Kinds {
			if strings.Contains(message, string(k)) {
				return k
			}
		}
		if len(ie.Kinds) == 1 {
			return ie.Kinds[0]
		}
	}
	return ""
}

// imageWords are the title and explanation of an image call's failure in
// language l; ok is false for the reasons that read the same for either
// call (the key, the project, the admin account, an answer that does not
// decrypt), which the record's words then say.
func (f Failure) imageWords(l i18n.Lang) (title, explain string, ok bool) {
	say := func(id string, args ...any) string { return i18n.In(l, id, args...) }
	two := func(t, e string) (string, string, bool) { return say(t), say(e), true }
	switch f.Reason {
	case ReasonInvalidSubmission:
		return two("failure.image.invalid_submission.title", "failure.image.invalid_submission.explain")
	case ReasonInvalidData:
		return two("failure.image.invalid_data.title", "failure.image.invalid_data.explain")
	case ReasonInvalidIDType:
		return say("failure.image.invalid_id_type.title"), say("failure.image.invalid_id_type.explain", optionValues(IDTypes)), true
	case ReasonInvalidPayload:
		if f.imageEncrypted {
			return two("failure.image.invalid_payload.title", "failure.image.invalid_payload.explain_encrypted")
		}
		return two("failure.image.invalid_payload.title", "failure.image.invalid_payload.explain")
	case ReasonMissingData:
		return two("failure.image.missing_data.title", "failure.image.missing_data.explain")
	case ReasonProcessingError:
		return two("failure.image.processing_error.title", "failure.image.processing_error.explain")
	case ReasonWrongURL:
		return two("failure.image.wrong_url.title", "failure.image.wrong_url.explain")
	case ReasonTooLarge:
		return two("failure.image.too_large.title", "failure.image.too_large.explain")
	case ReasonRateLimited:
		return two("failure.image.rate_limited.title", "failure.image.rate_limited.explain")
	case ReasonRedirect:
		return two("failure.image.redirect.title", "failure.image.redirect.explain")
	case ReasonServerFailed:
		return two("failure.image.server_failed.title", "failure.image.server_failed.explain")
	case ReasonUnreadable:
		return two("failure.image.unreadable_answer.title", "failure.image.unreadable_answer.explain")
	case ReasonRefused:
		return two("failure.image.refused.title", "failure.image.refused.explain")
	case ReasonUnreachable:
		if f.imageTimedOut {
			return two("failure.image.timed_out.title", "failure.image.timed_out.explain")
		}
	case ReasonNoAnswer:
		return two("failure.image.no_answer.title", "failure.image.no_answer.explain")
	case ReasonCancelled:
		if f.Outcome == OutcomeUnknown {
			return two("failure.image.cancelled.title_sent", "failure.image.cancelled.explain_sent")
		}
		return two("failure.image.cancelled.title", "failure.image.cancelled.explain")
	case ReasonUnexpected:
		if f.Outcome == OutcomeUnknown {
			return two("failure.image.unexpected.title", "failure.image.unexpected.explain_sent")
		}
		return two("failure.image.unexpected.title", "failure.image.unexpected.explain")
	}
	return "", "", false
}
