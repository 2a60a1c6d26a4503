package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/khabar/khabar/sqlite"
	"github.com/khabar/khabar/storetest"
)

// TestQuotes runs khabar quotes on a store holding the quote documents
// of the conformance suite.
func TestQuotes(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	db, err := sqlite.OpenDir(context.Background(), data, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Put(context.Background(), storetest.QuoteDocs()); err != nil {
		t.Fatal(err)
	}
	db.Close()
	tests := []struct {
		args []string
		code int
		want []string // in the output, in order
	}{
		{[]string{"عادل", "الجبير"}, 0, []string{
			`speaker:"عادل الجبير" → عادل بن أحمد الجبير (kb:per:adel-al-jubeir, PER, 3 documents; by `, "also PER:عادل الجبير",
			"4 quotes, newest first",
			"2016-01-10  spa  الجبير يرفض تدخل إيران", "«المملكة ترفض تدخل إيران في شؤون المنطقة»", "عادل بن أحمد الجبير (قال)  https://example.test/q/1",
			"«الحوار هو السبيل»", "2015-12-01  qna", "«نؤكد وحدة الصف الخليجي»", "عادل بن أحمد الجبير + خالد العطية (وقال)",
			"undated  sabq", "«إيران تدعم الإرهاب»"}},
		{[]string{"--q", "إيران", "--", "عادل الجبير"}, 0, []string{"2 quotes", "«المملكة ترفض", "«إيران تدعم الإرهاب»"}},
		{[]string{"--from", "2016", "--json", "عادل الجبير"}, 0, []string{`"total": 2`, `"text": "المملكة ترفض تدخل إيران في شؤون المنطقة"`,
			`"article": {`, `"published": "2016-01-10"`, `"text": "الحوار هو السبيل"`, `"field": "speaker"`}},
		{[]string{"--limit", "1", "--offset", "1", "kb:per:adel-al-jubeir"}, 0, []string{"3 quotes, newest first, 2 to 2 shown", "«الحوار هو السبيل»"}},
		{[]string{"الأمم المتحدة"}, 0, []string{"1 quote,", "«المساعدات ستصل إلى اليمن»", "الأمم المتحدة + مسؤولين في الأمم المتحدة (قولهم), via وكالة رويترز"}},
		{[]string{"لا أحد"}, 0, []string{`speaker:"لا أحد": no stored entity is named "لا أحد"`, "0 quotes"}},
		{nil, 2, []string{"quotes needs an ENTITY"}},
		{[]string{"--from", "soon", "x"}, 2, []string{"--from"}},
		{[]string{"--limit", "0", "x"}, 2, []string{"--limit"}},
		{[]string{"--q", "-source:x", "x"}, 2, []string{"--q"}},
		{[]string{"--q", "في", "--to", "2015", "x"}, 0, []string{"0 quotes"}},
	}
	for _, tc := range tests {
		code, out, errOut := runCLI(t, "", append([]string{"quotes", "--data", data}, tc.args...)...)
		if code != tc.code {
			t.Errorf("quotes %q: exit %d, want %d (%s)", tc.args, code, tc.code, errOut)
			continue
		}
		checkInOrder(t, fmt.Sprintf("quotes %q", tc.args), out+errOut, tc.want)
	}
	if code, _, errOut := runCLI(t, "", "quotes", "--data", filepath.Join(t.TempDir(), "none"), "x"); code != 1 || !strings.Contains(errOut, "no store") {
		t.Errorf("quotes on no store: exit %d %s", code, errOut)
	}
}
