package apiclient

import (
	"context"
	"errors"
	"fmt"
	"net/http"
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
	var apiErr *APIError
	switch {
	case err == nil:
		return nil // an id for an empty record: the key passed, whatever else happened
	case !errors.As(err, &apiErr):
		return fmt.Errorf("%w: %w", ErrKeyUnchecked, err)
	case apiErr.Status == http.StatusForbidden && apiErr.Message == "Missing Authentication Token":
		// An API gateway's answer for a path it does not serve: the API URL
		// is wrong, which says nothing about the key.
		return fmt.Errorf("%w: %w (is the API URL right?)", ErrKeyUnchecked, apiErr)
	case apiErr.Status == http.StatusForbidden || apiErr.Status == http.StatusUnauthorized || apiErr.Code == CodeInvalidProject:
		return fmt.Errorf("%w: %w", ErrKeyRefused, apiErr)
	case apiErr.Status == http.StatusBadRequest && apiErr.Code != "":
		// missing_data (or invalid_payload on an encrypted project): the
		// request got past the key check to the service itself.
		return nil
	}
	return fmt.Errorf("%w: %w", ErrKeyUnchecked, apiErr)
}
