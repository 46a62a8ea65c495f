//! Danh sách Tổ, the second tab of Tổ và thành viên: every current team with filters (commune,
//! kind, whether a decision is recorded, whether it breaks a composition rule) and sorting by
//! column; the selected team's panel with its decisions and dated history; and its forms: create
//! a team for a unit, change it (dated rename, kind, Zalo link), merge it into another, record a
//! paper decision for it or for every team of its commune at once; a right-click on a row opens
//! the same actions in the member rows' menu (`menu`). Each form calls the
//! `ops::lifecycle` operation the command line calls (`team add|edit|merge`, `decision record`).
//! The views are in `teams_view`.

use crate::app::context::Context;
use crate::app::screen::{Action, Confirm, Notice};
use crate::model::{NewDecision, TeamDecision, TeamKind};
use crate::ops::lifecycle::{self, DecisionTarget, Event, TeamEdit};
use crate::ops::registry::{Registry, UnitChoice};
use crate::ops::{self, Store};
use crate::vietnamese::{compare, date_field, date_short, nfc, search_key};

pub use super::team_words::*;

/// A sortable column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Col {
    /// By unit label (commune, then village): the default.
    #[default]
    Unit,
    Name,
    Kind,
    Size,
    Decision,
}

/// A team form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Form {
    /// Tạo Tổ.
    Create {
        query: String,
        unit: Option<(i64, String)>,
        kind: TeamKind,
        name: String,
        error: Option<String>,
    },
    /// Sửa Tổ: a dated rename, the kind, the Zalo link.
    Edit {
        id: i64,
        name: String,
        kind: TeamKind,
        zalo: String,
        date: String,
        error: Option<String>,
    },
    /// Hợp nhất vào Tổ khác.
    Merge {
        id: i64,
        query: String,
        into: Option<(i64, String)>,
        date: String,
        error: Option<String>,
    },
    /// Ghi nhận quyết định, for the team or every team of its commune.
    Decision {
        id: i64,
        commune: Option<(i64, String)>,
        whole: bool,
        number: String,
        date: String,
        signer: String,
        summary: String,
        consolidates: bool,
        error: Option<String>,
    },
}

impl Form {
    /// Whether the clerk typed anything (asked before it is thrown away).
    pub fn is_dirty(&self, reg: &Registry) -> bool {
        match self {
            Form::Create {
                query, unit, name, ..
            } => !query.is_empty() || unit.is_some() || !name.is_empty(),
            Form::Edit {
                id,
                name,
                kind,
                zalo,
                ..
            } => reg.team(*id).is_some_and(|t| {
                t.name != *name
                    || t.zalo_link.as_deref().unwrap_or("") != zalo
                    || reg.team_kind(*id) != *kind
            }),
            Form::Merge { query, into, .. } => !query.is_empty() || into.is_some(),
            Form::Decision {
                number,
                signer,
                summary,
                ..
            } => !number.is_empty() || !signer.is_empty() || !summary.is_empty(),
        }
    }

    fn error(&mut self) -> &mut Option<String> {
        match self {
            Form::Create { error, .. }
            | Form::Edit { error, .. }
            | Form::Merge { error, .. }
            | Form::Decision { error, .. } => error,
        }
    }
}

