//! `target set|list|allocate`, `deadline set` and `indicator add`: the office's plan settings,
//! each one `ops` operation (interfaces.md §7), the one the window calls.

use clap::Subcommand;

use super::{print_json, say};
use crate::error::{Error, Field, Result};
use crate::ops::allocate::{self, Basis};
use crate::ops::indicators;
use crate::ops::{Moment, Period, Store, documents};
use crate::vietnamese::{date_short, format_number};

/// `target set|list|allocate`.
#[derive(Debug, Subcommand)]
pub enum TargetAction {
    /// Đặt chỉ tiêu năm của đơn vị cho một chỉ tiêu.
    Set {
        /// Đơn vị (mã hoặc tên).
        #[arg(long)]
        unit: String,
        /// Năm.
        #[arg(long)]
        year: i32,
        /// Mã chỉ tiêu (citizens_guided…) hoặc tên chỉ tiêu.
        #[arg(long)]
        indicator: String,
        /// Giá trị chỉ tiêu.
        #[arg(long)]
        value: i64,
    },
    /// Liệt kê chỉ tiêu năm của đơn vị.
    List {
        /// Đơn vị (mã hoặc tên).
        #[arg(long)]
        unit: String,
        /// Năm.
        #[arg(long)]
        year: i32,
        /// In JSON.
        #[arg(long)]
        json: bool,
    },
    /// Chia chỉ tiêu năm của đơn vị xuống các đơn vị trực thuộc (huyện → xã, xã → thôn), theo
    /// số thành viên Tổ hoặc chia đều; tổng các phần bằng đúng chỉ tiêu của đơn vị (phần lẻ
    /// dành cho các đơn vị có phần dư lớn nhất).
    Allocate {
        /// Đơn vị có chỉ tiêu cần chia (mã hoặc tên).
        #[arg(long)]
        unit: String,
        /// Năm.
        #[arg(long)]
        year: i32,
        /// Mã hoặc tên chỉ tiêu (mặc định: mọi chỉ tiêu đơn vị đã có).
        #[arg(long)]
        indicator: Option<String>,
        /// Cách chia: members (theo số thành viên Tổ) hoặc evenly (chia đều).
        #[arg(long, default_value = "members")]
        by: String,
        /// Chỉ in các phần, không lưu.
        #[arg(long)]
        dry_run: bool,
        /// In JSON.
        #[arg(long)]
        json: bool,
    },
}

/// `target …`.
pub fn target(store: &mut Store, action: TargetAction, now: Moment) -> Result<()> {
    match action {
        TargetAction::Set {
            unit,
            year,
            indicator,
            value,
        } => target_set(store, &unit, year, &indicator, value),
        TargetAction::List { unit, year, json } => target_list(store, &unit, year, json),
        TargetAction::Allocate {
            unit,
            year,
            indicator,
            by,
            dry_run,
            json,
        } => {
            let basis = Basis::parse(&by)?;
            let unit = documents::unit_or_office(store, Some(&unit))?;
            let day = now.today();
            let done = match indicator {
                Some(code) => vec![allocate::allocate(
                    store, unit.id, year, &code, basis, None, day,
                )?],
                None => allocate::allocate_all(store, unit.id, year, basis, day)?,
            };
            if !dry_run {
                allocate::save(store, year, &done)?;
            }
            print_allocations(&done, year, basis, dry_run, json)
        }
    }
}

/// The shares as `target allocate` prints them.
fn print_allocations(
    done: &[allocate::Allocation],
    year: i32,
    basis: Basis,
    dry_run: bool,
    json: bool,
) -> Result<()> {
    if json {
        let v: Vec<serde_json::Value> = done
            .iter()
            .map(|a| {
                serde_json::json!({
                    "indicator": a.code,
                    "total": a.total,
                    "saved": !dry_run,
                    "shares": a.shares,
                })
            })
            .collect();
        return print_json(&v);
    }
    for a in done {
        say!(
            "{} năm {year} của {}: {} {} ({}).",
            a.label,
            a.unit,
            format_number(a.total),
            a.measure,
            basis.phrase()
        );
        for s in &a.shares {
            say!(
                "{}\t{}\t{} thành viên\t{}",
                s.code,
                s.name,
                format_number(i64::try_from(s.members).unwrap_or(0)),
                format_number(s.value)
            );
        }
    }
    if dry_run {
        say!("Chưa lưu (--dry-run).");
    } else {
        say!(
            "Đã lưu chỉ tiêu năm {year} của {} đơn vị trực thuộc.",
            done.first().map_or(0, |a| a.shares.len())
        );
    }
    Ok(())
}

/// `cnscd target set --unit U --year Y --indicator CODE --value N`.
fn target_set(store: &mut Store, unit: &str, year: i32, code: &str, value: i64) -> Result<()> {
    let unit = documents::unit_or_office(store, Some(unit))?;
    let row = indicators::set_target(store, unit.id, year, code, value)?;
    say!(
        "Đã đặt chỉ tiêu năm {year} của {}: {} {} {}.",
        unit.title_name(),
        row.label,
        format_number(row.target),
        row.measure
    );
    Ok(())
}

