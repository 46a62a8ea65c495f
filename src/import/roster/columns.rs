//! Where a roster's fields are, as the sheet reader settled them: one column per field, except
//! the year of birth and the gender, which a commune's form may split into «Nam» | «Nữ»
//! sub-columns (the column holding the year gives the gender too).

use super::col;
use crate::import::sheet_layout::{Layout, key};

/// The columns of a roster sheet, from its layout.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RosterColumns {
    /// The header's last spreadsheet line.
    pub header_line: usize,
    pub(super) unit_code: Option<usize>,
    pub(super) unit: Option<usize>,
    pub(super) commune: Option<usize>,
    pub(super) team: Option<usize>,
    pub(super) name: Option<usize>,
    pub(super) role: Option<usize>,
    pub(super) position: Option<usize>,
    pub(super) phone: Option<usize>,
    pub(super) email: Option<usize>,
    pub(super) trained: Option<usize>,
    pub(super) joined: Option<usize>,
    /// The team's establishing decision: number, date, signer (or issuing body), summary.
    pub(super) decision: [Option<usize>; 4],
    /// The year columns with their sub-headers (`Nam`, `Nữ`), or one without.
    pub(super) year: Vec<(Option<String>, usize)>,
    /// The gender columns: one «Giới tính», or «Nam» | «Nữ» columns marked with an x.
    pub(super) gender: Vec<(Option<String>, usize)>,
    /// The commune the title block names (`XÃ HÒA BẮC`), for village names that repeat when
    /// the sheet has no «Xã/phường» column.
    pub(super) commune_hint: Option<String>,
}

impl RosterColumns {
    /// The roster label of the column at `i`, when it is one the import reads.
    pub(super) fn label_of(&self, i: usize) -> Option<&'static str> {
        let single = [
            (self.unit_code, col::UNIT_CODE),
            (self.unit, col::UNIT),
            (self.commune, col::COMMUNE),
            (self.team, col::TEAM),
            (self.name, col::NAME),
            (self.role, col::ROLE),
            (self.position, col::POSITION),
            (self.phone, col::PHONE),
            (self.email, col::EMAIL),
            (self.trained, col::TRAINED),
            (self.joined, col::JOINED),
            (self.decision[0], col::DECISION),
            (self.decision[1], col::DECISION_DATE),
            (self.decision[2], col::DECISION_SIGNER),
            (self.decision[3], col::DECISION_SUMMARY),
        ];
        single
            .iter()
            .find(|(c, _)| *c == Some(i))
            .map(|(_, l)| *l)
            .or_else(|| self.year.iter().any(|(_, c)| *c == i).then_some(col::YEAR))
            .or_else(|| {
                self.gender
                    .iter()
                    .any(|(_, c)| *c == i)
                    .then_some(col::GENDER)
            })
    }

    /// The columns a layout settled.
    pub fn from_layout(layout: &Layout) -> RosterColumns {
        let all = |k: &str| -> Vec<(Option<String>, usize)> {
            layout
                .columns_of(k)
                .map(|c| (c.sub.clone(), c.index))
                .collect()
        };
        RosterColumns {
            header_line: layout.header_end(),
            unit_code: layout.column(key::UNIT_CODE),
            unit: layout.column(key::UNIT),
            commune: layout.column(key::COMMUNE),
            team: layout.column(key::TEAM),
            name: layout.column(key::NAME),
            role: layout.column(key::ROLE),
            position: layout.column(key::POSITION),
            phone: layout.column(key::PHONE),
            email: layout.column(key::EMAIL),
            trained: layout.column(key::TRAINED),
            joined: layout.column(key::JOINED),
            decision: [
                layout.column(key::DECISION),
                layout.column(key::DECISION_DATE),
                layout.column(key::DECISION_SIGNER),
                layout.column(key::DECISION_SUMMARY),
            ],
            year: all(key::YEAR),
            gender: all(key::GENDER),
            commune_hint: layout.preamble.unit_hint.clone(),
        }
    }

    /// The rightmost column read.
    pub(super) fn last_column(&self) -> usize {
        [
            self.unit_code,
            self.unit,
            self.commune,
            self.team,
            self.name,
            self.role,
            self.position,
            self.phone,
            self.email,
            self.trained,
            self.joined,
        ]
        .into_iter()
        .chain(self.decision)
        .flatten()
        .chain(self.year.iter().chain(&self.gender).map(|(_, c)| *c))
        .max()
        .unwrap_or(0)
    }

    /// Whether the sheet names each row's unit in a column (else section rows must).
    pub fn has_unit_column(&self) -> bool {
        self.unit.is_some() || self.unit_code.is_some()
    }

    /// Whether the sheet has an «Email» column (without one, a stored email is kept).
    pub fn has_email(&self) -> bool {
        self.email.is_some()
    }

    /// Whether the sheet has a «Đã tập huấn» column (without one, it is unknown: a stored
    /// member keeps theirs, a new one is taken as not trained yet).
    pub fn has_trained(&self) -> bool {
        self.trained.is_some()
    }

    /// Whether the sheet gives the gender: a «Giới tính» column, or «Nam» | «Nữ» columns
    /// (under «Năm sinh» or «Giới tính»).
    pub fn has_gender(&self) -> bool {
        !self.gender.is_empty() || self.year.iter().any(|(sub, _)| sub.is_some())
    }

    /// The export label of a field key, for messages.
    pub fn label(k: &str) -> &'static str {
        match k {
            key::UNIT_CODE => col::UNIT_CODE,
            key::UNIT => col::UNIT,
            key::COMMUNE => col::COMMUNE,
            key::TEAM => col::TEAM,
            key::NAME => col::NAME,
            key::YEAR => col::YEAR,
            key::GENDER => col::GENDER,
            key::ROLE => col::ROLE,
            key::POSITION => col::POSITION,
            key::PHONE => col::PHONE,
            key::EMAIL => col::EMAIL,
            key::TRAINED => col::TRAINED,
            key::DECISION => col::DECISION,
            key::DECISION_DATE => col::DECISION_DATE,
            key::DECISION_SIGNER => col::DECISION_SIGNER,
            key::DECISION_SUMMARY => col::DECISION_SUMMARY,
            _ => col::JOINED,
        }
    }
}
