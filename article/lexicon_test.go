package article

import "testing"

func TestMatchKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"الأحساء", "الاحساء"},
		{"الا\u0654حساء", "الاحساء"}, // hamza above written as a combining mark
		{"مكة المكرمة", "مكه المكرمه"},
		{"المـــدينة المنورة", "المدينه المنوره"},
		{"الرِّياض", "الرياض"},
		{"  (واس)  ", "واس"},
		{"«عكاظ»", "عكاظ"},
		{"Reuters.", "reuters"},
		{"أ.ف.ب", "ا ف ب"},
		{"الكويت\u00a0\tاليوم", "الكويت اليوم"},
	}
	for _, tc := range tests {
		if got := matchKey(tc.in); got != tc.want {
			t.Errorf("matchKey(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
