package server

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestLoad is a bounded load test on loopback: KHABAR_LOAD=30s runs 50
// clients mixing searches and analyses for 30 seconds (at most 200,000
// requests) and reports latency percentiles and throughput. Analyses
// turned away with 503 (every analysis slot busy, see
// Config.MaxAnalyses) are counted apart: they are the server protecting
// itself, not failures. Without KHABAR_LOAD it is skipped.
func TestLoad(t *testing.T) {
	d, err := time.ParseDuration(os.Getenv("KHABAR_LOAD"))
	if err != nil || d <= 0 {
		t.Skip("set KHABAR_LOAD=30s to run the load test")
	}
	d = min(d, 5*time.Minute)
	ts, _ := newTestServer(t, Config{})
	const clients, maxRequests = 50, 200000
	queries := []string{"الأطلسي", "قطر", `"مبادرة إسطنبول"`, "الناتو -أوكرانيا", "entity:kb:Q7184", "الاجتماعات OR التعاون", "بروكس*"}
	article := "الرياض - واس: استقبل صاحب السمو الملكي ولي العهد اليوم في الرياض وزير خارجية بلجيكا، وجرى خلال الاستقبال بحث العلاقات الثنائية وسبل تعزيزها، وأكد الجانبان أهمية التعاون في مجالات الطاقة والتعليم."
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}, Timeout: 30 * time.Second}
	var (
		mu       sync.Mutex
		lat      = map[string][]time.Duration{}
		failures []string
		count    int
		busy     int
	)
	deadline := time.Now().Add(d)
	var wg sync.WaitGroup
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; time.Now().Before(deadline); i++ {
				mu.Lock()
				if count >= maxRequests {
					mu.Unlock()
					return
				}
				count++
				mu.Unlock()
				kind := "search"
				var req *http.Request
				if (c+i)%5 == 0 {
					kind = "analyze"
					req, _ = http.NewRequest("POST", ts.URL+"/v1/analyze", strings.NewReader(article))
					req.Header.Set("Content-Type", "text/plain")
				} else {
					req, _ = http.NewRequest("GET", ts.URL+"/v1/search?q="+url.QueryEscape(queries[(c+i)%len(queries)]), nil)
				}
				start := time.Now()
				res, err := client.Do(req)
				el := time.Since(start)
				if err == nil {
					io.Copy(io.Discard, res.Body)
					res.Body.Close()
					if kind == "analyze" && res.StatusCode == http.StatusServiceUnavailable && res.Header.Get("Retry-After") != "" {
						mu.Lock()
						busy++
						mu.Unlock()
						continue
					}
					if res.StatusCode != 200 {
						err = fmt.Errorf("%s: status %d", req.URL, res.StatusCode)
					}
				}
				mu.Lock()
				lat[kind] = append(lat[kind], el)
				if err != nil && len(failures) < 10 {
					failures = append(failures, err.Error())
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	total := 0
	for kind, ls := range lat {
		slices.Sort(ls)
		total += len(ls)
		t.Logf("%-8s %6d requests  p50 %7.2f ms  p99 %7.2f ms", kind, len(ls), ms(ls[len(ls)/2]), ms(ls[len(ls)*99/100]))
	}
	t.Logf("%d clients, %v: %d requests answered, %.0f requests/s; %d analyses turned away busy (503)", clients, d, total, float64(total)/d.Seconds(), busy)
	if len(failures) > 0 {
		t.Errorf("failures: %q", failures)
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
