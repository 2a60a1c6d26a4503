package ner

import "testing"

func TestTagQuotedBodies(t *testing.T) {
	checkTagged(t, []tagCase{
		// A newspaper names itself in quotation marks.
		{"وقال مدير الفرع لـ\"الوطن\" إن العمل في المشروع مستمر حتى نهاية العام.", []string{"ORG:الوطن"}, nil},
		// The quoted words after a channel or a company are its name.
		{"ونقلت قناة «إيه بي سي» الأمريكية عن مسؤولين أن الاجتماع تأجل.", []string{"ORG:إيه بي سي"}, []string{"MISC:إيه بي سي"}},
		{"أعلنت شركة “جو برو” عن كاميرا جديدة للمصورين.", []string{"ORG:جو برو"}, []string{"PER:جو برو"}},
		// A hospital named like a newspaper is no newspaper.
		{"ونقل المصاب إلى مستشفى «الحياة» بعد الحادث مباشرة.", nil, []string{"ORG:الحياة"}},
	})
}

func TestTagPurposeComplements(t *testing.T) {
	checkTagged(t, []tagCase{
		{"أعلنت الهيئة الوطنية لمكافحة الفساد أمس نتائج الاستطلاع.", []string{"ORG:الهيئة الوطنية لمكافحة الفساد"}, nil},
		{"وقالت المؤسسة العامة لتحلية المياه المالحة إن الإنتاج ارتفع.", []string{"ORG:المؤسسة العامة لتحلية المياه المالحة"}, nil},
		// A participle after the head describes it: no name.
		{"وثبت عجز الشركة المنفذة لتجربة العام الماضي.", nil, []string{"ORG:الشركة المنفذة لتجربة العام"}},
	})
}

func TestTagCompanyTrades(t *testing.T) {
	checkTagged(t, []tagCase{
		{"وتصدر سهم ميدغلف للتأمين قائمة الأسهم المرتفعة أمس.", []string{"ORG:ميدغلف للتأمين"}, nil},
		{"السعودية للخدمات الأرضية تعلن استقالة عضوين من مجلس الإدارة", []string{"ORG:السعودية للخدمات الأرضية"}, []string{"LOC:السعودية"}},
		{"وأعلنت مصر للطيران تسيير رحلات إضافية إلى المدينة.", []string{"ORG:مصر للطيران"}, nil},
		// A common word or an adjective before the trade is no company.
		{"وشهدت المنطقة انقطاعا للكهرباء مساء أمس.", nil, []string{"ORG:انقطاعا للكهرباء"}},
		{"ويمر في أسرع ممر ملاحي للشحن بين القارتين.", nil, []string{"ORG:ملاحي للشحن"}},
	})
}

func TestTagDropsNonNames(t *testing.T) {
	checkTagged(t, []tagCase{
		// A Levantine month in brackets is no car maker.
		{"واستضافت العاصمة قمة مصغرة في أبريل (نيسان) الماضي.", nil, []string{"ORG:نيسان"}},
		// An adverb of the nisba form is no country; a country is.
		{"ميدانيا، واصل الفريق تدريباته في المعسكر.", nil, []string{"LOC:ميدانيا"}},
		{"وتبنت الشركات نهجا سحابيا لإدارة شبكاتها.", nil, []string{"LOC:سحابيا"}},
		{"وسافر الوفد إلى سوريا أمس.", []string{"LOC:سوريا"}, nil},
	})
}

func TestTagHolyPlaces(t *testing.T) {
	checkTagged(t, []tagCase{
		{"وأوضح أمين العاصمة المقدسة أن العمل مستمر في الطرق.", []string{"LOC:العاصمة المقدسة"}, nil},
		// The name keeps its first letter after a bracket.
		{"ووقف الزوار أمام (باب الملك عبدالعزيز) أمس.", []string{"LOC:باب الملك عبدالعزيز"}, []string{"LOC:اب الملك عبدالعزيز"}},
	})
}
