package draft

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
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

// What a file holds, bound into its ciphertext.
const (
	kindDraft = "draft" // a Draft
	kindLast  = "last"  // a LastSuccess
)

// aad binds a ciphertext to what stays true when the file is renamed (kept
// as a backup, moved aside, copied elsewhere): the format version, what it
// holds and whose it is. A draft cannot pass for another profile's (whose
// key differs anyway) nor for a last-success record.
func aad(kind, profile string, version int) []byte {
	return fmt.Appendf(nil, "%s/v%d/%s/%s", draftFormat, version, kind, profile)
}

// aadsFor lists the associated data a file of this envelope version may
// have been sealed with. Version 1 bound it to the file's name, which a
// backup or a file moved aside no longer has: the name before the rename is
// tried too.
func aadsFor(env envelope, path, kind, profile string) [][]byte {
	if env.Version >= 2 {
		return [][]byte{aad(kind, profile, env.Version)}
	}
	base := filepath.Base(path)
	names := []string{base}
	if stem, _, ok := strings.Cut(base, draftExt+".unreadable-"); ok {
		names = append(names, stem+draftExt)
	} else if stem, _, ok := strings.Cut(base, ".draft.backup-"); ok {
		names = append(names, stem+draftExt)
	}
	out := make([][]byte, len(names))
	for i, n := range names {
		out[i] = fmt.Appendf(nil, "%s/v1/%s", draftFormat, n)
	}
	return out
}

// errNewerFormat: the file was written by a newer argos-migrate.
var errNewerFormat = i18n.Errorf("drafts.store.newer")

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
		return Draft{}, i18n.Errorf("drafts.store.v0", err)
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
		return envelope{}, false, i18n.Errorf("drafts.store.not_json", err)
	}
	if _, ok := probe["format"]; !ok {
		return envelope{}, false, nil
	}
	var e envelope
	if err := json.Unmarshal(data, &e); err != nil {
		return e, true, i18n.Errorf("drafts.store.envelope", err)
	}
	if e.Format != draftFormat {
		return e, true, i18n.Errorf("drafts.store.not_draft", apiclient.Sanitize(e.Format))
	}
	if e.Version > Version {
		return e, true, i18n.Errorf("drafts.store.newer_version", errNewerFormat, strconv.Itoa(e.Version), strconv.Itoa(Version))
	}
	return e, true, nil
}