/// The tab's state.
#[derive(Debug, Default)]
pub struct State {
    /// The search text.
    pub query: String,
    /// The commune filter.
    pub commune: Option<i64>,
    /// The kind filter.
    pub kind: KindFilter,
    /// The decision filter.
    pub decision: DecisionFilter,
    /// Only teams that break a composition rule.
    pub broken: bool,
    /// The sort column and whether it runs downwards.
    pub sort: (Col, bool),
    /// Indices into the snapshot's teams, filtered and sorted.
    pub rows: Vec<usize>,
    /// The commune of each team, aligned with the snapshot's teams.
    communes_of: Vec<Option<i64>>,
    /// The communes that have teams, for the filter.
    pub communes: Vec<UnitChoice>,
    offset: f32,
    viewport: f32,
    /// The selected team.
    pub selected: Option<i64>,
    /// Its dated history, as lines.
    pub events: Vec<String>,
    /// Its decisions, newest first.
    pub decisions: Vec<TeamDecision>,
    /// The open form.
    pub form: Option<Form>,
    /// Suggestions for the form's unit or team search: (id, label).
    pub picks: Vec<(i64, String)>,
    /// The open right-click menu: the team and where it floats.
    pub menu: Option<(i64, iced::Point)>,
    /// Where the right button last went down, and the tab's size then.
    pointer: (iced::Point, iced::Size),
}

/// What a team row's menu item asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// Sửa Tổ: the name (dated), the kind, the Zalo group.
    Edit,
    /// Ghi nhận quyết định.
    Record,
    /// Hợp nhất vào Tổ khác.
    Merge,
    /// Xem thành viên (handled by the screen).
    Members,
}

/// The items of a team row's menu.
pub fn menu_items() -> Vec<(String, Item)> {
    vec![
        (MENU_EDIT.to_string(), Item::Edit),
        (MENU_RECORD.to_string(), Item::Record),
        (MENU_MERGE.to_string(), Item::Merge),
        (MENU_MEMBERS.to_string(), Item::Members),
    ]
}

/// What the tab sends.
#[derive(Debug, Clone)]
pub enum Msg {
    Query(String),
    Commune(UnitChoice),
    Kind(KindFilter),
    Decision(DecisionFilter),
    Broken(bool),
    Sort(Col),
    Scrolled(f32, f32),
    Select(i64),
    Loaded(i64, Result<Panel, ops::Error>),
    New,
    Edit,
    Merge,
    Record,
    /// Open the team on the member tab (handled by the screen).
    ShowMembers(i64),
    PickQuery(String),
    Picked(i64),
    FormKind(TeamKind),
    Name(String),
    Zalo(String),
    Date(String),
    Number(String),
    Signer(String),
    Summary(String),
    Consolidates(bool),
    Whole(bool),
    Submit,
    Confirmed,
    Cancel,
    Discard,
    Done(Result<Box<(String, i64, Panel)>, ops::Error>),
    /// The right button went down here (relative to the tab, whose size follows).
    RightAt(iced::Point, iced::Size),
    /// A team row was right-clicked: open its menu.
    RowMenu(i64),
    /// A menu item was chosen.
    MenuPick(Item),
    /// Close the menu.
    MenuClose,
}

/// A team's panel as loaded: its history lines and decisions.
#[derive(Debug, Clone)]
pub struct Panel {
    pub events: Vec<Event>,
    pub decisions: Vec<TeamDecision>,
}

fn panel(store: &Store, team: i64) -> ops::Result<Panel> {
    Ok(Panel {
        events: lifecycle::team_events(store, team)?,
        decisions: lifecycle::team_decisions(store, team)?,
    })
}

impl State {
    /// Takes a new snapshot, keeping the filters.
    pub fn refresh(&mut self, reg: &Registry) {
        self.communes_of = reg
            .teams
            .iter()
            .map(|t| reg.commune_of(t.unit_id).map(|u| u.id))
            .collect();
        let mut ids: Vec<i64> = self.communes_of.iter().flatten().copied().collect();
        ids.sort_unstable();
        ids.dedup();
        let mut communes: Vec<UnitChoice> = ids
            .into_iter()
            .filter_map(|id| reg.unit(id).map(UnitChoice::from))
            .collect();
        communes.sort_by(|a, b| compare(&a.name, &b.name));
        communes.insert(
            0,
            UnitChoice {
                id: 0,
                name: ALL_COMMUNES.into(),
            },
        );
        self.communes = communes;
        if self.selected.is_some_and(|id| reg.team(id).is_none()) {
            self.selected = None;
            self.events.clear();
            self.decisions.clear();
        }
        if self.viewport == 0.0 {
            self.viewport = 600.0;
        }
        self.apply(reg);
    }

