// Package sandbox is a local ARGOS migration server that speaks the
// documented contract with the same rulebook as the client, so the wizard and
// `submit` can be tried, demonstrated and tested without a key or a network.
//
// It accepts only the key Key (or Options.Key). Admin accounts on the sandbox.test domain
// trigger the answers a real server can give:
//
//	payload@sandbox.test   400 invalid_payload
//	parameter@sandbox.test 400 invalid_parameter (cf4)
//	invalid@sandbox.test   400 invalid_admin
//	project@sandbox.test   400 invalid_project
//	error@sandbox.test     400 processing_error
//	fail@sandbox.test      500 with a JSON body, nothing created
//	gateway@sandbox.test   502 with an HTML body, nothing created
//	stall@sandbox.test     creates the record, then never answers
//	drop@sandbox.test      creates the record, then closes the connection
//
// It also answers GET /v3/submission?email=... (the lookup the wizard makes
// before re-sending a record whose outcome was unknown; inferred, see
// apiclient.LookupPath) with {"Items": [...]} of the records created for
// that email, newest last. The person email nolookup@sandbox.test makes the
// lookup answer 404, as a server without it would.
//
// Every other documented error comes from the record itself: malformed JSON
// (invalid_payload), a missing required field (missing_data), an unknown key
// (invalid_parameter), a badly formatted value (invalid_format).
//
// With Options.Encrypted the sandbox plays a project that turned on secure
// data transmission: it reads only {"body": "<ciphertext>"} sealed with Key
// (anything else is invalid_payload) and seals every answer of the call
// itself, success and 400 alike, as {"data": ..., "isEncrypted": true}, with
// the same apiclient code that the client uses.
//
// Options.Key replaces Key, so that a test can run the whole flow with a key
// it can recognise anywhere it might leak (the sandbox never prints it).
package sandbox

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"argos-migrate/apiclient"
)

// Key is the sandbox's only valid API key. It is not a secret.
const Key = "sandbox-not-a-secret"

// Magic admin accounts, see the package documentation.
const (
	AdminPayload   = "payload@sandbox.test"
	AdminParameter = "parameter@sandbox.test"
	AdminInvalid   = "invalid@sandbox.test"
	AdminProject   = "project@sandbox.test"
	AdminError     = "error@sandbox.test"
	AdminFail      = "fail@sandbox.test"
	AdminGateway   = "gateway@sandbox.test"
	AdminStall     = "stall@sandbox.test"
	AdminDrop      = "drop@sandbox.test"
)

// EmailNoLookup is a person's email whose lookup answers 404, to try the
// wizard's "the lookup could not be made" path.
const EmailNoLookup = "nolookup@sandbox.test"

// Record is one submission the sandbox created.
type Record struct {
	ID         string
	Created    time.Time
	Submission apiclient.Submission
}

// Options configures a Server.
type Options struct {
	Now       func() time.Time // default time.Now
	Encrypted bool             // play a project with secure data transmission on
	// Key is the only API key accepted, and the one answers are sealed
	// with; "" means the package's Key.
	Key string
}

// Server is the sandbox's HTTP handler and in-memory store.
type Server struct {
	now       func() time.Time
	encrypted bool
	key       string
	mu        sync.Mutex
	records   []Record
	stop      chan struct{}
	once      sync.Once
}

// New returns a sandbox with an empty store.
func New(o Options) *Server {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Key == "" {
		o.Key = Key
	}
	return &Server{now: o.Now, encrypted: o.Encrypted, key: o.Key, stop: make(chan struct{})}
}

// Encrypted reports whether the sandbox plays a project with encryption on.
func (s *Server) Encrypted() bool { return s.encrypted }

// Records returns a copy of what has been created so far, oldest first.
func (s *Server) Records() []Record {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Record(nil), s.records...)
}

func (s *Server) create(sub apiclient.Submission) Record {
	var b [6]byte
	_, _ = rand.Read(b[:])
	rec := Record{ID: "sbx" + hex.EncodeToString(b[:]) + "_mg", Created: s.now(), Submission: sub}
	s.mu.Lock()
	s.records = append(s.records, rec)
	s.mu.Unlock()
	return rec
}

// Running is a sandbox listening on loopback.
type Running struct {
	*Server
	URL string
	srv *http.Server
}

// Start serves a new sandbox on 127.0.0.1:port (0 picks a free port).
func Start(port int, o Options) (*Running, error) {
	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		return nil, fmt.Errorf("starting sandbox: %w", err)
	}
	s := New(o)
	r := &Running{Server: s, URL: "http://" + ln.Addr().String(),
		srv: &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}}
	go func() {
		if err := r.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			panic(fmt.Sprintf("sandbox: %v", err))
		}
	}()
	return r, nil
}

// Close stops the server, releasing any stalled requests first.
func (r *Running) Close() error {
	r.once.Do(func() { close(r.stop) })
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	return r.srv.Shutdown(ctx)
}
