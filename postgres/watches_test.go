package postgres_test

import (
	"testing"

	"github.com/khabar/khabar/storetest"
)

func TestWatchesConformance(t *testing.T) {
	storetest.RunWatches(t, openTemp)
}
