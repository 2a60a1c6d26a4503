package pipeline

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/khabar/khabar"
)

func TestSpeakerNames(t *testing.T) {
	for _, tt := range []struct {
		name     string
		text     string
		speakers []string // speaker_text of each quote, in order
		existing []string // PER entities already found
		want     []string // the speaker entity's name of each quote ("" for none)
	}{
		{
			name:     "an office and a name the tagger missed",
			text:     "وقال قائد مقاتلي العشائر غسان العيثاوي إن القوات تتقدم. وأضاف العيثاوي أن الطريق مفتوح.",
			speakers: []string{"قائد مقاتلي العشائر غسان العيثاوي", "العيثاوي"},
			want:     []string{"غسان العيثاوي", "غسان العيثاوي"},
		},
		{
			name:     "a foreign name after a role",
			text:     "وقال وكيل اللاعبين ميركو بوليديكا إن العرض مرفوض.",
			speakers: []string{"وكيل اللاعبين ميركو بوليديكا"},
			want:     []string{"ميركو بوليديكا"},
		},
		{
			name:     "a family name alone resolves to a person already found",
			text:     "التقى الوزير سامر الخطيب بالوفد. وقال الخطيب إن اللقاء مثمر.",
			speakers: []string{"الخطيب"},
			existing: []string{"سامر الخطيب"},
			want:     []string{"سامر الخطيب"},
		},
		{
			name:     "a family name no list knows after a given name",
			text:     "وقال الناطق باسم مجلس الحي علي القرطاوي إن الطريق مفتوح.",
			speakers: []string{"الناطق باسم مجلس الحي علي القرطاوي"},
			want:     []string{"علي القرطاوي"},
		},
		{
			name:     "a name in apposition kept with the office",
			text:     "أكد رئيس هيئة المساحة، جورج مارتن، أن الخرائط جاهزة.",
			speakers: []string{"رئيس هيئة المساحة، جورج مارتن"},
			want:     []string{"جورج مارتن"},
		},
		{
			name:     "an office and a nationality are no name",
			text:     "وقال الدبلوماسي الأميركي إن المحادثات صعبة. وقال المندوب الفرنسي إن الحل قريب.",
			speakers: []string{"الدبلوماسي الأميركي", "المندوب الفرنسي"},
			want:     []string{"", ""},
		},
		{
			name:     "a name with آل and the family name alone later",
			text:     "وأوضح المتحدث الرسمي للبلدية سعد آل حامد أن العمل بدأ. وأضاف آل حامد أن الطريق سيفتح.",
			speakers: []string{"المتحدث الرسمي للبلدية سعد آل حامد", "آل حامد"},
			want:     []string{"سعد آل حامد", "سعد آل حامد"},
		},
		{
			name:     "two words no list knows after a role, then the role alone",
			text:     "وقال المواطن ناجع مرفي إن الوجبة فاسدة. وأضاف المواطن أن البلدية لم ترد.",
			speakers: []string{"المواطن ناجع مرفي", "المواطن"},
			want:     []string{"ناجع مرفي", "ناجع مرفي"},
		},
		{
			name:     "a spokesman on behalf of a body is no name",
			text:     "وقال المتحدث باسم النقابة إن الإضراب مستمر.",
			speakers: []string{"المتحدث باسم النقابة"},
			want:     []string{""},
		},
		{
			name:     "a group whose phrase ends in an office and a name",
			text:     "ويرى كثير من أعضاء حزب الرئيس سامي عادل أن الخطة مكلفة.",
			speakers: []string{"كثير من أعضاء حزب الرئيس سامي عادل"},
			want:     []string{""},
		},
		{
			name:     "a given name with the article as a family name",
			text:     "وقال نائب رئيس النادي ماجد الراشد إن الفريق جاهز.",
			speakers: []string{"نائب رئيس النادي ماجد الراشد"},
			want:     []string{"ماجد الراشد"},
		},
		{
			name:     "a family name alone names the full name written before",
			text:     "وتقدم الأمين العام للحزب سلطان الحميري بمبادرة. وأعلن الحميري المبادرة، مشيرا إلى أن الحرب ستتوقف.",
			speakers: []string{"الحميري"},
			want:     []string{"سلطان الحميري"},
		},
		{
			name:     "a person found with the family name cut off",
			text:     "وقال الشيخ عبدالله بن عبدالمحسن التركي في كلمته إن الأمة بخير. وقال التركي إن الشباب أمل الأمة.",
			speakers: []string{"التركي"},
			existing: []string{"عبدالله بن عبدالمحسن"},
			want:     []string{"عبدالله بن عبدالمحسن"},
		},
		{
			name:     "a given name and a definite word are all the subject",
			text:     "وأبان ماجد الحربش أنه تفاجأ بالأسعار.",
			speakers: []string{"ماجد الحربش"},
			want:     []string{"ماجد الحربش"},
		},
		{
			name:     "two words no lexicon holds after an office",
			text:     "وأعلن قائد شرطة المدينة جوزيف موانغي أن الطرق مغلقة.",
			speakers: []string{"قائد شرطة المدينة جوزيف موانغي"},
			want:     []string{"جوزيف موانغي"},
		},
		{
			name:     "an office and a given name after it, not باسم",
			text:     "وأضاف الدكتور علي العلق أن التكلفة منخفضة.",
			speakers: []string{"الدكتور علي العلق"},
			want:     []string{"علي العلق"},
		},
		{
			name:     "an honorific and a family name alone",
			text:     "أرجع الدكتور ماهر السويلم ارتفاع الأسعار إلى الطلب. وأضاف الدكتور السويلم أن الأسعار ستستقر.",
			speakers: []string{"الدكتور السويلم"},
			want:     []string{"ماهر السويلم"},
		},
		{
			name:     "unnamed sources stay unnamed",
			text:     "وقال مصدر أمني إن الهجوم فشل. وذكرت وزارة الخارجية الأمريكية أن الوضع هادئ. وقال مسؤول في مطار عدن الدولي إن الرحلات مستمرة.",
			speakers: []string{"مصدر أمني", "وزارة الخارجية الأمريكية", "مسؤول في مطار عدن الدولي"},
			want:     []string{"", "", ""},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := &khabar.Analysis{Text: tt.text}
			for i, n := range tt.existing {
				a.Entities = append(a.Entities, khabar.Entity{ID: "e" + string(rune('1'+i)), Type: "PER", Name: n})
			}
			runes := []rune(tt.text)
			from := 0
			for _, s := range tt.speakers {
				// The quote starts right after its speaker phrase.
				i := strings.Index(string(runes[from:]), s)
				if i < 0 {
					t.Fatalf("%q not in the text", s)
				}
				start := from + len([]rune(string(runes[from:])[:i])) + len([]rune(s))
				a.Quotes = append(a.Quotes, khabar.Quote{Start: start, End: start + 5, SpeakerText: s})
				from = start
			}
			speakerNames(a)
			names := map[string]khabar.Entity{}
			for _, e := range a.Entities {
				names[e.ID] = e
			}
			for i, q := range a.Quotes {
				got := names[q.Speaker].Name
				if got != tt.want[i] {
					t.Errorf("quote %d: speaker %q, want %q", i, got, tt.want[i])
				}
				if got != "" && q.SpeakerText != "" {
					t.Errorf("quote %d: named speaker keeps speaker_text %q", i, q.SpeakerText)
				}
			}
			for _, e := range a.Entities {
				for _, m := range e.Mentions {
					if r := []rune(tt.text); string(r[m.Start:m.End]) != m.Text {
						t.Errorf("mention %q at %d:%d reads %q", m.Text, m.Start, m.End, string(r[m.Start:m.End]))
					}
				}
			}
		})
	}
}

