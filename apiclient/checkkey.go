package apiclient

import (
	"context"
	"errors"
	"net/http"

	"argos-migrate/apiclient/i18n"
)

// Key check outcomes, for errors.Is.
var (
	// ErrKeyRefused: the server refused the key (403, or invalid_project).
	ErrKeyRefused = errors.New("API key refused")
	// ErrKeyUnchecked: the key could not be checked (network, server
	// failure, an answer that says nothing about the key).
	ErrKeyUnchecked = errors.New("API key not checked")
)

// CheckKey asks the server whether it accepts the client's key without
// creating anything: it posts an empty record, which the gateway refuses with
// 403 for a bad key and the service answers with 400 missing_data once the key
// has passed. It returns nil when the key was accepted, an error matching
// ErrKeyRefused (and wrapping the *APIError) when it was refused, and one
// matching ErrKeyUnchecked otherwise.
func (c *Client) CheckKey(ctx context.Context) error {
	_, err := c.post(ctx, []byte("{}"), false)
	if err == nil {
		return nil // an id for an empty record: the key passed, whatever else happened
	}
	var apiErr *APIError
	f := Classify(err, Submission{})
	switch {
	case f.KeyRefused():
		return &keyCheckError{outcome: ErrKeyRefused, err: err}
	case errors.As(err, &apiErr) && apiErr.Status == http.StatusBadRequest && apiErr.Code != "":
		// missing_data (or invalid_payload on an encrypted project): the
		// request got past the key check to the service itself.
		return nil
	}
	return &keyCheckError{outcome: ErrKeyUnchecked, err: err}
}

// keyCheckError is a key check's failure: it matches its outcome
// (ErrKeyRefused or ErrKeyUnchecked) and wraps the send's error. Error is
// English, for logs; a person reads it in the failure policy's words, in
// the run's language (In): "the API URL looks wrong: HTTP 403 …".
type keyCheckError struct {
	outcome, err error
}

func (e *keyCheckError) Error() string { return e.outcome.Error() + ": " + e.err.Error() }

// In is the failure, as the policy names it, in language l, with the fact
// behind it.
func (e *keyCheckError) In(l i18n.Lang) string {
	f := Classify(e.err, Submission{})
	title, _ := f.words(l)
	return LowerFirst(title) + ": " + f.Detail
}

func (e *keyCheckError) Unwrap() []error { return []error{e.outcome, e.err} }
