package ner

import (
	"fmt"
	"testing"

	"github.com/khabar/khabar/arabic"
)

func TestSplitChunk(t *testing.T) {
	tests := []struct {
		text, typ, chunk string
		want             []string // type:words of each part
	}{
		// An organization and the person after it.
		{"حضر لاعب نادي الاتحاد أحمد جميل الحفل", "ORG", "الاتحاد أحمد جميل", []string{"ORG:الاتحاد", "PER:أحمد جميل"}},
		// A title before the given name keeps the name inside.
		{"افتتح مستشفى الملك فهد الجديد", "LOC", "مستشفى الملك فهد", []string{"LOC:مستشفى الملك فهد"}},
		{"زار جامعة الأمير سلطان أمس", "ORG", "جامعة الأمير سلطان", []string{"ORG:جامعة الأمير سلطان"}},
		// A given name alone is no person of its own.
		{"فاز نادي الاتحاد أحمد", "ORG", "الاتحاد أحمد", []string{"ORG:الاتحاد أحمد"}},
		// Two people joined by و.
		{"وشارك الشهراني وعطيف في التدريب", "PER", "الشهراني وعطيف", []string{"PER:الشهراني", "PER:وعطيف"}},
		// A name that begins with و is one word.
		{"وقال محمد وليد إن الفريق جاهز", "PER", "محمد وليد", []string{"PER:محمد وليد"}},
		// The crown prince's title.
		{"خادم الحرمين وولي العهد يهنئان الرئيس", "PER", "العهد", nil},
		// The governor of a place.
		{"وعزى محافظ الدوادمي الأسرة", "PER", "الدوادمي", []string{"LOC:الدوادمي"}},
		{"وعزى المحافظ الدوادمي الأسرة", "PER", "الدوادمي", []string{"PER:الدوادمي"}},
		// A definite adjective after a definite noun is no place.
		{"تقدم الأكلات السعودية للزوار", "LOC", "السعودية", nil},
		{"تطورت للرياضة السعودية كثيرا", "LOC", "السعودية", nil},
		// A place after a preposition or a place cue stays.
		{"يعمل في السعودية منذ عام", "LOC", "السعودية", []string{"LOC:السعودية"}},
		{"زار المملكة العربية السعودية", "LOC", "السعودية", []string{"LOC:السعودية"}},
		// A nisba adverb with tanween is no place.
		{"كان الرد إيرانيًا خالصا", "LOC", "إيرانيًا", nil},
		{"سافر إلى سوريا أمس", "LOC", "سوريا", []string{"LOC:سوريا"}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			toks := arabic.Tokenize(tt.text)
			sp := spanAt(t, tt.text, toks, tt.typ, tt.chunk)
			var got []string
			for _, p := range splitChunk(nil, toks, 0, sp.TokStart, sp.TokEnd, tt.typ) {
				s := p.typ + ":"
				for k := p.a; k < p.b; k++ {
					if k > p.a {
						s += " "
					}
					s += toks[k].Text
				}
				got = append(got, s)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// tagCase is a text and spans ("TYPE:text") the tagger must and must not
// give for it, among others.
type tagCase struct {
	text      string
	want, not []string
}

// checkTagged tags each case's text with the default tagger and checks
// its spans.
func checkTagged(t *testing.T, cases []tagCase) {
	t.Helper()
	tg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range cases {
		toks := arabic.Tokenize(tt.text)
		got := map[string]bool{}
		for _, sp := range tg.Tag(tt.text, toks) {
			got[sp.Type+":"+sp.Text] = true
		}
		for _, w := range tt.want {
			if !got[w] {
				t.Errorf("%q: no %s in %v", tt.text, w, got)
			}
		}
		for _, w := range tt.not {
			if got[w] {
				t.Errorf("%q: %s given", tt.text, w)
			}
		}
	}
}

func TestTagSplitsRunTogetherNames(t *testing.T) {
	checkTagged(t, []tagCase{
		{"جميل وعبدالفتاح يدعمان الموهوبين في البطولة", []string{"PER:عبدالفتاح"}, []string{"PER:عبدالفتاح يدعمان"}},
		{"كما حضر لاعب نادي الشباب وأحمد كرانشي لاعب نادي التعاون", []string{"PER:أحمد كرانشي"}, []string{"PER:وأحمد كرانشي"}},
		// A person the organization head took in is split off.
		{"وبين مدير إدارة الخدمات بأمانة المدينة المنورة محمد المردف، أن المعرض يتضمن أعمالا",
			[]string{"PER:محمد المردف", "ORG:أمانة المدينة المنورة"}, nil},
	})
}

func TestSportsClubs(t *testing.T) {
	tg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text, word string
		nth        int  // occurrence of word (0-based) looked at
		want       bool // an ORG span begins there
	}{
		// A sports text naming the club with its head: the bare name is the club.
		{"أعلن نادي الاتحاد تعاقده مع المدرب الجديد. وقال اللاعب إن الاتحاد سيفوز في المباراة المقبلة من الدوري بهدف.", "الاتحاد", 1, true},
		{"يلعب فريق الشعلة اليوم. وقال المدرب إن اللاعب جاهز وإن الشعلة ستفوز في المباراة المقبلة من الدوري بهدف.", "الشعلة", 1, true},
		// No sport: the common word stays a word.
		{"يلعب فريق الشعلة اليوم. وقال الوزير إن الشعلة رمز.", "الشعلة", 1, false},
		// Sport, but the club is never named with its head or tagged.
		{"قال المدرب إن اللاعب جاهز وإن الشعلة ستضاء قبل المباراة المقبلة من الدوري بهدف.", "الشعلة", 0, false},
		// أحد is never a club alone.
		{"قال مدرب فريق أحد إن أحد اللاعبين أصيب في المباراة أمس وإن الفريق سيلعب في الدوري.", "أحد", 1, false},
	}
	for _, tt := range tests {
		toks := arabic.Tokenize(tt.text)
		at, n := -1, 0
		for i, tok := range toks {
			if tok.Text == tt.word {
				if n == tt.nth {
					at = i
				}
				n++
			}
		}
		if at < 0 {
			t.Fatalf("%q: no occurrence %d of %q", tt.text, tt.nth, tt.word)
		}
		got := false
		for _, sp := range tg.Tag(tt.text, toks) {
			got = got || sp.Type == "ORG" && sp.TokStart == at
		}
		if got != tt.want {
			t.Errorf("%q: ORG at %q #%d = %v, want %v", tt.text, tt.word, tt.nth, got, tt.want)
		}
	}
}

func TestServicePhrases(t *testing.T) {
	checkTagged(t, []tagCase{
		{"وقال مدير تعليم تبوك إن الدراسة تبدأ غدا", []string{"ORG:تعليم تبوك"}, []string{"LOC:تبوك"}},
		{"أعلنت شرطة جدة أمس القبض على المتهم في حي الصفا", []string{"ORG:شرطة جدة"}, nil},
		{"وأوضح مدير صحة الأحساء أن المستشفى جاهز", []string{"ORG:صحة الأحساء"}, nil},
		// An emirate is a place: إمارة is an office only before منطقة or محافظة.
		{"زار الوفد إمارة دبي أمس", nil, []string{"ORG:إمارة دبي"}},
		// A place behind a proclitic is no service's branch.
		{"وتحدث عن التعليم بجدة", nil, []string{"ORG:التعليم بجدة"}},
	})
}

func TestLeagues(t *testing.T) {
	tg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]string{
		"وانتقل اللاعب إلى الدوري الإنجليزي الممتاز بعد موسم واحد": "MISC:الدوري الإنجليزي الممتاز",
		"ويتصدر الهلال ترتيب الدوري السعودي":                       "MISC:الدوري السعودي",
		"وتحدث المدرب عن الدوري الذي انتهى أمس":                    "",
	} {
		toks := arabic.Tokenize(text)
		got := ""
		for _, sp := range tg.Tag(text, toks) {
			if sp.Type == "MISC" {
				got = sp.Type + ":" + sp.Text
			}
		}
		if got != want {
			t.Errorf("%q: got %q, want %q", text, got, want)
		}
	}
}

func TestJoinWawNames(t *testing.T) {
	text := "قال شهاب وجيه إن الحزب جاهز، وحضر محمد ووليد الاجتماع"
	toks := arabic.Tokenize(text)
	spans := []Span{spanAt(t, text, toks, "PER", "شهاب"), spanAt(t, text, toks, "PER", "وجيه"),
		spanAt(t, text, toks, "PER", "محمد"), spanAt(t, text, toks, "PER", "ووليد")}
	var got []string
	for _, sp := range joinWawNames(text, toks, spans) {
		got = append(got, sp.Text)
	}
	if want := []string{"شهاب وجيه", "محمد", "ووليد"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestForeignPerson(t *testing.T) {
	for _, tt := range []struct {
		text, chunk string
		want        bool
	}{
		{"وقال رئيس الجمعية إيزي سكومبي إن العرض بدأ", "إيزي سكومبي", true},
		// Right after the title, the words are its complement (مدرب بايرن ميونيخ).
		{"وقال مدرب بايرن ميونيخ إن الفريق جاهز", "بايرن ميونيخ", false},
		// A word with proclitics or the article is no foreign name.
		{"وقال المدير الفني للنصر داسيلفا إن الفريق جاهز", "للنصر داسيلفا", false},
	} {
		toks := arabic.Tokenize(tt.text)
		sp := spanAt(t, tt.text, toks, "ORG", tt.chunk)
		if got := foreignPerson(defaultGazetteer(), toks, 0, sp.TokStart, sp.TokEnd); got != tt.want {
			t.Errorf("foreignPerson(%q) = %v, want %v", tt.chunk, got, tt.want)
		}
	}
}

func TestKBPlaces(t *testing.T) {
	tg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text string
		want []string // LOC span names, in order
	}{
		// A place inside a title, and الله taken into a place's name.
		{"وجه خادم الحرمين الشريفين بصرف المكافآت لزوار بيت الله الحرام", []string{"الحرمين الشريفين", "بيت الله الحرام"}},
		// Behind ل + ال.
		{"وصل الوفد وتوجه للمنطقة الشرقية أمس", []string{"المنطقة الشرقية"}},
	}
	for _, tt := range tests {
		toks := arabic.Tokenize(tt.text)
		var got []string
		for _, sp := range tg.Tag(tt.text, toks) {
			if sp.Type == "LOC" {
				got = append(got, sp.Name)
			} else if sp.Name == "الله" {
				t.Errorf("%q: الله left as a mention beside the place", tt.text)
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("%q: got %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestListedEvents(t *testing.T) {
	tg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text string
		want []string // MISC span names, in order
	}{
		// Places the model found inside a competition's name are taken in.
		{"وفاز المنتخب الأرجنتيني في كوبا أمريكا على البرازيل", []string{"كوبا أمريكا"}},
		// The kb's names and ArWikiCats's; a place inside a cup's name is no place of its own.
		{"وتأهل الهلال إلى دوري أبطال آسيا ونهائي كأس خادم الحرمين الشريفين", []string{"دوري أبطال آسيا", "كأس خادم الحرمين الشريفين"}},
		// Behind ل + ال.
		{"وعاد اللاعب للدوري السعودي للمحترفين بعد موسمين", []string{"الدوري السعودي للمحترفين"}},
	}
	for _, tt := range tests {
		toks := arabic.Tokenize(tt.text)
		var got []string
		for _, sp := range tg.Tag(tt.text, toks) {
			if sp.Type == "MISC" {
				got = append(got, sp.Name)
			} else if sp.Type == "LOC" && (sp.Name == "آسيا" || sp.Name == "أمريكا" || sp.Name == "الحرمين الشريفين") {
				t.Errorf("%q: place %q left inside an event", tt.text, sp.Name)
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("%q: got %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestListedOrgs(t *testing.T) {
	checkTagged(t, []tagCase{
		{"وافق مجلس الوزراء في جلسته أمس على النظام الجديد", []string{"ORG:مجلس الوزراء"}, nil},
		{"وأكد مجلس التعاون لدول الخليج العربية دعمه", []string{"ORG:مجلس التعاون لدول الخليج العربية"}, nil},
		// A title's complement is part of the title.
		{"واستقبل الشيخ محمد رئيس مجلس الوزراء الوفد", nil, []string{"ORG:مجلس الوزراء"}},
	})
}

func TestNameEnds(t *testing.T) {
	checkTagged(t, []tagCase{
		// A nasab chain ends with its family name, even a common word.
		{"وقال رئيس الهيئة إحسان بن صالح طيب إن العمل مستمر", []string{"PER:إحسان بن صالح طيب"}, nil},
		// Not with a title and its complement.
		{"وحضر محمد بن سعود بن خالد وكيل وزارة الخارجية الحفل", []string{"PER:محمد بن سعود بن خالد"}, []string{"PER:محمد بن سعود بن خالد وكيل"}},
		// A family name no list holds after a given name that begins names.
		{"وأعار النادي الثنائي الهلالي سلطان الدغيمع لفريق الشباب", []string{"PER:سلطان الدغيمع"}, nil},
		{"وقدم المهندس علي الزبيراء عرضا عن المشروع", []string{"PER:علي الزبيراء"}, nil},
		// Not after a given name that is mostly a common word, nor after بأن.
		{"وأكد الوزير بأن الجهات المعنية تعمل", nil, []string{"PER:بأن الجهات"}},
		// A family name alone between the verb and the statement.
		{"وأضاف قراش: إن الوضع صعب", []string{"PER:قراش"}, nil},
		// Not a plural, nor a verse.
		{"وقال المسؤولون: إن الوضع صعب", nil, []string{"PER:المسؤولون"}},
		{"وقال تعالى: إن الله غفور", nil, []string{"PER:تعالى"}},
		{"وقال تعالی: مرج البحرين", nil, []string{"PER:تعالی"}},
	})
}

func TestClubNames(t *testing.T) {
	checkTagged(t, []tagCase{
		// A club's name and a nationality: the club is the name.
		{"وقال المدرب إن النصر السعودي فاز على الهلال في المباراة بهدف وإن اللاعب أصيب", []string{"ORG:النصر", "ORG:الهلال"}, []string{"ORG:النصر السعودي"}},
		// The Red Crescent is no club.
		{"وقدمت هيئة الهلال الأحمر السعودي المساعدة للمصابين في المباراة", nil, []string{"ORG:الهلال"}},
		// Youth welfare is no club.
		{"وأعلنت الرئاسة العامة لرعاية الشباب أن اللاعب والمدرب والفريق حضروا المباراة في الملعب", nil, []string{"ORG:الشباب"}},
	})
}

func TestListedPlaceNotEvent(t *testing.T) {
	checkTagged(t, []tagCase{
		{"وطاف الحجاج حول الكعبة المشرفة بعد صلاة الفجر", []string{"LOC:الكعبة المشرفة"}, []string{"MISC:الكعبة المشرفة", "MISC:الكعبة"}},
	})
}

func TestForces(t *testing.T) {
	checkTagged(t, []tagCase{
		{"وقالت قوات التحالف إن الجيش الوطني والمقاومة الشعبية تقدما نحو المدينة",
			[]string{"ORG:قوات التحالف", "ORG:الجيش الوطني", "ORG:المقاومة الشعبية"}, nil},
		// A force alone, a participle and a title are no name.
		{"وقال إن القوات تقدمت", nil, []string{"ORG:القوات"}},
		{"وتقدمت القوات الموالية للحكومة", nil, []string{"ORG:القوات الموالية"}},
		{"وهنأ وزير الحرس الوطني الأمير متعب الضباط", nil, []string{"ORG:الحرس الوطني الأمير"}},
		// A person's forces.
		{"وقال بشار الأسد إن قوات الأسد تقدمت", nil, []string{"ORG:قوات الأسد"}},
	})
}

func TestFacilityHeads(t *testing.T) {
	checkTagged(t, []tagCase{
		{"وزار الوفد قلعة عراد التاريخية", []string{"LOC:قلعة عراد"}, []string{"PER:عراد"}},
		// An adjective after a head is no name.
		{"وزار الوفد قلعة تاريخية ومدينة ترفيهية", nil, []string{"LOC:قلعة تاريخية", "LOC:مدينة ترفيهية"}},
	})
}

func TestQuotedPaper(t *testing.T) {
	checkTagged(t, []tagCase{
		{"وقال في تصريح لـ«الرياض» إن المشروع جاهز", []string{"ORG:الرياض"}, []string{"LOC:الرياض"}},
		{"وصل الوفد إلى الرياض أمس", []string{"LOC:الرياض"}, nil},
	})
}

func TestMinistries(t *testing.T) {
	checkTagged(t, []tagCase{
		{"وقالت الخارجية المصرية إن الاجتماع مهم", []string{"ORG:الخارجية المصرية"}, nil},
		{"وأشاد بأداء رجال الداخلية في الموسم", []string{"ORG:الداخلية"}, nil},
		// An adjective after a noun, the complement of an office.
		{"وأكد وزير الخارجية أن السياسة الخارجية ثابتة وأن سياستها الخارجية واضحة", nil, []string{"ORG:الخارجية"}},
	})
}

func TestPersonBounds(t *testing.T) {
	checkTagged(t, []tagCase{
		// A definite title opening the model's chunk is left out, with
		// its conjunction.
		{"وهو خلاف بين الرئيس كلينتون والسيناتور ماكين منذ سنوات", []string{"PER:ماكين"}, []string{"PER:والسيناتور ماكين"}},
		// The ل of purpose before a plural verb ends the name.
		{"وأرسل العلماء خطابا إلى الرئيس باراك أوباما ليؤكدوا دعمهم للاتفاق", []string{"PER:باراك أوباما"}, []string{"PER:باراك أوباما ليؤكدوا"}},
		// A family name of the article and a given name after two given
		// names, before a comma.
		{"وقال المشرف على البرنامج في الشركة سعد عبدالعزيز الربيعة، إن الخطة جاهزة", []string{"PER:سعد عبدالعزيز الربيعة"}, nil},
		// Not a frequent word (an adjective).
		{"وقرأ قصيدة محمود درويش الشهيرة، ثم غادر", nil, []string{"PER:محمود درويش الشهيرة"}},
		// A rank after an army is no word of the army's name.
		{"وكان في استقباله قائد الجيش العماد جوزيف عون", []string{"PER:جوزيف عون"}, []string{"ORG:الجيش العماد"}},
	})
}

func TestEponymCentres(t *testing.T) {
	checkTagged(t, []tagCase{
		// A centre named after a person, with its complement: one body.
		{"وتخرجت الدفعة الأولى من مركز سلطان بن فهد للتأهيل والرعاية بجدة", []string{"ORG:مركز سلطان بن فهد للتأهيل والرعاية"}, []string{"PER:سلطان بن فهد"}},
		// Without a complement the person stays.
		{"وقال سلطان بن فهد إن المركز جاهز", []string{"PER:سلطان بن فهد"}, nil},
	})
}

func TestParticleEnds(t *testing.T) {
	checkTagged(t, []tagCase{
		// A name does not end on بن or أبو; علي written with ي is a name.
		{"وحضر الحفل المهندس سعيد بن علي الغامدي مدير الفرع", []string{"PER:سعيد بن علي الغامدي"}, []string{"PER:سعيد بن"}},
		// ب + a city after a name is where, not the name.
		{"وأغلق طريق الملك عبد الله ببريدة بسبب الأعمال", nil, []string{"PER:عبد الله ببريدة"}},
		// A title alone is no one.
		{"وقال السيناتور إن القرار خاطئ", nil, []string{"PER:السيناتور"}},
	})
}

func TestQuotedTitles(t *testing.T) {
	checkTagged(t, []tagCase{
		// A name in quotation marks after the noun of its kind.
		{"وأطلقت الجمعية حملة «نور الأمل» في الأحياء", []string{"MISC:نور الأمل"}, []string{"PER:نور الأمل"}},
		{"وساهم البنك في المشروع الوطني «ساهر» للسلامة", []string{"MISC:ساهر"}, nil},
		// Quoted speech after a verb is no title.
		{"وقال الوزير «سنعمل على ذلك»", nil, []string{"MISC:سنعمل على ذلك"}},
	})
}

func TestListedFirstNames(t *testing.T) {
	checkTagged(t, []tagCase{
		// A first name that begins listed people's names, before a
		// family name the model found alone.
		{"وصرح السيناتور تشاك هاغل بأن الموازنة كافية", []string{"PER:تشاك هاغل"}, nil},
	})
}

func TestOrgNationalities(t *testing.T) {
	checkTagged(t, []tagCase{
		// A body's name with its country's adjective is one name, which
		// tells one country's council from another's.
		{"ذكر مجلس الوزراء الجزائري في بيان أن النمو سيرتفع", []string{"ORG:مجلس الوزراء الجزائري"}, []string{"ORG:مجلس الوزراء"}},
		// A country's name after a body is no adjective of it.
		{"وأكد مجلس الوزراء أن الجزائر ستشارك", nil, []string{"ORG:مجلس الوزراء الجزائر"}},
	})
}
