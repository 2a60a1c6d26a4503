package main

import (
	"path/filepath"
	"testing"
)

func TestEvalDates(t *testing.T) {
	data := filepath.Join("..", "..", "internal", "evaldates", "testdata", "example")
	checkSuiteEval(t, "dates", data, "duckling-dates", 3, 4, "duckling-dates failures:", "الثلاثاء")
}