func TestFamilySpeakers(t *testing.T) {
	for _, tt := range []struct {
		name    string
		persons []string // PER entities e1, e2, …
		speaker string   // the quote's speaker entity (appended last)
		typ     string
		want    string // the speaker's name after familySpeakers
	}{
		{"a family name taken for a place", []string{"علي الأحمدي"}, "الأحمدي", "LOC", "علي الأحمدي"},
		{"a word that is no name before the family name", []string{"رجب طيب إردوغان"}, "لكن إردوغان", "PER", "رجب طيب إردوغان"},
		{"a word that is no name after the family name", []string{"علي العمير", "علي النعيمي"}, "العمير للنعيمي", "PER", "علي العمير"},
		{"a family name two persons share is no guess", []string{"علي الأحمدي", "سعد الأحمدي"}, "الأحمدي", "PER", "الأحمدي"},
		{"a name of two name words stays", []string{"خالد العطية"}, "محمد العطية", "PER", "محمد العطية"},
		{"the full name stays", []string{"علي الأحمدي"}, "علي الأحمدي", "PER", "علي الأحمدي"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := &khabar.Analysis{}
			for i, n := range tt.persons {
				a.Entities = append(a.Entities, khabar.Entity{ID: "e" + string(rune('1'+i)), Type: "PER", Name: n})
			}
			id := "e" + string(rune('1'+len(tt.persons)))
			if tt.speaker == tt.persons[0] {
				id = "e1"
			} else {
				a.Entities = append(a.Entities, khabar.Entity{ID: id, Type: tt.typ, Name: tt.speaker})
			}
			a.Quotes = []khabar.Quote{{Speaker: id, Speakers: []string{id}}}
			familySpeakers(a)
			got := ""
			for _, e := range a.Entities {
				if e.ID == a.Quotes[0].Speaker {
					got = e.Name
				}
			}
			if got != tt.want {
				t.Errorf("speaker %q, want %q", got, tt.want)
			}
			if len(a.Quotes[0].Speakers) != 1 || a.Quotes[0].Speakers[0] != a.Quotes[0].Speaker {
				t.Errorf("speakers %v disagree with speaker %q", a.Quotes[0].Speakers, a.Quotes[0].Speaker)
			}
		})
	}
}

