package apiclient

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"argos-migrate/apiclient/i18n"
)

// LookupPath is where submissions are looked up by email.
//
// Inferred: the vendor's migration page does not document a lookup. The
// path, the email query parameter and the answer's shape come from the
// vendor's public developer docs for other calls and are guessed; this file
// is the one place that knows them. The answer is read tolerantly (see
// decodeFound) and anything unexpected is ErrLookupUnsupported, never a
// guess that nothing exists.
const LookupPath = "/v3/submission"

// ErrLookupUnsupported: the server does not answer the lookup (404, 403,
// 405, or an answer we cannot read), so whether the record exists is unknown.
var ErrLookupUnsupported = errors.New("the server does not support looking submissions up")

// ErrLookupUnreadable: the server answered the lookup, but not with a list
// this client can trust (too large, not JSON, an entry without a usable id).
// It matches ErrLookupUnsupported too: either way, whether the record exists
// is unknown.
var ErrLookupUnreadable = fmt.Errorf("%w: its answer could not be read", ErrLookupUnsupported)

// ErrNoLookup: the front end was started without a way to look up.
var ErrNoLookup = errors.New("this session cannot look submissions up")

// LookupError is a lookup whose answer says nothing about the record: Kind
// is ErrLookupUnsupported or ErrLookupUnreadable, Why the fact behind it,
// in words of a catalog (said in any language) and safe to draw ("HTTP
// 404: Not Found", "an entry has no id").
type LookupError struct {
	Kind error
	Why  *i18n.Error
}

// Error names the kind and the fact, in English.
func (e *LookupError) Error() string { return e.Kind.Error() + " (" + e.Why.Error() + ")" }

// Unwrap returns the kind, for errors.Is.
func (e *LookupError) Unwrap() error { return e.Kind }

// LookupWhy says in the run's language why a lookup could not tell whether
// the record exists, for every front end: no lookup in this session, a
// server that does not answer one, an answer that could not be read (with
// what was wrong with it), or the network's or the server's failure in the
// failure policy's words.
func LookupWhy(err error, rec Submission) string {
	var le *LookupError
	switch {
	case errors.Is(err, ErrNoLookup):
		return i18n.T("lookup.why.none")
	case errors.As(err, &le) && errors.Is(le.Kind, ErrLookupUnreadable):
		return i18n.T("lookup.why.unreadable_because", le.Why.Localize())
	case errors.Is(err, ErrLookupUnsupported):
		return i18n.T("lookup.why.unsupported")
	}
	f := Classify(err, rec)
	if f.Reason == ReasonUnexpected || f.Reason == ReasonUnreadable {
		return i18n.T("lookup.why.unreadable")
	}
	return UpperFirst(f.Detail) + "."
}

// FoundSubmission is one submission the lookup returned.
type FoundSubmission struct {
	ID        string
	Email     string
	UserID    string    // "" when the answer gave none
	CreatedAt time.Time // zero when the answer had no readable time
}

// FindByEmail asks the server for the submissions made for email, so that a
// record whose submit had an unknown outcome is not created twice. An empty
// list means the server answered and has none. Failures are
// ErrLookupUnsupported (wrapped), *APIError or *TransportError.
func (c *Client) FindByEmail(ctx context.Context, email string) ([]FoundSubmission, error) {
	// A GET creates nothing: its failures never say a record may have been
	// created (safe).
	a, err := c.send(ctx, request{method: http.MethodGet, path: LookupPath, query: url.Values{"email": {email}}, safe: true})
	if err != nil {
		return nil, fmt.Errorf("looking the email up: %w", err)
	}
	data := a.data
	switch {
	case a.status == http.StatusNotFound, a.status == http.StatusForbidden,
		a.status == http.StatusMethodNotAllowed, a.status == http.StatusNotImplemented:
		return nil, &LookupError{Kind: ErrLookupUnsupported, Why: i18n.Err("lookup.answer.status", strconv.Itoa(a.status), answerMessage(data))}
	case a.status < 200 || a.status > 299:
		_, err := c.decodeResponse(a.status, data)
		return nil, fmt.Errorf("looking the email up: %w", err)
	case a.truncated:
		return nil, &LookupError{Kind: ErrLookupUnreadable, Why: i18n.Err("lookup.answer.too_large", strconv.Itoa(maxResponseBytes>>10))}
	}
	if a, err := parseAnswer(data); err == nil && a.IsEncrypted && a.Data != nil {
		if data, err = c.openResponse(*a.Data); err != nil {
			return nil, &LookupError{Kind: ErrLookupUnreadable, Why: i18n.Err("lookup.answer.undecryptable")}
		}
	}
	found, why := decodeFound(data)
	if why != nil {
		return nil, &LookupError{Kind: ErrLookupUnreadable, Why: why}
	}
	return found, nil
}

