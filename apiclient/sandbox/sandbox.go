// Package sandbox is a local ARGOS server that speaks the documented
// contract with the same rulebook as the client, so the wizard, `submit`
// and the batch import can be tried, demonstrated and tested without a key
// or a network.
//
// It accepts only the key Key (or Options.Key). Admin accounts on the
// sandbox.test domain trigger the answers a real server can give, on the
// migration call and (where the image call has the same answer) on the image
// call:
//
//	payload@sandbox.test   400 invalid_payload
//	parameter@sandbox.test 400 invalid_parameter (cf4); migration only
//	invalid@sandbox.test   400 invalid_admin
//	project@sandbox.test   400 invalid_project
//	error@sandbox.test     400 processing_error
//	fail@sandbox.test      500 with a JSON body, nothing created
//	gateway@sandbox.test   502 with an HTML body, nothing created
//	stall@sandbox.test     creates the record (stores the images), then never answers
//	drop@sandbox.test      creates the record (stores the images), then closes the connection
//
// Every other documented error of the migration call comes from the record
// itself: malformed JSON (invalid_payload), a missing required field
// (missing_data), an unknown key (invalid_parameter), a badly formatted
// value (invalid_format).
//
// # The lookup
//
// GET /v3/submission answers with {"Items": [...], "Count": n} of the records
// this sandbox created, filtered exactly (byte for byte) by the query's
// email, userid and submission_id (any of them; all given must match),
// oldest first. Each item has submission_id (and submissionId, the same
// value), email, userid, created_at in the vendor's layout
// YYYY-MM-DD-HH-MM-SS-mmm (UTC; inferred), createdAt in RFC 3339 and
// kyc.result. count (default 50, at most 1000) caps a page; when more
// remain, the answer's nextpage_id is the last item's id, to be sent back as
// nextpage_id for the next page. start_date and end_date are ignored. The
// path, parameters and shape are inferred (see apiclient.LookupPath). The
// person email nolookup@sandbox.test makes the lookup answer 404, as a
// server without it would. The lookup is indexed: its cost does not grow
// with the number of records.
//
// # The image call
//
// PUT /v3/submission/image (apiclient.ImagePath) takes multipart/form-data with the
// string fields submissionId, admin, idType and idImage, idBackImage,
// selfieImage, addressImage, each image a base64 jpg or png, and answers
// {"message": "complete to update image."}. Its 400 answers are the vendor's
// table for this call: invalid_payload (not multipart, an unknown or
// repeated field), missing_data (no submissionId or admin; or an ID image
// without idType), invalid_submission (an id this sandbox did not create),
// invalid_data (no image at all; or an image that is not base64, or whose
// bytes are not a jpg or png, which the sandbox checks and the vendor does
// not document), invalid_idType (an idType not in the documented list),
// plus the magic admins above. Each decoded image may have at most
// Options.MaxImageBytes (default 3 MiB) and the whole body six times that
// plus 64 KiB; above either the answer is 413, decided while reading. The
// parts are decoded as they stream, so a request never takes more than a
// few tens of KiB of memory, and only each image's type, size and SHA-256
// are kept (see Server.Images), never its bytes.
//
// # Encryption
//
// With Options.Encrypted the sandbox plays a project that turned on secure
// data transmission: the migration call reads only {"body": "<ciphertext>"}
// sealed with Key (anything else is invalid_payload) and seals every answer
// of the call itself, success and 400 alike, as {"data": ...,
// "isEncrypted": true}, with the same apiclient code that the client uses;
// the lookup's answers are sealed too. The vendor does not document
// encryption for the image call, so it stays plain.
//
// # Options for trying a client under load and faults
//
//   - Latency: added to every answer (migration, lookup, images, errors and
//     429s alike) without holding anything while it waits, so concurrent
//     requests overlap as they would on a real server.
//   - RateLimit: above that many requests in any one-second window (a
//     sliding window over the requests it let through; every path and key
//     counts), the answer is 429 with Retry-After (whole seconds) and the
//     gateway's {"message": "Too Many Requests"}, and nothing is created.
//     Requests answered 429 do not count towards the limit.
//   - FailRate and Seed: that fraction of the migration requests that would
//     succeed creates the record and then fails: half of them answered 500,
//     half by closing the connection, so the client cannot know the outcome
//     while the record exists (the lookup finds it). The n-th record created
//     gets the n-th draw of a random source seeded with Seed, so a seed and
//     an order of requests always give the same faults.
//   - Log: one JSON line per request, written as its answer starts (so a
//     client that has its answer finds its line): {"time": arrival time in
//     UTC with microseconds, "method", "path", "status"}; status 0 means no
//     answer (the connection was dropped or the request stalled). It never holds a query, a header (so never the key)
//     or any value of a record; a path other than the three served is written
//     as "-". Server.Traffic counts the same requests in memory.
//   - MaxRecords: above that many records, the migration answers
//     processing_error and creates nothing.
//   - ForgetValues: keep only the id, time, email, userid, kycStatus and a
//     fingerprint of each record, not its other values (the command does).
//   - Server.FailImages(n): the next n image requests answer 500 and attach
//     nothing (the records stay), so that an import's "record created,
//     images failed" path can be tried.
//
// Options.Key replaces Key, so that a test can run the whole flow with a
// key it can recognise anywhere it might leak (the sandbox never prints it).
package sandbox

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"sync"
	"syscall"
	"time"

	"argos-migrate/apiclient"
	"argos-migrate/apiclient/i18n"
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

