package wordclass_test

import (
	"fmt"
	"strings"

	"github.com/khabar/khabar/wordclass"
)

func ExampleRead() {
	// A class file in Brown's format: bit string, word, count.
	file := "0110\tالرياض\t429\n0111\tجده\t210\n10\tمحمد\t8623\n"
	c, err := wordclass.Read(strings.NewReader(file))
	if err != nil {
		fmt.Println(err)
		return
	}
	riyadh, _ := c.Lookup("الرياض")
	jeddah, _ := c.Lookup("جده")
	fmt.Println(riyadh, jeddah, riyadh.Prefix(3) == jeddah.Prefix(3))
	// Output: 0110 0111 true
}
