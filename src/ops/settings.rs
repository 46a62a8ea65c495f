//! The office's settings: its profile and signer, its document symbols, the composition rules,
//! and its copies of the templates (reset to the shipped ones on request).

use super::{Workspace, files};
use crate::document::Templates;
use crate::error::Result;
use crate::model::{CompositionRules, Office, Symbols};
use crate::store::{Store, facts::SYMBOLS_KEY, settings};
use crate::vietnamese::nfc;

/// The office profile.
pub fn office(store: &Store) -> Result<Office> {
    settings::office(store.conn())
}

/// Saves the office profile, every text in NFC with its spaces collapsed; returns what was
/// saved.
pub fn save_office(store: &mut Store, office: &Office) -> Result<Office> {
    let mut clean = super::hygiene::office(store, office)?;
    for text in [
        &mut clean.parent_body,
        &mut clean.issuing_body,
        &mut clean.place,
        &mut clean.symbol_org,
        &mut clean.drafting_unit,
        &mut clean.proposer,
        &mut clean.authority,
        &mut clean.collective,
        &mut clean.head_title,
        &mut clean.signer_title,
        &mut clean.signer_name,
        &mut clean.report_to,
        &mut clean.focal_name,
        &mut clean.focal_title,
        &mut clean.focal_phone,
        &mut clean.focal_email,
    ] {
        *text = nfc(text);
    }
    for d in &mut clean.deputies {
        d.title = nfc(&d.title);
        d.name = nfc(&d.name);
    }
    store.transaction(|tx| settings::set_office(tx, &clean))?;
    Ok(clean)
}

/// The office's deputy `query` names (a number from 1, or a name; `Office::find_deputy`),
/// refused with the list of deputies when there is none such.
pub fn deputy(store: &Store, query: &str) -> Result<usize> {
    let office = office(store)?;
    office
        .find_deputy(query)
        .ok_or_else(|| no_such_deputy(&office, query))
}

/// The refusal of a deputy the office does not have, listing those it has.
pub(super) fn no_such_deputy(office: &Office, given: &str) -> crate::error::Error {
    let reason = if office.deputies.is_empty() {
        "cơ quan chưa có cấp phó ký thay nào trong thông tin cơ quan".to_string()
    } else {
        format!(
            "không có cấp phó này; các cấp phó: {}",
            office
                .deputies
                .iter()
                .enumerate()
                .map(|(i, d)| format!("{}. {}", i + 1, d.label()))
                .collect::<Vec<_>>()
                .join("; ")
        )
    };
    crate::error::Error::bad_value(crate::error::Field::Deputy, given, reason)
}

/// The document symbols.
pub fn symbols(store: &Store) -> Result<Symbols> {
    settings::get(store.conn(), SYMBOLS_KEY)
}

/// The composition rules.
pub fn rules(store: &Store) -> Result<CompositionRules> {
    settings::composition_rules(store.conn())
}

/// Writes the shipped templates over the clerk's copies in the templates folder; returns how
/// many files were written.
pub fn reset_templates(ws: &Workspace) -> Result<usize> {
    let dir = ws.templates_dir();
    let files = Templates::shipped_files();
    for (name, text) in files {
        files::write_atomic(&dir.join(name), text.as_bytes())?;
    }
    Ok(files.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_reset_copies_the_shipped_files() {
        let dir = tempfile::tempdir().expect("dir");
        let ws = Workspace::new(dir.path());
        let name = "quyet-dinh-thanh-lap.txt";
        std::fs::create_dir_all(ws.templates_dir()).expect("dir");
        std::fs::write(ws.templates_dir().join(name), "đã sửa").expect("write");
        let n = reset_templates(&ws).expect("copy");
        assert_eq!(n, Templates::shipped_files().len());
        assert_eq!(
            std::fs::read_to_string(ws.templates_dir().join(name)).expect("read"),
            Templates::shipped_text(name).expect("shipped")
        );
    }
}
