//go:build !unix

package arabic

import "testing"

// cpuMeter is a no-op where getrusage is not available.
type cpuMeter struct{}

func startCPU() cpuMeter { return cpuMeter{} }

func (cpuMeter) report(*testing.B, int) {}
