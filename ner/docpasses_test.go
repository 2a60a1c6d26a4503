package ner

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/khabar/khabar/arabic"
)

// spanAt returns a span of type typ over the first occurrence of name in
// text (whole tokens), as the tagger would give it.
func spanAt(t *testing.T, text string, toks []arabic.Token, typ, name string) Span {
	t.Helper()
	want := strings.Fields(name)
	for i := 0; i+len(want) <= len(toks); i++ {
		ok := true
		for j, w := range want {
			ok = ok && toks[i+j].Text == w
		}
		if ok {
			a, b := toks[i], toks[i+len(want)-1]
			return Span{Type: typ, Text: name, Name: name, Start: a.Start, End: b.End, TokStart: i, TokEnd: i + len(want)}
		}
	}
	t.Fatalf("%q not in %q", name, text)
	return Span{}
}

// passCase is a text, the spans the model found in it (type, name; a
// name given twice is its next occurrence) and every span a document
// pass should leave, in text order.
type passCase struct {
	text   string
	tagged [][2]string
	want   []string
}

// runPass runs pass over each case and checks its spans and offsets.
func runPass(t *testing.T, pass func(text string, toks []arabic.Token, spans []Span, covered []bool) []Span, cases []passCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.text, func(t *testing.T) {
			toks := arabic.Tokenize(tt.text)
			var spans []Span
			from := map[string]int{} // name → token to look from
			for _, s := range tt.tagged {
				sp := spanAt(t, tt.text, toks[from[s[1]]:], s[0], s[1])
				sp.TokStart += from[s[1]]
				sp.TokEnd += from[s[1]]
				from[s[1]] = sp.TokEnd
				spans = append(spans, sp)
			}
			slices.SortFunc(spans, func(a, b Span) int { return a.Start - b.Start })
			got := pass(tt.text, toks, spans, coverage(nil, len(toks), spans))
			if g, w := fmt.Sprint(render(got)), fmt.Sprint(tt.want); g != w {
				t.Errorf("got  %s\nwant %s", g, w)
			}
			for _, sp := range got {
				if r := []rune(tt.text); string(r[sp.Start:sp.End]) != sp.Text {
					t.Errorf("span %q at %d:%d reads %q", sp.Text, sp.Start, sp.End, string(r[sp.Start:sp.End]))
				}
			}
		})
	}
}

// render lists spans as "TYPE name" in text order.
func render(spans []Span) []string {
	var out []string
	for _, sp := range spans {
		out = append(out, sp.Type+" "+sp.Name)
	}
	return out
}

func TestPropagate(t *testing.T) {
	runPass(t, func(text string, toks []arabic.Token, spans []Span, covered []bool) []Span {
		return (&Tagger{}).propagate(text, toks, spans, covered, new([]byte))
	}, []passCase{
		{
			// A family name stands for the person; proclitics are left out.
			text:   "التقى الوزير علي الحرقان بالوفد. وقال الحرقان إن الزيارة مهمة، ثم أشاد بالحرقان أمس.",
			tagged: [][2]string{{"PER", "علي الحرقان"}},
			want:   []string{"PER علي الحرقان", "PER الحرقان", "PER الحرقان"},
		}, {
			// A place found once is found where it is repeated, also after و.
			text:   "وصل الوفد إلى ينبع صباحا، وزار المصانع في ينبع وضواحيها ثم غادر إلى جدة وينبع.",
			tagged: [][2]string{{"LOC", "ينبع"}},
			want:   []string{"LOC ينبع", "LOC ينبع", "LOC ينبع"},
		}, {
			// ل + ال: the article comes back in the name.
			text:   "شاركت الأمم المتحدة في المؤتمر وقدم الوفد شكره للأمم المتحدة.",
			tagged: [][2]string{{"ORG", "الأمم المتحدة"}},
			want:   []string{"ORG الأمم المتحدة", "ORG الأمم المتحدة"},
		}, {
			// One word with the article is as often an adjective: a place or a
			// body of one such word is not looked for again; nor a one-word MISC.
			text:   "زار السعودية وفد رسمي، وأشاد بالجمعية السعودية وبرنامج قنبلة وبقنبلة.",
			tagged: [][2]string{{"LOC", "السعودية"}, {"MISC", "قنبلة"}},
			want:   []string{"LOC السعودية", "MISC قنبلة"},
		}, {
			// A nationality is not a family name.
			text:   "قال أحمد المصري إن المشروع جاهز، وأكد الوفد المصري ذلك.",
			tagged: [][2]string{{"PER", "أحمد المصري"}},
			want:   []string{"PER أحمد المصري"},
		}, {
			// A name the model gave two types is not propagated.
			text:   "لعب فريق أزميت أمس في أزميت وعاد إلى أزميت اليوم.",
			tagged: [][2]string{{"ORG", "أزميت"}, {"LOC", "أزميت"}},
			want:   []string{"ORG أزميت", "LOC أزميت"},
		}})
}

