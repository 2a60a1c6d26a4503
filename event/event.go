// Package event finds political events in an analyzed Arabic news article
// and codes them in PLOVER (https://github.com/openeventdata/PLOVER):
// CONSULT, AGREE, SUPPORT, COOPERATE, AID, REQUEST, DEMAND, ACCUSE, REJECT,
// THREATEN, PROTEST, SANCTION, MOBILIZE, COERCE, RETREAT and ASSAULT.
//
// Events come from Arabic predicates and nominalizations listed in an
// embedded trigger lexicon (triggers.txt): verbs such as اجتمع، التقى،
// استقبل، زار، أدان، قصف، اعتقل، تظاهر fire as predicates; nouns such as
// اجتماع، مظاهرة، هجوم fire only inside an event frame (شارك في الاجتماع،
// شن هجوماً، اندلعت مظاهرات، الاجتماع بين …). Triggers that are negated (لم،
// لن، لا، نفى), hypothetical (إذا، لو), future or merely intended (سوف،
// يعتزم), in a background clause (الذي قتل …، وكان … قد، عام 2005) give no
// event, nor do nouns inside quotation marks (slogans and rhetoric; a
// finite verb there is a source's report and counts); an intent to
// cooperate is coded as AGREE with Intent set. Protest and violence named
// by a noun count only in a sentence anchored in time or counting
// something (أمس، 15 شخصاً), which separates reports from commentary.
//
// Arguments come from the entities of the Analysis: actors are the linked
// entities around the trigger, with ISO 3166 alpha-3 country codes and
// PLOVER sector codes (GOV, MIL, IGO, …) where they are known; all the
// participants of a meeting go into one record. The date is the one in the
// trigger's clause, else the dateline's; the place is a location in the
// sentence, else the dateline's. The finder also works on raw text with no
// entities: it then gives types, modes and evidence without actors.
package event

import (
	"fmt"
	"sort"
	"strings"

	"github.com/khabar/khabar"
	"github.com/khabar/khabar/internal/matchtext"
)

// Event is one PLOVER-coded event.
type Event struct {
	Type    string   `json:"type"`              // PLOVER category
	Mode    string   `json:"mode,omitempty"`    // PLOVER mode, or bilateral for a two-party CONSULT
	Context []string `json:"context,omitempty"` // PLOVER contexts (diplomatic, military, …)
	Intent  bool     `json:"intent,omitempty"`  // a stated intent (AGREE) rather than an act
	Date    string   `json:"date,omitempty"`    // YYYY, YYYY-MM or YYYY-MM-DD
	// Place is the entity ID of where it happened; PlaceText names it when
	// it is known only as text (a dateline with no linked entity).
	Place     string `json:"place,omitempty"`
	PlaceText string `json:"place_text,omitempty"`
	// Actors are the parties in text order: for CONSULT, AGREE and
	// COOPERATE every party, else the one who acts first and the
	// recipients after it (see Actor.Role).
	Actors []Actor `json:"actors"`
	// Participants are the people who took part on behalf of the actors
	// (the ambassador who represented a state at a meeting).
	Participants []Actor `json:"participants,omitempty"`
	Trigger      string  `json:"trigger"` // the trigger word(s) as in the text
	TriggerStart int     `json:"trigger_start"`
	TriggerEnd   int     `json:"trigger_end"`
	Sentence     int     `json:"sentence"` // index into Analysis.Sentences, or -1
	Start        int     `json:"start"`    // the sentence, code points
	End          int     `json:"end"`
}

// Actor is a party to an event.
type Actor struct {
	Entity  string `json:"entity,omitempty"`  // entity ID
	Name    string `json:"name"`              // entity name
	Type    string `json:"type,omitempty"`    // PER, ORG, LOC
	Role    string `json:"role"`              // actor, recipient or participant
	Country string `json:"country,omitempty"` // ISO 3166 alpha-3, or IGO
	Sector  string `json:"sector,omitempty"`  // PLOVER sector code
	NameEn  string `json:"name_en,omitempty"`
	// Wikidata is the entity's Wikidata ID, PLOVER's identifier_id.
	Wikidata string `json:"wikidata,omitempty"`
}

// Roles of actors.
const (
	RoleActor       = "actor"
	RoleRecipient   = "recipient"
	RoleParticipant = "participant"
)

// Find returns the events of a in the form of the Analysis contract:
// Actors lists the entity IDs of actors and recipients.
func Find(a *khabar.Analysis) []khabar.Event {
	return find(a, nil)
}

// FindPrepared is Find over a text already tokenized with
// matchtext.Prepare(a.Text), so that several finders share one
// tokenization; a nil or stale t is prepared anew.
func FindPrepared(a *khabar.Analysis, t *matchtext.Text) []khabar.Event {
	return find(a, t)
}

func find(a *khabar.Analysis, t *matchtext.Text) []khabar.Event {
	evs := extract(a, t)
	if len(evs) == 0 {
		return nil
	}
	out := make([]khabar.Event, len(evs))
	for i, e := range evs {
		ke := khabar.Event{Type: e.Type, Mode: e.Mode, Context: e.Context, Intent: e.Intent, Date: e.Date, Place: e.Place,
			PlaceText: e.PlaceText, Actors: []string{}, Trigger: e.Trigger, Sentence: e.Sentence, Start: e.Start, End: e.End}
		for _, ac := range e.Actors {
			if ac.Entity != "" {
				ke.Actors = append(ke.Actors, ac.Entity)
				ke.ActorInfo = append(ke.ActorInfo, khabar.EventActor{Entity: ac.Entity, Role: ac.Role, Country: ac.Country, Sector: ac.Sector})
			}
		}
		for _, p := range e.Participants {
			if p.Entity != "" {
				ke.Participants = append(ke.Participants, p.Entity)
				ke.ActorInfo = append(ke.ActorInfo, khabar.EventActor{Entity: p.Entity, Role: RoleParticipant, Country: p.Country, Sector: p.Sector})
			}
		}
		out[i] = ke
	}
	return out
}

// Extract returns the events of a in text order. It never modifies a.
func Extract(a *khabar.Analysis) []Event {
	return extract(a, nil)
}

func extract(a *khabar.Analysis, t *matchtext.Text) []Event {
	if a == nil || a.Text == "" {
		return nil
	}
	d := newDoc(a, t.For(a.Text))
	var out []Event
	for _, h := range d.detect() {
		out = d.code(h, out)
	}
	return merge(out)
}

// merge folds events of the same type, actors and date into the first
// (news repeat a headline fact in the body), keeping every participant.
func merge(evs []Event) []Event {
	var out []Event
	seen := map[string]int{}
	for _, e := range evs {
		k := key(e)
		if i, dup := seen[k]; dup {
			for _, p := range e.Participants {
				out[i].Participants = addActor(out[i].Participants, p)
			}
			continue
		}
		seen[k] = len(out)
		out = append(out, e)
	}
	return out
}

// key identifies an event for merging: type, date and actors; with no
// actors known, type and sentence.
func key(e Event) string {
	if len(e.Actors) == 0 {
		return fmt.Sprintf("%s|%d|%d", e.Type, e.Start, e.End)
	}
	ids := make([]string, 0, len(e.Actors))
	for _, a := range e.Actors {
		ids = append(ids, a.Entity+"/"+a.Name)
	}
	sort.Strings(ids)
	return e.Type + "|" + e.Date + "|" + strings.Join(ids, ",")
}

func addActor(as []Actor, a Actor) []Actor {
	for _, x := range as {
		if x.Entity == a.Entity && x.Name == a.Name {
			return as
		}
	}
	return append(as, a)
}
