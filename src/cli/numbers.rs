//! `number reserve|void|start`: the register's numbers the office controls (a number held for a
//! paper document, a number voided, the number a year starts at), through `ops::numbers`, as
//! the register's «Giữ số…», «Hủy số…» and «Số bắt đầu…» forms do.

use clap::{Subcommand, ValueEnum};

use super::say;
use crate::error::{Error, Field, Result};
use crate::ops::{DocKind, Moment, Store, numbers};

/// The kinds whose numbers a clerk handles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NumberKind {
    /// Quyết định (QĐ).
    Decision,
    /// Kế hoạch (KH).
    Plan,
    /// Báo cáo (BC).
    Report,
    /// Danh sách (DS).
    List,
}

impl NumberKind {
    fn kind(self) -> DocKind {
        match self {
            NumberKind::Decision => DocKind::DecisionEstablish,
            NumberKind::Plan => DocKind::Plan,
            NumberKind::Report => DocKind::Report,
            NumberKind::List => DocKind::FocalPoints,
        }
    }
}

/// `number` actions.
#[derive(Debug, Subcommand)]
pub enum NumberAction {
    /// Giữ một số cho văn bản ban hành trên giấy ngoài chương trình; số này không cấp cho văn bản khác.
    Reserve {
        /// Loại văn bản.
        #[arg(long, value_enum)]
        kind: NumberKind,
        /// Số giữ (mặc định: số tiếp theo của năm).
        #[arg(long)]
        number: Option<u32>,
        /// Lý do (trích yếu văn bản giấy).
        #[arg(long)]
        reason: String,
        /// Ngày của văn bản (dd/mm/yyyy hoặc yyyy-mm-dd; mặc định hôm nay).
        #[arg(long)]
        date: Option<String>,
    },
    /// Hủy một số đã cấp hoặc đã giữ: số ở lại trong sổ, ghi «đã hủy» và lý do, không cấp lại.
    Void {
        /// Số hiệu trong sổ đăng ký (thay cho --kind và --number).
        #[arg(long, conflicts_with_all = ["kind", "number"])]
        id: Option<i64>,
        /// Loại văn bản.
        #[arg(long, value_enum, requires = "number")]
        kind: Option<NumberKind>,
        /// Số cần hủy.
        #[arg(long, requires = "kind")]
        number: Option<u32>,
        /// Năm của số (mặc định năm nay).
        #[arg(long)]
        year: Option<i32>,
        /// Lý do hủy.
        #[arg(long)]
        reason: String,
    },
    /// Số bắt đầu của năm: cơ quan đã ban hành 37 văn bản thì --next 38; văn bản sau lấy số 38.
    Start {
        /// Loại văn bản (các loại cùng sổ dùng chung dãy số).
        #[arg(long, value_enum)]
        kind: NumberKind,
        /// Năm.
        #[arg(long)]
        year: i32,
        /// Số tiếp theo.
        #[arg(long)]
        next: u32,
    },
}

fn date(text: Option<&str>, now: Moment) -> Result<chrono::NaiveDate> {
    match text {
        Some(d) => crate::vietnamese::parse_date(d).ok_or_else(|| {
            Error::bad_value(Field::Date, d, "ngày ghi dạng 05/03/2026 hoặc 2026-03-05")
        }),
        None => Ok(now.today()),
    }
}

/// Runs a `number` action.
pub fn run(store: &mut Store, action: NumberAction, now: Moment) -> Result<()> {
    match action {
        NumberAction::Reserve {
            kind,
            number,
            reason,
            date: d,
        } => {
            let day = date(d.as_deref(), now)?;
            let e = numbers::reserve(store, kind.kind(), number, day, &reason, now.local)?;
            say!(
                "Đã giữ số {} ngày {} (sổ số {}): {}.",
                e.reference(),
                crate::vietnamese::date_short(day),
                e.id,
                e.reason
            );
        }
        NumberAction::Void {
            id,
            kind,
            number,
            year,
            reason,
        } => {
            let today = now.today();
            let e = match (id, kind, number) {
                (Some(id), _, _) => numbers::void(store, id, &reason, today)?,
                (None, Some(k), Some(n)) => numbers::void_number(
                    store,
                    k.kind(),
                    year.unwrap_or(chrono::Datelike::year(&today)),
                    n,
                    &reason,
                    today,
                )?,
                _ => {
                    return Err(Error::bad_value(
                        Field::DocNumber,
                        "",
                        "hãy ghi --id, hoặc --kind và --number",
                    ));
                }
            };
            say!("Đã hủy số {} ({}): {}.", e.reference(), e.summary, e.reason);
        }
        NumberAction::Start { kind, year, next } => {
            numbers::start(store, kind.kind(), year, next)?;
            say!("Năm {year}, văn bản tiếp theo lấy số {next}.");
        }
    }
    Ok(())
}
