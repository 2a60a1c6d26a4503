package arabic

import (
	"testing"
	"time"

	"github.com/khabar/khabar/internal/cputime"
)

// cpuMeter reports a benchmark's throughput per CPU second ("cpu-MB/s")
// beside the wall-clock MB/s, which on a shared machine counts the time
// other processes held the core.
type cpuMeter struct{ start time.Duration }

func startCPU() cpuMeter { return cpuMeter{cputime.Process()} }

func (m cpuMeter) report(b *testing.B, bytes int) {
	used := cputime.Process() - m.start
	if used > 0 && b.N > 0 {
		b.ReportMetric(float64(bytes)*float64(b.N)/used.Seconds()/1e6, "cpu-MB/s")
	}
}
