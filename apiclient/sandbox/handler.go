package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"

	"argos-migrate/apiclient"
)

// maxBody mirrors a gateway's body limit closely enough to exercise 413.
const maxBody = 1 << 20

// ServeHTTP counts the request against the rate limit, then answers the
// call its path names, the answer held back by the latency.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	at, retryAfter := s.traffic.arrive()
	aw := &answerWriter{w: w, s: s, r: r, at: at}
	defer aw.logOnce(0) // a request that got no answer (stalled)
	if retryAfter > 0 {
		aw.Header().Set("Retry-After", strconv.Itoa(retryAfter))
		writeJSON(aw, http.StatusTooManyRequests, map[string]string{"message": "Too Many Requests"})
		return
	}
	switch r.URL.Path {
	case apiclient.LookupPath:
		s.serveLookup(aw, r)
	case apiclient.MigrationPath:
		s.serveMigration(aw, r)
	case apiclient.ImagePath:
		s.serveImage(aw, r)
	default:
		writeJSON(aw, http.StatusForbidden, map[string]string{"message": "Missing Authentication Token"})
	}
}

// serveMigration answers the migration call as the vendor documents it.
func (s *Server) serveMigration(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"message": "Method Not Allowed"})
		return
	}
	if r.Header.Get("x-api-key") != s.key {
		writeJSON(w, http.StatusForbidden, map[string]string{"message": "Forbidden"})
		return
	}
	data, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil {
		s.writeError(w, apiclient.CodeInvalidPayload, "Invalid payload.")
		return
	}
	if len(data) > maxBody {
		writeTooLarge(w)
		return
	}
	if s.encrypted {
		// A project with secure data transmission reads only
		// {"body": "<ciphertext>"}; anything else cannot be read.
		if data, err = apiclient.OpenRequest(s.key, data); err != nil {
			s.writeError(w, apiclient.CodeInvalidPayload, "Invalid payload.")
			return
		}
	}
	sub, err := apiclient.DecodeSubmission(bytes.NewReader(data))
	if err == nil {
		err = apiclient.Validate(sub, s.now())
	}
	if err != nil {
		s.writeRuleError(w, err)
		return
	}
	s.answer(w, r, sub)
}

// migrationWords are the migration call's messages for the answers magic
// admins share with the image call.
var migrationWords = callWords{payload: "Invalid payload.", processing: "Failed to complete migration."}

// answer creates the record, or plays the failure its magic admin or the
// fail rate asks for.
func (s *Server) answer(w http.ResponseWriter, r *http.Request, sub apiclient.Submission) {
	if sub.Admin == AdminParameter {
		s.writeError(w, apiclient.CodeInvalidParameter, "invalid parameter: cf4")
		return
	}
	if s.refuseForAdmin(w, sub.Admin, migrationWords, s.writeAnswer) {
		return
	}
	rec, f, err := s.create(sub, !isMagicAdmin(sub.Admin))
	if err != nil {
		s.writeError(w, apiclient.CodeProcessingError, migrationWords.processing)
		return
	}
	if s.finishForAdmin(w, r, sub.Admin) {
		return
	}
	switch f {
	case fault500:
		writeJSON(w, http.StatusInternalServerError, map[string]string{"message": "Internal server error"})
		return
	case faultDrop:
		dropConnection(w)
		return
	}
	s.writeAnswer(w, http.StatusOK, map[string]string{"message": "success", "submissionId": rec.ID})
}

// callWords are a call's messages for the answers that magic admins share.
type callWords struct{ payload, processing string }

// refuseForAdmin plays the failure a magic admin asks for before anything is
// created, answering through reply (sealed or not), and reports whether it
// answered.
func (s *Server) refuseForAdmin(w http.ResponseWriter, admin string, words callWords, reply func(http.ResponseWriter, int, any)) bool {
	refuse := func(code, msg string) {
		reply(w, http.StatusBadRequest, map[string]string{"errorCode": code, "message": msg})
	}
	switch admin {
	case AdminPayload:
		refuse(apiclient.CodeInvalidPayload, words.payload)
	case AdminInvalid:
		refuse(apiclient.CodeInvalidAdmin, "Invalid admin.")
	case AdminProject:
		refuse(apiclient.CodeInvalidProject, "Invalid project.")
	case AdminError:
		refuse(apiclient.CodeProcessingError, words.processing)
	case AdminFail:
		writeJSON(w, http.StatusInternalServerError, map[string]string{"message": "Internal server error"})
	case AdminGateway:
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		_, _ = io.WriteString(w, "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>")
	default:
		return false
	}
	return true
}

// finishForAdmin plays what stall@ and drop@ ask for once the work is done,
// and reports whether it did.
func (s *Server) finishForAdmin(w http.ResponseWriter, r *http.Request, admin string) bool {
	switch admin {
	case AdminStall:
		select {
		case <-s.stop:
		case <-r.Context().Done():
		}
		return true
	case AdminDrop:
		dropConnection(w)
		return true
	}
	return false
}

// isMagicAdmin reports whether admin is one of the sandbox.test accounts.
func isMagicAdmin(admin string) bool {
	switch admin {
	case AdminPayload, AdminParameter, AdminInvalid, AdminProject, AdminError,
		AdminFail, AdminGateway, AdminStall, AdminDrop:
		return true
	}
	return false
}

// writeRuleError reports a broken rule the way the server does: one error,
// unknown keys first, then missing data, then formats.
func (s *Server) writeRuleError(w http.ResponseWriter, err error) {
	var ve *apiclient.ValidationError
	if !errors.As(err, &ve) {
		s.writeError(w, apiclient.CodeInvalidPayload, "Invalid payload.")
		return
	}
	for _, code := range []string{apiclient.CodeInvalidParameter, apiclient.CodeMissingData, apiclient.CodeInvalidFormat} {
		for _, p := range ve.Problems {
			if p.Code != code {
				continue
			}
			switch code {
			case apiclient.CodeInvalidParameter:
				s.writeError(w, code, "invalid parameter: "+p.Field)
			case apiclient.CodeMissingData:
				s.writeError(w, code, "Required input data is missing.")
			default:
				s.writeError(w, code, "invalid format: "+p.Field)
			}
			return
		}
	}
	s.writeError(w, apiclient.CodeInvalidPayload, "Invalid payload.")
}

// writeTooLarge is the gateway's answer to a body above its limit.
func writeTooLarge(w http.ResponseWriter) {
	writeJSON(w, http.StatusRequestEntityTooLarge, map[string]string{"message": "Request Entity Too Large"})
}

func (s *Server) writeError(w http.ResponseWriter, code, msg string) {
	s.writeAnswer(w, http.StatusBadRequest, map[string]string{"errorCode": code, "message": msg})
}

// writeAnswer writes an answer of the migration call itself (success or a
// documented 400), encrypted when the option is on. Gateway answers (403,
// 413, 5xx) stay plain, as they come from in front of the service.
func (s *Server) writeAnswer(w http.ResponseWriter, status int, v any) {
	if !s.encrypted {
		writeJSON(w, status, v)
		return
	}
	plain, err := json.Marshal(v)
	if err == nil {
		var sealed []byte
		if sealed, err = apiclient.SealResponse(s.key, plain); err == nil {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			_, _ = w.Write(append(sealed, '\n'))
			return
		}
	}
	writeJSON(w, http.StatusInternalServerError, map[string]string{"message": "Internal server error"})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
