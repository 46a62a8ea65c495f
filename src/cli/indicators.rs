//! `import indicators`, `report` and `export indicators`: the indicator commands, each one
//! `ops::indicators` operation.

use std::path::Path;

use super::{print_json, say, say_raw};
use crate::error::{Error, Field, Result};
use crate::ops::indicators::{self, Source};
use crate::ops::{Moment, Period, Store, Unit, registry};
use crate::vietnamese::{date_short, format_number, format_percent};

fn period_arg(period: Option<&str>) -> Result<Period> {
    period
        .ok_or_else(|| {
            Error::bad_value(
                Field::Period,
                "",
                "hãy ghi kỳ báo cáo: 2024, 2024-H1, 2024-Q2 hoặc 2024-05",
            )
        })?
        .parse()
}

/// `cnscd import indicators FILE --period P [--unit U] [--dry-run]`.
pub fn import(
    store: &mut Store,
    file: &Path,
    period: Option<&str>,
    unit: Option<&str>,
    dry_run: bool,
    now: Moment,
) -> Result<()> {
    let period = period_arg(period)?;
    let root = indicators::unit_or_office(store, unit)?;
    let imported = indicators::import(
        store,
        file,
        period,
        root.as_ref().map(|u| u.id),
        dry_run,
        now.local,
    )?;
    say_raw!("{}", imported.report);
    if dry_run {
        say!("Chạy thử: không ghi gì vào cơ sở dữ liệu (kỳ {period}).");
        return Ok(());
    }
    say!(
        "Đã nhập số liệu kỳ {} ({period}) của {} đơn vị.",
        period.label(),
        imported.units
    );
    Ok(())
}

fn source_note(sources: &[Source]) -> &'static str {
    if sources.iter().all(|s| *s == Source::Own) {
        "số liệu đơn vị tự báo cáo"
    } else if sources.iter().all(|s| *s == Source::Children) {
        "cộng từ các đơn vị cấp dưới"
    } else {
        "* = đơn vị tự báo cáo, còn lại cộng từ cấp dưới"
    }
}

/// `cnscd report --unit U --period P [--json] [-o FILE.xlsx]`.
pub fn report(
    store: &Store,
    unit: &str,
    period: &str,
    json: bool,
    output: Option<&Path>,
    now: Moment,
) -> Result<()> {
    let unit = registry::resolve_unit(store, unit)?;
    let period: Period = period.parse()?;
    let today = now.today();
    let view = indicators::report(store, unit.id, period, today)?;
    let agg = &view.agg;
    if let Some(out) = output {
        indicators::export_report_table(store, agg, out)?;
    }
    if json {
        return print_json(&agg.to_json());
    }
    let label = |code: &str| {
        agg.columns
            .iter()
            .find(|c| c.code == code)
            .map_or(code.to_string(), |c| format!("{} ({})", c.label, c.measure))
    };
    say!("Tổng hợp chỉ tiêu {} – {}", agg.unit.name, period.label());
    say!("Tổng ({}):", source_note(&agg.total_sources));
    if agg.totals.is_empty() {
        say!("  chưa có số liệu");
    }
    for (code, v) in &agg.totals.0 {
        say!("  {}: {}", label(code), format_number(*v));
    }
    for (i, row) in agg.rows.iter().enumerate() {
        if row.values.is_empty() {
            say!("{}. {}: chưa báo cáo", i + 1, row.unit.name);
            continue;
        }
        say!(
            "{}. {} ({}):",
            i + 1,
            row.unit.name,
            source_note(&row.sources)
        );
        let mixed = row.sources.contains(&Source::Own) && row.sources.contains(&Source::Children);
        for ((code, v), s) in row.values.0.iter().zip(&row.sources) {
            let star = if mixed && *s == Source::Own { " *" } else { "" };
            say!("     {}: {}{star}", label(code), format_number(*v));
        }
    }
    let names = |list: &[indicators::UnitRef]| {
        list.iter()
            .map(|u| u.name.clone())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !agg.missing.is_empty() {
        say!(
            "Chưa báo cáo ({}): {}",
            agg.missing.len(),
            names(&agg.missing)
        );
    }
    if let Some(d) = view.deadline {
        let late = &view.late;
        if late.is_empty() {
            say!("Hạn báo cáo: {}.", date_short(d));
        } else {
            say!(
                "Quá hạn báo cáo ({}, hạn {}): {}",
                late.len(),
                date_short(d),
                names(late)
            );
        }
    }
    for d in &view.indicator_deadlines {
        if d.late.is_empty() {
            say!("Hạn báo cáo chỉ tiêu «{}»: {}.", d.label, date_short(d.due));
        } else {
            say!(
                "Quá hạn báo cáo chỉ tiêu «{}» ({}, hạn {}): {}",
                d.label,
                d.late.len(),
                date_short(d.due),
                names(&d.late)
            );
        }
    }
    for c in agg.conflicts.iter().take(20) {
        say!(
            "Cảnh báo: {} tự báo cáo {} = {} nhưng cộng các đơn vị cấp dưới được {} (dùng số tự báo cáo).",
            c.unit.name,
            label(&c.indicator),
            format_number(c.stored),
            format_number(c.children)
        );
    }
    if agg.conflicts.len() > 20 {
        say!("… và {} cảnh báo khác.", agg.conflicts.len() - 20);
    }
    let progress = &view.progress;
    if !progress.is_empty() {
        say!(
            "Kế hoạch năm {} (đến ngày {}):",
            period.year(),
            date_short(today)
        );
        for p in progress {
            let achieved = p.achieved.map_or("chưa có".to_string(), format_number);
            let percent = p.percent.map(format_percent).unwrap_or_default();
            let state = if p.behind {
                "chậm tiến độ"
            } else {
                "đạt tiến độ"
            };
            say!(
                "  {}: chỉ tiêu {}, đạt {} {}, cần {} đến nay – {}",
                p.label,
                format_number(p.target),
                achieved,
                percent,
                format_number(p.expected_by_now),
                state
            );
        }
    }
    if let Some(out) = output {
        say!("Đã ghi bảng tổng hợp vào {}.", out.display());
    }
    Ok(())
}

/// `cnscd export indicators -o FILE.xlsx|.csv [--unit U] [--period P]`: the entry sheet.
pub fn export_template(
    store: &Store,
    output: &Path,
    unit: Option<&str>,
    period: Option<&str>,
) -> Result<()> {
    let unit: Unit = indicators::unit_or_office(store, unit)?.ok_or_else(|| {
        Error::bad_value(
            Field::Unit,
            "",
            "hãy ghi đơn vị (hồ sơ cơ quan chưa có đơn vị)",
        )
    })?;
    let period = period_arg(period)?;
    let n = indicators::export_entry_sheet(store, &unit, period, output)?;
    say!(
        "Đã ghi mẫu nhập chỉ tiêu kỳ {period} cho {n} đơn vị của {} vào {}.",
        unit.title_name(),
        output.display()
    );
    Ok(())
}
