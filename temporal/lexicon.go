package temporal

import (
	"strings"

	"github.com/khabar/khabar/arabic"
)

// class is the part a word plays in a date expression.
type class uint8

const (
	cNone    class = iota
	cGMonth        // Gregorian month name; val 1-12
	cHMonth        // Hijri month name; val 1-12
	cHead          // first word of a two-word month (كانون, تشرين, ربيع, جمادى, ذو); val identifies it
	cWeekday       // val = time.Weekday
	cDayRel        // اليوم, أمس, غدا; val = offset in days
	cNow           // الآن
	cUnit          // يوم, أسبوع, شهر, عام; val = unit, aux = number form
	cMod           // الماضي, المقبل, الجاري; val = -1, +1, 0
	cCard          // cardinal number word; val
	cOrd           // ordinal number word; val
	cTeen          // عشر, عشرة after a unit number (11-19)
	cEra           // هـ, م, هجري; val = calHijri or calGregorian
	cPart          // مطلع, منتصف, أواخر; val = part
	cHoliday       // عيد; handled with the following word
	cFunc          // function word; val identifies it
	cPeriod        // صباحا, مساء; val = hour shift kind
	cLast          // الأخير
	cHTail         // القعدة, الحجة after ذو; val = month
	cRelPron       // الذي, الي (اليوم الذي بعد الغد)
	cQuarter       // الربع (of a year)
)

// Two-word month heads.
const (
	headKanun = iota + 1
	headTishrin
	headRabi
	headJumada
	headDhu
)

// Units (the val of cUnit).
const (
	uDay = iota + 1
	uWeek
	uMonth
	uYear
	uHour
	uMinute
)

// Number forms of a unit word (the aux of cUnit), as bits.
const (
	fSing = 1 << iota // يوم, شهر
	fDual             // يومين
	fPlur             // أيام
	fAcc              // يوما, عاما (after 11-99)
	fDef              // has the article: العام, الأيام
)

// Parts of a period (the val of cPart).
const (
	partStart = iota + 1 // مطلع, بداية, أوائل
	partMid              // منتصف
	partEnd              // أواخر, نهاية
)

// Function words (the val of cFunc).
const (
	fnFi      = iota + 1 // في
	fnMin                // من
	fnIla                // إلى, حتى, لغاية
	fnWa                 // و
	fnBayna              // بين
	fnKhilal             // خلال
	fnMundhu             // منذ
	fnQabl               // قبل
	fnBaad               // بعد
	fnMuwafiq            // الموافق
	fnHadha              // هذا, هذه
	fnSaa                // الساعة
	fnGhurra             // غرة
	fnMubarak            // المبارك
	fnIlla               // إلا
	fnRub                // ربع
	fnThuluth            // ثلث
	fnNisf               // نصف
	fnDaqiqa             // دقيقة
	fnGhad               // غد (after بعد / يوم)
	fnAms                // أمس (after قبل)
	fnTawqit             // بتوقيت
	fnLimudda            // لمدة, طوال
	fnQuraba             // قرابة, حوالي
)

// Calendars (the val of cEra).
const (
	calGregorian = iota + 1
	calHijri
)

// entry is what the lexicon knows about a word.
type entry struct {
	cls  class
	val  int8
	aux  uint8
	weak bool // ambiguous outside a date (آب, رجب, صفر): needs a day or year beside it
}

// lexicon maps normalized words to entries.
var lexicon = buildLexicon()

