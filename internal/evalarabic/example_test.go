package evalarabic_test

import (
	"context"
	"fmt"
	"os"

	"github.com/khabar/khabar/internal/evalarabic"
)

func ExampleRun() {
	rep, err := evalarabic.Run(context.Background(), "testdata/example")
	if err != nil {
		fmt.Println(err)
		return
	}
	r := rep.Suites["lucene-normalization"]
	fmt.Printf("lucene-normalization %d/%d\n", r.Passed, r.Total)
	rep.WriteText(os.Stdout, 0)
	// Output:
	// lucene-normalization 3/3
	// golden-corpus                    1/1     100.00% (info)
	// lucene-normalization             3/3     100.00%
	// lucene-stem                      2/3      66.67%
	//     ... 1 more
	// qcri-clitics                     6/6     100.00% never_split_baseline=0.3333 split_precision=1.0000 split_recall=1.0000
	// qcri-conflation-LightStem        2/2     100.00% (info) f1=1.0000 forms=6.0000 precision=1.0000 recall=1.0000
	// qcri-conflation-LuceneStem       1/1     100.00% (info) f1=0.6667 forms=6.0000 precision=1.0000 recall=0.5000
}
