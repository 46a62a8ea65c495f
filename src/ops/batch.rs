//! Many documents at once: the decision of every team under a commune, a district or a province,
//! one document per team (a village's, or a commune's own), drafted, checked and rendered on
//! every core. Each worker reads the database through its own read-only connection, the
//! templates are read once for the whole batch and the font subsets deflated once. `decisions`
//! hands each document's bytes to the caller as soon as it is ready; `write_each` (what the
//! command and the window use) writes them into a folder and records them in the register.

use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;

use super::documents::{Draft, draft_from, figures};
use super::files;
use crate::document::Templates;
use crate::document::fill::{self, Request};
use crate::error::{Error, Field, Result};
use crate::export::pdf::FontCache;
use crate::model::{DocKind, Format, Team, Unit};
use crate::store::facts::{self, Scope};
use crate::store::{Store, documents, teams, units};

/// What every document of the batch shares.
#[derive(Debug, Clone)]
pub struct Options {
    /// Establishment or consolidation for all; `None` chooses per team from its data, as a single
    /// `draft decision` does.
    pub kind: Option<DocKind>,
    /// The documents' date.
    pub date: NaiveDate,
    /// Output format.
    pub format: Format,
    /// Render even when the Nghị định 30 check finds errors.
    pub force: bool,
    /// The office's deputy (from 0) who signs every decision for the head (`KT.`).
    pub deputy: Option<usize>,
}

/// One finished document.
#[derive(Debug)]
pub struct Done {
    /// What was drafted.
    pub request: Request,
    /// The team it is about.
    pub item: Item,
    /// The drafted document (for the register entry).
    pub draft: Draft,
    /// The rendered file's bytes.
    pub bytes: Vec<u8>,
}

/// A unit whose document could not be made, and why (in Vietnamese).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failed {
    /// The unit as a clerk names it (`Thôn An Phú, Xã Hòa Bắc`).
    pub unit: String,
    /// Why.
    pub reason: String,
}

/// One team of a batch and the unit it belongs to.
#[derive(Debug, Clone)]
pub struct Item {
    /// The team.
    pub team: Team,
    /// Its unit (a village, or the commune for a commune's own team).
    pub unit: Unit,
    /// The file name its document gets (`20314.01 Thôn Nam Yên`), without extension.
    pub file_stem: String,
}

/// Every team under `root` (or of `root` itself), in registry order, with the unit it belongs to.
pub fn teams_under(conn: &Connection, root: &Unit) -> Result<Vec<Item>> {
    let units: std::collections::HashMap<i64, Unit> = units::subtree(conn, root.id)?
        .into_iter()
        .filter(Unit::is_current)
        .map(|u| (u.id, u))
        .collect();
    let all = teams::in_subtree(conn, root.id)?;
    let mut per_unit: std::collections::HashMap<i64, usize> = std::collections::HashMap::new();
    for t in &all {
        *per_unit.entry(t.unit_id).or_default() += 1;
    }
    let mut items: Vec<Item> = all
        .into_iter()
        .filter_map(|team| {
            let unit = units.get(&team.unit_id)?.clone();
            let mut file_stem = format!("{} {}", unit.code, unit.title_name());
            // Two teams of one unit (a commune may have several) get one file each.
            if per_unit.get(&unit.id).is_some_and(|&n| n > 1) {
                file_stem.push_str(&format!(" - tổ {}", team.id));
            }
            let file_stem = file_stem
                .chars()
                .map(|c| match c {
                    '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
                    c if c.is_control() => '-',
                    c => c,
                })
                .collect::<String>()
                .trim()
                .to_string();
            Some(Item {
                team,
                unit,
                file_stem,
            })
        })
        .collect();
    items.sort_by_key(|i| (i.unit.id, i.team.id));
    Ok(items)
}