    /// Filters and sorts the snapshot's teams into `rows`.
    fn apply(&mut self, reg: &Registry) {
        let q = search_key(&self.query);
        let mut rows: Vec<usize> = (0..reg.teams.len())
            .filter(|&i| {
                let t = &reg.teams[i];
                (q.is_empty() || reg.team_keys[i].contains(&q) || search_key(&t.name).contains(&q))
                    && self
                        .commune
                        .is_none_or(|c| self.communes_of.get(i).copied().flatten() == Some(c))
                    && match self.kind {
                        KindFilter::All => true,
                        KindFilter::Only(k) => reg.team_kinds.get(i).copied() == Some(k),
                    }
                    && match self.decision {
                        DecisionFilter::All => true,
                        DecisionFilter::With => t.decision_ref.is_some(),
                        DecisionFilter::Without => t.decision_ref.is_none(),
                    }
                    && (!self.broken || reg.warnings_of(t.id).next().is_some())
            })
            .collect();
        let (col, down) = self.sort;
        rows.sort_by(|&a, &b| {
            let (x, y) = (&reg.teams[a], &reg.teams[b]);
            let o = match col {
                Col::Unit => compare(&reg.team_labels[a], &reg.team_labels[b]),
                Col::Name => compare(&x.name, &y.name),
                Col::Kind => reg.team_kinds[a].label().cmp(reg.team_kinds[b].label()),
                Col::Size => reg.team_sizes[a].cmp(&reg.team_sizes[b]),
                Col::Decision => x.decision_date.cmp(&y.decision_date),
            }
            .then_with(|| compare(&reg.team_labels[a], &reg.team_labels[b]));
            if down { o.reverse() } else { o }
        });
        self.rows = rows;
    }

    /// Whether a half-typed form is open.
    pub fn is_dirty(&self, reg: &Registry) -> bool {
        self.form.as_ref().is_some_and(|f| f.is_dirty(reg))
    }

    pub(super) fn window(&self) -> (usize, usize) {
        super::list::window(
            self.rows.len(),
            self.offset,
            self.viewport,
            crate::app::theme::ROW_HEIGHT,
        )
    }

    /// Selects a team and loads its panel.
    pub fn select(&mut self, ctx: &Context, id: i64) -> Action<Msg> {
        self.selected = Some(id);
        self.form = None;
        self.events.clear();
        self.decisions.clear();
        Action::Run(ctx.run(
            move |store, _| panel(store, id),
            move |r| Msg::Loaded(id, r),
        ))
    }

