package ner

import (
	"bytes"
	_ "embed"
	"fmt"
	"sync"
)

// modelBin is the shipped model (about 2.4 MB), trained on the ANERcorp
// CAMeL-split train file (CC BY-SA 4.0; Benajiba et al. 2007, Obeid et
// al. 2020) with the embedded ship-safe gazetteer (gazetteer.tsv) by
// either of these equivalent commands, run from the module root:
//
//	go run ./cmd/khabar train ner --train ../shared/data/anercorp/ANERCorp_CamelLab_train.repro.txt --out ner/model.bin
//	go run ./ner/internal/trainner -train ../shared/data/anercorp/ANERCorp_CamelLab_train.repro.txt -out ner/model.bin
//
// (defaults: 10 passes, seed 1, all feature groups, a 25-sentence
// document window, 5 jackknife folds). Training is deterministic.
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
