package sandbox

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"time"

	"argos-migrate/apiclient"
)

// answerWriter holds back the first byte of an answer, or the dropping of a
// connection, until the sandbox's latency has passed, and writes the
// request's log line at that moment: before the client can see the answer,
// so a client that has its answer finds its line in the log. Each request
// waits in its own goroutine with no lock held, so concurrent requests wait
// at the same time.
type answerWriter struct {
	w      http.ResponseWriter
	s      *Server
	r      *http.Request
	at     time.Time // arrival
	waited bool
	logged bool
}

// logOnce writes the request's line; status 0 means no answer.
func (a *answerWriter) logOnce(status int) {
	if !a.logged {
		a.logged = true
		a.s.log.write(a.at, a.r.Method, a.r.URL.Path, status)
	}
}

func (a *answerWriter) Header() http.Header { return a.w.Header() }

func (a *answerWriter) WriteHeader(code int) {
	a.wait()
	a.logOnce(code)
	a.w.WriteHeader(code)
}

func (a *answerWriter) Write(b []byte) (int, error) {
	if !a.logged {
		a.WriteHeader(http.StatusOK)
	}
	return a.w.Write(b)
}

// Hijack waits, then hands over the connection (to drop it).
func (a *answerWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	a.wait()
	a.logOnce(0)
	hj, ok := a.w.(http.Hijacker)
	if !ok {
		return nil, nil, errors.New("the connection cannot be taken over")
	}
	return hj.Hijack()
}

// wait sleeps for the latency once, ending early when the client goes away
// or the sandbox stops.
func (a *answerWriter) wait() {
	if a.waited || a.s.latency <= 0 {
		return
	}
	a.waited = true
	t := time.NewTimer(a.s.latency)
	defer t.Stop()
	select {
	case <-t.C:
	case <-a.r.Context().Done():
	case <-a.s.stop:
	}
}

// dropConnection closes the client's connection without an answer, after
// the latency.
func dropConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}

// requestLog writes one JSON line per request. Each line is one Write, made
// under a lock held only for that write.
type requestLog struct {
	mu     sync.Mutex
	w      io.Writer
	failed error
}

// logLine is everything the log says about a request: no query, no header,
// no body, so never the key or a value of a record.
type logLine struct {
	Time   string `json:"time"` // arrival, UTC, microseconds
	Method string `json:"method"`
	Path   string `json:"path"` // one of the served paths, or "-"
	Status int    `json:"status"`
}

// logTimeLayout is RFC 3339 with microseconds.
const logTimeLayout = "2006-01-02T15:04:05.000000Z07:00"

func (l *requestLog) write(at time.Time, method, path string, status int) {
	if l.w == nil {
		return
	}
	switch path {
	case apiclient.MigrationPath, apiclient.LookupPath, apiclient.ImagePath:
	default:
		path = "-" // a path is the client's text: it could hold anything
	}
	line, err := json.Marshal(logLine{Time: at.UTC().Format(logTimeLayout), Method: method, Path: path, Status: status})
	if err != nil {
		return // a struct of strings and an int always encodes
	}
	line = append(line, '\n')
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.failed != nil {
		return
	}
	if _, err := l.w.Write(line); err != nil {
		l.failed = fmt.Errorf("writing the request log: %w", err)
	}
}

func (l *requestLog) err() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.failed
}
