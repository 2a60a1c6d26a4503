package quote

import "github.com/khabar/khabar/internal/matchtext"

// Normalize returns the form of s that the finder and the scorer compare:
// diacritics, tatweel and punctuation removed, alef, yeh and teh marbuta
// variants folded, runs of white space collapsed to one space.
func Normalize(s string) string { return matchtext.Normalize(s) }
