//go:build unix

package main

import (
	"os"
	"runtime"
	"syscall"
)

// peakKiB is the peak resident set size of a finished child, in KiB.
func peakKiB(ps *os.ProcessState) (int64, bool) {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0, false
	}
	kib := int64(ru.Maxrss)
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		kib /= 1024 // bytes there, KiB elsewhere
	}
	return kib, true
}
