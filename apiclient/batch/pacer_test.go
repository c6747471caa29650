package batch

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"
)

// However late the goroutines wake, no one-second window holds more than
// the rate's requests, and the average stays close to it.
func TestPacerNeverExceedsTheRateInAnySecond(t *testing.T) {
	if testing.Short() {
		t.Skip("takes two seconds")
	}
	const perSecond = 40
	p := newPacer(perSecond, time.Now)
	var mu sync.Mutex
	var left []time.Time
	var wg sync.WaitGroup
	deadline := time.Now().Add(2 * time.Second)
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				if err := p.wait(context.Background()); err != nil {
					t.Error(err)
					return
				}
				if w%2 == 0 {
					time.Sleep(3 * time.Millisecond) // a journal's fsync, a late wake-up
				}
				if err := p.hold(context.Background()); err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				left = append(left, time.Now())
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	slices.SortFunc(left, func(a, b time.Time) int { return a.Compare(b) })
	most, lo := 0, 0
	for hi, at := range left {
		for at.Sub(left[lo]) >= time.Second {
			lo++
		}
		most = max(most, hi-lo+1)
	}
	if most > perSecond {
		t.Errorf("%d requests in one second, at --rate %d", most, perSecond)
	}
	// The window's margin costs 3%; a busy machine's late wake-ups a
	// little more (the bench measures the average under real conditions).
	if avg := float64(len(left)-1) / left[len(left)-1].Sub(left[0]).Seconds(); avg < 0.9*perSecond {
		t.Errorf("average %.1f a second, want at least %.1f", avg, 0.9*perSecond)
	}
}
