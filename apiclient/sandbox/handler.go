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
	if r.URL.Path != apiclient.MigrationPath {
		writeJSON(w, http.StatusForbidden, map[string]string{"message": "Missing Authentication Token"})
		return
	}
	if r.Method != http.MethodPost {
		writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"message": "Method Not Allowed"})
		return
	}
	if r.Header.Get("x-api-key") != Key {
		writeJSON(w, http.StatusForbidden, map[string]string{"message": "Forbidden"})
		return
	}
	data, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil {
		writeError(w, apiclient.CodeInvalidPayload, "Invalid payload.")
		return
	}
	if len(data) > maxBody {
		writeJSON(w, http.StatusRequestEntityTooLarge, map[string]string{"message": "Request Entity Too Large"})
		return
	}
	sub, err := apiclient.DecodeSubmission(bytes.NewReader(data))
	if err == nil {
		err = apiclient.Validate(sub, s.now())
	}
	if err != nil {
		writeRuleError(w, err)
		return
	}
	s.answer(w, r, sub)
}

// answer creates the record, or plays the failure its magic admin asks for.
func (s *Server) answer(w http.ResponseWriter, r *http.Request, sub apiclient.Submission) {
	switch sub.Admin {
	case AdminInvalid:
		writeError(w, apiclient.CodeInvalidAdmin, "Invalid admin.")
		return
	case AdminProject:
		writeError(w, apiclient.CodeInvalidProject, "Invalid project.")
		return
	case AdminError:
		writeError(w, apiclient.CodeProcessingError, "Failed to complete migration.")
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
	writeJSON(w, http.StatusOK, map[string]string{"message": "success", "submissionId": rec.ID})
}

// writeRuleError reports a broken rule the way the server does: one error,
// unknown keys first, then missing data, then formats.
func writeRuleError(w http.ResponseWriter, err error) {
	var ve *apiclient.ValidationError
	if !errors.As(err, &ve) {
		writeError(w, apiclient.CodeInvalidPayload, "Invalid payload.")
		return
	}
	for _, code := range []string{apiclient.CodeInvalidParameter, apiclient.CodeMissingData, apiclient.CodeInvalidFormat} {
		for _, p := range ve.Problems {
			if p.Code != code {
				continue
			}
			switch code {
			case apiclient.CodeInvalidParameter:
				writeError(w, code, "invalid parameter: "+p.Field)
			case apiclient.CodeMissingData:
				writeError(w, code, "Required input data is missing.")
			default:
				writeError(w, code, "invalid format: "+p.Field)
			}
			return
		}
	}
	writeError(w, apiclient.CodeInvalidPayload, "Invalid payload.")
}

func writeError(w http.ResponseWriter, code, msg string) {
	writeJSON(w, http.StatusBadRequest, map[string]string{"errorCode": code, "message": msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