func TestNamePatterns(t *testing.T) {
	runPass(t, func(text string, toks []arabic.Token, spans []Span, covered []bool) []Span {
		return (&Tagger{}).namePatterns(text, toks, spans, covered)
	}, []passCase{
		{"وقال المواطن تركي الثقفي إن الحديقة جميلة.", nil, []string{"PER تركي الثقفي"}},
		{"وحضر الحفل عبدالرحمن الجهني ومحمد الشهراني.", nil, []string{"PER عبدالرحمن الجهني", "PER محمد الشهراني"}},
		{"أوضح حامد بن صالح الربيعي أن القبول بدأ.", nil, []string{"PER حامد بن صالح الربيعي"}},
		// The model read the given name alone, or the nasab chain.
		{"وشكر عبدالله الحربي الحضور.", [][2]string{{"PER", "عبدالله"}}, []string{"PER عبدالله الحربي"}},
		{"ألقى سعيد بن مسفر القحطاني محاضرة.", [][2]string{{"PER", "سعيد بن مسفر"}}, []string{"PER سعيد بن مسفر القحطاني"}},
		// A full name is not extended by an adjective.
		{"أدى محمد مكية التصميمي دورا.", [][2]string{{"PER", "محمد مكية"}}, []string{"PER محمد مكية"}},
		// A given name no list holds, after a title or a role noun.
		{"وقال المواطن عائض الحربي إن العيد تغير.", nil, []string{"PER عائض الحربي"}},
		{"وأوضح المهندس فيحان الغامدي أن العمل بدأ.", nil, []string{"PER فيحان الغامدي"}},
		// A transliterated name the model tagged in part.
		{"وقال دييجو مارادونا إن ميسي رائع.", [][2]string{{"PER", "مارادونا"}}, []string{"PER دييجو مارادونا"}},
		{"وقال المدرب خوان رودريجيز للصحفيين إنه سعيد.", [][2]string{{"PER", "خوان"}}, []string{"PER خوان رودريجيز"}},
		{"وتعرض ميسي لانتقادات حادة.", [][2]string{{"PER", "ميسي"}}, []string{"PER ميسي"}},
		{"وقال إن ميركل سيلتقيان غدا.", [][2]string{{"PER", "ميركل"}}, []string{"PER ميركل"}},
		{"ثم هبطت أنصاري على الأرض.", [][2]string{{"PER", "أنصاري"}}, []string{"PER أنصاري"}},
		// ... but not a department, a building or a word behind و.
		{"وقال رئيس بنك الاحتياطي الاتحادي إن الفائدة ثابتة.", nil, nil},
		{"بحضور مدير قسم الطوارئ أمس.", nil, nil},
		{"مكن سلطات المرشد والحرس الثوري من ذلك.", nil, nil},
		// Not names: a preposition, a nationality, a frequent adjective, a
		// building, a plural in ى, a word of the given-name list that is a month.
		{"وقف على الحدودي المتاخم.", nil, nil},
		{"التقى خالد المصري بالوفد.", nil, nil},
		{"فاز محمد الدولي بالجائزة.", nil, nil},
		{"نقل إلى مستشفى الملك خالد الجامعي أمس.", nil, nil},
		{"نقلا عن أحمد الأسرى.", nil, nil},
		{"في يوم 19 تموز الجاري.", nil, nil},
		{"يقف أمام الفيصلي اليوم.", nil, nil},
	})
}