/// `cnscd target list --unit U --year Y [--json]`.
fn target_list(store: &Store, unit: &str, year: i32, json: bool) -> Result<()> {
    let unit = documents::unit_or_office(store, Some(unit))?;
    let rows = indicators::targets(store, unit.id, year)?;
    if json {
        return print_json(&rows);
    }
    for r in &rows {
        say!(
            "{}\t{}\t{}\t{}",
            r.indicator,
            r.label,
            format_number(r.target),
            r.measure
        );
    }
    say!(
        "Tổng: {} chỉ tiêu năm {year} của {}.",
        rows.len(),
        unit.title_name()
    );
    Ok(())
}

/// `cnscd deadline set --period P --date D [--indicator CODE]`.
pub fn deadline_set(
    store: &mut Store,
    period: &str,
    date: &str,
    indicator: Option<&str>,
) -> Result<()> {
    let period: Period = period.parse()?;
    let due = crate::vietnamese::parse_date(date).ok_or_else(|| {
        Error::bad_value(
            Field::Date,
            date,
            "ngày ghi dạng 05/03/2026 hoặc 2026-03-05",
        )
    })?;
    if let Some(code) = indicator {
        let label = indicators::set_indicator_deadline(store, period, code, due)?;
        say!(
            "Hạn báo cáo chỉ tiêu «{label}» {}: {}.",
            period.label(),
            date_short(due)
        );
        return Ok(());
    }
    indicators::set_deadline(store, period, due)?;
    say!("Hạn báo cáo {}: {}.", period.label(), date_short(due));
    Ok(())
}

/// `cnscd indicator add --code C --label L --measure M [--summable có|không]`.
pub fn indicator_add(
    store: &mut Store,
    code: &str,
    label: &str,
    measure: &str,
    summable: Option<&str>,
    people: bool,
) -> Result<()> {
    let summable = match summable.map(crate::vietnamese::header_key) {
        None => true,
        Some(s) if ["co", "yes", "true", "1"].contains(&s.as_str()) => true,
        Some(s) if ["khong", "no", "false", "0"].contains(&s.as_str()) => false,
        Some(_) => {
            return Err(Error::bad_value(
                Field::Value,
                summable.unwrap_or_default(),
                "--summable nhận «có» (cộng dồn qua các kỳ) hoặc «không» (lấy số kỳ gần nhất)",
            ));
        }
    };
    let ind = indicators::add_indicator(
        store,
        &indicators::NewIndicator {
            code: code.into(),
            label: label.into(),
            measure: measure.into(),
            summable,
            people,
            aliases: Vec::new(),
        },
    )?;
    say!(
        "Đã thêm chỉ tiêu {} «{}» ({}, {}).",
        ind.code,
        ind.label,
        ind.measure,
        kind_words(&ind)
    );
    Ok(())
}

/// How an indicator adds up, in words.
fn kind_words(ind: &crate::model::Indicator) -> &'static str {
    if ind.people {
        "đếm người: không cộng dồn, không vượt số người"
    } else if ind.summable {
        "cộng dồn qua các kỳ"
    } else {
        "lấy số kỳ gần nhất"
    }
}

/// `cnscd indicator list [--json]`: the office's own indicators, retired ones marked.
pub fn indicator_list(store: &Store, json: bool) -> Result<()> {
    let rows = indicators::own_indicators(store)?;
    if json {
        let v: Vec<serde_json::Value> = rows
            .iter()
            .map(|o| {
                serde_json::json!({
                    "code": o.indicator.code,
                    "label": o.indicator.label,
                    "measure": o.indicator.measure,
                    "summable": o.indicator.summable,
                    "people": o.indicator.people,
                    "retired": o.retired,
                })
            })
            .collect();
        return print_json(&v);
    }
    for o in &rows {
        say!(
            "{}\t{}\t{}\t{}{}",
            o.indicator.code,
            o.indicator.label,
            o.indicator.measure,
            kind_words(&o.indicator),
            if o.retired { "\tthôi dùng" } else { "" }
        );
    }
    say!("Tổng: {} chỉ tiêu riêng.", rows.len());
    Ok(())
}

/// `cnscd indicator rename --code C --label L`.
pub fn indicator_rename(store: &mut Store, code: &str, label: &str) -> Result<()> {
    indicators::rename_indicator(store, code, label)?;
    say!("Đã đổi tên chỉ tiêu {code} thành «{label}».");
    Ok(())
}

/// `cnscd indicator retire --code C [--undo]`.
pub fn indicator_retire(store: &mut Store, code: &str, undo: bool) -> Result<()> {
    indicators::retire_indicator(store, code, !undo)?;
    if undo {
        say!("Chỉ tiêu {code} được dùng lại.");
    } else {
        say!(
            "Chỉ tiêu {code} thôi dùng: không còn trong mẫu nhập và báo cáo; số liệu đã nhập được giữ."
        );
    }
    Ok(())
}
