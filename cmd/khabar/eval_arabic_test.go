package main

import (
	"path/filepath"
	"testing"
)

func TestEvalArabic(t *testing.T) {
	data := filepath.Join("..", "..", "internal", "evalarabic", "testdata", "example")
	checkSuiteEval(t, "arabic", data, "lucene-stem", 2, 3, "lucene-stem", "FAIL wrong-on-purpose")
}
