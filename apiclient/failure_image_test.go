package apiclient_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"argos-migrate/apiclient"
)

// The failure policy for the image call, error by error: the image call's
// own codes, what missing_data points at, and the network's failures said
// of the images. Whatever the outcome, a retry is safe unless the server
// refused for good (it replaces the images; it cannot duplicate anything).
func TestFailurePolicyForImages(t *testing.T) {
	notSent, rejected, unknown := apiclient.OutcomeNotSent, apiclient.OutcomeRejected, apiclient.OutcomeUnknown
	front := []apiclient.ImageKind{apiclient.ImageIDFront}
	selfie := []apiclient.ImageKind{apiclient.ImageSelfie}
	img := func(kinds []apiclient.ImageKind, idType string, err error) error {
		return fmt.Errorf("attaching: %w", &apiclient.ImageError{SubmissionID: "sbx1", Kinds: kinds, IDType: idType, Err: err})
	}
	api := func(status int, code, msg string) error {
		return &apiclient.APIError{Status: status, Code: code, Message: msg}
	}
	cases := []struct {
		name string
		err  error
		want policyWant
	}{
		{"invalid_submission", img(selfie, "", api(400, apiclient.CodeInvalidSubmission, "Invalid submission.")),
			policyWant{apiclient.ReasonInvalidSubmission, rejected, false, false, apiclient.ImageFieldSubmissionID}},
		{"invalid_data", img(selfie, "", api(400, apiclient.CodeInvalidData, "At least one image parameter is required.")),
			policyWant{apiclient.ReasonInvalidData, rejected, false, false, ""}},
		{"invalid_idType", img(front, "passport", api(400, apiclient.CodeInvalidIDType, "Invalid IdType.")),
			policyWant{apiclient.ReasonInvalidIDType, rejected, false, false, apiclient.ImageFieldIDType}},
		{"missing_data with an ID image and no idType", img(front, "", api(400, apiclient.CodeMissingData, "The idType is required when submit idImage or idBackImage.")),
			policyWant{apiclient.ReasonMissingData, rejected, false, false, apiclient.ImageFieldIDType}},
		{"missing_data with everything given", img(front, "passport", api(400, apiclient.CodeMissingData, "Required input data is missing.")),
			policyWant{apiclient.ReasonMissingData, rejected, false, false, ""}},
		{"invalid_admin", img(selfie, "", api(400, apiclient.CodeInvalidAdmin, "Invalid admin.")),
			policyWant{apiclient.ReasonInvalidAdmin, rejected, false, false, apiclient.ImageFieldAdmin}},
		{"invalid_project", img(selfie, "", api(400, apiclient.CodeInvalidProject, "Invalid project.")),
			policyWant{apiclient.ReasonInvalidProject, rejected, false, true, ""}},
		{"invalid_payload, whatever the encryption hint", img(selfie, "", &apiclient.APIError{Status: 400, Code: apiclient.CodeInvalidPayload, Encryption: apiclient.EncryptionTurnOn}),
			policyWant{apiclient.ReasonInvalidPayload, rejected, false, false, ""}},
		{"processing_error", img(selfie, "", api(400, apiclient.CodeProcessingError, "Failed to put image.")),
			policyWant{apiclient.ReasonProcessingError, unknown, true, false, ""}},
		{"an image code with another status", img(selfie, "", api(403, apiclient.CodeInvalidData, "Forbidden")),
			policyWant{apiclient.ReasonKeyRefused, rejected, false, true, ""}},
		{"refused before sending", img(selfie, "", &apiclient.TransportError{Op: "sending to h", Err: errors.New("dial tcp: connection refused")}),
			policyWant{apiclient.ReasonUnreachable, notSent, true, false, ""}},
		{"upload timed out", img(selfie, "", &apiclient.TransportError{Op: "sending to h", Err: fmt.Errorf("no answer within 30s: %w", context.DeadlineExceeded)}),
			policyWant{apiclient.ReasonUnreachable, notSent, true, false, ""}},
		{"no answer after sending", img(selfie, "", &apiclient.TransportError{Op: "sending to h", Sent: true, Err: fmt.Errorf("no answer within 30s: %w", context.DeadlineExceeded)}),
			policyWant{apiclient.ReasonNoAnswer, unknown, true, false, ""}},
		{"cancelled after sending", img(selfie, "", &apiclient.TransportError{Op: "sending to h", Sent: true, Err: fmt.Errorf("cancelled: %w", context.Canceled)}),
			policyWant{apiclient.ReasonCancelled, unknown, true, false, ""}},
		{"cancelled before", img(selfie, "", &apiclient.TransportError{Op: "sending to h", Err: fmt.Errorf("cancelled: %w", context.Canceled)}),
			policyWant{apiclient.ReasonCancelled, notSent, true, false, ""}},
		{"something else", img(selfie, "", errors.New("disk full")),
			policyWant{apiclient.ReasonUnexpected, notSent, true, false, ""}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			checkImageFailure(t, apiclient.Classify(tc.err, apiclient.Submission{}), tc.want)
		})
	}
}

