package server

// labels are the UI's words; Arabic first.
var labels = map[string][2]string{
	"khabar":      {"خبر", "khabar"},
	"search":      {"بحث", "Search"},
	"paste":       {"حلّل مقالاً", "Analyze an article"},
	"results":     {"نتيجة", "results"},
	"noresults":   {"لا نتائج", "No results"},
	"entities":    {"الكيانات", "Entities"},
	"places":      {"الأماكن", "Places"},
	"sources":     {"المصادر", "Sources"},
	"months":      {"الأشهر", "Months"},
	"next":        {"التالي", "Next"},
	"prev":        {"السابق", "Previous"},
	"quotes":      {"الاقتباسات", "Quotes"},
	"events":      {"الأحداث", "Events"},
	"story":       {"القصة", "Story"},
	"coverage":    {"التغطية", "Coverage"},
	"dates":       {"التواريخ", "Dates"},
	"download":    {"تنزيل التحليل (JSON)", "Download the analysis (JSON)"},
	"dateline":    {"سطر التاريخ", "Dateline"},
	"published":   {"تاريخ النشر", "Published"},
	"mentions":    {"إشارة", "mentions"},
	"documents":   {"مقال", "articles"},
	"cooccurring": {"كيانات مرتبطة", "Co-occurring entities"},
	"timeline":    {"الإشارات يوماً بيوم", "Mentions per day"},
	"analyze":     {"حلّل", "Analyze"},
	"pastehelp":   {"الصق نص مقال إخباري أو اختر ملفاً (نص أو HTML)", "Paste a news article or choose a file (text or HTML)"},
	"refdate":     {"التاريخ المرجعي (اختياري)", "Reference date (optional)"},
	"said":        {"قال", "said"},
	"direct":      {"مباشر", "direct"},
	"reported":    {"منقول", "reported"},
	"via":         {"نقلاً عن", "via"},
	"copies":      {"نسخ أخرى", "more copies"},
	"and":         {"و", "and"},
	"groupstory":  {"جمّع حسب القصة", "Group by story"},
	"ungroup":     {"كل المقالات", "Every article"},
	"morestory":   {"أخرى في هذه القصة", "more in this story"},
	"lang":        {"English", "العربية"},
	"stats":       {"مقالاً في الفهرس", "articles indexed"},
	"error":       {"خطأ", "Error"},
	"original":    {"المصدر الأصلي", "Original article"},
	"login":       {"دخول", "Log in"},
	"logout":      {"خروج", "Log out"},
	"token":       {"رمز الدخول (API token)", "API token"},
	"loginhelp":   {"هذا الخادم لا يعرض محتواه إلا لمن يحمل رمز الدخول.", "This server shows its content only to holders of its API token."},
	"details":     {"تفاصيل", "Details"},
	"requestid":   {"رقم الطلب", "Request ID"},
	"watches":     {"المتابعات", "Watches"},
	"watchname":   {"الاسم", "Name"},
	"watchquery":  {"عبارة البحث", "Query"},
	"new":         {"جديد", "new"},
	"newmatches":  {"جديداً منذ زيارتك الأخيرة", "new since your last visit"},
	"matches":     {"نتيجة مطابقة", "matches"},
	"matched":     {"رُصد في", "matched"},
	"latest":      {"آخر مطابقة", "Latest match"},
	"nowatches":   {"لا متابعات بعد.", "No watches yet."},
	"nomatches":   {"لم يطابق هذه المتابعة أي مقال بعد.", "No article has matched this watch yet."},
	"addwatch":    {"أضف متابعة", "Add a watch"},
	"remove":      {"احذف", "Remove"},
	"watchlogin":  {"لإضافة المتابعات وحذفها.", "to add and remove watches."},
	"help":        {`كلمات، "عبارة"، -استبعاد، OR، entity: place: said: source: from: to:`, `words, "phrase", -exclude, OR, entity: place: said: source: from: to:`},
}

func translate(lang, key string) string {
	l, ok := labels[key]
	if !ok {
		return key
	}
	if lang == "en" {
		return l[1]
	}
	return l[0]
}

// messages are the UI's error messages; Arabic first.
var messages = map[string][2]string{
	"err_no_page":       {"لا توجد صفحة بهذا العنوان.", "There is no page at this address."},
	"err_no_doc":        {"لا يوجد مقال بهذا المعرّف.", "There is no article with this ID."},
	"err_no_entity":     {"لا يوجد كيان بهذا المعرّف.", "There is no entity with this ID."},
	"err_no_story":      {"لا توجد قصة بهذا المعرّف.", "There is no story with this ID."},
	"err_method":        {"هذه الصفحة لا تقبل هذا النوع من الطلبات.", "This page does not accept this kind of request."},
	"err_internal":      {"حدث خطأ داخلي في الخادم.", "The server ran into an internal error."},
	"err_query":         {"تعذّر فهم عبارة البحث.", "The search could not be understood."},
	"err_busy":          {"الخادم مشغول بتحليل مقالات أخرى؛ أعد المحاولة بعد لحظات.", "The server is busy analyzing other articles; try again in a moment."},
	"err_unavailable":   {"تعذّر الوصول إلى قاعدة البيانات الآن؛ أعد المحاولة بعد لحظات.", "The database cannot be reached just now; try again in a moment."},
	"err_read_only":     {"هذا الخادم يقرأ من نسخة للقراءة فقط ولا يقبل الكتابة.", "This server reads from a read-only replica and takes no writes."},
	"err_timeout":       {"استغرق التحليل أطول من المهلة المسموح بها؛ جرّب نصاً أقصر.", "The analysis took longer than allowed; try a shorter text."},
	"err_too_large":     {"المقال أكبر من الحد المسموح به، أو النموذج تالف.", "The article is too large, or the form is broken."},
	"err_empty":         {"الصق نص مقال أو اختر ملفاً.", "Paste an article or choose a file."},
	"err_bad_date":      {"التاريخ المرجعي غير صالح؛ اكتبه بالصيغة YYYY-MM-DD.", "The reference date is not valid; write it as YYYY-MM-DD."},
	"err_unprocessable": {"تعذّر تحليل المقال.", "The article could not be analyzed."},
	"err_login":         {"سجّل الدخول أولاً.", "Log in first."},
	"err_bad_token":     {"رمز الدخول غير صحيح.", "Wrong API token."},
	"err_no_token":      {"لم يُضبط رمز دخول لهذا الخادم، فلا حاجة إلى الدخول.", "This server has no API token: there is nothing to log in to."},
	"err_form":          {"النموذج تالف.", "The form is broken."},
	"err_no_watch":      {"لا توجد متابعة بهذا المعرّف.", "There is no watch with this ID."},
	"err_no_watches":    {"هذا المخزن لا يحفظ المتابعات.", "This store keeps no watches."},
	"err_bad_watch":     {"تعذّر حفظ المتابعة: الاسم مطلوب وعبارة البحث يجب أن تكون صالحة.", "The watch could not be saved: it needs a name and a valid query."},
	"err_cross_origin":  {"رُفض طلب آتٍ من موقع آخر.", "A request from another site was refused."},
}

// message returns the error message key in lang.
func message(lang, key string) string {
	m, ok := messages[key]
	switch {
	case !ok:
		return key
	case lang == "en":
		return m[1]
	}
	return m[0]
}
