// Package apitest holds what the module's tests share: the vendor's sample
// record and a sandbox on loopback that stops with the test.
package apitest

import (
	"testing"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/sandbox"
)

// Sample is the vendor's sample request (the seed page's "Sample Request"),
// the same record as testdata/sample-record.json.
func Sample() apiclient.Submission {
	return apiclient.Submission{
		Admin: "admin@sample.com", Email: "migration@sample.com", FullName: "홍길동",
		BirthDate: "2002-11-08", IssuingCountry: "KOR", IDType: "drivers_license",
		KYCStatus: "approved", IdentityNumber: "021108-2222555", Nationality: "USA",
		Gender: "male", IssueDate: "2011-08-07", ExpireDate: "2025-08-07",
		DocumentNumber: "504862-11-20", AddressCity: "Springfield", AddressCountry: "United states",
		AddressState: "Ohio", AddressStreet: "street 1-10", AddressFull: "street 1-10, Springfield, Ohio",
		CF1: "migration-comment1", CF2: "migration-comment2", CF3: "migration-comment3", UserID: "migrated-user2",
	}
}

// Sandbox serves a sandbox on 127.0.0.1 until the test ends.
func Sandbox(tb testing.TB, o sandbox.Options) *sandbox.Running {
	tb.Helper()
	sb, err := sandbox.Start(0, o)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = sb.Close() })
	return sb
}
