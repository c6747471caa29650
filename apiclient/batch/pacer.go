package batch

import (
	"context"
	"math/rand/v2"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// pacer decides when the next request may leave: a token bucket at the
// operator's rate (requests evenly spaced, with a small burst so that a
// worker that woke late is made up for), and after a 429 a
// pause for every worker until the server's Retry-After has passed (or a
// backoff with jitter when it gave none), with the bucket slowed down. The
// bucket recovers slowly: a little faster every few seconds without a
// 429, up to the operator's rate.
//
// The bucket keeps the average, not every second: a request whose
// goroutine woke late leaves close to the next one, and the burst lets a
// few leave together, so a one-second window could hold more than R. So
// the last check before a request leaves (hold) also keeps the times the
// last R requests left, and waits until the oldest is more than a second
// (and a margin for the network's jitter) old: never more than R in any
// one second, as a server that counts a sliding window sees it.
type pacer struct {
	lim  *rate.Limiter
	want rate.Limit // the operator's rate; rate.Inf for none
	// left holds when the last R requests left (a ring), nil with no rate.
	left []time.Time
	next int

	mu       sync.Mutex
	until    time.Time // no request before this (Retry-After)
	last429  time.Time
	lastStep time.Time
	streak   int // 429s in a row, without another answer between
	meter    meter
	now      func() time.Time
}

// Pacing constants.
const (
	slowFactor    = 0.7             // the bucket after a 429
	raiseFactor   = 1.25            // the bucket after a quiet spell
	quietSpell    = 5 * time.Second // how long without a 429 before speeding up
	minRate       = 0.5             // the slowest the bucket goes (records/s)
	unlimitedCeil = 2000            // past this, an unlimited run is unlimited again
	maxBackoff429 = 60 * time.Second
	// windowMargin is added to the second of the window: more than the
	// jitter between a request leaving and the server noting its arrival
	// (15 ms let 52 through at --rate 50 on a loaded 2-core machine; 35 ms
	// held 50 in three runs, at 48.3 a second on average).
	windowMargin = 35 * time.Millisecond
)

func newPacer(perSecond float64, now func() time.Time) *pacer {
	p := &pacer{lim: rate.NewLimiter(rate.Inf, 1), want: rate.Inf, now: now}
	if perSecond > 0 {
		p.want = rate.Limit(perSecond)
		p.lim = rate.NewLimiter(p.want, burstOf(perSecond))
		p.left = make([]time.Time, max(1, int(perSecond)))
	}
	return p
}

// wait blocks until a request may leave, or ctx ends.
func (p *pacer) wait(ctx context.Context) error {
	for {
		p.mu.Lock()
		now := p.now()
		p.recover(now)
		until := p.until
		p.mu.Unlock()
		if d := until.Sub(now); d > 0 {
			if err := sleep(ctx, d); err != nil {
				return err
			}
			continue
		}
		if err := p.lim.Wait(ctx); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			// The bucket's rate fell below what this wait needed
			// (a 429 meanwhile): wait again at the new rate.
			continue
		}
		p.mu.Lock()
		late := p.now().Before(p.until) // a 429 arrived while this one waited
		if !late {
			p.meter.add(p.now())
		}
		p.mu.Unlock()
		if !late {
			return nil
		}
	}
}

// burstOf is the bucket's burst at a rate: a twentieth of a second's worth.
// With a burst of 1 every late wake-up on a busy machine is time lost for
// good (at --rate 24 on a loaded 2-core machine: 13 a second); with a few
// tokens in hand the next requests make it up, and hold keeps every second
// at R.
func burstOf(perSecond float64) int { return max(1, int(perSecond/20)) }

// hold is the last check before a request leaves, after its journal
// line was written: it waits, without taking a token, until no 429's wait
// is running (one may have come back meanwhile) and until the request
// would not be the R+1th in a second; then it notes that it leaves now.
func (p *pacer) hold(ctx context.Context) error {
	for {
		p.mu.Lock()
		now := p.now()
		wait := p.until.Sub(now)
		if wait <= 0 && p.left != nil {
			if oldest := p.left[p.next]; !oldest.IsZero() {
				wait = oldest.Add(time.Second + windowMargin).Sub(now)
			}
		}
		if wait <= 0 {
			if p.left != nil {
				p.left[p.next] = now
				p.next = (p.next + 1) % len(p.left)
			}
			p.mu.Unlock()
			return nil
		}
		p.mu.Unlock()
		if err := sleep(ctx, wait); err != nil {
			return err
		}
	}
}

// throttled is a 429: every worker waits until retryAfter has passed (or
// a backoff with jitter when the server did not say), and the bucket slows
// down. It returns how long the workers wait from now.
func (p *pacer) throttled(retryAfter time.Duration) time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	p.streak++
	wait := retryAfter
	if wait <= 0 {
		// 1 s, 2 s, 4 s … up to a minute, each with up to half again of
		// jitter, so that many clients do not come back at once.
		base := time.Second << min(p.streak-1, 6)
		wait = min(base+time.Duration(rand.Int64N(int64(base/2)+1)), maxBackoff429)
	}
	if u := now.Add(wait); u.After(p.until) {
		p.until = u
	}
	// Many workers learn of one overload at once: slow down once per
	// overload, not once per worker.
	if now.Sub(p.last429) > time.Second {
		cur := p.lim.Limit()
		if cur == rate.Inf {
			cur = rate.Limit(p.meter.rate(now))
		}
		next := max(cur*slowFactor, minRate)
		p.lim.SetLimitAt(now, next)
		p.lim.SetBurstAt(now, burstOf(float64(next)))
	}
	p.last429, p.lastStep = now, now
	return p.until.Sub(now)
}

// answered notes an answer other than a 429: the next 429 backs off from
// the start again.
func (p *pacer) answered() {
	p.mu.Lock()
	p.streak = 0
	p.mu.Unlock()
}

// recover speeds the bucket up after a quiet spell. Called with mu held.
func (p *pacer) recover(now time.Time) {
	cur := p.lim.Limit()
	if cur >= p.want || now.Sub(p.lastStep) < quietSpell || now.Sub(p.last429) < quietSpell {
		return
	}
	next := cur * raiseFactor
	if next >= p.want || (p.want == rate.Inf && next > unlimitedCeil) {
		next = p.want
	}
	p.lim.SetLimitAt(now, next)
	if next != rate.Inf {
		p.lim.SetBurstAt(now, burstOf(float64(next)))
	}
	p.lastStep = now
}

// limit is the bucket's rate now, 0 for none.
func (p *pacer) limit() float64 {
	if l := p.lim.Limit(); l != rate.Inf {
		return float64(l)
	}
	return 0
}

// meter counts the requests let through in the last few seconds.
type meter struct {
	first  time.Time
	secs   [6]int64
	counts [6]int
}

func (m *meter) add(t time.Time) {
	if m.first.IsZero() {
		m.first = t
	}
	s := t.Unix()
	i := s % int64(len(m.secs))
	if m.secs[i] != s {
		m.secs[i], m.counts[i] = s, 0
	}
	m.counts[i]++
}

// rate is the requests a second over the last five seconds (or since the
// first request, when that is more recent; at least one second).
func (m *meter) rate(t time.Time) float64 {
	now, n := t.Unix(), 0
	for i, s := range m.secs {
		if s <= now && s > now-5 {
			n += m.counts[i]
		}
	}
	span := min(t.Sub(m.first), 5*time.Second)
	return float64(n) / max(span.Seconds(), 1)
}

// sleep waits d, or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
