package pipeline

import (
	"errors"
	"strings"
	"testing"

	"github.com/khabar/khabar"
)

func TestGuard(t *testing.T) {
	want := &khabar.Analysis{ID: "x"}
	tests := []struct {
		name    string
		f       func() (*khabar.Analysis, error)
		wantA   *khabar.Analysis
		wantErr string // substring; "" for no error
	}{
		{"ok", func() (*khabar.Analysis, error) { return want, nil }, want, ""},
		{"error", func() (*khabar.Analysis, error) { return nil, errors.New("boom") }, nil, "boom"},
		{"slice panic", func() (*khabar.Analysis, error) {
			s := []int{1, 2, 3}
			i := len(s) + 1
			return nil, errors.New(string(rune(s[i])))
		}, nil, "index out of range"},
		{"explicit panic", func() (*khabar.Analysis, error) { panic("bad state") }, nil, "bad state"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := guard("rec:7", tc.f)
			if a != tc.wantA {
				t.Errorf("analysis %v, want %v", a, tc.wantA)
			}
			switch {
			case tc.wantErr == "" && err != nil:
				t.Errorf("error %v", err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Errorf("error %v, want one containing %q", err, tc.wantErr)
			}
			if strings.Contains(tc.name, "panic") {
				if !errors.Is(err, ErrInternal) || !strings.HasPrefix(err.Error(), "rec:7: ") || !strings.Contains(err.Error(), "guard_test.go") {
					t.Errorf("panic error %q: want ErrInternal naming the record and the panicking function", err)
				}
			}
		})
	}
}