func TestOrgPhrases(t *testing.T) {
	runPass(t, func(text string, toks []arabic.Token, spans []Span, covered []bool) []Span {
		return (&Tagger{}).orgPhrases(text, toks, spans, covered, new([]byte))
	}, []passCase{
		{"وقررت لجنة الاحتراف إيقاف اللاعب.", nil, []string{"ORG لجنة الاحتراف"}},
		{"أعلنت عمادة القبول والتسجيل بالجامعة النتائج.", nil, []string{"ORG عمادة القبول والتسجيل"}},
		{"وقعت شركة الخليج للتدريب والتعليم عقدا.", nil, []string{"ORG شركة الخليج للتدريب والتعليم"}},
		{"وأكد مسؤول بوزارة الشؤون البلدية والقروية أن المشروع بدأ.", nil, []string{"ORG وزارة الشؤون البلدية والقروية"}},
		{"نظمت الهيئة العامة للسياحة والتراث الوطني بمنطقة تبوك حفلا.", nil, []string{"ORG الهيئة العامة للسياحة والتراث الوطني"}},
		{"وقال مدير الإدارة العامة للمرور بالمنطقة اللواء فلان إن الحركة جيدة.", nil, []string{"ORG الإدارة العامة للمرور"}},
		// A time word or a word placing the body in the text ends the name.
		{"اجتمعت لجنة الانتخابات المقبلة أمس.", nil, []string{"ORG لجنة الانتخابات"}},
		// A name the model found after the head is the body's name.
		{"وقال لاعب منتخب الأرجنتين السابق إنه سعيد.", [][2]string{{"LOC", "الأرجنتين"}}, []string{"ORG منتخب الأرجنتين"}},
		{"قالت شركة الاتحاد للطيران إنها تعارض.", [][2]string{{"ORG", "الاتحاد"}}, []string{"ORG شركة الاتحاد للطيران"}},
		{"ذكرت صحيفة وول ستريت جورنال الخميس أن الصفقة تمت.", [][2]string{{"ORG", "وول ستريت جورنال"}}, []string{"ORG صحيفة وول ستريت جورنال"}},
		{"تخرج في جامعة الملك سعود بالرياض.", [][2]string{{"PER", "الملك سعود"}, {"LOC", "بالرياض"}}, []string{"ORG جامعة الملك سعود", "LOC بالرياض"}},
		// Not names: a definite head without an adjective and ل + a
		// definite word, an adjective that does not agree, a verbal noun,
		// ل + ال (للجنة is the definite head), a head alone.
		{"اجتمعت الجمعية العمومية أمس.", nil, nil},
		{"يجب أن توفر الوزارة الأرض للمواطن.", nil, nil},
		{"تعمل على تسهيل تنظيم الفعاليات وحركة السير.", nil, nil},
		{"قدم الشكر للجنة الوطنية.", nil, nil},
		{"زار الوفد الشركة ثم غادر.", nil, nil},
		// Tokens the model tagged are not taken again.
		{"أعلنت وزارة الصحة اليوم.", [][2]string{{"ORG", "وزارة الصحة"}}, []string{"ORG وزارة الصحة"}},
	})
}

func TestMiscPhrases(t *testing.T) {
	runPass(t, func(text string, toks []arabic.Token, spans []Span, covered []bool) []Span {
		return (&Tagger{}).miscPhrases(text, toks, spans, covered, new([]byte))
	}, []passCase{
		// The model's mentions after the head are taken in.
		{"يشارك الفريق في دوري عبداللطيف جميل هذا الموسم.", [][2]string{{"PER", "عبداللطيف جميل"}}, []string{"MISC دوري عبداللطيف جميل"}},
		{"خسر لقب كأس كوبا أمريكا أمام تشيلي.", [][2]string{{"LOC", "كوبا"}, {"LOC", "أمريكا"}, {"LOC", "تشيلي"}}, []string{"MISC كأس كوبا أمريكا", "LOC تشيلي"}},
		{"شارك في أولمبياد بكين عام 2008.", [][2]string{{"LOC", "بكين"}}, []string{"MISC أولمبياد بكين"}},
		// Else a definite complement, as for organizations.
		{"افتتح مهرجان الشباب العربي أمس.", nil, []string{"MISC مهرجان الشباب العربي"}},
		{"وصل المنتخب إلى نهائي كأس العالم الأخيرة.", nil, []string{"MISC كأس العالم"}},
		// بطولة before a person is a cast; a head alone is nothing.
		{"الفيلم من بطولة آدم ساندلر وإخراج غيره.", [][2]string{{"PER", "آدم ساندلر"}}, []string{"PER آدم ساندلر"}},
		{"انطلق المهرجان أمس في جدة.", [][2]string{{"LOC", "جدة"}}, []string{"LOC جدة"}},
		{"افتتح مهرجان كبير في المدينة.", nil, nil},
		// Agreements and operations are named only by a mention.
		{"أنهى اتفاق الطائف الحرب.", [][2]string{{"LOC", "الطائف"}}, []string{"MISC اتفاق الطائف"}},
		{"بدأت عملية عاصفة الحزم فجرا.", [][2]string{{"MISC", "عاصفة الحزم"}}, []string{"MISC عملية عاصفة الحزم"}},
		{"وقع الطرفان اتفاق السلام أمس.", nil, nil},
	})
}

