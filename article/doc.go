// Package article extracts the structure of a news article from plain
// text, HTML pages and JSON records: the article's whole plain text, its
// title and subtitle, the dateline ("بروكسل – إدارة الإعلام والاتصال - ١٣
// سبتمبر ٢٠٢٣", "الرياض - واس:", "لندن: فلان الفلاني"), the published date,
// the paragraphs, and the boilerplate that was dropped ("news image",
// share rows, copyright lines, "اقرأ أيضاً").
//
// All offsets are Unicode code points (runes) into Article.Text,
// half-open [start, end). Article.Text holds the title, the subtitle, a
// dateline that stands on its own line and the body paragraphs, in that
// order, separated by one blank line ("\n\n"), each piece exactly as it
// was extracted (surrounding white space trimmed). Boilerplate is not part
// of Text: each dropped piece is reported with the offset where it was cut.
//
// Entry points: ParseText for plain text, ParseHTML for web pages (content
// extraction by go-trafilatura, encodings such as windows-1256 decoded),
// ParseRecord for one JSON object (title, content, url, date, source,
// author), ParseFields for the same fields already decoded (a feed item,
// a JSONL record read by ingest), Parse to choose among them by content
// type or by sniffing, and ParseDateline for a single dateline. Article.Analysis maps the result
// onto khabar.Analysis.
package article
