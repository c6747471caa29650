package apiclient

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"argos-migrate/apiclient/i18n"
)

// DefaultBaseURL is the vendor's production API.
const DefaultBaseURL = "https://rest-api.argosidentity.com"

// MigrationPath is the documented path of the migration call.
const MigrationPath = "/v3/submission/migration"

// DefaultTimeout bounds one submit, connection to last byte.
const DefaultTimeout = 30 * time.Second

// maxResponseBytes caps what is read of an answer; a real one is under 1 KiB.
const maxResponseBytes = 64 << 10

// Options configures a Client.
type Options struct {
	BaseURL    string       // default DefaultBaseURL
	APIKey     string       // sent as x-api-key
	HTTPClient *http.Client // default NewHTTPClient(); redirects are never followed, whatever it says
	Timeout    time.Duration
	UserAgent  string // e.g. "argos-migrate/1.2.3"
	Encrypted  bool   // the project's "secure data transmission" option
}

// Client talks to the ARGOS migration API.
type Client struct {
	base      *url.URL
	key       string
	http      *http.Client
	timeout   time.Duration
	userAgent string
	encrypted bool
}

// New checks the options and returns a Client. Plain http:// is refused
// except to a loopback address, so a key never crosses a network in clear.
func New(o Options) (*Client, error) {
	if o.APIKey == "" {
		return nil, ErrNoKey
	}
	if err := CheckKeyText(o.APIKey); err != nil {
		// A line break would fail as a "network" error once in a header.
		return nil, err
	}
	base, err := ParseBaseURL(o.BaseURL)
	if err != nil {
		return nil, err
	}
	c := &Client{base: base, key: o.APIKey, http: NewHTTPClient(), timeout: o.Timeout,
		userAgent: o.UserAgent, encrypted: o.Encrypted}
	if o.HTTPClient != nil {
		// A copy, so the caller's client is left as it was; whatever its
		// CheckRedirect said, this one follows nothing.
		hc := *o.HTTPClient
		hc.CheckRedirect = refuseRedirect
		c.http = &hc
	}
	if c.timeout <= 0 {
		c.timeout = DefaultTimeout
	}
	if c.userAgent == "" {
		c.userAgent = "argos-migrate"
	}
	return c, nil
}

// NewHTTPClient is the one HTTP client the program builds: it follows no
// redirect. Go's default client follows up to ten, re-sending x-api-key to
// any host and, on a 307 or 308, the whole record; a 3xx answer is handed
// back as it is, and Client turns it into a *RedirectError.
func NewHTTPClient() *http.Client {
	return &http.Client{Transport: http.DefaultTransport, CheckRedirect: refuseRedirect}
}

func refuseRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// redirectError describes a 3xx answer to a request to c's server; record
// says the request carried a record.
func (c *Client) redirectError(resp *http.Response, record bool) *RedirectError {
	e := &RedirectError{Status: resp.StatusCode, Host: c.base.Host, Record: record}
	if resp.Header.Get("Location") == "" {
		return e
	}
	loc, err := resp.Location()
	if err != nil || loc.Host == "" {
		e.Target = "an address that could not be read"
		return e
	}
	host, err := ASCIIHost(loc.Host)
	if err != nil {
		e.Target = "an invalid host name"
		return e
	}
	e.Target = Sanitize(strings.ToLower(loc.Scheme) + "://" + host)
	return e
}

