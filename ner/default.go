package ner

import (
	"bytes"
	_ "embed"
	"fmt"
	"sync"
)

// modelBin is the shipped model, trained on the ANERcorp CAMeL-split
// train file (CC BY-SA 4.0) with the embedded ship-safe gazetteer by:
//
//	go run ./cmd/khabar train ner --train ../shared/data/anercorp/ANERCorp_CamelLab_train.repro.txt --out ner/model.bin
//
//go:embed model.bin
var modelBin []byte

var (
	defOnce sync.Once
	defVal  *Tagger
	defErr  error
)

// Default returns the embedded model, loading it on the first call.
func Default() (*Tagger, error) {
	defOnce.Do(func() {
		defVal, defErr = Load(bytes.NewReader(modelBin))
		if defErr != nil {
			defErr = fmt.Errorf("ner: embedded model: %w", defErr)
		}
	})
	return defVal, defErr
}
