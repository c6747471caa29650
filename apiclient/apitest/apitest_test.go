package apitest

import (
	"os"
	"testing"

	"argos-migrate/apiclient"
)

func TestSampleMatchesTheRecordFile(t *testing.T) {
	f, err := os.Open("../../testdata/sample-record.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := apiclient.DecodeSubmission(f)
	if err != nil {
		t.Fatal(err)
	}
	if s != Sample() {
		t.Fatalf("testdata/sample-record.json and Sample differ:\n%+v\n%+v", s, Sample())
	}
}