// ParseBaseURL checks an API base URL: https anywhere, http only to
// loopback; a host and, for a gateway in front of the API, a path, but no
// query, fragment, user name, or the API's own path (the client adds
// /v3/submission/migration, so a URL ending in it would double it). The
// URL it returns is the one to use and show: the host in its ASCII form
// (punycode for a name in another script), no trailing slash.
func ParseBaseURL(raw string) (*url.URL, error) {
	if raw == "" {
		raw = DefaultBaseURL
	}
	if Sanitize(raw) != raw {
		// url.Parse refuses ASCII controls but lets C1 controls and
		// direction overrides through, and the URL is drawn on every screen.
		return nil, i18n.Errorf("apiurl.parse.control", raw)
	}
	if i := strings.IndexFunc(raw, func(r rune) bool { return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) }); i >= 0 {
		return nil, i18n.Errorf("apiurl.parse.space", redactUserinfo(raw), codePoint([]rune(raw[i:])[0]), strconv.Itoa(i))
	}
	u, err := url.Parse(strings.TrimRight(raw, "/"))
	if err != nil || u.Host == "" {
		return nil, i18n.Errorf("apiurl.parse.want", redactUserinfo(raw))
	}
	if u.User != nil {
		// It would be shown in the header, the dry run's curl and the
		// settings file: the API key is the only credential the API takes.
		return nil, i18n.Errorf("apiurl.parse.userinfo")
	}
	if u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || strings.ContainsAny(raw, "?#") {
		// The client builds the request's path and query itself: what
		// follows ? or # would be dropped, or end up where it was not meant.
		return nil, i18n.Errorf("apiurl.parse.query", u.Scheme+"://"+u.Host+u.Path)
	}
	if err := checkPort(u.Host); err != nil {
		return nil, i18n.Errorf("apiurl.parse.at", u.Scheme+"://"+u.Host, err)
	}
	host, err := ASCIIHost(u.Host)
	if err != nil {
		return nil, i18n.Errorf("apiurl.parse.host", err)
	}
	u.Host = host
	if base, ok := cutAPIPath(u); ok {
		return nil, i18n.Errorf("apiurl.parse.api_path", u.String(), base)
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !IsLoopback(u.Hostname()) {
			return nil, i18n.Errorf("apiurl.parse.plain_http", u.Host)
		}
	default:
		return nil, i18n.Errorf("apiurl.parse.scheme", redactUserinfo(raw))
	}
	return u, nil
}

// checkPort refuses an empty port ("host:") and one outside 1–65535, which
// url.Parse lets through.
func checkPort(hostport string) error {
	i := strings.LastIndexByte(hostport, ':')
	if i < 0 || strings.HasSuffix(hostport, "]") {
		return nil // no port (an IPv6 literal ends in "]")
	}
	n, err := strconv.Atoi(hostport[i+1:])
	if err != nil || n < 1 || n > 65535 {
		return i18n.Errorf("apiurl.parse.port", hostport[i+1:])
	}
	return nil
}

// cutAPIPath reports whether u's path holds a "v3" segment, where the API's
// own paths begin, and returns the URL without it and what follows.
func cutAPIPath(u *url.URL) (string, bool) {
	segs := strings.Split(u.Path, "/")
	for i, seg := range segs {
		if strings.EqualFold(seg, "v3") {
			base := *u
			base.Path = strings.Join(segs[:i], "/")
			base.RawPath = ""
			return base.String(), true
		}
	}
	return "", false
}

// redactUserinfo hides what stands between "://" and "@" in a URL that
// failed to parse, so an error never repeats a password.
func redactUserinfo(raw string) string {
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok {
		return raw
	}
	if at := strings.LastIndex(rest, "@"); at >= 0 && !strings.ContainsAny(rest[:at], "/?#") {
		return scheme + "://…@" + rest[at+1:]
	}
	return raw
}

// IsLoopback reports whether host names this machine.
func IsLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// IsLoopbackURL reports whether the URL's host names this machine: a server
// on loopback is neither the live API nor, unless it is the built-in one,
// the sandbox.
func IsLoopbackURL(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && IsLoopback(u.Hostname())
}

// Submit sends one record and returns the new submission id. It does not
// validate: call Validate first. Failures are *APIError or *TransportError;
// see MaybeCreated before retrying.
func (c *Client) Submit(ctx context.Context, s Submission) (string, error) {
	body, err := s.Body()
	if err != nil {
		return "", err
	}
	return c.post(ctx, body, true)
}

