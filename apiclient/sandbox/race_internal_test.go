//go:build race

package sandbox

// raceEnabled: the race detector slows the store's work about tenfold.
const raceEnabled = true
