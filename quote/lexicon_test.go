package quote

import "testing"

func TestAgreement(t *testing.T) {
	for _, tc := range []struct {
		form, lemma string
		part        bool
		fem, plur   bool
	}{
		{"قال", "قال", false, false, false},
		{"قالت", "قال", false, true, false},
		{"تقول", "قال", false, true, false},
		{"يقول", "قال", false, false, false},
		{"قالوا", "قال", false, false, true},
		{"قالا", "قال", false, false, true},
		{"يقولون", "قال", false, false, true},
		{"دعا", "دعا", false, false, false},   // the lemma's own alef
		{"تابع", "تابع", false, false, false}, // the lemma's own ت
		{"تابعت", "تابع", false, true, false},
		{"بين", "بين", false, false, false}, // the lemma ends as a plural does
		{"بينوا", "بين", false, false, true},
		{"مؤكدا", "أكد", true, false, false},
		{"مؤكدة", "أكد", true, true, false},
		{"مؤكدين", "أكد", true, false, true},
	} {
		fem, plur := agreement(tc.form, tc.lemma, tc.part)
		if fem != tc.fem || plur != tc.plur {
			t.Errorf("agreement(%s) = fem %v, plural %v; want %v, %v", tc.form, fem, plur, tc.fem, tc.plur)
		}
	}
	// The lexicon carries them.
	if c, _ := cues.lookup("واكدت"); c == nil || !c.fem || c.plur {
		t.Errorf("وأكدت: %+v, want a feminine cue", c)
	}
	if c, _ := cues.lookup("مشيرين"); c == nil || !c.plur || !c.part {
		t.Errorf("مشيرين: %+v, want a plural participle", c)
	}
}
