package arabic

// Sentences returns the sentences of text as half-open code-point
// ranges, trimmed of surrounding white space. PLACEHOLDER: one range per
// line until the real splitter lands.
func Sentences(text string) [][2]int {
	var out [][2]int
	start, pos := 0, 0
	for _, r := range text {
		if r == '\n' {
			if pos > start {
				out = append(out, [2]int{start, pos})
			}
			start = pos + 1
		}
		pos++
	}
	if pos > start {
		out = append(out, [2]int{start, pos})
	}
	return out
}
