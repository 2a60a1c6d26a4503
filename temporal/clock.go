package temporal

import "fmt"

// clock handles times of day: 15:15, 3:18 صباحا, الساعة 3 عصرا, الساعة
// الثالثة وربع. The value is "T15:15" (grain time); a time right after a
// date expression found just before it gets that date ("2023-07-29T15:15").
func (p *parser) clock(i int) int {
	k := i
	if p.fn(k, fnQuraba) {
		k++
	}
	saa := p.fn(k, fnSaa)
	if saa {
		k++
	}
	h, mi, sec := -1, 0, -1
	if v, nd, ok := p.num(k); ok && nd <= 2 {
		h = v
		k++
		if p.punct(k, ':') && !p.at(k+1).gap {
			if v2, nd2, ok := p.num(k + 1); ok && nd2 == 2 && v2 < 60 {
				mi, k = v2, k+2
				if p.punct(k, ':') {
					if v3, nd3, ok := p.num(k + 1); ok && nd3 == 2 && v3 < 60 {
						sec, k = v3, k+2
					}
				}
			} else {
				return i
			}
		} else if !saa {
			return i
		}
	} else if v, j, ok := p.ordinal(k); ok && v <= 12 {
		if !saa && !p.cls(j, cPeriod) {
			return i
		}
		h, k = v, j
	} else if v, j, ok := p.cardinal(k); ok && saa && v <= 12 {
		h, k = v, j
	} else {
		return i
	}
	if h > 24 {
		return i
	}
	if saa && mi == 0 && (p.punct(k, '.') || (p.punct(k, ',', '٫') && !p.at(k).gap)) && !p.at(k+1).gap {
		if v2, nd2, ok := p.num(k + 1); ok && nd2 == 2 && v2 < 60 {
			mi, k = v2, k+2 // الساعة 02.17, الساعة 13,30 (agency style)
		}
	}
	// Minutes in words or digits: و18 دقيقة, وثمانية عشر دقيقة.
	if mi == 0 {
		kk := k
		if p.fn(kk, fnWa) {
			kk++
		}
		v, j, ok := 0, 0, false
		if n, nd, okn := p.num(kk); okn && nd <= 2 && (kk > k || p.at(k).kind == tWord) {
			v, j, ok = n, kk+1, true
		} else if kk > k || p.at(kk).clitR == 1 {
			v, j, ok = p.cardinalC(kk, true)
		}
		if ok && v < 60 && p.fn(j, fnDaqiqa) {
			mi, k = v, j+1
		}
	}
	// Fractions: وربع, ونصف, وثلث, إلا ربع.
	switch {
	case p.fn(k, fnRub) && p.at(k).clitR == 1:
		mi, k = 15, k+1
	case p.fn(k, fnNisf):
		mi, k = 30, k+1
	case p.fn(k, fnThuluth) && p.at(k).clitR == 1:
		mi, k = 20, k+1
	case p.fn(k, fnIlla) && p.fn(k+1, fnRub):
		h, mi, k = h-1, 45, k+2
	case p.fn(k, fnIlla) && p.fn(k+1, fnThuluth):
		h, mi, k = h-1, 40, k+2
	}
	if t := p.at(k); t.kind == tWord && t.e.cls == cPeriod {
		switch t.e.val {
		case periodAM:
			if h == 12 {
				h = 0
			}
		case periodNoon:
			if h < 6 {
				h += 12
			}
		case periodPM, periodNight:
			if h < 12 {
				h += 12
			}
		}
		k++
	} else if p.fn(k, fnBaad) || p.fn(k, fnQabl) {
		if w := p.norm(k + 1); w == normString("الظهر") || w == normString("العصر") || w == normString("المغرب") {
			if p.fn(k, fnBaad) && h < 12 {
				h += 12
			} else if p.fn(k, fnQabl) && w == normString("المغرب") && h < 12 {
				h += 12
			}
			k += 2
		}
	}
	if h < 0 || h > 24 || (h == 24 && mi > 0) {
		return i
	}
	v := fmt.Sprintf("T%02d:%02d", h, mi)
	if sec >= 0 {
		v += fmt.Sprintf(":%02d", sec)
	}
	start := i
	if p.fn(i, fnQuraba) {
		start = i + 1
	}
	// Attach to a day expression that ends right before (الخميس الساعة 8).
	if n := len(p.out); n > 0 && p.out[n-1].Grain == Day && p.out[n-1].Value != "" && start > 0 && (p.at(start-1).r1 == p.out[n-1].End || (p.isComma(start-1) && p.at(start-2).r1 == p.out[n-1].End)) {
		last := &p.out[n-1]
		last.Value += v
		last.Grain = Time
		last.Text = p.text[p.byteAt(last.Start):p.at(k-1).b1]
		last.End = p.at(k - 1).r1
		return k
	}
	p.span(start, k, Expr{Grain: Time, Value: v})
	return k
}

// byteAt returns the byte offset of code point r, which starts a token or
// lies within one.
func (p *parser) byteAt(r int) int {
	for _, t := range p.toks {
		if t.r0 <= r && r < t.r1 {
			off := t.b0
			for n := t.r0; n < r; n++ {
				_, size := decodeRune(p.text[off:])
				off += size
			}
			return off
		}
	}
	return 0
}
