package apiclient

import (
	"bytes"
	"os"
	"testing"
)

// BenchmarkSealRequest encrypts the vendor's sample record (22 fields, ~700
// bytes of JSON) into {"body": ...}, as Submit does with --encrypted.
func BenchmarkSealRequest(b *testing.B) {
	raw, err := os.ReadFile("../testdata/sample-record.json")
	if err != nil {
		b.Fatal(err)
	}
	sub, err := DecodeSubmission(bytes.NewReader(raw))
	if err != nil {
		b.Fatal(err)
	}
	body, err := sub.Body()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := SealRequest("sandbox-not-a-secret", body); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeEncryptedResponse reads an encrypted success answer the way
// Submit does: parse the envelope, decrypt, parse the JSON inside.
func BenchmarkDecodeEncryptedResponse(b *testing.B) {
	const key = "sandbox-not-a-secret"
	ans, err := SealResponse(key, []byte(`{"message":"success","submissionId":"sbx0123456789ab_mg"}`))
	if err != nil {
		b.Fatal(err)
	}
	c, err := New(Options{APIKey: key, BaseURL: "http://127.0.0.1:1", Encrypted: true})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(ans)))
	b.ReportAllocs()
	for b.Loop() {
		if id, err := c.decodeResponse(200, ans); err != nil || id != "sbx0123456789ab_mg" {
			b.Fatal(id, err)
		}
	}
}
