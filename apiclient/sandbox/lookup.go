package sandbox

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"

	"argos-migrate/apiclient"
)

// Paging of the lookup (inferred, like the rest of its shape).
const (
	lookupDefaultCount = 50
	lookupMaxCount     = 1000
)

// lookupItem is one entry of the lookup's answer, in the shape of the
// vendor's GET /v3/submission (see API.md) plus the names the client read
// before it (submissionId, createdAt), carrying the same values.
type lookupItem struct {
	SubmissionID string    `json:"submission_id"`
	LegacyID     string    `json:"submissionId"`
	Email        string    `json:"email"`
	UserID       string    `json:"userid"`
	CreatedAt    string    `json:"created_at"` // YYYY-MM-DD-HH-MM-SS-mmm, UTC
	CreatedRFC   string    `json:"createdAt"`  // RFC 3339
	KYC          lookupKYC `json:"kyc"`
}

type lookupKYC struct {
	Result string `json:"result"`
}

// vendorTime is t as the vendor shows the lookup's created_at
// ("YYYY-MM-DD-HH-MM-SS-ZZZ"); reading ZZZ as milliseconds and the time as
// UTC is inferred. Go's layouts read fractional seconds only after a dot or
// a comma, so the milliseconds are written by hand.
func vendorTime(t time.Time) string {
	t = t.UTC()
	return fmt.Sprintf("%s-%03d", t.Format("2006-01-02-15-04-05"), t.Nanosecond()/int(time.Millisecond))
}

// serveLookup answers GET /v3/submission with the records created for the
// email, userid or submission_id asked, filtered exactly.
func (s *Server) serveLookup(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"message": "Method Not Allowed"})
		return
	}
	if r.Header.Get("x-api-key") != s.key {
		writeJSON(w, http.StatusForbidden, map[string]string{"message": "Forbidden"})
		return
	}
	q := r.URL.Query()
	email, userID, id := q.Get("email"), q.Get("userid"), q.Get("submission_id")
	if email == "" && userID == "" && id == "" {
		s.writeError(w, apiclient.CodeMissingData, "Required input data is missing.")
		return
	}
	if email == EmailNoLookup {
		writeJSON(w, http.StatusNotFound, map[string]string{"message": "Not Found"})
		return
	}
	count := lookupDefaultCount
	if v := q.Get("count"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > lookupMaxCount {
			s.writeError(w, apiclient.CodeInvalidFormat, "invalid format: count")
			return
		}
		count = n
	}
	items, next := s.find(email, userID, id, q.Get("nextpage_id"), count)
	answer := map[string]any{"Items": items, "Count": len(items)}
	if next != "" {
		answer["nextpage_id"] = next
	}
	s.writeAnswer(w, http.StatusOK, answer)
}

// find returns, oldest first, at most count records matching every
// non-empty filter and created after the record named by after (when it is
// one of them), and the id to continue from when more remain. It walks only
// the records of one email or userid, never the whole store.
func (s *Server) find(email, userID, id, after string, count int) ([]lookupItem, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var matches []int32 // newest first
	switch {
	case id != "":
		if i, ok := s.byID[id]; ok {
			matches = append(matches, i)
		}
	case email != "":
		for i, ok := s.byEmail[email]; ok && i >= 0; i = s.records[i].prevEmail {
			matches = append(matches, i)
		}
	default:
		for i, ok := s.byUserID[userID]; ok && i >= 0; i = s.records[i].prevUserID {
			matches = append(matches, i)
		}
	}
	matches = slices.DeleteFunc(matches, func(i int32) bool {
		r := &s.records[i]
		return (email != "" && r.email != email) || (userID != "" && r.userID != userID)
	})
	slices.Reverse(matches)
	if after != "" {
		if j := slices.IndexFunc(matches, func(i int32) bool { return s.records[i].id == after }); j >= 0 {
			matches = matches[j+1:]
		} else {
			matches = nil
		}
	}
	next := ""
	if len(matches) > count {
		matches = matches[:count]
		next = s.records[matches[count-1]].id
	}
	items := make([]lookupItem, 0, len(matches))
	for _, i := range matches {
		r := &s.records[i]
		created := r.created.UTC()
		items = append(items, lookupItem{SubmissionID: r.id, LegacyID: r.id, Email: r.email, UserID: r.userID,
			CreatedAt: vendorTime(created), CreatedRFC: created.Format(time.RFC3339Nano),
			KYC: lookupKYC{Result: r.kycStatus}})
	}
	return items, next
}
