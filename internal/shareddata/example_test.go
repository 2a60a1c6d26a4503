package shareddata_test

import (
	"fmt"
	"testing"

	"github.com/khabar/khabar/internal/shareddata"
)

// A test reads the first records of the corpus; it skips when the
// shared data is absent.
func ExampleSaudiNewsNet() {
	_ = func(t *testing.T) { // func TestSomething(t *testing.T)
		sc := shareddata.SaudiNewsNet(t)
		for n := 0; n < 10 && sc.Scan(); n++ {
			fmt.Println(len(sc.Bytes()))
		}
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	}
}
