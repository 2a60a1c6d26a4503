package khabar

// Schema is the version tag of the Analysis JSON contract.
const Schema = "khabar.analysis/v1"

// Span is a piece of Analysis.Text with its code-point offsets.
type Span struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Dateline is the "place – source – date" line that opens many news
// articles, e.g. "بروكسل – إدارة الإعلام والاتصال - ١٣ سبتمبر ٢٠٢٣".
type Dateline struct {
	Place       string `json:"place,omitempty"`
	PlaceEntity string `json:"place_entity,omitempty"`
	Source      string `json:"source,omitempty"`
	Author      string `json:"author,omitempty"`
	Date        string `json:"date,omitempty"`
	Start       int    `json:"start"`
	End         int    `json:"end"`
}

// Analysis is everything khabar knows about one article.
type Analysis struct {
	Schema      string     `json:"schema"`
	ID          string     `json:"id,omitempty"`
	Lang        string     `json:"lang,omitempty"`
	URL         string     `json:"url,omitempty"`
	Source      string     `json:"source,omitempty"`
	Author      string     `json:"author,omitempty"`
	Text        string     `json:"text"`
	Title       *Span      `json:"title,omitempty"`
	Subtitle    *Span      `json:"subtitle,omitempty"`
	Dateline    *Dateline  `json:"dateline,omitempty"`
	Published   string     `json:"published,omitempty"`
	Boilerplate []Span     `json:"boilerplate,omitempty"`
	Paragraphs  [][2]int   `json:"paragraphs"`
	Sentences   [][2]int   `json:"sentences"`
	Tokens      []Token    `json:"tokens,omitempty"`
	Entities    []Entity   `json:"entities,omitempty"`
	Places      []PlaceRef `json:"places,omitempty"`
	Dates       []Date     `json:"dates,omitempty"`
	Quotes      []Quote    `json:"quotes,omitempty"`
	Events      []Event    `json:"events,omitempty"`
	Warnings    []string   `json:"warnings,omitempty"`
}

// Token is one token of Analysis.Text, included when asked for.
type Token struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Kind  string `json:"kind"`
	Norm  string `json:"norm,omitempty"`
}

// Entity is a person, organization, place or other named thing, with
// every mention of it in the article.
type Entity struct {
	ID        string    `json:"id"`
	Type      string    `json:"type"` // PER, ORG, LOC or MISC
	Name      string    `json:"name"`
	Honorific string    `json:"honorific,omitempty"`
	Title     string    `json:"title,omitempty"`
	KB        *KBRef    `json:"kb,omitempty"`
	Mentions  []Mention `json:"mentions"`
}

// KBRef links an entity to its knowledge-base entry.
type KBRef struct {
	ID       string `json:"id"`
	Name     string `json:"name,omitempty"`
	NameEn   string `json:"name_en,omitempty"`
	Wikidata string `json:"wikidata,omitempty"`
	Country  string `json:"country,omitempty"`
}

// PlaceRef is a reference to a country that is not an entity mention: a
// nationality adjective (الأزمة الروسية) or a descriptive phrase
// (العاصمة البلجيكية).
type PlaceRef struct {
	Text    string `json:"text"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Country string `json:"country"`          // ISO 3166-1 alpha-2
	Kind    string `json:"kind"`             // "demonym" or "descriptor"
	Entity  string `json:"entity,omitempty"` // the entity a descriptor names, when it stands next to it
}

// Mention is one occurrence of an entity.
type Mention struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Date is a date expression with its normalized value. Value's form
// matches Grain: "2015-08-13" (day), "2015-W33" (week), "2015-09" or the
// Hijri "1436-09H" (month), "2016-Q3" (quarter), "2015" or the Hijri
// "1436H" (year), "P2Y" (duration), "T14:30" or "2015-08-13T14:30" (time).
// Interval is the Gregorian span of anything coarser than a day and of
// ranges ("2014-10-25/2015-10-13", "2016-07/2016-09", "2006/2007"); see
// package temporal.
type Date struct {
	Text     string `json:"text"`
	Start    int    `json:"start"` // code points, half-open
	End      int    `json:"end"`
	Value    string `json:"value,omitempty"`    // empty when unresolved (see Note)
	Grain    string `json:"grain,omitempty"`    // day, week, month, quarter, year, duration, time
	Calendar string `json:"calendar,omitempty"` // gregorian or hijri: the calendar the text used
	Interval string `json:"interval,omitempty"`
	Note     string `json:"note,omitempty"`
}

// Quote is something someone said, directly or reported.
type Quote struct {
	Text    string `json:"text"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Speaker string `json:"speaker,omitempty"` // entity ID of the (first) speaker
	// Speakers lists every speaker of a joint statement; for an unnamed
	// speaker (SpeakerText set, Speaker empty), the organizations its
	// phrase names (مسؤولون في الأمم المتحدة).
	Speakers []string `json:"speakers,omitempty"`
	// SpeakerText is the phrase standing for a speaker no entity names:
	// an unnamed source (مصدر عسكري), an office whose holder the article
	// never names, or a name the tagger missed.
	SpeakerText string `json:"speaker_text,omitempty"`
	// Source is the outlet or agency the quote was reported through or
	// given to (ونقلت صحيفة … عن، في حديثه لوكالة …), as the article names it.
	Source string `json:"source,omitempty"`
	Cue    string `json:"cue,omitempty"`
	Direct bool   `json:"direct"`
}

// Event is a PLOVER-coded event with its actors and evidence.
type Event struct {
	Type      string   `json:"type"`              // PLOVER category
	Mode      string   `json:"mode,omitempty"`    // PLOVER mode, or bilateral for a two-party CONSULT
	Context   []string `json:"context,omitempty"` // PLOVER contexts
	Intent    bool     `json:"intent,omitempty"`  // a stated intent rather than an act
	Date      string   `json:"date,omitempty"`
	Place     string   `json:"place,omitempty"`      // entity ID
	PlaceText string   `json:"place_text,omitempty"` // the place as text when no entity names it
	Actors    []string `json:"actors"`               // entity IDs of actors and recipients
	// ActorInfo describes each actor and participant: role, ISO 3166
	// alpha-3 country and PLOVER sector.
	ActorInfo    []EventActor `json:"actor_info,omitempty"`
	Participants []string     `json:"participants,omitempty"` // people acting for the actors
	Trigger      string       `json:"trigger,omitempty"`
	Sentence     int          `json:"sentence"`
	Start        int          `json:"start"`
	End          int          `json:"end"`
}

// EventActor is a party to an event.
type EventActor struct {
	Entity  string `json:"entity"`
	Role    string `json:"role"`              // actor, recipient or participant
	Country string `json:"country,omitempty"` // ISO 3166 alpha-3, or IGO
	Sector  string `json:"sector,omitempty"`  // PLOVER sector code: GOV, MIL, IGO, …
}