/// Drafts, checks and renders the decision of each team in `items` on up to `threads` workers
/// (0: one per core), calling `sink` from the worker as each document is ready (it may write the
/// file; an error it returns counts as that team's failure). Stops taking new teams once
/// `cancel` is set. Returns the teams that failed, in input order.
pub fn decisions(
    db: &Path,
    templates: &Templates,
    items: &[Item],
    options: &Options,
    threads: usize,
    cancel: &AtomicBool,
    sink: &(dyn Fn(Done) -> Result<()> + Sync),
) -> Result<Vec<Failed>> {
    let templates = templates.read_once();
    let fonts = FontCache::default();
    // Refuse a missing or broken template once, before any worker starts.
    for kind in [DocKind::DecisionEstablish, DocKind::DecisionConsolidate] {
        if options.kind.is_none_or(|k| k == kind) {
            templates.template(kind)?;
        }
    }
    let workers = match threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    }
    .clamp(1, items.len().max(1));
    let next = AtomicUsize::new(0);
    let failed: Mutex<Vec<(usize, Failed)>> = Mutex::new(Vec::new());
    let opened: Result<Vec<Store>> = (0..workers).map(|_| Store::open_reader(db)).collect();
    std::thread::scope(|scope| {
        for store in opened? {
            let (templates, fonts, next, failed) = (&templates, &fonts, &next, &failed);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= items.len() || cancel.load(Ordering::Relaxed) {
                        break;
                    }
                    let item = &items[i];
                    let outcome = one(&store, templates, fonts, item, options).and_then(sink);
                    if let Err(e) = outcome {
                        let f = Failed {
                            unit: item.unit.title_name(),
                            reason: e.to_string(),
                        };
                        failed
                            .lock()
                            .unwrap_or_else(|e| e.into_inner())
                            .push((i, f));
                    }
                }
            });
        }
        Ok::<(), Error>(())
    })?;
    let mut failed = failed.into_inner().unwrap_or_else(|e| e.into_inner());
    failed.sort_by_key(|(i, _)| *i);
    Ok(failed.into_iter().map(|(_, f)| f).collect())
}

/// One team's decision: the same steps as a single `draft decision`.
fn one(
    store: &Store,
    templates: &Templates,
    fonts: &FontCache,
    item: &Item,
    options: &Options,
) -> Result<Done> {
    let conn = store.conn();
    let mut facts = facts::load(
        conn,
        Scope {
            unit_id: item.unit.id,
            team_id: Some(item.team.id),
            history: options
                .kind
                .is_none_or(|k| k == DocKind::DecisionConsolidate),
        },
    )?;
    super::documents::signed_by(&mut facts, options.deputy)?;
    let kind = options.kind.unwrap_or_else(|| fill::decision_kind(&facts));
    let request = Request {
        kind,
        unit_id: item.unit.id,
        team_id: Some(item.team.id),
        date: options.date,
        year: None,
        period: None,
        number: None,
        sections: Default::default(),
        cites: None,
    };
    let draft = draft_from(&facts, templates, &request, |unit, period| {
        figures(store, unit, period)
    })?;
    if draft.has_errors() && !options.force {
        return Err(Error::NotCompliant(draft.errors()));
    }
    let bytes = crate::export::render_with(&draft.drafted.document, options.format, Some(fonts))?;
    Ok(Done {
        request,
        item: item.clone(),
        draft,
        bytes,
    })
}

/// What `write_each` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// The files written, in registry order.
    pub written: Vec<std::path::PathBuf>,
    /// The teams whose document could not be made.
    pub failed: Vec<Failed>,
    /// The register rows recorded (one per written file).
    pub recorded: usize,
    /// The teams not drafted because the batch was stopped (`cancel`) before reaching them.
    pub left: usize,
}