    pub fn update(&mut self, ctx: &Context, msg: Msg) -> Action<Msg> {
        let reg = &ctx.registry;
        match msg {
            Msg::Query(q) => {
                self.query = q;
                self.apply(reg);
            }
            Msg::Commune(c) => {
                self.commune = (c.id != 0).then_some(c.id);
                self.apply(reg);
            }
            Msg::Kind(k) => {
                self.kind = k;
                self.apply(reg);
            }
            Msg::Decision(d) => {
                self.decision = d;
                self.apply(reg);
            }
            Msg::Broken(b) => {
                self.broken = b;
                self.apply(reg);
            }
            Msg::Sort(c) => {
                self.sort = if self.sort.0 == c {
                    (c, !self.sort.1)
                } else {
                    (c, false)
                };
                self.apply(reg);
            }
            Msg::Scrolled(offset, height) => {
                self.offset = offset;
                self.viewport = height;
            }
            Msg::Select(id) => return self.select(ctx, id),
            Msg::RightAt(p, size) => {
                self.pointer = (p, size);
                self.menu = None;
            }
            Msg::RowMenu(id) => {
                let at = super::menu::place(self.pointer.0, self.pointer.1, menu_items().len());
                self.menu = Some((id, at));
            }
            Msg::MenuClose => self.menu = None,
            Msg::MenuPick(item) => {
                let Some((team, _)) = self.menu.take() else {
                    return Action::None;
                };
                let then = match item {
                    Item::Edit => Msg::Edit,
                    Item::Record => Msg::Record,
                    Item::Merge => Msg::Merge,
                    // The screen opens the member tab on it.
                    Item::Members => return Action::None,
                };
                // The team is selected (its panel loads) and its form opens at once.
                let load = self.select(ctx, team);
                self.update(ctx, then);
                return load;
            }
            Msg::Loaded(id, r) => {
                if self.selected == Some(id) {
                    match r {
                        Ok(p) => self.show(p),
                        Err(e) => return Action::Notify(Notice::error(&e)),
                    }
                }
            }
            Msg::New => {
                self.picks.clear();
                self.form = Some(Form::Create {
                    query: String::new(),
                    unit: None,
                    kind: TeamKind::Cnscd,
                    name: String::new(),
                    error: None,
                });
            }
            Msg::Edit => {
                if let Some(t) = self.selected.and_then(|id| reg.team(id)) {
                    self.form = Some(Form::Edit {
                        id: t.id,
                        name: t.name.clone(),
                        kind: reg.team_kind(t.id),
                        zalo: t.zalo_link.clone().unwrap_or_default(),
                        date: date_field(ctx.today()),
                        error: None,
                    });
                }
            }
            Msg::Merge => {
                if let Some(id) = self.selected {
                    self.picks.clear();
                    self.form = Some(Form::Merge {
                        id,
                        query: String::new(),
                        into: None,
                        date: date_field(ctx.today()),
                        error: None,
                    });
                }
            }
            Msg::Record => {
                if let Some(t) = self.selected.and_then(|id| reg.team(id)) {
                    let commune = reg.commune_of(t.unit_id).map(|u| (u.id, u.title_name()));
                    self.form = Some(Form::Decision {
                        id: t.id,
                        commune,
                        whole: false,
                        number: String::new(),
                        date: String::new(),
                        signer: String::new(),
                        summary: String::new(),
                        consolidates: false,
                        error: None,
                    });
                }
            }
            Msg::ShowMembers(_) => {}
            Msg::PickQuery(q) => {
                self.picks = match &self.form {
                    Some(Form::Create { .. }) => super::super::units::search(reg, &q)
                        .into_iter()
                        .map(|i| &reg.units[i])
                        .filter(|u| u.is_current())
                        .take(6)
                        .map(|u| (u.id, u.full_name()))
                        .collect(),
                    Some(Form::Merge { id, .. }) => {
                        let id = *id;
                        super::find_teams(reg, &q)
                            .into_iter()
                            .filter(|(t, _)| *t != id)
                            .collect()
                    }
                    _ => Vec::new(),
                };
                if let Some(Form::Create { query, .. } | Form::Merge { query, .. }) = &mut self.form
                {
                    *query = q;
                }
            }
            Msg::Picked(id) => {
                self.picks.clear();
                match &mut self.form {
                    Some(Form::Create { query, unit, .. }) => {
                        query.clear();
                        *unit = reg.unit(id).map(|u| (u.id, u.full_name()));
                    }
                    Some(Form::Merge { query, into, .. }) => {
                        query.clear();
                        *into = reg.team(id).map(|_| (id, reg.team_label(id).to_string()));
                    }
                    _ => {}
                }
            }
            Msg::FormKind(k) => {
                if let Some(Form::Create { kind, .. } | Form::Edit { kind, .. }) = &mut self.form {
                    *kind = k;
                }
            }
            Msg::Name(v) => {
                if let Some(Form::Create { name, .. } | Form::Edit { name, .. }) = &mut self.form {
                    *name = v;
                }
            }
            Msg::Zalo(v) => {
                if let Some(Form::Edit { zalo, .. }) = &mut self.form {
                    *zalo = v;
                }
            }
            Msg::Date(v) => {
                if let Some(
                    Form::Edit { date, .. }
                    | Form::Merge { date, .. }
                    | Form::Decision { date, .. },
                ) = &mut self.form
                {
                    *date = v;
                }
            }
            Msg::Number(v) => {
                if let Some(Form::Decision { number, .. }) = &mut self.form {
                    *number = v;
                }
            }
            Msg::Signer(v) => {
                if let Some(Form::Decision { signer, .. }) = &mut self.form {
                    *signer = v;
                }
            }
            Msg::Summary(v) => {
                if let Some(Form::Decision { summary, .. }) = &mut self.form {
                    *summary = v;
                }
            }
            Msg::Consolidates(v) => {
                if let Some(Form::Decision { consolidates, .. }) = &mut self.form {
                    *consolidates = v;
                }
            }
            Msg::Whole(v) => {
                if let Some(Form::Decision { whole, .. }) = &mut self.form {
                    *whole = v;
                }
            }
            Msg::Submit => return self.submit(ctx),
            Msg::Confirmed => {
                if let Some(Form::Merge {
                    id,
                    into: Some((into, _)),
                    date,
                    ..
                }) = &self.form
                    && let Some(d) = crate::vietnamese::parse_date(date)
                {
                    let (id, into) = (*id, *into);
                    return State::run(ctx, move |store| {
                        let n = lifecycle::merge_teams(store, id, into, d)?;
                        let toast = format!(
                            "Đã hợp nhất Tổ; {n} thành viên chuyển sang Tổ còn lại từ ngày {}.",
                            date_short(d)
                        );
                        Ok((toast, into))
                    });
                }
            }
            Msg::Cancel => {
                if self.is_dirty(reg) {
                    return Action::Confirm(Confirm {
                        text: super::t_discard(),
                        yes: Msg::Discard,
                    });
                }
                self.form = None;
            }
            Msg::Discard => self.form = None,
            Msg::Done(r) => match r {
                Ok(done) => {
                    let (toast, team, p) = *done;
                    self.form = None;
                    self.selected = Some(team);
                    self.show(p);
                    return Action::Reload(Notice::Success(toast));
                }
                Err(e) => match &mut self.form {
                    // A refusal stays in the form that asked, in the operation's words.
                    Some(f) => *f.error() = Some(e.to_string()),
                    None => return Action::Notify(Notice::error(&e)),
                },
            },
        }
        Action::None
    }

