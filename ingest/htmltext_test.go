package ingest

import "testing"

func TestHTMLText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"نص عادي  بلا   وسوم", "نص عادي بلا وسوم"},
		{"<p>الأولى</p><p>الثانية</p>", "الأولى\n\nالثانية"},
		{"قال <a href='x'>الوزير</a> إن <b>الاجتماع</b> مثمر", "قال الوزير إن الاجتماع مثمر"},
		{"سطر<br>سطر آخر", "سطر\n\nسطر آخر"},
		{"<script>alert(1)</script><p>نص</p><style>p{}</style>", "نص"},
		{"<ul><li>أ</li><li>ب</li></ul>", "أ\n\nب"},
		{"&lt;p&gt; &amp; &#1593;", "<p> & ع"},
		{"<p>غير مغلق", "غير مغلق"},
		{"<td>خلية</td><td>أخرى</td>", "خلية أخرى"},
		{"<html><head><title>خبر</title></head><body><h1>خبر</h1><p>الأولى عن الرياض.</p><p>الثانية.</p></body></html>", "خبر\n\nالأولى عن الرياض.\n\nالثانية."},
	}
	for _, tc := range tests {
		if got := htmlText(tc.in); got != tc.want {
			t.Errorf("htmlText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
