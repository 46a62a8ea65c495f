//! `import indicators`, `report` and `export indicators`: the indicator commands. The only place
//! that reads the files and the clock for them; the work is done by `import::indicators`,
//! `report` and `export::report_xlsx`.

use super::{say, say_raw};
use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;

use super::print_json;
use crate::error::{Error, Result};
use crate::export::{report_xlsx, write_atomic};
use crate::import::indicators::{UnitIndex, plan};
use crate::import::read_table;
use crate::model::Unit;
use crate::report::aggregate::{Source, UnitRef};
use crate::report::{Period, UnitTree, aggregate, deadline, targets};
use crate::store::indicators::{self as stored, ImportRecord};
use crate::store::{Store, settings, units};
use crate::vietnamese::{date_short, format_number, format_percent};

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn period_arg(period: Option<&str>) -> Result<Period> {
    period
        .ok_or_else(|| {
            Error::not_allowed("Hãy ghi kỳ báo cáo: --period 2024, 2024-H1, 2024-Q2 hoặc 2024-05.")
        })?
        .parse()
}

/// The unit named by `--unit`, else the office's own unit; `None` when neither is set (a
/// national office: the whole registry).
fn unit_arg(store: &Store, unit: Option<&str>) -> Result<Option<Unit>> {
    if let Some(u) = unit {
        return units::resolve(store.conn(), u).map(Some);
    }
    match settings::office(store.conn())?.unit_code {
        Some(code) => Ok(units::by_code(store.conn(), &code)?),
        None => Ok(None),
    }
}

fn require_unit(store: &Store, unit: Option<&str>) -> Result<Unit> {
    unit_arg(store, unit)?.ok_or_else(|| {
        Error::not_allowed(
            "Hãy ghi đơn vị: --unit <mã hoặc tên đơn vị> (hồ sơ cơ quan chưa có đơn vị).",
        )
    })
}

/// `cnscd import indicators FILE --period P [--unit U] [--dry-run]`.
pub fn import(
    store: &mut Store,
    file: &Path,
    period: Option<&str>,
    unit: Option<&str>,
    dry_run: bool,
) -> Result<()> {
    let period = period_arg(period)?;
    let root = unit_arg(store, unit)?;
    let bytes = std::fs::read(file).map_err(|e| Error::io(file, e))?;
    let sha256 = crate::sign::sha256_hex(&bytes);
    let sheet = read_table(file)?;
    let file_name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.display().to_string());
    let tree = UnitTree::load(store.conn())?;
    let catalogue = stored::catalogue(store.conn())?;
    let index = UnitIndex::new(tree.descendants(root.as_ref().map(|u| u.id)));
    let parent = root
        .as_ref()
        .map_or_else(|| "sổ đơn vị".to_string(), Unit::title_name);
    let mut plan = plan(&sheet, &file_name, &catalogue, &index, &parent);
    if !plan.report.is_ok() {
        return Err(Error::Refused(Arc::new(plan.report)));
    }
    if dry_run {
        say_raw!("{}", plan.report);
        say!("Chạy thử: không ghi gì vào cơ sở dữ liệu (kỳ {period}).");
        return Ok(());
    }
    if !plan.rows.is_empty() {
        let record = ImportRecord {
            file_name,
            sha256,
            imported_at: chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string(),
            period,
            unit_id: root.as_ref().map(|u| u.id),
            row_count: plan.rows.len(),
        };
        let written = store.transaction(|tx| stored::record_import(tx, &record, &plan.rows))?;
        plan.report.added = written.values;
        plan.report.updated = written.replaced;
    }
    say_raw!("{}", plan.report);
    say!(
        "Đã nhập số liệu kỳ {} ({period}) của {} đơn vị.",
        period.label(),
        plan.rows.len()
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
) -> Result<()> {
    let conn = store.conn();
    let unit = units::resolve(conn, unit)?;
    let period: Period = period.parse()?;
    let agg = aggregate(conn, unit.id, &period)?;
    if let Some(out) = output {
        if crate::export::extension(out) != "xlsx" {
            return Err(Error::not_allowed(format!(
                "Tệp {}: bảng tổng hợp chỉ ghi ra .xlsx.",
                out.display()
            )));
        }
        let office = settings::office(conn)?;
        let issuer = if office.issuing_body.is_empty() {
            unit.title_name()
        } else {
            office.issuing_body.clone()
        };
        let attached = format!(
            "Báo cáo số       /BC-{} ngày      tháng      năm {} của {}",
            office.symbol_org,
            period.year(),
            issuer
        );
        write_atomic(out, &report_xlsx::report_table(&agg, &attached)?)?;
    }
    if json {
        return print_json(&agg.to_json());
    }
    let today = today();
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
    let names = |list: &[UnitRef]| {
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
    let due = deadline::for_children(conn, &agg)?;
    if let Some(d) = due {
        let late = deadline::late(&agg, due, today);
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
    let progress = targets::progress(conn, unit.id, period.year(), today)?;
    if !progress.is_empty() {
        say!(
            "Kế hoạch năm {} (đến ngày {}):",
            period.year(),
            date_short(today)
        );
        for p in &progress {
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
    let conn = store.conn();
    let unit = require_unit(store, unit)?;
    let period = period_arg(period)?;
    let catalogue = stored::catalogue(conn)?;
    let children: Vec<UnitRef> = units::children(conn, unit.id)?
        .iter()
        .map(UnitRef::from)
        .collect();
    let bytes = match crate::export::extension(output).as_str() {
        "xlsx" => report_xlsx::entry_sheet(&(&unit).into(), &children, catalogue.all(), period)?,
        "csv" => {
            let mut w = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
            let mut header = vec!["STT".to_string(), "Mã đơn vị".into(), "Đơn vị".into()];
            header.extend(catalogue.all().iter().map(|i| i.label.clone()));
            let csv_err = |e: csv::Error| Error::not_allowed(format!("Không tạo được CSV: {e}"));
            w.write_record(&header).map_err(csv_err)?;
            for (i, u) in children.iter().enumerate() {
                let mut rec = vec![(i + 1).to_string(), u.code.clone(), u.name.clone()];
                rec.extend(catalogue.all().iter().map(|_| String::new()));
                w.write_record(&rec).map_err(csv_err)?;
            }
            w.into_inner()
                .map_err(|e| Error::not_allowed(format!("Không tạo được CSV: {e}")))?
        }
        _ => {
            return Err(Error::not_allowed(format!(
                "Tệp {}: mẫu nhập chỉ tiêu ghi ra .xlsx hoặc .csv.",
                output.display()
            )));
        }
    };
    write_atomic(output, &bytes)?;
    say!(
        "Đã ghi mẫu nhập chỉ tiêu kỳ {period} cho {} đơn vị của {} vào {}.",
        children.len(),
        unit.title_name(),
        output.display()
    );
    Ok(())
}