func buildLexicon() map[string]entry {
	m := make(map[string]entry, 600)
	add := func(e entry, words ...string) {
		for _, w := range words {
			m[normString(w)] = e
		}
	}
	gm := [][]string{
		1:  {"يناير", "جانفي", "جانفييه", "يناير"},
		2:  {"فبراير", "فبرابر", "شباط", "فيفري", "فبرير", "فيبراير"},
		3:  {"مارس", "آذار", "اذار"},
		4:  {"أبريل", "ابريل", "إبريل", "نيسان", "أفريل", "ابريل", "ابرايل"},
		5:  {"مايو", "أيار", "ماي", "مايس"},
		6:  {"يونيو", "يونيه", "حزيران", "جوان", "يونيوز"},
		7:  {"يوليو", "يوليه", "تموز", "جويلية", "يوليوز", "جويلي"},
		8:  {"أغسطس", "اغسطس", "آب", "أوت", "غشت", "اغسطوس"},
		9:  {"سبتمبر", "أيلول", "ايلول", "شتنبر", "سيبتمبر"},
		10: {"أكتوبر", "اكتوبر", "أكتوبر", "اكتوير"},
		11: {"نوفمبر", "نونبر", "نوفمير"},
		12: {"ديسمبر", "دجنبر", "ديسمير"},
	}
	for v, ws := range gm {
		add(entry{cls: cGMonth, val: int8(v)}, ws...)
	}
	// Words that are also common nouns or names.
	for _, w := range []string{"آب", "ماي", "جوان", "مايس"} {
		e := m[normString(w)]
		e.weak = true
		m[normString(w)] = e
	}
	add(entry{cls: cHead, val: headKanun}, "كانون")
	add(entry{cls: cHead, val: headTishrin}, "تشرين", "تشرین")
	add(entry{cls: cHead, val: headRabi}, "ربيع")
	add(entry{cls: cHead, val: headJumada}, "جمادى", "جمادي")
	add(entry{cls: cHead, val: headDhu}, "ذو", "ذي")
	hm := [][]string{
		1:  {"محرم"},
		2:  {"صفر"},
		7:  {"رجب"},
		8:  {"شعبان"},
		9:  {"رمضان"},
		10: {"شوال"},
		12: {"ذوالحجة", "ذيالحجة"},
		11: {"ذوالقعدة", "ذيالقعدة"},
	}
	for v, ws := range hm {
		if ws == nil {
			continue
		}
		add(entry{cls: cHMonth, val: int8(v)}, ws...)
	}
	for _, w := range []string{"محرم", "صفر", "رجب", "شعبان", "رمضان"} {
		e := m[normString(w)]
		e.weak = true
		m[normString(w)] = e
	}
	days := [][]string{
		0: {"الأحد", "الاحد", "أحد", "احد"},
		1: {"الاثنين", "الإثنين", "اثنين", "إثنين", "الأثنين"},
		2: {"الثلاثاء", "الثلاثا", "ثلاثاء", "ثلاثا"},
		3: {"الأربعاء", "الاربعاء", "الاربعا", "أربعاء", "اربعاء", "اربعا"},
		4: {"الخميس", "خميس"},
		5: {"الجمعة", "جمعة"},
		6: {"السبت", "سبت"},
	}
	for v, ws := range days {
		add(entry{cls: cWeekday, val: int8(v)}, ws...)
	}
	// Indefinite weekday names double as ordinary words (أحد = one, اثنين = two,
	// جمعة = a name): they count only beside a week word.
	for _, w := range []string{"أحد", "اثنين", "ثلاثاء", "ثلاثا", "أربعاء", "اربعا", "خميس", "جمعة", "سبت"} {
		e := m[normString(w)]
		e.weak = true
		m[normString(w)] = e
	}
	add(entry{cls: cDayRel, val: 0}, "اليوم")
	add(entry{cls: cDayRel, val: -1}, "أمس", "امس", "الأمس", "البارحة", "امبارح", "مبارح")
	add(entry{cls: cDayRel, val: 1}, "غدا", "غداً", "الغد")
	add(entry{cls: cDayRel, val: 1, weak: true}, "بكرة", "بكرا") // dialect; also عن بكرة أبيهم
	add(entry{cls: cNow}, "الآن", "الان", "حالا", "حاليا")
	units := []struct {
		u     int
		forms uint8
		ws    []string
	}{
		{uDay, fSing, []string{"يوم"}},
		{uDay, fSing | fDef, []string{"اليوم"}},
		{uDay, fDual, []string{"يومين", "يومان"}},
		{uDay, fDual | fDef, []string{"اليومين"}},
		{uDay, fPlur, []string{"أيام", "ايام"}},
		{uDay, fPlur | fDef, []string{"الأيام", "الايام"}},
		{uDay, fAcc, []string{"يوما", "يوماً"}},
		{uWeek, fSing, []string{"أسبوع", "اسبوع"}},
		{uWeek, fSing | fDef, []string{"الأسبوع", "الاسبوع"}},
		{uWeek, fDual, []string{"أسبوعين", "اسبوعين", "أسبوعان"}},
		{uWeek, fDual | fDef, []string{"الأسبوعين", "الاسبوعين"}},
		{uWeek, fPlur, []string{"أسابيع", "اسابيع"}},
		{uWeek, fPlur | fDef, []string{"الأسابيع", "الاسابيع"}},
		{uWeek, fAcc, []string{"أسبوعا", "اسبوعا"}},
		{uMonth, fSing, []string{"شهر"}},
		{uMonth, fSing | fDef, []string{"الشهر"}},
		{uMonth, fDual, []string{"شهرين", "شهران"}},
		{uMonth, fDual | fDef, []string{"الشهرين"}},
		{uMonth, fPlur, []string{"أشهر", "اشهر", "شهور"}},
		{uMonth, fPlur | fDef, []string{"الأشهر", "الاشهر", "الشهور"}},
		{uMonth, fAcc, []string{"شهرا", "شهراً"}},
		{uYear, fSing, []string{"عام", "سنة"}},
		{uYear, fSing | fDef, []string{"العام", "السنة"}},
		{uYear, fDual, []string{"عامين", "عامان", "سنتين", "سنتان", "عامي"}},
		{uYear, fDual | fDef, []string{"العامين", "السنتين"}},
		{uYear, fPlur, []string{"أعوام", "اعوام", "سنوات", "سنين"}},
		{uYear, fPlur | fDef, []string{"الأعوام", "الاعوام", "السنوات", "السنين"}},
		{uYear, fAcc, []string{"عاما", "عاماً", "سنة"}},
		{uHour, fSing, []string{"ساعة"}},
		{uHour, fDual, []string{"ساعتين"}},
		{uHour, fPlur, []string{"ساعات"}},
	}
	for _, u := range units {
		for _, w := range u.ws {
			k := normString(w)
			e := m[k]
			if e.cls == cUnit {
				e.aux |= u.forms
			} else if e.cls == cNone {
				e = entry{cls: cUnit, val: int8(u.u), aux: u.forms}
			} else {
				continue
			}
			m[k] = e
		}
	}
	add(entry{cls: cMod, val: -1}, "الماضي", "الماضية", "الماضيين", "الماضيتين", "الماض", "المنصرم", "المنصرمة",
		"السابق", "السابقة", "السابقين", "الفائت", "الفائتة", "المنقضي", "المنقضية", "المنصرمين", "الماضيه")
	add(entry{cls: cMod, val: 1}, "المقبل", "المقبلة", "المقبلين", "المقبلتين", "القادم", "القادمة", "القادمين",
		"التالي", "التالية", "الجاي", "الآتي", "الآتية", "المقبله")
	add(entry{cls: cMod, val: 0}, "الجاري", "الجارية", "الحالي", "الحالية")
	cards := [][]string{
		1:   {"واحد", "واحدة"},
		2:   {"اثنان", "اثنين", "اثنتين", "اثنتان", "إثنين"},
		3:   {"ثلاث", "ثلاثة"},
		4:   {"أربع", "أربعة", "اربع", "اربعة"},
		5:   {"خمس", "خمسة"},
		6:   {"ست", "ستة"},
		7:   {"سبع", "سبعة"},
		8:   {"ثماني", "ثمانية", "ثمان"},
		9:   {"تسع", "تسعة"},
		10:  {"عشر", "عشرة"},
		11:  {"أحد", "احد", "إحدى", "احدى"},
		12:  {"اثنا", "اثني", "اثنتا", "اثنتي"},
		20:  {"عشرون", "عشرين"},
		30:  {"ثلاثون", "ثلاثين"},
		40:  {"أربعون", "أربعين", "اربعون", "اربعين"},
		50:  {"خمسون", "خمسين"},
		60:  {"ستون", "ستين"},
		70:  {"سبعون", "سبعين"},
		80:  {"ثمانون", "ثمانين"},
		90:  {"تسعون", "تسعين"},
		100: {"مئة", "مائة"},
	}
	for v, ws := range cards {
		for _, w := range ws {
			// The definite form too: الثمانية عشر شهرا, الأيام الثلاثة.
			for _, k := range []string{normString(w), normString("ال" + w)} {
				if _, ok := m[k]; !ok {
					m[k] = entry{cls: cCard, val: int8(v)}
				}
			}
		}
	}
	ords := [][]string{
		1:  {"الأول", "الاول", "الأولى", "الاولى", "أول", "اول", "أولى"},
		2:  {"الثاني", "الثانية", "ثاني", "ثان", "ثانية"},
		3:  {"الثالث", "الثالثة", "ثالث", "ثالثة", "الثالثه"},
		4:  {"الرابع", "الرابعة", "رابع"},
		5:  {"الخامس", "الخامسة", "خامس"},
		6:  {"السادس", "السادسة", "سادس"},
		7:  {"السابع", "السابعة", "سابع"},
		8:  {"الثامن", "الثامنة", "ثامن"},
		9:  {"التاسع", "التاسعة", "تاسع"},
		10: {"العاشر", "العاشرة", "عاشر"},
		11: {"الحادي", "الحادية", "حادي"},
		20: {"العشرون", "العشرين"},
		30: {"الثلاثون", "الثلاثين"},
	}
	for v, ws := range ords {
		add(entry{cls: cOrd, val: int8(v)}, ws...)
	}
	add(entry{cls: cTeen}, "عشر", "عشرة")
	// الآخر/الآخرة name the second of two months (ربيع الآخر, جمادى الآخرة).
	add(entry{cls: cOrd, val: 2, aux: 1}, "الآخر", "الآخرة")
	add(entry{cls: cHTail, val: 11}, "القعدة")
	add(entry{cls: cHTail, val: 12}, "الحجة")
	add(entry{cls: cRelPron}, "الذي", "التي", "اللي")
	add(entry{cls: cQuarter}, "الربع")
	add(entry{cls: cEra, val: calHijri}, "هـ", "ه", "هجري", "هجرية", "للهجرة", "الهجري", "الهجرية")
	add(entry{cls: cEra, val: calGregorian}, "م", "ميلادي", "ميلادية", "للميلاد", "الميلادي", "الميلادية")
	add(entry{cls: cPart, val: partStart}, "مطلع", "بداية", "أوائل", "اوائل", "بدايات", "مستهل")
	add(entry{cls: cPart, val: partMid}, "منتصف", "أواسط", "اواسط", "نص", "نصف", "وسط")
	add(entry{cls: cPart, val: partEnd}, "أواخر", "اواخر", "نهاية", "نهايات", "ختام", "آخر", "اخر")
	add(entry{cls: cLast}, "الأخير", "الأخيرة", "الاخير", "الاخيرة")
	add(entry{cls: cHoliday}, "عيد", "رأس")
	fns := []struct {
		v  int
		ws []string
	}{
		{fnFi, []string{"في", "بتاريخ"}},
		{fnMin, []string{"من"}},
		{fnIla, []string{"إلى", "الى", "حتى", "لغاية", "ولغاية"}},
		{fnWa, []string{"و"}},
		{fnBayna, []string{"بين"}},
		{fnKhilal, []string{"خلال"}},
		{fnMundhu, []string{"منذ"}},
		{fnQabl, []string{"قبل"}},
		{fnBaad, []string{"بعد"}},
		{fnMuwafiq, []string{"الموافق", "الموافقة", "الموافقه"}},
		{fnHadha, []string{"هذا", "هذه"}},
		{fnSaa, []string{"الساعة"}},
		{fnGhurra, []string{"غرة", "غره"}},
		{fnMubarak, []string{"المبارك", "الفضيل", "الكريم", "المعظم"}},
		{fnIlla, []string{"إلا", "الا"}},
		{fnRub, []string{"ربع", "ربعا", "والربع"}},
		{fnThuluth, []string{"ثلث", "ثلثا"}},
		{fnNisf, []string{"ونصف", "النصف"}},
		{fnDaqiqa, []string{"دقيقة", "دقائق", "دقيقه"}},
		{fnGhad, []string{"غد"}},
		{fnQabl, []string{"القبل"}},
		{fnLimudda, []string{"لمدة", "مدة", "طوال", "طيلة"}},
		{fnQuraba, []string{"قرابة", "حوالي", "نحو", "بحدود", "عند"}},
		{fnTawqit, []string{"بتوقيت", "توقيت"}},
	}
	for _, f := range fns {
		for _, w := range f.ws {
			k := normString(w)
			if _, ok := m[k]; !ok {
				m[k] = entry{cls: cFunc, val: int8(f.v)}
			}
		}
	}
	periods := []struct {
		v  int
		ws []string
	}{
		{periodAM, []string{"صباحا", "صباحاً", "الصبح", "صباح", "فجرا", "الفجر", "فجراً"}},
		{periodNoon, []string{"ظهرا", "ظهراً", "الظهر"}},
		{periodPM, []string{"عصرا", "عصراً", "العصر", "مساء", "مساءا", "مساءً", "المساء"}},
		{periodNight, []string{"ليلا", "ليلاً", "الليلة", "العشاء"}},
	}
	for _, p := range periods {
		for _, w := range p.ws {
			k := normString(w)
			if _, ok := m[k]; !ok {
				m[k] = entry{cls: cPeriod, val: int8(p.v)}
			}
		}
	}
	return m
}

// Periods of the day (the val of cPeriod).
const (
	periodAM = iota + 1
	periodNoon
	periodPM
	periodNight
)

// isMark reports whether r is a diacritic or the tatweel, which
// normalization drops.
func isMark(r rune) bool { return arabic.LexiconFold.Rune(r) < 0 }

// appendNorm appends the normalized form of s to dst: arabic.LexiconFold
// (diacritics and tatweel dropped, alef forms folded to ا, ى to ي, ة to
// ه, Persian ی/ک to Arabic, lower case).
func appendNorm(dst []byte, s string) []byte { return arabic.LexiconFold.Append(dst, s) }

// normString is appendNorm for building tables; two-word keys lose their space.
func normString(s string) string {
	return strings.ReplaceAll(string(appendNorm(nil, s)), " ", "")
}