    fn show(&mut self, p: Panel) {
        self.events = p.events.iter().map(super::event_line).collect();
        self.decisions = p.decisions;
    }

    /// Runs a team operation off the UI thread; the team it names is then selected, its panel
    /// read in the same worker so it shows what the operation did.
    fn run(
        ctx: &Context,
        op: impl FnOnce(&mut Store) -> ops::Result<(String, i64)> + Send + 'static,
    ) -> Action<Msg> {
        Action::Run(ctx.run(
            move |store, _| {
                let (toast, team) = op(store)?;
                let p = panel(store, team)?;
                Ok((toast, team, p))
            },
            |r| Msg::Done(r.map(Box::new)),
        ))
    }

    fn submit(&mut self, ctx: &Context) -> Action<Msg> {
        let reg = &ctx.registry;
        let Some(form) = &mut self.form else {
            return Action::None;
        };
        let date = |s: &str| crate::vietnamese::parse_date(s).ok_or(BAD_DATE.to_string());
        let checked: Result<Action<Msg>, String> = match form.clone() {
            Form::Create {
                unit, kind, name, ..
            } => match unit {
                None => Err(NEED_UNIT.into()),
                Some((unit, _)) => {
                    let name = Some(nfc(name.trim())).filter(|s| !s.is_empty());
                    Ok(State::run(ctx, move |store| {
                        let t = lifecycle::add_team(store, unit, name.as_deref(), kind)?;
                        Ok((format!("Đã tạo {}.", t.name), t.id))
                    }))
                }
            },
            Form::Edit {
                id,
                name,
                kind,
                zalo,
                date: d,
                ..
            } => date(&d).map(|d| {
                let Some(team) = reg.team(id) else {
                    return Action::None;
                };
                let name = nfc(name.trim());
                // Only what changed: an unchanged name is not a rename in the history.
                let edit = TeamEdit {
                    name: (name != team.name && !name.is_empty()).then_some(name),
                    kind: (kind != reg.team_kind(id)).then_some(kind),
                    zalo: (zalo.trim() != team.zalo_link.as_deref().unwrap_or(""))
                        .then(|| Some(zalo.trim().to_string()).filter(|z| !z.is_empty())),
                };
                State::run(ctx, move |store| {
                    let t = lifecycle::edit_team(store, id, &edit, d)?;
                    Ok((format!("Đã lưu {}.", t.name), t.id))
                })
            }),
            Form::Merge {
                id, into, date: d, ..
            } => match (into, date(&d)) {
                (None, _) => Err(NEED_TEAM.into()),
                (Some((into, _)), _) if into == id => Err(SAME_TEAM.into()),
                (_, Err(e)) => Err(e),
                (Some((_, label)), Ok(d)) => Ok(Action::Confirm(Confirm {
                    text: confirm_merge(reg.team_label(id), &label, &date_field(d)),
                    yes: Msg::Confirmed,
                })),
            },
            Form::Decision {
                id,
                commune,
                whole,
                number,
                date: d,
                signer,
                summary,
                consolidates,
                ..
            } => match (number.trim().is_empty(), date(&d)) {
                (true, _) => Err(NEED_NUMBER.into()),
                (_, Err(e)) => Err(e),
                (false, Ok(d)) => {
                    let target = match (whole, commune) {
                        (true, Some((c, _))) => DecisionTarget::Unit(c),
                        _ => DecisionTarget::Team(id),
                    };
                    let text = |s: String| Some(nfc(s.trim())).filter(|s| !s.is_empty());
                    let new = NewDecision {
                        number: nfc(number.trim()),
                        issued_on: Some(d),
                        signer: text(signer),
                        summary: text(summary),
                        consolidates,
                    };
                    Ok(State::run(ctx, move |store| {
                        let n = lifecycle::record_decision(store, target, &new)?;
                        let toast = format!("Đã ghi nhận Quyết định số {} cho {n} Tổ.", new.number);
                        Ok((toast, id))
                    }))
                }
            },
        };
        match checked {
            Ok(a) => {
                *form.error() = None;
                a
            }
            Err(e) => {
                *form.error() = Some(e);
                Action::None
            }
        }
    }

    /// The decision a team has in force, as a cell shows it (`86/QĐ-UBND (2022)`; the panel
    /// has the day).
    pub fn decision_cell(reg: &Registry, i: usize) -> String {
        let t = &reg.teams[i];
        match (&t.decision_ref, t.decision_date) {
            (Some(n), Some(d)) => format!("{n} ({})", chrono::Datelike::year(&d)),
            (Some(n), None) => n.clone(),
            _ => String::new(),
        }
    }
}

/// A decision as the team's panel lists it: number, date, signer, trích yếu, kind, source.
pub fn decision_line(d: &TeamDecision) -> String {
    let mut s = format!(
        "{} {}",
        if d.consolidates {
            "Kiện toàn:"
        } else {
            "Thành lập:"
        },
        d.number
    );
    if let Some(on) = d.issued_on {
        s.push_str(&format!(" ngày {}", date_short(on)));
    }
    if let Some(x) = &d.signer {
        s.push_str(&format!(", {x}"));
    }
    if let Some(x) = &d.summary {
        s.push_str(&format!(" — {x}"));
    }
    s.push_str(&format!(" ({})", d.source.label()));
    s
}
