package apiclient

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"strings"
	"sync/atomic"
)

// ImageError is a failed image call. It wraps the *APIError or
// *TransportError (errors.As finds them) and says what the call carried, so
// that the failure policy (Classify) speaks of the images, not of a record.
type ImageError struct {
	SubmissionID string
	Kinds        []ImageKind // the images the request carried
	IDType       string
	// Encrypted: the profile has secure data transmission on. The image
	// call was sent as plain multipart/form-data all the same, since the
	// vendor does not document the option for it.
	Encrypted bool
	Err       error
}

// Error says what failed and, for the network's failures, whether the
// images may have been attached.
func (e *ImageError) Error() string {
	var te *TransportError
	if errors.As(e.Err, &te) {
		what := "nothing was attached"
		if te.Sent {
			what = "the images may have been attached"
		}
		return fmt.Sprintf("attaching images: %s: %v (%s)", te.Op, te.Err, what)
	}
	return "attaching images: " + e.Err.Error()
}

// Unwrap returns the *APIError or *TransportError.
func (e *ImageError) Unwrap() error { return e.Err }

// AttachImages sends the upload's images to its submission: PUT
// {base}/v3/submission/image, multipart/form-data with submissionId, admin,
// idType and each image as base64 text, under the same rules as Submit (the
// key as x-api-key, the timeout, answers read up to 64 KiB and cleaned,
// redirects never followed). The form is streamed from the files (see
// imageBody), so memory stays bounded whatever the images' size.
//
// The upload is checked first (ImageUpload.Check): a broken rule is an
// *ImageCheckError and nothing is sent; so is a file that changed since
// CheckImageFile, found while sending (the request is cut short, and the
// server cannot read a form without its end). Other failures are an
// *ImageError wrapping an *APIError or *TransportError; read them through
// Classify. The call replaces the images it carries, so sending the same
// upload again cannot create anything twice.
//
// The project's secure data transmission option is not applied: the
// vendor documents it for JSON bodies only, and the image call's page
// documents plain multipart/form-data.
func (c *Client) AttachImages(ctx context.Context, u ImageUpload) error {
	if err := u.Check(); err != nil {
		return err
	}
	body, err := newImageBody(u)
	if err != nil {
		return fmt.Errorf("building the image form: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()

	var sent atomic.Bool
	trace := &httptrace.ClientTrace{
		WroteRequest: func(info httptrace.WroteRequestInfo) {
			if info.Err == nil {
				sent.Store(true)
			}
		},
	}
	endpoint := c.base.JoinPath(ImagePath).String()
	req, err := http.NewRequestWithContext(httptrace.WithClientTrace(ctx, trace), http.MethodPut, endpoint, http.NoBody)
	if err != nil {
		return fmt.Errorf("building request: %w", err)
	}
	// The body starts writing when opened: open it only once the request
	// exists, so that the transport is the one to close it.
	req.Body = body.open()
	req.GetBody = func() (io.ReadCloser, error) { return body.open(), nil }
	req.ContentLength = body.length
	req.Header.Set("Content-Type", body.contentType())
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	req.Header.Set("x-api-key", c.key)

	resp, err := c.imageHTTP().Do(req)
	if err != nil {
		var p *ImageProblem
		if errors.As(err, &p) {
			return &ImageCheckError{Problems: []*ImageProblem{p}}
		}
		return c.imageError(u, c.transportError(ctx, err, sent.Load()))
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		return c.imageError(u, redirectAnswer(resp))
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes+1))
	if err != nil {
		return c.imageError(u, c.transportError(ctx, fmt.Errorf("reading the answer: %w", err), true))
	}
	if len(data) > maxResponseBytes {
		return c.imageError(u, &APIError{Status: resp.StatusCode, Message: fmt.Sprintf("answer larger than %d KiB, not read", maxResponseBytes>>10)})
	}
	if err := c.decodeImageAnswer(resp.StatusCode, data); err != nil {
		return c.imageError(u, err)
	}
	return nil
}

// imageHTTP is the client's HTTP client with redirects refused: a redirect
// would carry the key (and, for a 307 or 308, the images) to another host.
func (c *Client) imageHTTP() *http.Client {
	hc := *c.http
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &hc
}

// redirectAnswer describes a 3xx, which the API never answers: it names
// where it pointed (scheme and host only) and says nothing was sent there.
func redirectAnswer(resp *http.Response) *APIError {
	to := "an address it did not give"
	if loc, err := resp.Location(); err == nil && loc.Host != "" {
		to = Sanitize(strings.ToLower(loc.Scheme) + "://" + loc.Host)
	}
	return &APIError{Status: resp.StatusCode,
		Message: "a redirect to " + to + ", not followed: nothing was sent there"}
}

func (c *Client) imageError(u ImageUpload, err error) *ImageError {
	e := &ImageError{SubmissionID: u.SubmissionID, IDType: u.IDType, Encrypted: c.encrypted, Err: err}
	for _, p := range u.Parts() {
		e.Kinds = append(e.Kinds, p.Kind)
	}
	return e
}

// decodeImageAnswer reads the image call's answer. Success is any 2xx whose
// body is a JSON object without an errorCode (the vendor's is {"message":
// "complete to update image."}), decrypted first when it says it is
// encrypted; a 2xx that cannot be read is an *APIError the policy reads as
// "may have been attached". Other answers are read as the migration call's
// are, except that they say nothing about the encryption setting: this
// call is never encrypted, so switching it would change nothing.
func (c *Client) decodeImageAnswer(status int, data []byte) error {
	if status < 200 || status >= 300 {
		_, err := c.decodeResponse(status, data)
		var apiErr *APIError
		if errors.As(err, &apiErr) {
			apiErr.Encryption = EncryptionOK
		}
		return err
	}
	ans, perr := parseAnswer(data)
	if perr == nil && ans.IsEncrypted && ans.Data != nil {
		plain, err := c.openResponse(*ans.Data)
		if err != nil {
			return &APIError{Status: status, Message: err.Error(), Err: err}
		}
		ans, perr = parseAnswer(plain)
		data = plain
	}
	if perr != nil || !strings.HasPrefix(strings.TrimSpace(string(data)), "{") || ans.ErrorCode != "" {
		return &APIError{Status: status, Message: "success status with an answer that could not be read: " + excerpt(data)}
	}
	return nil
}
