package event

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	"github.com/khabar/khabar"
)

// Coder names khabar in PLOVER records (cite_info.coder).
const Coder = "khabar"

// Codebook is the PLOVER version the records follow (cite_info.codebook).
const Codebook = "plover-base"

// PLOVER is one event in the PLOVER JSON interchange format (the PLOVER
// manual, "PLOVER JSON" table). Participants is an extension field.
type PLOVER struct {
	ID           string         `json:"id"`
	Date         string         `json:"date"`
	Actor        []PLOVEREntity `json:"actor"`
	Recipient    []PLOVEREntity `json:"recipient,omitempty"`
	Event        []string       `json:"event"`
	EventLoc     *PLOVERLoc     `json:"event_loc,omitempty"`
	EventText    []string       `json:"event_text,omitempty"`
	QuadCode     int            `json:"quad_code,omitempty"`
	Mode         []string       `json:"mode,omitempty"`
	Context      []string       `json:"context,omitempty"`
	TextInfo     *PLOVERText    `json:"text_info,omitempty"`
	CiteInfo     *PLOVERCite    `json:"cite_info,omitempty"`
	Participants []PLOVEREntity `json:"participants,omitempty"`
	Comment      string         `json:"comment,omitempty"`
}

// PLOVEREntity is PLOVER's information object for an actor or recipient.
type PLOVEREntity struct {
	Code           string `json:"code,omitempty"` // ISO 3166 alpha-3 or IGO
	Sector         string `json:"sector,omitempty"`
	EntityText     string `json:"entity_text,omitempty"`
	IdentifierID   string `json:"identifier_id,omitempty"`   // Wikidata ID
	IdentifierText string `json:"identifier_text,omitempty"` // English name
	Office         string `json:"office,omitempty"`
}

// PLOVERLoc is the location of an event.
type PLOVERLoc struct {
	PlaceName   string `json:"placename"`
	CountryCode string `json:"country_code,omitempty"` // ISO 3166 alpha-3
	Wikidata    string `json:"wikidata,omitempty"`
}

// PLOVERText is PLOVER's text information object: the evidence sentence
// as code-point offsets into the article text.
type PLOVERText struct {
	Sequence int `json:"sequence"`
	Start    int `json:"start"`
	End      int `json:"end"`
}

// PLOVERCite is PLOVER's citation information object.
type PLOVERCite struct {
	URL         string `json:"url,omitempty"`
	Title       string `json:"title,omitempty"`
	Language    string `json:"language,omitempty"`
	Publication string `json:"publication,omitempty"`
	Coder       string `json:"coder"`
	Codebook    string `json:"codebook"`
}

// quads maps PLOVER categories to quad codes: 1 verbal cooperation,
// 2 material cooperation, 3 verbal conflict, 4 material conflict.
var quads = map[string]int{
	"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
	"COOPERATE": 2, "AID": 2, "RETREAT": 2, "INVESTIGATE": 2,
	"DEMAND": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "SANCTION": 3, "REQUEST": 3,
	"PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}

// ToPLOVER converts the events of a (as Extract returns them) to PLOVER
// records. IDs are the Analysis ID (or "khabar") and a sequence number.
func ToPLOVER(a *khabar.Analysis, evs []Event) []PLOVER {
	base := a.ID
	if base == "" {
		base = "khabar"
	}
	ents := map[string]*khabar.Entity{}
	for i := range a.Entities {
		ents[a.Entities[i].ID] = &a.Entities[i]
	}
	out := make([]PLOVER, 0, len(evs))
	for i, e := range evs {
		p := PLOVER{ID: fmt.Sprintf("%s-%d", base, i+1), Date: e.Date, Event: []string{e.Type},
			Actor: []PLOVEREntity{}, EventText: []string{e.Trigger}, QuadCode: quads[e.Type], Context: e.Context,
			TextInfo: &PLOVERText{Sequence: e.Sentence, Start: e.Start, End: e.End},
			CiteInfo: &PLOVERCite{URL: a.URL, Language: a.Lang, Publication: a.Source, Coder: Coder, Codebook: Codebook}}
		if a.Title != nil {
			p.CiteInfo.Title = a.Title.Text
		}
		if e.Mode != "" {
			p.Mode = []string{e.Mode}
		}
		if e.Intent {
			p.Comment = "stated intent"
		}
		for _, ac := range e.Actors {
			pe := ploverEntity(ac, ents)
			if ac.Role == RoleRecipient {
				p.Recipient = append(p.Recipient, pe)
			} else {
				p.Actor = append(p.Actor, pe)
			}
		}
		for _, ac := range e.Participants {
			p.Participants = append(p.Participants, ploverEntity(ac, ents))
		}
		if e.Place != "" {
			if pl := ents[e.Place]; pl != nil {
				p.EventLoc = &PLOVERLoc{PlaceName: pl.Name}
				if pl.KB != nil {
					p.EventLoc.CountryCode, p.EventLoc.Wikidata = ISO3(pl.KB.Country), pl.KB.Wikidata
				}
			}
		} else if e.PlaceText != "" {
			p.EventLoc = &PLOVERLoc{PlaceName: e.PlaceText}
		}
		out = append(out, p)
	}
	return out
}

func ploverEntity(ac Actor, ents map[string]*khabar.Entity) PLOVEREntity {
	pe := PLOVEREntity{Code: ac.Country, Sector: ac.Sector, EntityText: ac.Name, IdentifierID: ac.Wikidata, IdentifierText: ac.NameEn}
	if e := ents[ac.Entity]; e != nil && e.Type == "PER" {
		pe.Office = e.Title
	}
	return pe
}

// WritePLOVER finds the events of a and writes them to w as PLOVER JSONL,
// one record per line.
func WritePLOVER(w io.Writer, a *khabar.Analysis) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, p := range ToPLOVER(a, Extract(a)) {
		if err := enc.Encode(p); err != nil {
			return fmt.Errorf("event: write PLOVER record %s: %w", p.ID, err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("event: write PLOVER: %w", err)
	}
	return nil
}
