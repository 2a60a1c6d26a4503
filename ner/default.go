package ner

import (
	"bytes"
	_ "embed"
	"fmt"
	"sync"
)

// modelBin is the shipped model (about 6.5 MB, 477k features), trained
// on the ANERcorp CAMeL-split train file (CC BY-SA 4.0; Benajiba et al.
// 2007, Obeid et al. 2020) and the training part of WikiFANE Gold
// (CC BY-SA 3.0; Alotaibi & Lee 2014: fine classes mapped by
// FANEClasses, clitics rejoined, the last 10 % held out), with the
// embedded gazetteer (gazetteer.tsv), knowledge base and word classes
// (classes.tsv.gz), by this command, run from the module root:
//
//	go run ./cmd/khabar train ner --train ../shared/data/anercorp/ANERCorp_CamelLab_train.repro.txt \
//		--train-fane ../shared/data/wikifane-gold/WikiFANE_Gold_2014_500K.clean.conll --out ner/model.bin
//
// (defaults: 10 passes, seed 1, all feature groups, word dropout 0.25,
// feature count cutoff 2, a 25-sentence document window, 5 jackknife
// folds). Training is deterministic.
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
