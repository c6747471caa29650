package sandbox

import (
	"net/http"
	"time"

	"argos-migrate/apiclient"
)

// lookupItem is one entry of the lookup's answer. The shape is the
// sandbox's choice among the ones the client reads (inferred; see
// apiclient.LookupPath).
type lookupItem struct {
	SubmissionID string `json:"submissionId"`
	Email        string `json:"email"`
	UserID       string `json:"userid,omitempty"`
	KYCStatus    string `json:"kycStatus"`
	CreatedAt    string `json:"createdAt"`
}

// serveLookup answers GET /v3/submission?email=... with the records created
// for that email.
func (s *Server) serveLookup(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"message": "Method Not Allowed"})
		return
	}
	if r.Header.Get("x-api-key") != s.key {
		writeJSON(w, http.StatusForbidden, map[string]string{"message": "Forbidden"})
		return
	}
	email := r.URL.Query().Get("email")
	if email == "" {
		s.writeError(w, apiclient.CodeMissingData, "Required input data is missing.")
		return
	}
	if email == EmailNoLookup {
		writeJSON(w, http.StatusNotFound, map[string]string{"message": "Not Found"})
		return
	}
	items := []lookupItem{}
	for _, rec := range s.Records() {
		if rec.Submission.Email == email {
			items = append(items, lookupItem{SubmissionID: rec.ID, Email: email, UserID: rec.Submission.UserID, KYCStatus: rec.Submission.KYCStatus,
				CreatedAt: rec.Created.UTC().Format(time.RFC3339)})
		}
	}
	s.writeAnswer(w, http.StatusOK, map[string]any{"Items": items, "Count": len(items)})
}
