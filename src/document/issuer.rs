//! Who issues a document (ô 1–2, 4, 7 and the authority line): the office, unless the document
//! is about a commune (or a village of one) that is not the office's own unit; then that
//! commune's People's Committee issues it, signed by its chairman.

use chrono::NaiveDate;

use super::context::Issuer;
use crate::model::{DraftFacts, Level, Unit};
use crate::vietnamese::{capitalize, nfc, upper};

/// The date two-tier local government began (Luật 72/2025/QH15): communes draft through their
/// Phòng Văn hóa - Xã hội from then on.
pub fn two_tier_start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 7, 1).unwrap_or_default()
}

/// `ỦY BAN NHÂN DÂN XÃ HÒA BẮC` → [`ỦY BAN NHÂN DÂN`, `XÃ HÒA BẮC`]: the body name as printed.
pub(crate) fn body_lines(s: &str) -> Vec<String> {
    let s = nfc(s);
    if s.is_empty() {
        return Vec::new();
    }
    for head in ["ỦY BAN NHÂN DÂN ", "UỶ BAN NHÂN DÂN "] {
        if let Some(rest) = s.strip_prefix(head) {
            return vec![head.trim().to_string(), rest.to_string()];
        }
    }
    vec![s]
}

/// An upper-case body or authority as running text: the unit's name keeps its capitals,
/// the rest is sentence case, `Ủy ban nhân dân` keeps its capital.
fn running_text(upper_text: &str, unit: Option<&Unit>) -> String {
    let mut head = upper_text.to_string();
    let mut tail = String::new();
    if let Some(u) = unit
        && let Some(h) = upper_text.strip_suffix(&u.upper_name())
    {
        head = h.trim_end().to_string();
        tail = u.full_name();
    }
    let text = capitalize(&proper_case(&head.to_lowercase()));
    if tail.is_empty() {
        text
    } else if text.is_empty() {
        capitalize(&tail)
    } else {
        format!("{text} {tail}")
    }
}

/// The words that open an agency's name: the words naming its field after them keep their
/// capitals (`Phòng Văn hóa và Thông tin`, `Sở Khoa học và Công nghệ`).
const AGENCY: &[&str] = &[
    "phòng",
    "sở",
    "bộ",
    "cục",
    "chi cục",
    "trung tâm",
    "ban",
    "văn phòng",
    "vụ",
    "viện",
];

/// The words that open a place's name: every word after them is capitalised (`thành phố Đà
/// Nẵng`), unless they start a field (`Văn hóa - Xã hội`).
const PLACE: &[&str] = &[
    "tỉnh",
    "thành phố",
    "huyện",
    "quận",
    "thị xã",
    "xã",
    "phường",
    "thị trấn",
];

/// A lower-cased body or title as running text writes its proper names (Quy định về viết hoa,
/// Nghị định 30 Phụ lục II): `Ủy ban nhân dân` keeps one capital; after an agency word, the
/// first word of each field (`và`, `-` and `,` separate fields) is capitalised; a place name
/// after its level word is capitalised word by word.
pub fn proper_case(lower: &str) -> String {
    #[derive(PartialEq)]
    enum State {
        Plain,
        Field { start: bool },
        Place,
    }
    let words: Vec<&str> = lower.split_whitespace().collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut state = State::Plain;
    let mut i = 0;
    let two = |i: usize| words.get(i..i + 2).map(|w| w.join(" "));
    let four = |i: usize| words.get(i..i + 4).map(|w| w.join(" "));
    while i < words.len() {
        let w = words[i];
        if four(i).as_deref() == Some("ủy ban nhân dân")
            || four(i).as_deref() == Some("uỷ ban nhân dân")
        {
            out.push("Ủy ban nhân dân".into());
            i += 4;
            state = State::Plain;
            continue;
        }
        let at_start = state == (State::Field { start: true });
        if !at_start && state != State::Place {
            let pair = two(i);
            let place = pair
                .as_deref()
                .filter(|p| PLACE.contains(p))
                .map(|_| 2)
                .or(PLACE.contains(&w).then_some(1));
            let agency = pair
                .as_deref()
                .filter(|p| AGENCY.contains(p))
                .map(|_| 2)
                .or(AGENCY.contains(&w).then_some(1));
            if let Some(n) = place.filter(|_| state != State::Plain || agency.is_none()) {
                out.extend(words[i..i + n].iter().map(|w| (*w).to_string()));
                i += n;
                state = State::Place;
                continue;
            }
            if let Some(n) = agency {
                // `Sở Thông tin…`, `Giám đốc Sở…`; but a title glued to it: `Trưởng phòng…`.
                let titled = out.last().is_some_and(|p| p == "trưởng");
                let head = words[i..i + n].join(" ");
                out.push(if titled { head } else { capitalize(&head) });
                i += n;
                state = State::Field { start: true };
                continue;
            }
        }
        match state {
            State::Plain => out.push(w.to_string()),
            State::Place => out.push(capitalize(w)),
            State::Field { start } => {
                if w == "và" || w == "-" {
                    out.push(w.to_string());
                    state = State::Field { start: true };
                } else {
                    out.push(if start { capitalize(w) } else { w.to_string() });
                    state = State::Field {
                        start: w.ends_with(','),
                    };
                }
            }
        }
        i += 1;
    }
    out.join(" ")
}

