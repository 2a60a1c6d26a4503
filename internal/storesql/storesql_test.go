package storesql

import (
	"errors"
	"testing"

	"github.com/khabar/khabar/store"
)

// row is a Scanner of fixed values.
type row []any

func (r row) Scan(dest ...any) error {
	if len(dest) != len(r) {
		return errors.New("wrong number of columns")
	}
	for i, v := range r {
		switch d := dest[i].(type) {
		case *int64:
			*d = v.(int64)
		case *int:
			*d = v.(int)
		case *string:
			*d = v.(string)
		default:
			return errors.New("unexpected destination")
		}
	}
	return nil
}

func TestScanEntity(t *testing.T) {
	id, e, err := ScanEntity(row{int64(7), "kb:QA", "LOC", "قطر", "QA", "Q846", "QA", 3, 5})
	if err != nil {
		t.Fatal(err)
	}
	want := store.EntityInfo{Key: "kb:QA", Type: "LOC", Name: "قطر", KBID: "QA", Wikidata: "Q846", Country: "QA", Documents: 3, Mentions: 5}
	if id != 7 || e != want {
		t.Errorf("ScanEntity = %d, %+v; want 7, %+v", id, e, want)
	}
	if _, _, err := ScanEntity(row{int64(1)}); err == nil {
		t.Error("ScanEntity of a short row: no error")
	}
}