// post sends one body to the migration call (sealed when the project uses
// encryption) and decodes the answer. record is false for the key check's
// empty body: a redirect then says no record reached anyone.
func (c *Client) post(ctx context.Context, body []byte, record bool) (string, error) {
	if c.encrypted {
		var err error
		if body, err = c.sealRequest(body); err != nil {
			return "", err
		}
	}
	open, length := bytesBody(body)
	a, err := c.send(ctx, request{method: http.MethodPost, path: MigrationPath,
		contentType: "application/json", open: open, length: length, record: record})
	if err != nil {
		return "", err
	}
	if a.truncated {
		return "", a.tooLarge()
	}
	id, err := c.decodeResponse(a.status, a.data)
	var apiErr *APIError
	if a.status == http.StatusTooManyRequests && errors.As(err, &apiErr) {
		apiErr.RetryAfter = parseRetryAfter(a.header.Get("Retry-After"), time.Now())
	}
	return id, err
}

// maxIDBytes bounds a submission id; the vendor's are a few dozen bytes.
const maxIDBytes = 256

// submissionIDProblem is the one rule for a submission id, whether the
// server gave it (an answer, the lookup) or an operator did (the image
// call): it says, as a verb phrase, what is wrong with id, or nothing (an
// empty id) when nothing is. An id that is blank, too long, or holds
// spaces, control or invisible characters, the replacement character (what
// a JSON decoder leaves of invalid UTF-8) or invalid UTF-8 is no id a
// server means: it would be printed altered, or could not be looked up
// again.
func submissionIDProblem(id string) text {
	switch {
	case id == "":
		return say("rules.id.empty")
	case len(id) > maxIDBytes:
		return say("rules.id.too_long", maxIDBytes)
	case !utf8.ValidString(id) || strings.ContainsRune(id, utf8.RuneError):
		return say("rules.id.not_utf8")
	case strings.IndexFunc(id, func(r rune) bool { return unicode.IsSpace(r) || !unicode.IsGraphic(r) }) >= 0:
		return say("rules.id.spaces")
	}
	return text{}
}

// CheckSubmissionID refuses an id no server means (see
// submissionIDProblem): "the id is empty", "the id "a b" holds spaces…".
func CheckSubmissionID(id string) error {
	switch p := submissionIDProblem(id); p.id {
	case "":
		return nil
	case "rules.id.spaces":
		return &ruleError{say("rules.id.named", Sanitize(id), p)}
	default:
		return &ruleError{say("rules.id.unnamed", p)}
	}
}

// parseRetryAfter reads a Retry-After header: seconds, or an HTTP date.
// It returns 0 when there is none or it cannot be read.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n <= 0 || n > 7*24*3600 {
			return 0
		}
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now).Round(time.Second)
	}
	return 0
}

// isRedirect reports a 3xx status, which the API never answers.
func isRedirect(status int) bool { return status >= 300 && status < 400 }

func (c *Client) transportError(ctx context.Context, err error, sent bool) error {
	op := "sending to " + c.base.Host
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		err = urlErr.Err
	}
	var certErr *tls.CertificateVerificationError
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		err = &timeoutError{c.timeout}
	case errors.Is(err, context.Canceled):
		err = fmt.Errorf("cancelled: %w", context.Canceled)
	case errors.As(err, &certErr):
		sent = false
		err = fmt.Errorf("TLS certificate not trusted: %w", err)
	}
	return &TransportError{Op: op, Sent: sent, Err: err}
}

// wireAnswer is the union of every answer shape the vendor's APIs use.
type wireAnswer struct {
	Message      *string          `json:"message"`
	SubmissionID string           `json:"submissionId"`
	ErrorCode    string           `json:"errorCode"`
	StatusCode   json.RawMessage  `json:"statusCode"`
	Data         *json.RawMessage `json:"data"`
	IsEncrypted  bool             `json:"isEncrypted"`
}