// answerMessage is the "message" of an error answer, or an excerpt.
func answerMessage(data []byte) string {
	if a, err := parseAnswer(data); err == nil && a.Message != nil {
		return Sanitize(*a.Message)
	}
	return excerpt(data)
}

// decodeFound reads the shapes a list answer plausibly takes (inferred):
// a bare list, or a list under Items, items, data, submissions or results;
// each entry naming its id submissionId, submission_id, id or _id (an id
// CheckSubmissionID accepts), its user id userid, userId or user_id, and its
// time createdAt, created_at, createdDate, created or submittedAt as RFC 3339
// text or Unix seconds or milliseconds.
func decodeFound(data []byte) ([]FoundSubmission, *i18n.Error) {
	data = bytes.TrimSpace(data)
	var list []map[string]json.RawMessage
	if len(data) > 0 && data[0] == '[' {
		if err := json.Unmarshal(data, &list); err != nil {
			return nil, i18n.Err("lookup.answer.bad_list")
		}
	} else {
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(data, &obj); err != nil {
			return nil, i18n.Err("lookup.answer.unreadable", excerpt(data))
		}
		found := false
		for _, k := range []string{"Items", "items", "data", "submissions", "results"} {
			if raw, ok := obj[k]; ok {
				if err := json.Unmarshal(raw, &list); err != nil {
					return nil, i18n.Err("lookup.answer.not_a_list", k)
				}
				found = true
				break
			}
		}
		if !found {
			return nil, i18n.Err("lookup.answer.no_list", excerpt(data))
		}
	}
	out := make([]FoundSubmission, 0, len(list))
	for _, e := range list {
		f := FoundSubmission{
			ID:     firstString(e, "submissionId", "submission_id", "id", "_id"),
			Email:  Sanitize(firstString(e, "email", "Email")),
			UserID: Sanitize(firstString(e, "userid", "userId", "user_id")),
		}
		if f.ID == "" {
			return nil, i18n.Err("lookup.answer.no_id")
		}
		if err := CheckSubmissionID(f.ID); err != nil {
			// Taken as this record's, it would be printed as created: an
			// id that is not one makes the whole answer unreadable.
			return nil, i18n.Err("lookup.answer.bad_id", err)
		}
		f.CreatedAt = firstTime(e, "createdAt", "created_at", "createdDate", "created", "submittedAt")
		out = append(out, f)
	}
	return out, nil
}

func firstString(e map[string]json.RawMessage, keys ...string) string {
	for _, k := range keys {
		var s string
		if raw, ok := e[k]; ok && json.Unmarshal(raw, &s) == nil && s != "" {
			return s
		}
	}
	return ""
}

func firstTime(e map[string]json.RawMessage, keys ...string) time.Time {
	for _, k := range keys {
		raw, ok := e[k]
		if !ok {
			continue
		}
		var s string
		if json.Unmarshal(raw, &s) == nil {
			for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05", "2006-01-02T15:04:05"} {
				if t, err := time.Parse(layout, s); err == nil {
					return t
				}
			}
			if n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err == nil {
				return unixAny(n)
			}
			continue
		}
		var n json.Number
		if json.Unmarshal(raw, &n) == nil {
			if i, err := n.Int64(); err == nil {
				return unixAny(i)
			}
		}
	}
	return time.Time{}
}

// unixAny reads Unix seconds or milliseconds, told apart by size.
func unixAny(n int64) time.Time {
	if n > 1e11 {
		return time.UnixMilli(n)
	}
	return time.Unix(n, 0)
}