// A timeout while uploading is told apart from a server that cannot be
// reached, and a profile with encryption on is told why invalid_payload
// may come from it.
func TestImageFailureWords(t *testing.T) {
	timedOut := apiclient.Classify(&apiclient.ImageError{Err: &apiclient.TransportError{Op: "sending to h",
		Err: fmt.Errorf("no answer within 30s: %w", context.DeadlineExceeded)}}, apiclient.Submission{})
	refused := apiclient.Classify(&apiclient.ImageError{Err: &apiclient.TransportError{Op: "sending to h",
		Err: errors.New("connection refused")}}, apiclient.Submission{})
	if timedOut.Title == refused.Title || !strings.Contains(timedOut.Title, "did not finish") {
		t.Errorf("timeout %q, refused %q", timedOut.Title, refused.Title)
	}
	payload := &apiclient.APIError{Status: 400, Code: apiclient.CodeInvalidPayload}
	plain := apiclient.Classify(&apiclient.ImageError{Err: payload}, apiclient.Submission{})
	encrypted := apiclient.Classify(&apiclient.ImageError{Encrypted: true, Err: payload}, apiclient.Submission{})
	if strings.Contains(plain.Explain, "secure data transmission") || !strings.Contains(encrypted.Explain, "secure data transmission on") {
		t.Errorf("plain %q, encrypted %q", plain.Explain, encrypted.Explain)
	}
}

// The policy says which image a failure points at, as Field says which
// field: the largest for a request too large, the one the server could not
// read, and none when it cannot tell or no one image is to blame.
func TestFailurePolicyBlamesAnImage(t *testing.T) {
	front, back, selfie := apiclient.ImageIDFront, apiclient.ImageIDBack, apiclient.ImageSelfie
	sent := func(err error, kinds []apiclient.ImageKind, sizes ...int64) error {
		return fmt.Errorf("attaching: %w", &apiclient.ImageError{SubmissionID: "sbx1", Kinds: kinds, Sizes: sizes, IDType: "passport", Err: err})
	}
	tooLarge := &apiclient.APIError{Status: 413, Message: "Request Entity Too Large"}
	noImage := func(msg string) error {
		return &apiclient.APIError{Status: 400, Code: apiclient.CodeInvalidData, Message: msg}
	}
	three := []apiclient.ImageKind{front, back, selfie}
	for _, tc := range []struct {
		name string
		err  error
		want apiclient.ImageKind
	}{
		{"too large: the largest", sent(tooLarge, three, 800_000, 2_900_000, 1_200_000), back},
		{"too large: the first of equals", sent(tooLarge, three, 2_000_000, 2_000_000, 10), front},
		{"too large: the only one", sent(tooLarge, []apiclient.ImageKind{selfie}), selfie},
		{"too large: sizes unknown", sent(tooLarge, three), ""},
		{"no usable image: the one named", sent(noImage("selfieImage could not be read."), three, 1, 2, 3), selfie},
		{"no usable image: the only one sent", sent(noImage("At least one image parameter is required."), []apiclient.ImageKind{back}, 5), back},
		{"no usable image: several, none named", sent(noImage("At least one image parameter is required."), three, 1, 2, 3), ""},
		{"the key, not an image", sent(&apiclient.APIError{Status: 403}, three, 1, 2, 3), ""},
		{"a field, not an image", sent(&apiclient.APIError{Status: 400, Code: apiclient.CodeInvalidIDType}, three, 1, 2, 3), ""},
		{"the network", sent(&apiclient.TransportError{Op: "sending to h", Err: errors.New("connection refused")}, three, 1, 2, 3), ""},
		{"a record's failure", tooLarge, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := apiclient.Classify(tc.err, apiclient.Submission{}).Image; got != tc.want {
				t.Errorf("Image = %q, want %q", got, tc.want)
			}
		})
	}
}

// The client says what each image weighed, so that the policy can blame
// the largest of a request the server found too large.
func TestAnImageCallTooLargeBlamesTheLargestFile(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusRequestEntityTooLarge)
		_, _ = w.Write([]byte(`{"message":"Request Entity Too Large"}`))
	}))
	defer srv.Close()
	u := prepared(t, "sbx1", "admin@sample.com", "passport", map[apiclient.ImageKind][]byte{
		apiclient.ImageIDFront: sizedImage(2_000), apiclient.ImageSelfie: sizedImage(9_000), apiclient.ImageIDBack: sizedImage(4_000)})
	err := newClient(t, srv.URL, "k-images", 5*time.Second).AttachImages(context.Background(), u)
	if f := apiclient.Classify(err, apiclient.Submission{}); f.Reason != apiclient.ReasonTooLarge || f.Image != apiclient.ImageSelfie {
		t.Fatalf("%v: reason %s, image %q; want too_large, the selfie", err, f.Reason, f.Image)
	}
}
