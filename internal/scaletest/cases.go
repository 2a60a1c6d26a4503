package scaletest

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// Pathological returns the inputs that every stage is checked on: each
// repeats one pattern that a stage might handle once per occurrence
// with work that grows with the whole text (a search back to the start,
// a set of every later match, a copy of the rest of the paragraph).
func Pathological() []Case {
	return []Case{
		Repeat("speech verbs", "قال وزير الخارجية إن المحادثات مع الجانب الآخر كانت مثمرة وبناءة. "),
		Repeat("speech verbs in one sentence", "قال الوزير إن المحادثات مثمرة وأكد أن العمل مستمر "),
		Repeat("direct quotes", "وقال الوزير «إن المحادثات مع الجانب الآخر كانت مثمرة جدا» وأضاف: \"سنواصل العمل معا من أجل السلام\". "),
		Repeat("unbalanced guillemets", "« قال الوزير "),
		Repeat("unbalanced double quotes", "\" أكد أن "),
		Repeat("unbalanced brackets", "( قال "),
		Repeat("names", "التقى الملك سلمان بن عبدالعزيز والرئيس محمد بن زايد في الرياض. "),
		Repeat("honorific anaphors", "قال سمو الأمير محمد بن سلمان إن العلاقات متينة. وأوضح سعادته أن التعاون مستمر. "),
		Repeat("titles alone", "أكد سفير دولة قطر لدى المملكة علي بن عبدالله آل محمود أن العلاقات متينة. وأوضح سفير دولة قطر لدى المملكة أن التعاون مستمر. "),
		Repeat("headlines", "\nالملك سلمان: المحادثات مع الجانب الآخر مثمرة"),
		Repeat("dates", "في 13 سبتمبر 2023 ويوم الخميس الماضي و15 رمضان 1444هـ "),
		Repeat("dated events", "قتل مسلحون 5 أشخاص في بغداد يوم 13 سبتمبر 2023. "),
		Repeat("meetings", "التقى وزير الخارجية السعودي عادل الجبير نظيره الأمريكي في الرياض أمس. وناقش الاجتماع الأوضاع. "),
		Repeat("one giant sentence", "الحكومة تعمل على تحسين الخدمات في المدن والقرى "),
		Repeat("one short token", "و "),
		Repeat("one word", "الرياض "),
		Repeat("digits", "2023 "),
		Repeat("full stops", ". "),
		Repeat("commas", "، "),
		Repeat("paragraphs", "قال الوزير إن الأمر مهم.\n\n"),
		{Name: "one long token", Gen: func(n int) string { return "قال إن " + strings.Repeat("ب", n/2) + " في الرياض." }},
		{Name: "holders of one title", Gen: func(n int) string {
			// Each person named once with the title, then the title alone.
			var b strings.Builder
			for i := 0; b.Len() < n; i++ {
				b.WriteString("قال سفير دولة قطر لدى المملكة " + Person(i) + " إن العلاقات متينة. وأوضح سفير دولة قطر لدى المملكة أن التعاون مستمر. ")
			}
			return b.String()
		}},
		{Name: "varied news", Gen: func(n int) string { return Varied(n, 1) }},
	}
}

// Person returns the i-th of 8,000 distinct full names (first name, بن,
// father's name, family name).
func Person(i int) string {
	i %= len(firsts) * len(firsts) * len(lasts)
	return firsts[i%len(firsts)] + " بن " + firsts[i/len(firsts)%len(firsts)] + " " + lasts[i/len(firsts)/len(firsts)]
}

