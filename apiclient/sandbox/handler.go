package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"argos-migrate/apiclient"
)

// maxBody mirrors a gateway's body limit closely enough to exercise 413.
const maxBody = 1 << 20

// ServeHTTP answers the migration call as the vendor documents it.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == apiclient.LookupPath {
		s.serveLookup(w, r)
		return
	}
	if r.URL.Path != apiclient.MigrationPath {
		writeJSON(w, http.StatusForbidden, map[string]string{"message": "Missing Authentication Token"})
		return
	}
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
		writeJSON(w, http.StatusRequestEntityTooLarge, map[string]string{"message": "Request Entity Too Large"})
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

// answer creates the record, or plays the failure its magic admin asks for.
func (s *Server) answer(w http.ResponseWriter, r *http.Request, sub apiclient.Submission) {
	switch sub.Admin {
	case AdminPayload:
		s.writeError(w, apiclient.CodeInvalidPayload, "Invalid payload.")
		return
	case AdminParameter:
		s.writeError(w, apiclient.CodeInvalidParameter, "invalid parameter: cf4")
		return
	case AdminInvalid:
		s.writeError(w, apiclient.CodeInvalidAdmin, "Invalid admin.")
		return
	case AdminProject:
		s.writeError(w, apiclient.CodeInvalidProject, "Invalid project.")
		return
	case AdminError:
		s.writeError(w, apiclient.CodeProcessingError, "Failed to complete migration.")
		return
	case AdminFail:
		writeJSON(w, http.StatusInternalServerError, map[string]string{"message": "Internal server error"})
		return
	case AdminGateway:
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		_, _ = io.WriteString(w, "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>")
		return
	}
	rec := s.create(sub)
	switch sub.Admin {
	case AdminStall:
		select {
		case <-s.stop:
		case <-r.Context().Done():
		}
		return
	case AdminDrop:
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				_ = conn.Close()
				return
			}
		}
		panic(http.ErrAbortHandler)
	}
	s.writeAnswer(w, http.StatusOK, map[string]string{"message": "success", "submissionId": rec.ID})
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
