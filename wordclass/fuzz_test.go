package wordclass

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzRead checks that any class file either fails with an error or
// reads into classes that write out and read back the same.
func FuzzRead(f *testing.F) {
	f.Add("0000\tالرياض\t120\n0001\tجدة\n")
	f.Add("1\tx\n\n10\ty\t3\n")
	f.Add("01x\tكلمة\n")
	f.Add("1\t\r\t3\n")
	f.Add("1\t x\n")
	f.Fuzz(func(t *testing.T, in string) {
		c, err := Read(strings.NewReader(in))
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := c.Write(&buf, nil); err != nil {
			t.Fatal(err)
		}
		c2, err := Read(&buf)
		if err != nil {
			t.Fatalf("written classes do not read back: %v", err)
		}
		if c2.Len() != c.Len() || c2.Depth() != c.Depth() {
			t.Fatalf("round trip: %d words depth %d, want %d depth %d", c2.Len(), c2.Depth(), c.Len(), c.Depth())
		}
	})
}
