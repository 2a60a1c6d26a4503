package main

import (
	"slices"
	"strings"
	"testing"
)

func TestParseSizes(t *testing.T) {
	tests := []struct {
		in      string
		want    []int
		wantErr string
	}{
		{"2000", []int{2000}, ""},
		{"30k,100k,300k,1m", []int{30000, 100000, 300000, 1000000}, ""},
		{" 1.5m ,2M", []int{1500000, 2000000}, ""},
		{"30k,30k", nil, "ascend"},
		{"100k,30k", nil, "ascend"},
		{"", nil, "not a size"},
		{"x", nil, "not a size"},
		{"-5", nil, "not a size"},
		{"0.0001", nil, "not a size"},
		{"5000m", nil, "not a size"},
	}
	for _, tt := range tests {
		got, err := parseSizes(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("parseSizes(%q) = %v, %v; want an error with %q", tt.in, got, err, tt.wantErr)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("parseSizes(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestBenchScaleUsage(t *testing.T) {
	for _, args := range [][]string{
		{"--data", t.TempDir()},
		{"--sizes", "2k"},
		{"--sizes", "2k", "--data", t.TempDir(), "--backend", "mysql"},
		{"--sizes", "2k", "--data", t.TempDir(), "--dup-rate", "2"},
	} {
		var out, errb strings.Builder
		err := cmdBenchScale(t.Context(), &env{stdout: &out, stderr: &errb}, args)
		if _, ok := err.(usageError); !ok {
			t.Errorf("bench scale %v: %v, want a usage error", args, err)
		}
	}
}
