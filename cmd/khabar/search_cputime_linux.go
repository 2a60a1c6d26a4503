package main

import (
	"syscall"
	"time"
	"unsafe"
)

// clockThreadCPUTime is CLOCK_THREAD_CPUTIME_ID: the calling thread's
// CPU time, at nanosecond resolution (getrusage counts in ticks).
const clockThreadCPUTime = 3

// threadCPU returns the CPU time the calling OS thread has used; ok is
// false where that cannot be measured. The caller locks its goroutine
// to the thread.
func threadCPU() (d time.Duration, ok bool) {
	var ts syscall.Timespec
	_, _, errno := syscall.RawSyscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTime, uintptr(unsafe.Pointer(&ts)), 0)
	if errno != 0 {
		return 0, false
	}
	return time.Duration(ts.Nano()), true
}