// DefaultMaxImageBytes is the largest decoded image the image call takes
// unless Options.MaxImageBytes says otherwise. The vendor documents no limit;
// other ARGOS pages cap uploads at 2–3 MB.
const DefaultMaxImageBytes = 3 << 20

// Options configures a Server.
type Options struct {
	Now       func() time.Time // the records' creation time; default time.Now
	Encrypted bool             // play a project with secure data transmission on
	// Key is the only API key accepted, and the one answers are sealed
	// with; "" means the package's Key.
	Key string

	// Latency is added to every answer.
	Latency time.Duration
	// RateLimit is the most requests let through in any one second; 0 means
	// no limit.
	RateLimit int
	// FailRate is the fraction (0 to 1) of migration requests that would
	// succeed which create the record and then fail; Seed seeds the choice.
	FailRate float64
	Seed     uint64
	// Log, when set, receives one JSON line per request (see the package
	// documentation). The caller closes it after Running.Close.
	Log io.Writer
	// MaxRecords caps the records kept; 0 means no cap.
	MaxRecords int
	// ForgetValues keeps only what the lookup needs and a fingerprint of
	// each record; Record.Submission is then empty.
	ForgetValues bool
	// MaxImageBytes caps each decoded image; 0 means DefaultMaxImageBytes.
	MaxImageBytes int64
}

// Server is the sandbox's HTTP handler and in-memory store.
type Server struct {
	now       func() time.Time
	encrypted bool
	key       string
	latency   time.Duration
	failRate  float64
	maxImage  int64
	stop      chan struct{}

	traffic *traffic
	log     *requestLog

	// The store (store.go), guarded by mu.
	mu         sync.Mutex
	records    []record
	values     []apiclient.Submission // parallel to records; nil with ForgetValues
	keepValues bool
	maxRecords int
	byID       map[string]int32
	byEmail    map[string]int32 // the newest record with that email
	byUserID   map[string]int32 // the newest record with that userid
	images     map[int32]*ImageSet
	faults     *rand.Rand
	failImages int // image requests still to answer 500 (FailImages)
}

// New returns a sandbox with an empty store.
func New(o Options) *Server {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Key == "" {
		o.Key = Key
	}
	if o.MaxImageBytes <= 0 {
		o.MaxImageBytes = DefaultMaxImageBytes
	}
	return &Server{
		now: o.Now, encrypted: o.Encrypted, key: o.Key,
		latency: o.Latency, failRate: o.FailRate, maxImage: o.MaxImageBytes,
		stop:       make(chan struct{}),
		traffic:    newTraffic(o.RateLimit),
		log:        &requestLog{w: o.Log},
		keepValues: !o.ForgetValues, maxRecords: o.MaxRecords,
		byID: map[string]int32{}, byEmail: map[string]int32{}, byUserID: map[string]int32{},
		images: map[int32]*ImageSet{},
		// PCG with both halves of its state from the one seed: the same
		// seed always gives the same sequence of faults.
		faults: rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15)),
	}
}

// Encrypted reports whether the sandbox plays a project with encryption on.
func (s *Server) Encrypted() bool { return s.encrypted }

// Running is a sandbox listening on loopback.
type Running struct {
	*Server
	URL  string
	srv  *http.Server
	once sync.Once
}

// Start serves a new sandbox on 127.0.0.1:port (0 picks a free port).
func Start(port int, o Options) (*Running, error) {
	addr := "127.0.0.1:" + strconv.Itoa(port)
	ln, err := net.Listen("tcp", addr)
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		return nil, i18n.Errorf("errwrap.sandbox.port_taken", addr)
	case err != nil:
		return nil, i18n.Errorf("errwrap.sandbox.listen", err)
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

// Close stops the server, releasing stalled and waiting requests first. It
// reports a failure to write the request log, if there was one.
func (r *Running) Close() error {
	r.once.Do(func() { close(r.stop) })
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	return errors.Join(r.srv.Shutdown(ctx), r.log.err())
}