/// The issuer of a document about `unit`: the office, unless the unit is a commune (or a village
/// of one) that is not the office's own unit; then that commune's People's Committee issues it.
pub fn issuer(facts: &DraftFacts, date: NaiveDate) -> Issuer {
    let office = &facts.office;
    let own = facts.own_unit.as_ref();
    if let Some(c) =
        crate::model::issuing_commune(facts.commune.as_ref(), office.unit_code.as_deref())
    {
        let parent = facts.commune_parent.as_ref();
        // The commune chairman leads the commune team in most rosters: the store took the name
        // from there.
        let chair = facts.commune_chair.clone().unwrap_or_default();
        let proposer = if date >= two_tier_start() {
            "Trưởng phòng Văn hóa - Xã hội"
        } else {
            "công chức Văn hóa - Xã hội"
        };
        let superior = parent
            .map(|p| format!("UBND {}", p.full_name()))
            .unwrap_or_default();
        return Issuer {
            parent_body: Vec::new(),
            issuing_body: vec!["ỦY BAN NHÂN DÂN".into(), c.upper_name()],
            place: c.name.clone(),
            authority: format!("CHỦ TỊCH ỦY BAN NHÂN DÂN {}", c.upper_name()),
            authority_text: format!("Chủ tịch Ủy ban nhân dân {}", c.full_name()),
            name_text: format!("Ủy ban nhân dân {}", c.full_name()),
            short: format!("UBND {}", c.full_name()),
            proposer: proposer.into(),
            drafting_unit: "VHXH".into(),
            symbol_org: "UBND".into(),
            signer_lines: vec!["CHỦ TỊCH".into()],
            signer_name: chair,
            focal_name: String::new(),
            focal_title: String::new(),
            focal_phone: String::new(),
            focal_email: String::new(),
            derived: true,
            level: "commune",
            area_name: c.full_name(),
            below: below(facts),
            answers_to: answers_to(&superior, ""),
            // A commune reports to the level above it, which is what the office serves.
            report_to: if superior.is_empty() {
                nfc(&office.report_to)
            } else {
                superior.clone()
            },
            superior,
        };
    }
    let issuing = nfc(&office.issuing_body);
    let authority = if office.authority.trim().is_empty() {
        upper(&format!("{} {issuing}", office.head_title))
    } else {
        nfc(&office.authority)
    };
    let superior = facts
        .own_parent
        .as_ref()
        .map(|p| format!("UBND {}", p.full_name()))
        .unwrap_or_default();
    let name_text = running_text(&issuing, own);
    let short = name_text.replace("Ủy ban nhân dân", "UBND");
    // An agency (a Phòng, a Sở) answers to the People's Committee it belongs to (its parent
    // body), a People's Committee to the one above it.
    let committee = match own {
        Some(u) if !office.parent_body.trim().is_empty() => format!("UBND {}", u.full_name()),
        _ => superior.clone(),
    };
    let reports = answers_to(&committee, &office.report_to);
    Issuer {
        parent_body: body_lines(&office.parent_body),
        issuing_body: body_lines(&issuing),
        place: nfc(&office.place),
        authority_text: running_text(&authority, own),
        authority,
        name_text,
        short,
        proposer: nfc(&office.proposer),
        drafting_unit: nfc(&office.drafting_unit),
        symbol_org: nfc(&office.symbol_org),
        signer_lines: office.signer_lines(),
        signer_name: nfc(&office.signer_name),
        superior,
        report_to: nfc(&office.report_to),
        focal_name: nfc(&office.focal_name),
        focal_title: nfc(&office.focal_title),
        focal_phone: nfc(&office.focal_phone),
        focal_email: nfc(&office.focal_email),
        derived: false,
        level: match own.map(|u| u.level) {
            Some(Level::Province) => "province",
            Some(Level::District) => "district",
            Some(Level::Commune | Level::Village) => "commune",
            None => "central",
        },
        area_name: own.map(Unit::full_name).unwrap_or_default(),
        below: below(facts),
        answers_to: reports,
    }
}

