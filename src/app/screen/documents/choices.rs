//! The choices of the «Văn bản» screen's pick lists: the kind of a document to draft and the
//! register's status filter, each with its Vietnamese label.

use crate::app::text as t;
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
