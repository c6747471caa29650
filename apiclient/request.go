package apiclient

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"sync/atomic"
)

// request is one call to the API, as Submit, the key check, the lookup and
// the image call make it: they differ in their method, path and body, and
// share everything send does.
type request struct {
	method string
	path   string // joined to the base URL: MigrationPath, ImagePath, LookupPath
	query  url.Values
	// contentType is the body's type; "" for a request without a body.
	contentType string
	// open returns the body, nil for none. It is called once the request
	// exists (an image body starts writing when opened, and the transport
	// must be the one to close it), and again should the transport need to
	// send the body a second time.
	open   func() io.ReadCloser
	length int64
	// record: the request carries a record, so a redirect means the record
	// reached the server that answered (RedirectError.Record).
	record bool
	// safe: the request changes nothing on the server (the lookup's GET),
	// so no failure of it may say that something was created: a
	// *TransportError from it always has Sent false.
	safe bool
	// bodyFailed returns the error to report when the body itself failed
	// (an image file that changed while it was sent) rather than the
	// network; nil when the body cannot fail, or when it was the network.
	bodyFailed func(error) error
}

// bytesBody is a request body held in memory.
func bytesBody(b []byte) (func() io.ReadCloser, int64) {
	return func() io.ReadCloser { return io.NopCloser(bytes.NewReader(b)) }, int64(len(b))
}

// answer is what the server answered: its status, its headers and at most
// maxResponseBytes of its body.
type answer struct {
	status int
	header http.Header
	data   []byte
	// truncated: the body was longer than maxResponseBytes and was not
	// read past it; data then holds its start.
	truncated bool
}

// tooLarge is the error for an answer too long to be read: a real one is
// under 1 KiB.
func (a answer) tooLarge() *APIError {
	return &APIError{Status: a.status, Message: fmt.Sprintf("answer larger than %d KiB, not read", maxResponseBytes>>10)}
}

// send makes one request under the client's rules, written once here: the
// timeout bounds it from connection to last byte; the key goes as
// x-api-key with the user agent; the trace notes whether the request was
// written to the network, so that a failure can say whether it may have
// been acted on; no redirect is followed (a 3xx is a *RedirectError); the
// answer is read up to maxResponseBytes. Failures to get an answer are
// *TransportError, or what r.bodyFailed makes of a failed body.
func (c *Client) send(ctx context.Context, r request) (answer, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()

	var sent atomic.Bool
	trace := &httptrace.ClientTrace{
		WroteRequest: func(info httptrace.WroteRequestInfo) {
			if info.Err == nil && !r.safe {
				sent.Store(true)
			}
		},
	}
	u := c.base.JoinPath(r.path)
	if r.query != nil {
		u.RawQuery = r.query.Encode()
	}
	req, err := http.NewRequestWithContext(httptrace.WithClientTrace(ctx, trace), r.method, u.String(), http.NoBody)
	if err != nil {
		return answer{}, fmt.Errorf("building request: %w", err)
	}
	if r.open != nil {
		req.Body = r.open()
		req.GetBody = func() (io.ReadCloser, error) { return r.open(), nil }
		req.ContentLength = r.length
		req.Header.Set("Content-Type", r.contentType)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	req.Header.Set("x-api-key", c.key)

	resp, err := c.http.Do(req)
	if err != nil {
		if r.bodyFailed != nil {
			if berr := r.bodyFailed(err); berr != nil {
				return answer{}, berr
			}
		}
		return answer{}, c.transportError(ctx, err, sent.Load())
	}
	defer resp.Body.Close()
	if isRedirect(resp.StatusCode) {
		return answer{}, c.redirectError(resp, r.record)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes+1))
	if err != nil {
		return answer{}, c.transportError(ctx, fmt.Errorf("reading the answer: %w", err), !r.safe)
	}
	a := answer{status: resp.StatusCode, header: resp.Header, data: data}
	if len(data) > maxResponseBytes {
		a.data, a.truncated = data[:maxResponseBytes], true
	}
	return a, nil
}