/// `UBND các xã, phường`: the People's Committees of the units directly below the document's
/// unit, named by the kinds the registry gives them, in the order of the administrative
/// hierarchy (a kind the list does not know comes last, as first met).
fn below(facts: &DraftFacts) -> String {
    const ORDER: &[&str] = &[
        "tỉnh",
        "thành phố",
        "huyện",
        "quận",
        "thị xã",
        "xã",
        "phường",
        "thị trấn",
        "đặc khu",
    ];
    let mut kinds: Vec<String> = Vec::new();
    for u in facts
        .subtree
        .iter()
        .filter(|u| u.parent_id == Some(facts.unit.id) && u.is_current())
    {
        let k = nfc(&u.kind.to_lowercase());
        if !kinds.contains(&k) {
            kinds.push(k);
        }
    }
    if kinds.is_empty() || facts.unit.level == Level::Commune {
        return String::new();
    }
    kinds.sort_by_key(|k| ORDER.iter().position(|o| o == k).unwrap_or(ORDER.len()));
    format!("UBND các {}", kinds.join(", "))
}

/// The bodies an issuer reports to, each once: `A và B`, or the one there is.
fn answers_to(superior: &str, report_to: &str) -> String {
    let (a, b) = (nfc(superior.trim()), nfc(report_to.trim()));
    match (a.is_empty(), b.is_empty()) {
        (false, false) if a != b => format!("{a} và {b}"),
        (false, _) => a,
        (true, _) => b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_issuer_answers_to_each_body_once() {
        assert_eq!(
            answers_to("UBND huyện Hòa Vang", "Sở Thông tin và Truyền thông"),
            "UBND huyện Hòa Vang và Sở Thông tin và Truyền thông"
        );
        assert_eq!(answers_to("UBND huyện A", "UBND huyện A"), "UBND huyện A");
        assert_eq!(
            answers_to("", "Bộ Khoa học và Công nghệ"),
            "Bộ Khoa học và Công nghệ"
        );
        assert_eq!(answers_to("UBND huyện A", " "), "UBND huyện A");
    }

    #[test]
    fn running_text_keeps_place_names() {
        let u = Unit {
            id: 1,
            code: "1".into(),
            name: "Hòa Bắc".into(),
            kind: "xã".into(),
            level: Level::Commune,
            parent_id: None,
            merged_into: None,
            merged_on: None,
        };
        assert_eq!(
            running_text("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ HÒA BẮC", Some(&u)),
            "Chủ tịch Ủy ban nhân dân xã Hòa Bắc"
        );
        assert_eq!(
            running_text("PHÒNG VĂN HÓA VÀ THÔNG TIN", None),
            "Phòng Văn hóa và Thông tin"
        );
        assert_eq!(
            running_text("TRƯỞNG PHÒNG VĂN HÓA VÀ THÔNG TIN", None),
            "Trưởng phòng Văn hóa và Thông tin"
        );
        assert_eq!(
            running_text("SỞ KHOA HỌC VÀ CÔNG NGHỆ", None),
            "Sở Khoa học và Công nghệ"
        );
        assert_eq!(
            running_text("PHÒNG VĂN HÓA - XÃ HỘI", None),
            "Phòng Văn hóa - Xã hội"
        );
        assert_eq!(
            running_text(
                "GIÁM ĐỐC SỞ THÔNG TIN VÀ TRUYỀN THÔNG THÀNH PHỐ ĐÀ NẴNG",
                None
            ),
            "Giám đốc Sở Thông tin và Truyền thông thành phố Đà Nẵng"
        );
        assert_eq!(
            running_text("CHỦ TỊCH ỦY BAN NHÂN DÂN", None),
            "Chủ tịch Ủy ban nhân dân"
        );
        assert_eq!(
            body_lines("ỦY BAN NHÂN DÂN XÃ HÒA BẮC"),
            vec!["ỦY BAN NHÂN DÂN", "XÃ HÒA BẮC"]
        );
    }
}