func TestSpeakerOrgs(t *testing.T) {
	for _, tt := range []struct {
		phrase, want string
	}{
		{"مركز الإعلام الحكومي الفلسطيني", "مركز الإعلام الحكومي الفلسطيني"},
		{"بيان تجمع الشخصيات المستقلة", "تجمع الشخصيات المستقلة"},
		{"هيئة الطيران المدني التي تشرف على المطارات", "هيئة الطيران المدني"},
		{"شركة الخليج للتدريب والتعليم", "شركة الخليج للتدريب والتعليم"},
		// A definite head with an adjective, and where the body is.
		{"المديرية العامة للشؤون الصحية بمنطقة الباحة", "المديرية العامة للشؤون الصحية بمنطقة الباحة"},
		{"مكتب العمل بتبوك", "مكتب العمل بتبوك"},
		{"حكومة إقليم الشمال", "حكومة إقليم الشمال"},
		{"مصلحة الجمارك العامة", "مصلحة الجمارك العامة"},
		// No body: a definite head, an office, a lone head.
		{"الوزارة المعنية", ""},
		{"رئيس الهيئة", ""},
		{"مركز", ""},
		{"مصدر مسؤول", ""},
	} {
		if got := orgSpeakerName(strings.Fields(tt.phrase)); got != tt.want {
			t.Errorf("orgSpeakerName(%q) = %q, want %q", tt.phrase, got, tt.want)
		}
	}
	text := "وقال مركز الإعلام الحكومي الفلسطيني إن الاجتماع تأجل."
	a := &khabar.Analysis{Text: text}
	start := strings.Index(text, "الاجتماع")
	a.Quotes = []khabar.Quote{{Start: utf8.RuneCountInString(text[:start]), End: utf8.RuneCountInString(text) - 1, SpeakerText: "مركز الإعلام الحكومي الفلسطيني"}}
	speakerOrgs(a)
	if len(a.Entities) != 1 || a.Entities[0].Type != "ORG" || a.Quotes[0].Speaker != a.Entities[0].ID || len(a.Entities[0].Mentions) != 1 {
		t.Fatalf("speakerOrgs: entities %+v, quote %+v", a.Entities, a.Quotes[0])
	}
	if m := a.Entities[0].Mentions[0]; string([]rune(text)[m.Start:m.End]) != "مركز الإعلام الحكومي الفلسطيني" {
		t.Errorf("mention %+v", m)
	}
}

func TestShortOrgSpeakers(t *testing.T) {
	text := "أكدت المديرية العامة للشؤون الصحية بمنطقة الباحة أن المستشفى جاهز. وأوضحت المديرية العامة للشؤون الصحية أن الأطباء متوفرون. ولفتت المديرية أن العمل مستمر."
	a := &khabar.Analysis{Text: text}
	for _, s := range []string{"المديرية العامة للشؤون الصحية بمنطقة الباحة", "المديرية العامة للشؤون الصحية", "المديرية"} {
		from := 0
		if n := len(a.Quotes); n > 0 {
			from = a.Quotes[n-1].End
		}
		rs := []rune(text)
		i := strings.Index(string(rs[from:]), s+" أن")
		if i < 0 {
			t.Fatalf("%q not in the text", s)
		}
		start := from + utf8.RuneCountInString(string(rs[from:])[:i]) + utf8.RuneCountInString(s+" أن ")
		a.Quotes = append(a.Quotes, khabar.Quote{Start: start, End: start + 5, SpeakerText: s})
	}
	speakerOrgs(a)
	if len(a.Entities) != 1 {
		t.Fatalf("entities %+v, want one body", a.Entities)
	}
	for i, q := range a.Quotes {
		if q.Speaker != a.Entities[0].ID || q.SpeakerText != "" {
			t.Errorf("quote %d: speaker %q (%q), want the body %s", i, q.Speaker, q.SpeakerText, a.Entities[0].ID)
		}
	}
}

func TestNationalBody(t *testing.T) {
	places := map[string]bool{"الفلسطينية": true, "البريطانية": true, "الأميركية": true}
	for _, tt := range []struct {
		phrase string
		want   bool
	}{
		{"الرئاسة الفلسطينية", true},
		{"الوزارة الفلسطينية", true},
		{"الشركة الأميركية", false},   // a company named before, referred back to
		{"الحكومة البريطانية", false}, // a government is no body here
		{"الوزارة المعنية", false},
		{"الرئاسة العامة", false},
	} {
		if got := nationalBody(strings.Fields(tt.phrase), places); got != tt.want {
			t.Errorf("nationalBody(%q) = %v, want %v", tt.phrase, got, tt.want)
		}
	}
}
