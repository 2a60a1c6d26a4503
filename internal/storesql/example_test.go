package storesql_test

import (
	"fmt"

	"github.com/khabar/khabar/internal/storesql"
)

// A backend selects EntityCols with its own placeholder and reads the
// row with ScanEntity.
func ExampleScanEntity() {
	q := `SELECT ` + storesql.EntityCols + ` FROM entities e WHERE e.id = ?`
	fmt.Println(q[:40])
	// Output: SELECT e.id, e.key, e.type, e.name, e.kb
}
