package ner

import "testing"

func TestTagLocalBodies(t *testing.T) {
	checkTagged(t, []tagCase{
		// A definite head and its adjectives are completed by the place.
		{"وتنظر المحكمة الجزائية بالدمام في القضية الأسبوع المقبل.", []string{"ORG:المحكمة الجزائية بالدمام"}, []string{"LOC:الدمام"}},
		{"وأقامت الغرفة التجارية الصناعية بمنطقة حائل ملتقى للمستثمرين.", []string{"ORG:الغرفة التجارية الصناعية بمنطقة حائل"}, nil},
		// A body named by its genitive keeps its branch's place apart.
		{"وشاركت فرق هيئة الهلال الأحمر بمنطقة تبوك في التمرين.", nil, []string{"ORG:هيئة الهلال الأحمر بمنطقة تبوك"}},
		// A ministry's nationality, behind the و of its head.
		{"أعلنت وزارة الداخلية التركية أمس توقيف عشرة أشخاص.", []string{"ORG:وزارة الداخلية التركية"}, nil},
	})
}

func TestTagFacilityNames(t *testing.T) {
	checkTagged(t, []tagCase{
		{"ونقل المصاب إلى مستشفى الخرج العام لتلقي العلاج.", []string{"LOC:مستشفى الخرج العام"}, nil},
		{"وعادت عائلات إلى مخيم اليرموك للاجئين الفلسطينيين بعد الهدنة.", []string{"LOC:مخيم اليرموك للاجئين الفلسطينيين"}, nil},
	})
}

func TestTagClubWithoutNationality(t *testing.T) {
	checkTagged(t, []tagCase{
		{"ووافق نادي الجزيرة الإماراتي على إقامة المباراة الودية في أبوظبي.", []string{"ORG:الجزيرة"}, []string{"ORG:الجزيرة الإماراتي"}},
	})
}

func TestTagDirectionsAndPrayers(t *testing.T) {
	checkTagged(t, []tagCase{
		// The second word of a compound direction is no part of the place.
		{"ووقع الانفجار في بلدة صغيرة جنوب شرق الموصل أمس.", []string{"LOC:الموصل"}, []string{"LOC:شرق الموصل"}},
		// صلاة المغرب is the sunset prayer; the country stays a place.
		{"وتبدأ المحاضرة بعد صلاة المغرب في الجامع الكبير.", nil, []string{"LOC:المغرب"}},
		{"ووصل الوفد إلى المغرب أمس في زيارة رسمية.", []string{"LOC:المغرب"}, nil},
	})
}

func TestTagNamesWithAli(t *testing.T) {
	checkTagged(t, []tagCase{
		// علي written with ي between names is the given name, not على.
		{"وتسلم الجائزة الطالب محمد علي عيسى الزهراني أمس.", []string{"PER:محمد علي عيسى الزهراني"}, []string{"PER:محمد"}},
		// A given name after و keeps its first letter (كامل, not ك + أمل).
		{"وضمت القائمة خالد الشهري، وكامل المطيري، وفهد العنزي.", []string{"PER:كامل المطيري"}, []string{"PER:امل المطيري"}},
	})
}

func TestTagFamilyNamesAlone(t *testing.T) {
	checkTagged(t, []tagCase{
		// A foreign family name alone is the person named in full before.
		{"أوباما: الاتفاق مع إيران جيد\n\nقال الرئيس الأمريكي باراك أوباما إن الاتفاق جيد. وتابع أوباما أن المعارضين مخطئون.", []string{"PER:أوباما"}, []string{"MISC:أوباما"}},
		{"وصل وزير الخارجية الإيراني محمد جواد ظريف إلى فيينا. ورقص ظريف فرحا بالاتفاق.", []string{"PER:ظريف"}, nil},
		// A word the article names as a town after its head is the town.
		{"وزار الوفد مدينة داروين الأسترالية. وتقع داروين على الساحل الشمالي.", []string{"LOC:داروين"}, []string{"PER:داروين"}},
	})
}
