//go:build unix

package ner

import "syscall"

// cpuSeconds returns the process's user+system CPU time, so that speed on
// a shared machine can be reported per CPU-second as well as per
// wall-clock second.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}