func TestExtendOrgs(t *testing.T) {
	runPass(t, func(text string, toks []arabic.Token, spans []Span, covered []bool) []Span {
		extendOrgs(text, toks, spans, covered)
		return spans
	}, []passCase{
		// The model cut inside the complement.
		{"أصدرت الجمعية السعودية لعلوم العقيدة والأديان بيانا.", [][2]string{{"ORG", "الجمعية السعودية لعلوم"}}, []string{"ORG الجمعية السعودية لعلوم العقيدة والأديان"}},
		{"وقعت شركة الخليج للتدريب والتعليم عقدا.", [][2]string{{"ORG", "شركة الخليج للتدريب"}}, []string{"ORG شركة الخليج للتدريب والتعليم"}},
		// A nationality after a club, and و + a word after a name without a
		// ل complement, are not the name.
		{"فاز ريال مدريد الإسباني أمس.", [][2]string{{"ORG", "ريال مدريد"}}, []string{"ORG ريال مدريد"}},
		{"اجتمعت وزارة الصحة والمستشفيات أمس.", [][2]string{{"ORG", "وزارة الصحة"}}, []string{"ORG وزارة الصحة"}},
		// A time word ends it.
		{"قالت الهيئة العامة للسياحة اليوم إن الموسم بدأ.", [][2]string{{"ORG", "الهيئة العامة للسياحة"}}, []string{"ORG الهيئة العامة للسياحة"}},
	})
}

func TestTagDocument(t *testing.T) {
	tg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	sents := [][]string{
		strings.Fields("قال المواطن عائض الحربي إن العيد تغير ."),
		strings.Fields("وأضاف الحربي أن الناس تغيروا ."),
		nil,
	}
	got := tg.TagDocument(sents)
	if len(got) != len(sents) {
		t.Fatalf("%d sentences of labels, want %d", len(got), len(sents))
	}
	for i, s := range sents {
		if len(got[i]) != len(s) {
			t.Fatalf("sentence %d: %d labels for %d words", i, len(got[i]), len(s))
		}
	}
	// The family name alone in the second sentence is the person of the
	// first: Tag's document passes ran.
	if got[0][2] != "B-PER" || got[0][3] != "I-PER" || got[1][1] != "B-PER" {
		t.Errorf("labels %v / %v, want عائض الحربي and الحربي as persons", got[0], got[1])
	}
}

func TestLocPhrases(t *testing.T) {
	runPass(t, func(text string, toks []arabic.Token, spans []Span, covered []bool) []Span {
		return (&Tagger{}).locPhrases(text, toks, spans, covered, new([]byte))
	}, []passCase{
		{"افتتح المهرجان في محافظة المخواة أمس.", nil, []string{"LOC محافظة المخواة"}},
		{"وصل السيل إلى وادي ضمد مساء.", [][2]string{{"LOC", "ضمد"}}, []string{"LOC وادي ضمد"}},
		{"نقل المصاب إلى مستشفى الملك خالد في تبوك.", [][2]string{{"PER", "خالد"}, {"LOC", "تبوك"}}, []string{"LOC مستشفى الملك خالد", "LOC تبوك"}},
		{"أقيمت المباراة على ملعب أولد ترافورد.", [][2]string{{"ORG", "أولد ترافورد"}}, []string{"LOC ملعب أولد ترافورد"}},
		{"زار الوفد محافظة صامطة.", nil, []string{"LOC محافظة صامطة"}},
		{"انسحبت القوات من جنوب لبنان وسوريا.", [][2]string{{"LOC", "لبنان"}, {"LOC", "وسوريا"}}, []string{"LOC جنوب لبنان", "LOC وسوريا"}},
		// Not places: a head with an adjective, a direction without a place.
		{"يسكن في مدينة كبيرة شمال البلاد.", nil, nil},
		{"هبت رياح من جنوب غرب.", nil, nil},
		{"عاد إلى بلده العزيز.", nil, nil},
		{"تدرب الفريق على ملعب التدريب.", nil, nil},
		{"تعزف قرية Tenuto ببطء.", [][2]string{{"LOC", "Tenuto"}}, []string{"LOC Tenuto"}},
	})
	for w, want := range map[string]bool{"مدينة": true, "جنوب": true, "مستشفى": true, "وزارة": false, "الرياض": false} {
		if PlaceHead(w) != want {
			t.Errorf("PlaceHead(%q) = %v, want %v", w, !want, want)
		}
	}
}

func TestBehindProclitic(t *testing.T) {
	toks := arabic.Tokenize("بتبوك وأمريكا الرياض")
	for _, c := range []struct {
		tok  int
		skip int // code points the tagger left out of the span
		want bool
	}{
		{0, 1, true},  // ب + تبوك: the tagger's span starts after ب
		{1, 1, true},  // و + أمريكا
		{2, 0, false}, // a name as it stands
	} {
		tk := toks[c.tok]
		sp := Span{Start: tk.Start + c.skip, End: tk.End, TokStart: c.tok, TokEnd: c.tok + 1}
		if got := behindProclitic(sp, tk); got != c.want {
			t.Errorf("behindProclitic(%q, skip %d) = %v, want %v", tk.Text, c.skip, got, c.want)
		}
	}
}
