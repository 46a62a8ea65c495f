//! The choices of the «Văn bản» screen's pick lists: the kind of a document to draft, who signs
//! it and the register's status filter, each with its Vietnamese label.

use iced::Element;
use iced::widget::pick_list;

use super::Message;
use crate::app::text as t;
use crate::app::widget;
use crate::app::widget::form::labelled;
use crate::model::{Office, Unit, issuing_commune};
use crate::ops::registry::Registry;
use crate::ops::{DocKind, Status};

/// A kind for the pick list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindChoice(pub Option<DocKind>);

impl std::fmt::Display for KindChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.map_or(t::DOC_ANY_KIND, DocKind::label))
    }
}

pub(super) const KINDS: [KindChoice; 6] = [
    KindChoice(Some(DocKind::DecisionEstablish)),
    KindChoice(Some(DocKind::DecisionConsolidate)),
    KindChoice(Some(DocKind::Plan)),
    KindChoice(Some(DocKind::Report)),
    KindChoice(Some(DocKind::FocalPoints)),
    KindChoice(Some(DocKind::Roster)),
];

/// A status for the filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusChoice(pub Option<Status>);

impl std::fmt::Display for StatusChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.map_or(t::DOC_ANY_STATUS, Status::label))
    }
}

pub(super) const STATUSES: [StatusChoice; 6] = [
    StatusChoice(None),
    StatusChoice(Some(Status::Draft)),
    StatusChoice(Some(Status::Issued)),
    StatusChoice(Some(Status::Signed)),
    StatusChoice(Some(Status::Reserved)),
    StatusChoice(Some(Status::Voided)),
];

/// Who signs a draft: the signer of Cài đặt or one of the office's deputies (`KT.`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignerChoice {
    /// The deputy (from 0); `None`: the signer of Cài đặt.
    pub deputy: Option<usize>,
    label: String,
}

impl std::fmt::Display for SignerChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

/// The signers of `office`'s documents, the settings' own first.
pub fn signer_choices(office: &Office) -> Vec<SignerChoice> {
    let own = SignerChoice {
        deputy: None,
        label: t::doc_signer_default(&office.signer_name),
    };
    std::iter::once(own)
        .chain(
            office
                .deputies
                .iter()
                .enumerate()
                .map(|(i, d)| SignerChoice {
                    deputy: Some(i),
                    label: t::doc_signer_deputy(&d.label()),
                }),
        )
        .collect()
}

/// Whether the office (and so its deputies) signs the documents about `unit`: not when the unit
/// is, or is a village of, a commune other than the office's own, which issues them itself.
pub(super) fn office_signs(registry: &Registry, unit: Option<i64>) -> bool {
    issued_by_commune(registry, unit).is_none()
}

/// The commune that issues the documents about `unit` itself (`model::issuing_commune`).
fn issued_by_commune(registry: &Registry, unit: Option<i64>) -> Option<&Unit> {
    let u = registry.unit(unit?)?;
    let parent = u.parent_id.and_then(|p| registry.unit(p));
    issuing_commune(u.commune(parent), registry.office.unit_code.as_deref())
}

/// «Người ký» of the compose form, when the office has deputies: a choice among them when the
/// office signs the documents about `unit`, else who signs instead.
pub(super) fn signer_field<'a>(
    registry: &Registry,
    unit: Option<i64>,
    deputy: Option<usize>,
) -> Option<Element<'a, Message>> {
    let office = &registry.office;
    if office.deputies.is_empty() {
        return None;
    }
    if let Some(commune) = issued_by_commune(registry, unit) {
        return Some(labelled(
            t::DOC_SIGNER,
            widget::note(t::doc_signer_commune(&commune.full_name())),
            None,
        ));
    }
    let choices = signer_choices(office);
    let selected = choices.iter().find(|c| c.deputy == deputy).cloned();
    Some(labelled(
        t::DOC_SIGNER,
        pick_list(choices, selected, Message::Signer).width(iced::Length::Fill),
        None,
    ))
}
