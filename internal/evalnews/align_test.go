package evalnews

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestAlign(t *testing.T) {
	for _, tc := range []struct {
		name, title, content, text string
		word                       string // a word of the content
		inText                     bool   // whether the word is found in the text
		extra                      string // a span of the text from neither field
	}{
		{name: "same", title: "عنوان الخبر", content: "زار الوزير جدة أمس.", text: "عنوان الخبر\n\nزار الوزير جدة أمس.", word: "جدة", inText: true},
		{name: "white space", title: "عنوان", content: "زار  الوزير\u00a0جدة\r\n أمس.", text: "عنوان\n\nزار الوزير جدة\nأمس.", word: "جدة", inText: true},
		{name: "entities", title: "عنوان", content: "قال &quot;الخبر&quot; &amp; جدة", text: "عنوان\n\nقال \"الخبر\" & جدة", word: "جدة", inText: true},
		{name: "format characters", title: "\u202bعنوان\u202c", content: "\u202bزار الوزير جدة\u200f", text: "عنوان\n\nزار الوزير جدة", word: "جدة", inText: true},
		{
			name: "title twice", title: "الوزير يزور جدة", content: "زار الوزير مدينة جدة أمس وتفقد المشاريع.",
			text: "الوزير يزور جدة\n\nالوزير يزور جدة\n\nزار الوزير مدينة جدة أمس وتفقد المشاريع.", word: "مدينة", inText: true,
			extra: "الوزير يزور جدة\n\nزار",
		},
		{
			name: "boilerplate dropped", title: "عنوان", content: "زار الوزير جدة أمس وتفقد المشاريع الجديدة. اقرأ أيضا: أخبار أخرى من الموقع نفسه",
			text: "عنوان\n\nزار الوزير جدة أمس وتفقد المشاريع الجديدة.", word: "أخبار", inText: false,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			al := align(tc.title, tc.content, tc.text)
			i := strings.Index(tc.content, tc.word)
			if i < 0 {
				t.Fatalf("%q not in the content", tc.word)
			}
			off := utf8.RuneCountInString(tc.content[:i])
			pos := al.toText[al.sourcePos("content", off)]
			if !tc.inText {
				if pos >= 0 {
					t.Errorf("%q maps to %d, want nothing", tc.word, pos)
				}
				return
			}
			if pos < 0 || !strings.HasPrefix(string([]rune(tc.text)[pos:]), tc.word) {
				t.Fatalf("%q maps to %d, want the word in the text", tc.word, pos)
			}
			if al.toSrc[pos] != al.sourcePos("content", off) {
				t.Errorf("the way back gives %d, want %d", al.toSrc[pos], al.sourcePos("content", off))
			}
			if !al.inSource(pos, pos+utf8.RuneCountInString(tc.word)) {
				t.Errorf("inSource is false for the word")
			}
			if tc.extra != "" {
				// The second copy of the title is the one left out.
				s, _ := at(t, tc.text, tc.extra, 0)
				if al.inSource(s, s+utf8.RuneCountInString(tc.title)) {
					t.Errorf("the second title is counted as source text")
				}
			}
		})
	}
}

func TestAlignOutOfRange(t *testing.T) {
	al := align("عنوان", "نص", "عنوان\n\nنص")
	for _, sp := range [][2]int{{-1, -1}, {-1, 2}, {3, 3}, {5, 99}} {
		if al.inSource(sp[0], sp[1]) {
			t.Errorf("inSource(%d, %d) = true", sp[0], sp[1])
		}
	}
}

func TestEntityLen(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{
		{"&quot;x", 6}, {"&amp;", 5}, {"&#39;", 5}, {"&#x27;", 6}, {"&nbsp;", 6},
		{"& x", 0}, {"&;", 0}, {"&nosuchentity;", 0}, {"&quot", 0}, {"&", 0},
	} {
		if got := entityLen([]rune(tc.in)); got != tc.want {
			t.Errorf("entityLen(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}
