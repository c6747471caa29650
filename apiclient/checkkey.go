package apiclient

import (
	"context"
	"errors"
	"fmt"
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
		return &keyCheckError{mark: ErrKeyRefused, err: err}
	case f.Reason == ReasonWrongURL:
		return &keyCheckError{mark: ErrKeyUnchecked, err: err, wrongURL: true}
	case errors.As(err, &apiErr) && apiErr.Status == http.StatusBadRequest && apiErr.Code != "":
		// missing_data (or invalid_payload on an encrypted project): the
		// request got past the key check to the service itself.
		return nil
	}
	return &keyCheckError{mark: ErrKeyUnchecked, err: err}
}

// keyCheckError is a key refused (ErrKeyRefused) or not checked
// (ErrKeyUnchecked), wrapping the send's failure. In English it reads as
// it always has ("API key not checked: …"), for logs and --json; in
// another language the mark's English words give way to the failure
// policy's, so that no English prefix reaches a Korean screen.
type keyCheckError struct {
	mark     error
	err      error
	wrongURL bool
}

func (e *keyCheckError) Error() string {
	if e.wrongURL {
		return fmt.Sprintf("%v: %v (is the API URL right?)", e.mark, e.err)
	}
	return fmt.Sprintf("%v: %v", e.mark, e.err)
}

func (e *keyCheckError) Unwrap() []error { return []error{e.mark, e.err} }

// In says the error in language l (see the type).
func (e *keyCheckError) In(l i18n.Lang) string {
	switch {
	case l == i18n.EN:
		return e.Error()
	case e.mark == ErrKeyRefused:
		return i18n.ErrorIn(l, e.err) // the policy says "refused" from the answer
	}
	f := Classify(e.err, Submission{})
	if e.wrongURL {
		return i18n.In(l, "errwrap.key.unchecked_url", f.Title, f.Detail)
	}
	return i18n.In(l, "errwrap.key.unchecked", f.Title, f.Detail)
}
