package arabic

import (
	"testing"
	"unicode/utf8"
)

var namedFolds = map[string]Fold{"NameFold": NameFold, "LexiconFold": LexiconFold, "SearchFold": SearchFold, "FeatureFold": FeatureFold}

func TestFold(t *testing.T) {
	for _, c := range readCases(t, "fold.tsv", 3) {
		f, ok := namedFolds[c[0]]
		if !ok {
			t.Fatalf("unknown fold %q", c[0])
		}
		if got := f.String(c[1]); got != c[2] {
			t.Errorf("%s.String(%+q) = %+q, want %+q", c[0], c[1], got, c[2])
		}
		if got := string(f.Append([]byte("x"), c[1])); got != "x"+c[2] {
			t.Errorf("%s.Append(x, %+q) = %+q, want %+q", c[0], c[1], got, "x"+c[2])
		}
	}
}

func TestFoldNoChangeNoAlloc(t *testing.T) {
	s := "قال الوزير في بيان اليوم ان reuters 2015"
	if n := testing.AllocsPerRun(100, func() { _ = SearchFold.String(s) }); n != 0 {
		t.Errorf("SearchFold.String of folded text: %v allocs, want 0", n)
	}
	buf := make([]byte, 0, 256)
	in := "أعلنت الوزارة ١٢ قراراً"
	if n := testing.AllocsPerRun(100, func() { buf = SearchFold.Append(buf[:0], in) }); n != 0 {
		t.Errorf("SearchFold.Append into a large buffer: %v allocs, want 0", n)
	}
}

// foldOf is f applied to the one-rune string of r.
func foldOf(f Fold, r rune) string { return f.String(string(r)) }

// TestFoldsAgree checks, rune by rune over the Basic Multilingual Plane,
// that the named folds and the normalization profiles agree where they
// should: each fold is idempotent and agrees with its Rune method; a
// coarser fold gives the same result on a finer fold's output (so a key
// folded twice is the coarser key), FeatureFold being finer than NameFold
// and SearchFold except on the runes only it folds (the hamza seats, the
// format characters and U+FFFD); every fold respects the Search profile's
// letter and haraka rules (the search analyzer normalizes with it, and
// SearchFold must be at least as coarse); LexiconFold respects the Match
// profile's Persian letters; FoldSeats and FoldIndicDigits are
// FoldHamzaSeat and FoldDigits.
func TestFoldsAgree(t *testing.T) {
	onlyFeature := func(r rune) bool {
		return r == wawHamza || r == yehHamza || r >= '\u200C' && r <= '\u200F' || r == '\uFEFF' || r == utf8.RuneError
	}
	finer := []struct {
		name         string
		fine, coarse Fold
		except       func(rune) bool // runes where the relation does not hold, by design
	}{
		{"NameFold < LexiconFold", NameFold, LexiconFold, nil},
		{"NameFold < SearchFold", NameFold, SearchFold, nil},
		{"FeatureFold < SearchFold", FeatureFold, SearchFold, onlyFeature},
		{"FeatureFold < NameFold", FeatureFold, NameFold, func(r rune) bool { return onlyFeature(r) || isIndicDigit(r) }},
	}
	for r := rune(0); r < 0x10000; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		s := string(r)
		for name, f := range namedFolds {
			once := f.String(s)
			if twice := f.String(once); twice != once {
				t.Errorf("%s not idempotent on %U: %+q then %+q", name, r, once, twice)
			}
			want := ""
			if fr := f.Rune(r); fr >= 0 {
				want = string(fr)
			}
			if once != want {
				t.Errorf("%s.String(%U) = %+q, Rune gives %+q", name, r, once, want)
			}
			// The Search profile folds Indic digits, which only
			// SearchFold does.
			if f&FoldIndicDigits != 0 || !isIndicDigit(r) {
				if got := f.String(Normalize(s, Search)); got != once {
					t.Errorf("%s(Normalize(%U, Search)) = %+q, want %s(%U) = %+q", name, r, got, name, r, once)
				}
			}
		}
		for _, c := range finer {
			if c.except != nil && c.except(r) {
				continue
			}
			if got, want := c.coarse.String(c.fine.String(s)), c.coarse.String(s); got != want {
				t.Errorf("%s: coarse(fine(%U)) = %+q, coarse = %+q", c.name, r, got, want)
			}
		}
		if got, want := Fold(FoldSeats).Rune(r), FoldHamzaSeat(r); got != want {
			t.Errorf("FoldSeats on %U = %U, FoldHamzaSeat = %U", r, got, want)
		}
		if got, want := Fold(FoldIndicDigits).String(s), FoldDigits(s); got != want {
			t.Errorf("FoldIndicDigits on %U = %+q, FoldDigits = %+q", r, got, want)
		}
	}
	for _, r := range []rune{alefWasla, superAlef, farsiYeh, keheh} {
		if _, ok := mapRune(r, Match); !ok {
			t.Fatalf("the Match profile leaves %U alone", r)
		}
		if got, want := LexiconFold.String(Normalize(string(r), Match)), foldOf(LexiconFold, r); got != want {
			t.Errorf("LexiconFold(Normalize(%U, Match)) = %+q, LexiconFold = %+q", r, got, want)
		}
	}
}

func TestFoldInvalidUTF8(t *testing.T) {
	for _, s := range []string{"\xff", "ا\xd8", "\xd8\xd8\xa3", "\xe0\x80"} {
		for name, f := range namedFolds {
			got := f.String(s)
			if !utf8.ValidString(got) {
				t.Errorf("%s.String(%+q) = %+q, not valid UTF-8", name, s, got)
			}
			if app := string(f.Append(nil, s)); app != got {
				t.Errorf("%s.Append(%+q) = %+q, String gives %+q", name, s, app, got)
			}
		}
	}
}

func BenchmarkFold(b *testing.B) {
	text := "أعلنت وزارة الصحة السعودية، اليوم الأحد، تسجيل ١٢ إصابة جديدة بفيروس كورونا في مدينة الرياض، وقال المسئول إن الحالات مستقرة. Reuters"
	buf := make([]byte, 0, 1024)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		buf = SearchFold.Append(buf[:0], text)
	}
}
