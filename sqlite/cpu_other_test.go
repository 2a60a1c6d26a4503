//go:build !unix

package sqlite_test

import "time"

// cpuTime is 0 where getrusage is not available; benchmarks then
// report no CPU figures.
func cpuTime() time.Duration { return 0 }
