package sandbox

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"time"

	"argos-migrate/apiclient"
)

// Record is one submission the sandbox created.
type Record struct {
	ID        string
	Created   time.Time
	Email     string
	UserID    string
	KYCStatus string
	// Fingerprint is the SHA-256 of the record's body as the client encodes
	// it (see Fingerprint): enough to tell what was sent without keeping it.
	Fingerprint [32]byte
	// Submission is the record as it was received; empty with
	// Options.ForgetValues.
	Submission apiclient.Submission
}

// Fingerprint is the SHA-256 of sub's request body (Submission.Body), the
// value Record.Fingerprint holds for a record created from sub.
func Fingerprint(sub apiclient.Submission) [32]byte {
	body, err := sub.Body()
	if err != nil {
		return [32]byte{} // strings always encode; unreachable
	}
	return sha256.Sum256(body)
}

// record is what the store keeps of each submission: never the request's
// body, and with ForgetValues none of its values but the email and userid
// the lookup filters on.
//
// Cost per record on a 64-bit machine, measured by TestMemoryPerRecord with
// 100,000 records of the vendor's sample shape: about 300 bytes with
// ForgetValues (this struct, 128 bytes; the id, email and userid strings;
// one entry in each of the three indexes; the slice's spare room), and about
// 1 KiB when the values are kept (the 23 strings of apiclient.Submission,
// 368 bytes, plus the values themselves; a record is at most the 1 MiB body
// limit). 100,000 records: about 30 MB, or about 100 MB with the values.
// Images add at most four Image values (72 bytes each) to a submission.
// MaxRecords bounds the total.
type record struct {
	id          string
	created     time.Time
	email       string
	userID      string
	kycStatus   string // one of the documented values, shared, not a copy
	fingerprint [32]byte
	// The previous record with the same email or userid, or -1: the
	// indexes map a value to its newest record and these chain the rest,
	// so a lookup walks only the records it returns.
	prevEmail  int32
	prevUserID int32
}

// fault is what a record created with FailRate turns into.
type fault uint8

const (
	faultNone fault = iota
	fault500        // answered 500 after creating
	faultDrop       // the connection closed after creating
)

// errStoreFull: the sandbox holds Options.MaxRecords records.
var errStoreFull = errors.New("the sandbox holds its maximum number of records")

// create stores sub. When FailRate is set it also draws the record's fault
// from the seeded source in the same step, so the n-th record created always
// gets the n-th draw; the fault applies only when mayFail (a plain admin,
// not a magic one).
func (s *Server) create(sub apiclient.Submission, mayFail bool) (Record, fault, error) {
	fp := Fingerprint(sub)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.maxRecords > 0 && len(s.records) >= s.maxRecords {
		return Record{}, faultNone, errStoreFull
	}
	i := int32(len(s.records))
	rec := record{id: s.newID(), created: s.now(), email: sub.Email, userID: sub.UserID,
		kycStatus: internKYC(sub.KYCStatus), fingerprint: fp, prevEmail: -1, prevUserID: -1}
	if j, ok := s.byEmail[rec.email]; ok {
		rec.prevEmail = j
	}
	s.byEmail[rec.email] = i
	if rec.userID != "" {
		if j, ok := s.byUserID[rec.userID]; ok {
			rec.prevUserID = j
		}
		s.byUserID[rec.userID] = i
	}
	s.byID[rec.id] = i
	s.records = append(s.records, rec)
	if s.keepValues {
		s.values = append(s.values, sub)
	}
	f := faultNone
	if s.failRate > 0 {
		u := s.faults.Float64()
		switch {
		case !mayFail:
		case u < s.failRate/2:
			f = fault500
		case u < s.failRate:
			f = faultDrop
		}
	}
	return s.export(i), f, nil
}

// newID returns an id no record has. The caller holds mu.
func (s *Server) newID() string {
	for {
		var b [6]byte
		_, _ = rand.Read(b[:])
		id := "sbx" + hex.EncodeToString(b[:]) + "_mg"
		if _, taken := s.byID[id]; !taken {
			return id
		}
	}
}

// internKYC returns the shared copy of a documented kycStatus, so a record
// does not keep its own.
func internKYC(v string) string {
	for _, o := range apiclient.KYCStatuses {
		if o.Value == v {
			return o.Value
		}
	}
	return v
}

// export is record i as a Record. The caller holds mu.
func (s *Server) export(i int32) Record {
	r := &s.records[i]
	out := Record{ID: r.id, Created: r.created, Email: r.email, UserID: r.userID,
		KYCStatus: r.kycStatus, Fingerprint: r.fingerprint}
	if s.keepValues {
		out.Submission = s.values[i]
	}
	return out
}

// Records returns a copy of what has been created so far, oldest first.
func (s *Server) Records() []Record {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Record, len(s.records))
	for i := range s.records {
		out[i] = s.export(int32(i))
	}
	return out
}

// Count is the number of records created so far, without copying them.
func (s *Server) Count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.records)
}
