package apiclient

import (
	"net/http"
	"testing"
)

// A failure of the image call, kept in a journal's words and read back,
// still speaks of the images (their reason, their field), not of a record.
func TestImageFailureRecordKeepsTheImageWords(t *testing.T) {
	cases := []struct {
		err   *APIError
		field string
	}{
		{&APIError{Status: http.StatusBadRequest, Code: CodeInvalidSubmission, Message: "Invalid submission."}, ImageFieldSubmissionID},
		{&APIError{Status: http.StatusRequestEntityTooLarge, Message: "Request Entity Too Large"}, ""},
		{&APIError{Status: http.StatusBadRequest, Code: CodeInvalidIDType, Message: "Invalid IdType."}, ImageFieldIDType},
	}
	for _, c := range cases {
		live := Classify(&ImageError{SubmissionID: "x", Kinds: []ImageKind{ImageIDFront}, IDType: "passport", Err: c.err}, Submission{})
		rec := live.Record()
		if !rec.Images {
			t.Fatalf("%s: the record forgot it was the image call's", live.Reason)
		}
		back := rec.Failure()
		if back.Title != live.Title || back.Reason != live.Reason || back.Field != c.field || !back.Images ||
			back.Consequence() != live.Consequence() {
			t.Errorf("%s: read back %q field %q, live %q field %q", live.Reason, back.Title, back.Field, live.Title, live.Field)
		}
	}
	// A record's failure stays a record's.
	if r := Classify(&APIError{Status: 400, Code: CodeInvalidAdmin}, Submission{}).Record(); r.Images {
		t.Error("a record's failure marked as the image call's")
	}
}
