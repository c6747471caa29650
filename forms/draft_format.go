package forms

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"argos-migrate/apiclient"
)

// draftFormat names the file type inside every envelope.
const draftFormat = "argos-migrate-draft"

// envelope is the file on disk. Encrypted, Data holds the sealed JSON of the
// payload (a Draft or a LastSuccess); plain, Payload holds it as it is.
//
//	{"format":"argos-migrate-draft","version":1,"encrypted":true,
//	 "alg":"AES-256-GCM","nonce":"<base64>","data":"<base64>"}
type envelope struct {
	Format    string          `json:"format"`
	Version   int             `json:"version"`
	Encrypted bool            `json:"encrypted"`
	Alg       string          `json:"alg,omitempty"`
	Nonce     []byte          `json:"nonce,omitempty"`
	Data      []byte          `json:"data,omitempty"`
	Payload   json.RawMessage `json:"payload,omitempty"`
	// Why is set on a plain envelope: why it is not encrypted.
	Why string `json:"why,omitempty"`
}

// aad binds a ciphertext to its file name and format version.
func aad(name string, version int) []byte {
	return fmt.Appendf(nil, "%s/v%d/%s", draftFormat, version, name)
}

// errNewerFormat: the file was written by a newer argos-migrate.
var errNewerFormat = errors.New("the draft was written by a newer argos-migrate")

// draftV0 is the prototype's file: a bare, unencrypted JSON object without
// an envelope or version, and only the server's error code as the outcome.
type draftV0 struct {
	Record        apiclient.Submission `json:"record"`
	SavedAt       time.Time            `json:"savedAt"`
	Profile       string               `json:"profile"`
	APIURL        string               `json:"apiUrl"`
	LastErrorCode string               `json:"lastErrorCode"`
}

// upgradeV0 reads a version 0 file into the current Draft.
func upgradeV0(data []byte) (Draft, error) {
	var v0 draftV0
	if err := json.Unmarshal(data, &v0); err != nil {
		return Draft{}, fmt.Errorf("reading a version 0 draft: %w", err)
	}
	d := Draft{Version: 0, Submission: v0.Record, SavedAt: v0.SavedAt, Profile: v0.Profile, APIURL: v0.APIURL}
	if v0.LastErrorCode != "" {
		d.Outcome = Outcome{Kind: OutcomeRejected, Code: v0.LastErrorCode, At: v0.SavedAt}
		if v0.LastErrorCode == apiclient.CodeInvalidAdmin {
			d.Outcome.Field = apiclient.FieldAdmin
		}
	}
	return d, nil
}

// isEnvelope tells a versioned file from a version 0 one.
func isEnvelope(data []byte) (envelope, bool, error) {
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(data, &probe); err != nil {
		return envelope{}, false, fmt.Errorf("not JSON: %w", err)
	}
	if _, ok := probe["format"]; !ok {
		return envelope{}, false, nil
	}
	var e envelope
	if err := json.Unmarshal(data, &e); err != nil {
		return e, true, fmt.Errorf("reading the envelope: %w", err)
	}
	if e.Format != draftFormat {
		return e, true, fmt.Errorf("not an argos-migrate draft (format %q)", apiclient.Sanitize(e.Format))
	}
	if e.Version > DraftVersion {
		return e, true, fmt.Errorf("%w (format version %d; this one reads up to %d)", errNewerFormat, e.Version, DraftVersion)
	}
	return e, true, nil
}