/// Drafts the decision of every team under `root` (`teams_under`) into `dir` (`<code>
/// <unit>.<format>`, each written to a temporary name and renamed) and records every written
/// file in the register as a draft, all in one transaction once the batch is over. A unit
/// without any team is refused. Stopped through `cancel`, it records what it finished and says
/// how many teams it left; when the register cannot be written, the files it wrote are removed,
/// so files and register rows always agree.
pub fn write_each(
    store: &mut Store,
    templates: &Templates,
    root: &Unit,
    options: &Options,
    dir: &Path,
    cancel: &AtomicBool,
    now: NaiveDateTime,
) -> Result<Summary> {
    let items = teams_under(store.conn(), root)?;
    if !matches!(options.format, Format::Pdf | Format::Docx) {
        return Err(Error::bad_value(
            Field::Format,
            options.format.extension(),
            "dùng pdf hoặc docx",
        ));
    }
    if items.is_empty() {
        return Err(Error::not_allowed(format!(
            "{} chưa có Tổ Công nghệ số cộng đồng nào trong sổ.",
            root.title_name()
        )));
    }
    let db = store
        .path()
        .map(Path::to_path_buf)
        .ok_or_else(|| Error::internal("cơ sở dữ liệu không nằm trên đĩa"))?;
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    if let Some(data_dir) = db.parent() {
        crate::store::files::note_staging_dir(data_dir, dir);
    }
    let written = Mutex::new(Vec::new());
    let sink = |done: Done| -> Result<()> {
        let path = dir.join(format!(
            "{}.{}",
            done.item.file_stem,
            options.format.extension()
        ));
        // Staged under a temporary name; renamed into place only with the register's commit.
        let staged = files::Staged::new(&path, &done.bytes)?;
        let sha = files::sha256_hex(&done.bytes);
        let entry = done
            .draft
            .drafted
            .register_entry(&done.request, &path, &sha);
        written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((done.item.team.id, staged, entry));
        Ok(())
    };
    let failed = decisions(&db, templates, &items, options, 0, cancel, &sink)?;
    let mut written = written.into_inner().unwrap_or_else(|e| e.into_inner());
    // The register lists the drafts in registry order, whichever worker finished first.
    let order: std::collections::HashMap<i64, usize> = items
        .iter()
        .enumerate()
        .map(|(i, it)| (it.team.id, i))
        .collect();
    written.sort_by_key(|(id, _, _)| order.get(id).copied());
    let left = items.len() - written.len() - failed.len();
    let (entries, staged): (Vec<_>, Vec<_>) = written.into_iter().map(|(_, s, e)| (e, s)).unzip();
    let ((), written) = store.transaction_publishing(staged, |tx| {
        for e in &entries {
            documents::record_draft(tx, e, now)?;
        }
        Ok(())
    })?;
    let recorded = written.len();
    Ok(Summary {
        written,
        failed,
        recorded,
        left,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Level;
    use crate::store::units::NewUnit;

    fn unit(s: &Store, name: &str, kind: &str, level: Level, parent: Option<i64>) -> Unit {
        units::insert(s.conn(), &NewUnit::new(name, kind, level, parent)).expect("unit")
    }

    fn team(s: &Store, unit: &Unit, name: &str) -> Team {
        teams::insert(
            s.conn(),
            &Team {
                id: 0,
                unit_id: unit.id,
                name: name.into(),
                decision_ref: None,
                decision_date: None,
                zalo_link: None,
            },
        )
        .expect("team")
    }

    #[test]
    fn every_team_gets_a_file_name_of_its_own_that_windows_accepts() {
        let s = Store::open_in_memory().expect("db");
        let commune = unit(&s, "Hòa Bắc", "xã", Level::Commune, None);
        let village = unit(
            &s,
            "Thôn 1/2: \"Mới\"",
            "thôn",
            Level::Village,
            Some(commune.id),
        );
        let empty = unit(&s, "Thôn Trống", "thôn", Level::Village, Some(commune.id));
        let own_a = team(&s, &commune, "Tổ Công nghệ số cộng đồng xã Hòa Bắc");
        let own_b = team(&s, &commune, "Tổ Công nghệ số cộng đồng số 2 xã Hòa Bắc");
        team(&s, &village, "Tổ Công nghệ số cộng đồng thôn 1/2");
        let items = teams_under(s.conn(), &commune).expect("teams");
        // Registry order: the commune's two teams, then the village's; a village without a team
        // gets nothing.
        assert_eq!(items.len(), 3);
        assert!(items.iter().all(|i| i.unit.id != empty.id));
        assert_eq!(items[0].team.id, own_a.id);
        assert_eq!(items[1].team.id, own_b.id);
        let stems: Vec<&str> = items.iter().map(|i| i.file_stem.as_str()).collect();
        assert_eq!(
            stems[0],
            format!("{} Xã Hòa Bắc - tổ {}", commune.code, own_a.id)
        );
        assert_eq!(
            stems[1],
            format!("{} Xã Hòa Bắc - tổ {}", commune.code, own_b.id)
        );
        assert!(stems[2].starts_with(&village.code), "{}", stems[2]);
        assert!(
            !stems[2].contains(['/', '\\', ':', '*', '?', '"', '<', '>', '|']),
            "{}",
            stems[2]
        );
        // A village alone is its own batch of one.
        assert_eq!(teams_under(s.conn(), &village).expect("teams").len(), 1);
    }
}