// decodeResponse turns a status and body into a submission id or a typed
// error. It never fails on an unexpected shape: anything it cannot read
// becomes an *APIError that quotes a cleaned excerpt of the body.
func (c *Client) decodeResponse(status int, data []byte) (string, error) {
	ans, perr := parseAnswer(data)
	// An encrypted answer is decrypted whether or not encryption was asked
	// for; a plain answer to an encrypted request is read as it is.
	answerEncrypted := perr == nil && ans.IsEncrypted && ans.Data != nil
	if answerEncrypted {
		plain, err := c.openResponse(*ans.Data)
		if err != nil {
			e := &APIError{Status: status, Message: err.Error(), Err: err}
			if !c.encrypted {
				e.Encryption = EncryptionTurnOn
			}
			return "", e
		}
		ans, perr = parseAnswer(plain)
		data = plain
	}
	if status >= 200 && status < 300 {
		if perr != nil || ans.SubmissionID == "" {
			return "", &APIError{Status: status, Message: "success status without a submissionId: " + excerpt(data)}
		}
		if err := CheckSubmissionID(ans.SubmissionID); err != nil {
			// Printed on stdout and kept as the record's id, it must be
			// exactly what the server holds: a mangled one is no id.
			return "", &APIError{Status: status, Message: "success status with an unusable submissionId: " + err.Error()}
		}
		return ans.SubmissionID, nil
	}
	e := &APIError{Status: status}
	if perr != nil {
		e.Message = excerpt(data)
		return "", e
	}
	e.Code = Sanitize(ans.ErrorCode)
	if ans.Message != nil {
		e.Message = Sanitize(*ans.Message)
	}
	if e.Code == CodeInvalidFormat || e.Code == CodeInvalidParameter {
		if i := strings.LastIndex(e.Message, ":"); i >= 0 {
			e.Field = strings.TrimSpace(e.Message[i+1:])
		}
	}
	e.Encryption = c.encryptionHint(e, answerEncrypted)
	return "", e
}

// encryptionHint judges from a 400 whether the encryption setting is wrong.
// A project with the option on answers encrypted, so an encrypted answer to a
// plain request is a sure sign; our bodies are always well-formed JSON with
// every required field, so invalid_payload to a plain body, or a plain
// "cannot find the record" to {"body": ...}, are strong ones.
func (c *Client) encryptionHint(e *APIError, answerEncrypted bool) EncryptionHint {
	switch {
	case !c.encrypted && answerEncrypted:
		return EncryptionTurnOn
	case !c.encrypted && e.Code == CodeInvalidPayload:
		return EncryptionTurnOn
	case c.encrypted && !answerEncrypted && (e.Code == CodeInvalidPayload || e.Code == CodeMissingData ||
		(e.Code == CodeInvalidParameter && e.Field == "body")):
		return EncryptionTurnOff
	}
	return EncryptionOK
}

func parseAnswer(data []byte) (wireAnswer, error) {
	var a wireAnswer
	err := json.Unmarshal(data, &a)
	return a, err
}

// excerpt quotes the start of an unreadable body, cleaned for the terminal
// (an HTML error page from a gateway, say).
func excerpt(data []byte) string {
	s := strings.TrimSpace(string(data))
	if s == "" {
		return "empty body"
	}
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 120 {
		s = string(r[:120]) + "…"
	}
	return "unreadable answer: " + Sanitize(s)
}

// timeoutError is a request that got no whole answer within the timeout;
// it matches context.DeadlineExceeded.
type timeoutError struct{ after time.Duration }

func (e *timeoutError) Error() string { return "no answer within " + e.after.String() }

// Localize says it in the run's language, for the failure's detail.
func (e *timeoutError) Localize() string { return i18n.T("errwrap.net.timeout", e.after.String()) }

func (e *timeoutError) Is(target error) bool { return target == context.DeadlineExceeded }
