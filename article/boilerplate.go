package article

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Whole lines that are page furniture, compared by matchKey with
// trailing punctuation removed.
var boilerLines = map[string]bool{}

// Words of social-share and tool rows ("شارك | تويتر | فيسبوك").
var shareWords = map[string]bool{}

func init() {
	for _, s := range []string{
		"news image", "image", "photo", "صورة", "الصورة", "صور", "فيديو", "شارك", "شارك الخبر", "شارك المقال",
		"طباعة", "اطبع", "ارسال", "ارسل", "مشاركة", "حفظ", "تعليق", "التعليقات", "اضف تعليق", "اقرا ايضا",
		"اقرا المزيد", "المزيد", "اعلان", "إعلان", "advertisement", "انتهى", "// انتهى //", "/ انتهى /", "يتبع", "// يتبع //",
		"تابعونا", "الحجم الطبيعي", "ت + ت - الحجم الطبيعي", "حجم الخط", "share", "print", "read more",
		"next previous", "previous next", "next", "previous", "السابق التالي", "التالي السابق",
	} {
		boilerLines[boilerKey(s)] = true
	}
	for _, w := range strings.Fields(`شارك شاركها مشاركة المشاركة طباعة طباعه اطبع تويتر تويتير فيسبوك فيس بوك واتساب واتس اب
		لينكدان لينكد ان تيليجرام تلغرام تليجرام انستغرام انستجرام سناب شات بريد البريد الالكتروني ارسل ارسال حفظ نسخ
		الرابط رابط مختصر عبر على عن طريق facebook twitter whatsapp linkedin telegram email e-mail mail print share tweet
		x pinterest reddit messenger copy link google+ + | • · - / ⋮`) {
		shareWords[w] = true
	}
}

func boilerKey(s string) string {
	return strings.TrimRightFunc(matchKey(s), func(r rune) bool { return r == ':' || r == '.' || r == ' ' || r == '…' })
}

var reWasTime = regexp.MustCompile(`^[0-9٠-٩]{1,2}:[0-9٠-٩]{2}\s*ت\s*[مغ]$`)

// sliderPrefixes are a picture slider's buttons that some sites glue to
// the first line of the text.
var sliderPrefixes = []string{"Next Previous", "Previous Next"}

// cutSliderPrefix splits a line that begins with a slider's buttons and
// goes on with text into the buttons and the rest.
func cutSliderPrefix(line string) (furniture, rest string, ok bool) {
	for _, p := range sliderPrefixes {
		if len(line) > len(p) && strings.EqualFold(line[:len(p)], p) && line[len(p)] == ' ' {
			if rest = strings.TrimSpace(line[len(p):]); rest != "" {
				return line[:len(p)], rest, true
			}
		}
	}
	return "", "", false
}

// isBoilerplate reports whether a whole trimmed line is page furniture
// rather than article text: image placeholders and captions, share and
// print rows, "اقرأ أيضاً" teasers, copyright lines, end marks.
func isBoilerplate(line string) bool {
	if len(line) > 400 && !strings.Contains(line, "©") {
		return false // a paragraph, not furniture (every rule below wants ≤ 25 words)
	}
	k := boilerKey(line)
	if k == "" {
		// Only punctuation and symbols ("***", "—", "|").
		return !strings.ContainsFunc(line, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) })
	}
	if boilerLines[k] {
		return true
	}
	words := strings.Fields(k)
	n := len(words)
	switch {
	case n <= 25 && strings.HasPrefix(k, "اقرا ايضا"):
		return true
	case n <= 25 && (strings.Contains(k, "جميع الحقوق محفوظه") || strings.Contains(k, "all rights reserved")):
		return true
	case n <= 20 && (strings.Contains(line, "©") || strings.HasPrefix(k, "copyright") || strings.HasPrefix(k, "حقوق النشر")):
		return true
	case n <= 8 && strings.Contains(k, "الحجم الطبيعي"):
		return true
	case reWasTime.MatchString(k):
		return true
	case n <= 12 && isCaption(k, line):
		return true
	}
	if n <= 14 {
		share := 0
		for _, w := range words {
			if !shareWords[w] {
				return false
			}
			switch w {
			case "عبر", "على", "عن", "طريق", "|", "•", "·", "-", "/", "+":
			default:
				share++
			}
		}
		return share > 0
	}
	return false
}

// isCaption reports an image credit or caption line by its lead word.
func isCaption(k, line string) bool {
	if strings.HasSuffix(strings.TrimSpace(line), ".") {
		return false
	}
	for _, p := range []string{"صوره:", "الصوره:", "صوره ارشيفيه", "تصوير:", "تصوير ", "الصور:", "photo:", "image:"} {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}

// tailBoilerplate splits boilerplate glued to the end of the last
// paragraph: "رابط الخبر بصحيفة ...: عنوان" and a trailing row of tags
// after "سمات". It returns the text to keep and the text dropped.
func tailBoilerplate(p string) (keep, dropped string) {
	if i := strings.LastIndex(p, "رابط الخبر"); i >= 0 && len(p)-i < 400 {
		return strings.TrimRightFunc(p[:i], unicode.IsSpace), strings.TrimSpace(p[i:])
	}
	if i := strings.LastIndex(p, " سمات "); i >= 0 {
		tail := p[i+1:]
		if utf8.RuneCountInString(tail) < 200 && len(strings.Fields(tail)) <= 16 &&
			!strings.ContainsAny(tail, ".،,:؛!؟?\"«»()") && strings.ContainsAny(p[:i], ".!؟\"»") {
			return strings.TrimRightFunc(p[:i], unicode.IsSpace), strings.TrimSpace(tail)
		}
	}
	return p, ""
}