// Varied returns about n bytes of news-like Arabic text in paragraphs,
// made of sentences that vary in who speaks, where, when and about what,
// with thousands of distinct people: a realistic load rather than one
// sentence repeated. The same n and seed give the same text.
func Varied(n int, seed uint64) string {
	r := rand.New(rand.NewPCG(seed, 0x6b686162))
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	person := func() string { return pick(firsts) + " بن " + pick(firsts) + " " + pick(lasts) }
	date := func() string {
		return strconv.Itoa(1+r.IntN(28)) + " " + pick(months) + " " + strconv.Itoa(2010+r.IntN(15))
	}
	num := func() string { return strconv.Itoa(2 + r.IntN(500)) }
	fill := func(t string) string {
		var b strings.Builder
		for {
			i := strings.IndexByte(t, '{')
			if i < 0 {
				b.WriteString(t)
				return b.String()
			}
			j := strings.IndexByte(t[i:], '}') + i
			b.WriteString(t[:i])
			switch t[i+1 : j] {
			case "person":
				b.WriteString(person())
			case "title":
				b.WriteString(pick(titles))
			case "city":
				b.WriteString(pick(cities))
			case "country":
				b.WriteString(pick(countries))
			case "topic":
				b.WriteString(pick(topics))
			case "date":
				b.WriteString(date())
			case "day":
				b.WriteString(pick(days))
			case "num":
				b.WriteString(num())
			case "agency":
				b.WriteString(pick(agencies))
			}
			t = t[j+1:]
		}
	}
	var b strings.Builder
	b.Grow(n + 512)
	// Stories of two to five paragraphs of one to three sentences, each
	// under a dateline; the text stops at the first sentence past n bytes.
	for b.Len() < n {
		b.WriteString(fill("{city} - {agency} - {date}\n"))
		for range 2 + r.IntN(4) {
			for k := range 1 + r.IntN(3) {
				if k > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(fill(pick(sentences)))
				if b.Len() >= n {
					return b.String()
				}
			}
			b.WriteString("\n\n")
		}
	}
	return b.String()
}

var (
	sentences = []string{
		"قال {title} {person} إن {country} تسعى إلى تعزيز التعاون مع {country} في مجال {topic}.",
		"وأكد {person} خلال لقائه {title} {person} في {city} يوم {day} أهمية {topic}.",
		"وأعلنت وزارة {topic} في {country} عن {num} مشروعا جديدا بقيمة {num} مليون دولار.",
		"وأوضح سعادته أن الاجتماع تناول {topic} والقضايا ذات الاهتمام المشترك.",
		"وأضاف: «إن بلاده ملتزمة بدعم جهود السلام والاستقرار في المنطقة، ومواصلة العمل مع الشركاء».",
		"وفي {date}، اجتمع {person} مع {person} في {city} لبحث {topic}.",
		"وقتل {num} أشخاص وأصيب {num} آخرون في انفجار وقع في {city} مساء {day}.",
		"وتظاهر المئات في {city} أمس احتجاجا على ارتفاع الأسعار، فيما دعت المعارضة إلى الحوار.",
		"من جهته، أشار {title} إلى أن المملكة ستستضيف مؤتمر {topic} في {date} بمشاركة {num} دولة.",
		"ووقعت {country} و{country} اتفاقية للتعاون في {topic} تمتد خمس سنوات.",
	}
	firsts = []string{"محمد", "عبدالله", "خالد", "فيصل", "سعود", "أحمد", "علي", "سلمان", "تركي", "ناصر",
		"يوسف", "إبراهيم", "عمر", "حمد", "جاسم", "منصور", "سلطان", "راشد", "ماجد", "طلال"}
	lasts = []string{"العتيبي", "الشمري", "القحطاني", "الدوسري", "الغامدي", "الزهراني", "المالكي", "الحربي", "السبيعي",
		"العنزي", "الجبير", "آل ثاني", "المري", "الكواري", "النعيمي", "الهاجري", "السويدي", "البلوشي", "الكعبي", "المطيري"}
	titles = []string{"وزير الخارجية", "وزير الداخلية", "سفير دولة قطر لدى المملكة", "رئيس مجلس الإدارة",
		"الأمين العام لمجلس التعاون", "مدير عام الشركة", "المتحدث باسم الوزارة", "نائب رئيس الوزراء"}
	cities = []string{"الرياض", "جدة", "الدوحة", "دبي", "أبوظبي", "الكويت", "المنامة", "مسقط", "القاهرة", "عمان",
		"بيروت", "بغداد", "الدمام", "مكة المكرمة", "المدينة المنورة"}
	countries = []string{"السعودية", "قطر", "الإمارات", "الكويت", "البحرين", "سلطنة عمان", "مصر", "الأردن", "فرنسا",
		"ألمانيا", "الصين", "اليابان"}
	topics = []string{"الطاقة", "التعليم", "الصحة", "الاستثمار", "النقل", "السياحة", "الأمن الغذائي", "التجارة",
		"الثقافة", "المياه"}
	months   = []string{"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"}
	days     = []string{"الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"}
	agencies = []string{"واس", "قنا", "وام", "كونا", "بنا"}
)
