package sandbox

import (
	"fmt"
	"runtime"
	"testing"

	"argos-migrate/apiclient"
)

// sample is the vendor's sample record (apitest.Sample, which this
// package's own tests cannot import).
func sample() apiclient.Submission {
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

// heapAfterGC is the live heap, measured after two collections.
func heapAfterGC() uint64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestMemoryPerRecord holds the store to the cost its comment states: the
// live heap of 100,000 records of the sample's shape, each value a fresh
// string as the JSON decoder makes it.
func TestMemoryPerRecord(t *testing.T) {
	n := 100_000
	if testing.Short() || raceEnabled {
		n = 20_000
	}
	for _, tc := range []struct {
		forget bool
		limit  float64 // bytes per record
	}{{true, 450}, {false, 1400}} {
		t.Run(fmt.Sprintf("ForgetValues=%v", tc.forget), func(t *testing.T) {
			before := heapAfterGC()
			s := New(Options{ForgetValues: tc.forget})
			for i := range n {
				sub := sample()
				// Distinct strings per record, as decoding a body makes them.
				for _, f := range apiclient.Fields {
					if p := sub.Ptr(f.Key); *p != "" {
						*p = string([]byte(*p))
					}
				}
				sub.Email = fmt.Sprintf("person%06d@sample.com", i)
				sub.UserID = fmt.Sprintf("user-%06d", i)
				if _, _, err := s.create(sub, true); err != nil {
					t.Fatal(err)
				}
			}
			per := float64(heapAfterGC()-before) / float64(n)
			runtime.KeepAlive(s)
			t.Logf("%d records: %.0f bytes a record", n, per)
			if per > tc.limit {
				t.Errorf("%.0f bytes a record, above the %.0f the store's comment allows", per, tc.limit)
			}
		})
	}
}
