package apiclient

import (
	"bytes"
	"os"
	"testing"
	"time"
)

// benchRecord is the vendor's sample request (22 fields) as a Submission.
func benchRecord(b *testing.B) Submission {
	b.Helper()
	raw, err := os.ReadFile("../testdata/sample-record.json")
	if err != nil {
		b.Fatal(err)
	}
	sub, err := DecodeSubmission(bytes.NewReader(raw))
	if err != nil {
		b.Fatal(err)
	}
	return sub
}

// BenchmarkValidate checks the whole sample record against every rule, as
// submit does before sending and the review does on every visit.
func BenchmarkValidate(b *testing.B) {
	sub := benchRecord(b)
	today := time.Date(2025, 6, 15, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		if err := Validate(sub, today); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBody encodes the sample record into the request body.
func BenchmarkBody(b *testing.B) {
	sub := benchRecord(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := sub.Body(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeSubmission reads the sample record file's JSON, as
// `submit --file` does.
func BenchmarkDecodeSubmission(b *testing.B) {
	raw, err := os.ReadFile("../testdata/sample-record.json")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DecodeSubmission(bytes.NewReader(raw)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeResponse reads a plain success answer and a documented
// error answer, one each per iteration.
func BenchmarkDecodeResponse(b *testing.B) {
	c, err := New(Options{APIKey: "k", BaseURL: "http://127.0.0.1:1"})
	if err != nil {
		b.Fatal(err)
	}
	ok := []byte(`{"message":"success","submissionId":"submissionId2_mg"}`)
	bad := []byte(`{"errorCode":"invalid_format","message":"invalid format: birthDate"}`)
	b.ReportAllocs()
	for b.Loop() {
		if id, err := c.decodeResponse(200, ok); err != nil || id != "submissionId2_mg" {
			b.Fatal(id, err)
		}
		if _, err := c.decodeResponse(400, bad); err == nil {
			b.Fatal("error answer read as success")
		}
	}
}

// BenchmarkCheckText looks for escape codes in every field of the sample
// record, as the wizard does once on a --from file or a saved draft.
func BenchmarkCheckText(b *testing.B) {
	sub := benchRecord(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := CheckText(sub); err != nil {
			b.Fatal(err)
		}
	}
}
