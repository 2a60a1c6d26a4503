package event

import "github.com/khabar/khabar"

type khabarAnalysis struct{ Text string }

func (k khabarAnalysis) A() *khabar.Analysis { return &khabar.Analysis{Text: k.Text} }
