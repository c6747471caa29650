package sandbox

import (
	"slices"
	"sync"
	"time"
)

// Traffic is what the sandbox has counted of the requests it received, for
// tests and measurements that need rates without reading the log.
type Traffic struct {
	Requests int // every request received
	Limited  int // answered 429 because of Options.RateLimit
	// Peak is the most requests received within any one second: a sliding
	// window, not only whole seconds of the clock.
	Peak int
	// PeakAdmitted is the same, leaving out the requests answered 429: it
	// never exceeds Options.RateLimit.
	PeakAdmitted int
	// PerSecond counts the requests received in each whole second since the
	// sandbox started (index 0 is its first second).
	PerSecond []int
}

// Traffic returns a copy of the counts so far.
func (s *Server) Traffic() Traffic {
	t := s.traffic
	t.mu.Lock()
	defer t.mu.Unlock()
	return Traffic{Requests: t.requests, Limited: t.limited, Peak: t.arrived.peak,
		PeakAdmitted: t.admitted.peak, PerSecond: slices.Clone(t.perSecond)}
}

// traffic counts arrivals and applies the rate limit. Its memory is bounded
// by the requests of one second (two windows of 8 bytes a request) plus one
// counter per second of uptime, whatever the number of requests.
type traffic struct {
	mu        sync.Mutex
	start     time.Time
	limit     int
	requests  int
	limited   int
	arrived   window // every request
	admitted  window // the requests not answered 429
	perSecond []int
}

func newTraffic(limit int) *traffic {
	return &traffic{start: time.Now(), limit: limit}
}

// arrive counts a request arriving now and decides whether the rate limit
// lets it through. It returns the arrival time, and when the request is
// refused, the whole seconds to wait before the window has room again
// (Retry-After). The clock is read under the lock so that windows see
// arrivals in order.
func (t *traffic) arrive() (at time.Time, retryAfter int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	at = time.Now()
	d := at.Sub(t.start)
	t.requests++
	sec := int(d / time.Second)
	for len(t.perSecond) <= sec {
		t.perSecond = append(t.perSecond, 0)
	}
	t.perSecond[sec]++
	t.arrived.add(d)
	t.admitted.expire(d)
	if t.limit > 0 && t.admitted.len() >= t.limit {
		t.limited++
		wait := t.admitted.oldest() + time.Second - d
		return at, max(1, int((wait+time.Second-1)/time.Second))
	}
	t.admitted.add(d)
	return at, 0
}

// window holds the arrival times (since the sandbox started) of the last
// second, oldest first, and the most it ever held: a request at d counts in
// the window (d-1s, d].
type window struct {
	times []time.Duration
	head  int
	peak  int
}

func (w *window) expire(now time.Duration) {
	for w.head < len(w.times) && now-w.times[w.head] >= time.Second {
		w.head++
	}
	if w.head > 64 && w.head > len(w.times)/2 {
		w.times = append(w.times[:0], w.times[w.head:]...)
		w.head = 0
	}
}

func (w *window) add(now time.Duration) {
	w.expire(now)
	w.times = append(w.times, now)
	w.peak = max(w.peak, w.len())
}

func (w *window) len() int { return len(w.times) - w.head }

func (w *window) oldest() time.Duration { return w.times[w.head] }
