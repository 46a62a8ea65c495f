//! Indicators, the same for both faces: importing a unit's indicator sheet (checked first; a
//! dry run writes nothing), the aggregated report of a unit over a period with its deadline,
//! late units and the year's targets, values typed in the window, and the spreadsheets (the
//! report's appendix table, the entry sheet communes fill in).

use std::path::Path;
use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};

use super::files;
use crate::error::{Error, Field, Result};
use crate::model::{Catalogue, Format, Period, Problems, Unit};
use crate::report::aggregate::{UnitTree, compute};
use crate::report::targets;
use crate::store::indicators::{self as stored, ImportRecord};
use crate::store::{Store, settings, units};

pub use crate::report::aggregate::{Aggregate, Conflict, Row, Source, UnitRef};
pub use crate::report::targets::Progress;

/// The aggregated indicators of a unit over a period: the one computation the `report`
/// command, the window, the report spreadsheet and the report document print.
pub fn aggregate(store: &Store, unit_id: i64, period: Period) -> Result<Aggregate> {
    let conn = store.conn();
    // Only the unit's subtree: a commune's report need not read the whole country's units.
    let tree = UnitTree::new(units::subtree(conn, unit_id)?);
    let catalogue = stored::catalogue(conn)?;
    let range = tree
        .id_range(unit_id)
        .ok_or_else(|| Error::NotFound(format!("đơn vị có số hiệu {unit_id}")))?;
    let values = stored::load_values(conn, range, &period.all_inside())?;
    compute(&tree, &catalogue, &values, unit_id, period)
}

/// The aggregated indicators of a unit from January through the end of `period` (a report's
/// «Lũy kế từ đầu năm»): summed indicators add up the months so far, stocks and people counted
/// take the last value reported by then.
pub fn aggregate_year_to_date(store: &Store, unit_id: i64, period: Period) -> Result<Aggregate> {
    let conn = store.conn();
    let tree = UnitTree::new(units::subtree(conn, unit_id)?);
    let catalogue = stored::catalogue(conn)?;
    let range = tree
        .id_range(unit_id)
        .ok_or_else(|| Error::NotFound(format!("đơn vị có số hiệu {unit_id}")))?;
    let year = Period::Year(period.year());
    let values = stored::load_values(conn, range, &year.all_inside())?;
    crate::report::aggregate::compute_span(
        &tree,
        &catalogue,
        &values,
        unit_id,
        period,
        crate::report::aggregate::Span::year_to_date(period),
    )
}

/// A report as the faces show it.
#[derive(Debug, Clone)]
pub struct ReportView {
    /// The aggregate.
    pub agg: Aggregate,
    /// The catalogue in force.
    pub catalogue: Catalogue,
    /// The deadline of the units below, if they report.
    pub deadline: Option<NaiveDate>,
    /// The units below that are late on `today`.
    pub late: Vec<UnitRef>,
    /// The year's targets against the results.
    pub progress: Vec<Progress>,
    /// The deadlines set for single indicators of the period, each with the units below that
    /// have not reported it once it has passed.
    pub indicator_deadlines: Vec<IndicatorDeadline>,
}

/// A deadline set for one indicator of a period (`cnscd deadline set --indicator`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorDeadline {
    /// The indicator's code.
    pub code: String,
    /// Its label.
    pub label: String,
    /// Its deadline.
    pub due: NaiveDate,
    /// The units below that have not reported it on `today`, once `due` has passed.
    pub late: Vec<UnitRef>,
}

/// The report of `unit_id` over `period` on `today`.
pub fn report(store: &Store, unit_id: i64, period: Period, today: NaiveDate) -> Result<ReportView> {
    let agg = aggregate(store, unit_id, period)?;
    let conn = store.conn();
    let deadline = match agg.level.below() {
        Some(level) => Some(stored::deadline(conn, agg.period, level)?),
        None => None,
    };
    let late = match deadline {
        Some(d) => agg.late(d, today).to_vec(),
        None => Vec::new(),
    };
    let catalogue = stored::catalogue(conn)?;
    let indicator_deadlines = stored::indicator_deadlines(conn, agg.period)?
        .into_iter()
        .filter_map(|(id, due)| {
            let ind = catalogue.by_id(id)?;
            Some(IndicatorDeadline {
                late: if agg.level.below().is_some() {
                    agg.late_for(&ind.code, due, today)
                } else {
                    Vec::new()
                },
                code: ind.code.clone(),
                label: ind.label.clone(),
                due,
            })
        })
        .collect();
    Ok(ReportView {
        indicator_deadlines,
        catalogue,
        progress: progress(store, unit_id, period.year(), today)?,
        deadline,
        late,
        agg,
    })
}

/// The year's targets of a unit (its own, else its children's summed) against the results.
pub fn progress(store: &Store, unit_id: i64, year: i32, today: NaiveDate) -> Result<Vec<Progress>> {
    let conn = store.conn();
    let own = stored::targets(conn, unit_id, year)?;
    let mut below = Vec::new();
    for child in units::children(conn, unit_id)? {
        below.push(stored::targets(conn, child.id, year)?);
    }
    let targets = targets::combine(own, &below);
    if targets.is_empty() {
        return Ok(Vec::new());
    }
    let agg = aggregate(store, unit_id, Period::Year(year))?;
    let catalogue = stored::catalogue(conn)?;
    Ok(targets::compare(
        &catalogue,
        &targets,
        &agg.totals,
        year,
        today,
    ))
}

/// The unit a sheet's rows are under: `unit`, else the office's own unit; `None` when neither
/// is set (a national office: the whole registry).
pub fn unit_or_office(store: &Store, unit: Option<&str>) -> Result<Option<Unit>> {
    if let Some(u) = unit {
        return units::resolve(store.conn(), u).map(Some);
    }
    match settings::office(store.conn())?.unit_code {
        Some(code) => Ok(units::by_code(store.conn(), &code)?),
        None => Ok(None),
    }
}

/// What an indicator import found or wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The sheet's problem list (empty: accepted), notices and counts.
    pub report: Problems,
    /// How many units the sheet gives values for.
    pub units: usize,
}

/// Checks a unit's indicator sheet for `period` under `root` (every unit when `None`) and,
/// unless `dry_run`, records it in one transaction at `now`. A sheet with any problem comes
/// back as `Error::Refused` listing every problem; nothing is written.
pub fn import(
    store: &mut Store,
    file: &Path,
    period: Period,
    root: Option<i64>,
    dry_run: bool,
    now: NaiveDateTime,
) -> Result<Imported> {
    use crate::import::indicators::{UnitIndex, fields, plan};
    use crate::import::reading::{describe_layout, settle, unsettled};
    use crate::import::sheet_layout::Overrides;
    let bytes = files::read(file)?;
    let mut read = crate::import::workbook::read(file, None)?;
    let file_name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.display().to_string());
    let tree = UnitTree::new(units::all(store.conn())?);
    let catalogue = stored::catalogue(store.conn())?;
    let index = UnitIndex::new(tree.descendants(root));
    let parent = root
        .and_then(|id| tree.unit(id))
        .map_or_else(|| "sổ đơn vị".to_string(), Unit::title_name);
    // Read as every import reads: the encoding of a text file named, legacy-encoded text
    // converted, the header found by the sheet reader.
    let mut report = Problems::new(&file_name);
    report.notices.extend(super::reading::read_note(&read));
    crate::import::table::report_error_cells(&read.sheet, &mut report);
    let converted = crate::import::legacy::convert_sheet(&mut read.sheet);
    let fields = fields(&catalogue);
    let settled = match settle(
        &read.head(),
        &read.merges,
        &fields,
        &Overrides::default(),
        &|_| None,
    ) {
        Ok(s) => s,
        Err(u) => {
            unsettled(&u, &mut report);
            return Err(Error::Refused(Arc::new(report)));
        }
    };
    describe_layout(&settled, &fields, &mut report);
    crate::import::roster::legacy_notices(&settled.layout, &converted, &mut report);
    let mut plan = plan(
        settled.layout,
        read.lines(),
        report,
        &catalogue,
        &index,
        &parent,
    );
    if !plan.report.is_ok() {
        return Err(Error::Refused(Arc::new(plan.report)));
    }
    // Related figures that disagree (a part over its whole) are said, not refused: the office
    // may be correcting one of them in a later sheet.
    for row in &plan.rows {
        let name = tree
            .unit(row.unit_id)
            .map_or_else(|| row.unit_id.to_string(), Unit::title_name);
        for m in crate::report::checks::parts_within_wholes_by_id(&catalogue, &name, &row.values) {
            plan.report.notices.push(format!("Cảnh báo: {m}."));
        }
    }
    let units = plan.rows.len();
    if dry_run || plan.rows.is_empty() {
        return Ok(Imported {
            report: plan.report,
            units,
        });
    }
    let record = ImportRecord {
        file_name,
        sha256: files::sha256_hex(&bytes),
        imported_at: now.format("%Y-%m-%dT%H:%M:%S").to_string(),
        period,
        unit_id: root,
        row_count: plan.rows.len(),
    };
    let written = store.transaction(|tx| stored::record_import(tx, &record, &plan.rows))?;
    plan.report.added = written.values;
    plan.report.updated = written.replaced;
    Ok(Imported {
        report: plan.report,
        units,
    })
}

/// Saves values typed in the window, `(unit id, indicator id, value)`, for `period` in one
/// transaction; returns how many.
pub fn save_values(store: &mut Store, period: Period, values: &[(i64, i64, i64)]) -> Result<usize> {
    store.transaction(|tx| {
        for (unit, ind, v) in values {
            stored::set_value(tx, *unit, period, *ind, *v)?;
        }
        Ok(values.len())
    })
}

/// The line under the report table's title: `Báo cáo số       /BC-UBND ngày      tháng      năm
/// 2024 của ỦY BAN NHÂN DÂN XÃ HÒA BẮC` (the issuing body, else the unit's name).
pub fn report_reference(store: &Store, agg: &Aggregate) -> Result<String> {
    let office = settings::office(store.conn())?;
    let issuer = if office.issuing_body.is_empty() {
        agg.unit.name.clone()
    } else {
        office.issuing_body.clone()
    };
    Ok(format!(
        "Báo cáo số       /BC-{} ngày      tháng      năm {} của {}",
        office.symbol_org,
        agg.period.year(),
        issuer
    ))
}

/// Writes the report's appendix table of `agg` to `output` (.xlsx).
pub fn export_report_table(store: &Store, agg: &Aggregate, output: &Path) -> Result<()> {
    if Format::of_path(output) != Some(Format::Xlsx) {
        return Err(Error::bad_value(
            Field::Output,
            output.display().to_string(),
            "bảng tổng hợp chỉ ghi ra .xlsx",
        ));
    }
    let attached = report_reference(store, agg)?;
    let bytes = crate::export::report_xlsx::report_table(agg, &attached)?;
    files::write_atomic(output, &bytes)
}

/// Writes the entry sheet of `unit`'s children for `period` to `output` (.xlsx or .csv);
/// returns how many units it lists.
pub fn export_entry_sheet(
    store: &Store,
    unit: &Unit,
    period: Period,
    output: &Path,
) -> Result<usize> {
    let conn = store.conn();
    let catalogue = stored::catalogue(conn)?;
    let children: Vec<UnitRef> = units::children(conn, unit.id)?
        .iter()
        .map(UnitRef::from)
        .collect();
    let bytes = match Format::of_path(output) {
        Some(Format::Xlsx) => crate::export::report_xlsx::entry_sheet(
            &unit.into(),
            &children,
            catalogue.all(),
            period,
        )?,
        Some(Format::Csv) => crate::export::report_xlsx::entry_csv(&children, catalogue.all())?,
        _ => {
            return Err(Error::bad_value(
                Field::Output,
                output.display().to_string(),
                "mẫu nhập chỉ tiêu ghi ra .xlsx hoặc .csv",
            ));
        }
    };
    files::write_atomic(output, &bytes)?;
    Ok(children.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        s.parse().expect("period")
    }

    #[test]
    fn sample_values_aggregate_over_the_commune() {
        let mut store = crate::Store::open_in_memory().expect("db");
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
        crate::ops::sample::sample(
            &mut store,
            crate::ops::sample::Scale::Commune,
            1,
            today,
            &std::sync::atomic::AtomicBool::new(false),
        )
        .expect("sample with values");
        let commune = units::resolve(store.conn(), "Hòa Bắc").expect("commune");
        let year = aggregate(&store, commune.id, p("2025")).expect("aggregate");
        assert_eq!(year.rows.len(), 12);
        assert!(year.missing.is_empty());
        let guided: i64 = year
            .rows
            .iter()
            .map(|r| r.values.get("citizens_guided").expect("reported"))
            .sum();
        assert_eq!(year.totals.get("citizens_guided"), Some(guided));
        assert!(
            guided > 12 * 4 * 30,
            "tens to hundreds per village per quarter: {guided}"
        );
        assert!(year.conflicts.is_empty());
        let latest = aggregate(&store, commune.id, p("2026-Q3")).expect("aggregate");
        assert!(!latest.missing.is_empty(), "a village has not reported");
        assert!(latest.totals.get("ocop_products").is_some());
    }
}

pub use crate::store::indicators::NewIndicator;

/// One yearly target of a unit, as `target list` and a plan's §II print it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TargetRow {
    /// Indicator code.
    pub indicator: String,
    /// Its label.
    pub label: String,
    /// Its unit of measure.
    pub measure: String,
    /// The year's target.
    pub target: i64,
}

/// Sets a unit's target for `year` on the indicator `code` (a code or a label), as the window's
/// grid and `cnscd target set` do.
pub fn set_target(
    store: &mut Store,
    unit_id: i64,
    year: i32,
    code: &str,
    value: i64,
) -> Result<TargetRow> {
    let catalogue = stored::catalogue(store.conn())?;
    let ind = catalogue
        .by_code(code.trim())
        .or_else(|| catalogue.match_header(code))
        .ok_or_else(|| {
            Error::bad_value(
                crate::error::Field::Indicator,
                code,
                "không có chỉ tiêu này; xem mã chỉ tiêu bằng lệnh «cnscd report»",
            )
        })?
        .clone();
    store.transaction(|tx| stored::set_target(tx, unit_id, year, ind.id, value))?;
    Ok(TargetRow {
        indicator: ind.code,
        label: ind.label,
        measure: ind.measure,
        target: value,
    })
}

/// A unit's own targets for `year`, in catalogue order.
pub fn targets(store: &Store, unit_id: i64, year: i32) -> Result<Vec<TargetRow>> {
    let catalogue = stored::catalogue(store.conn())?;
    Ok(stored::targets(store.conn(), unit_id, year)?
        .into_iter()
        .filter_map(|(id, target)| {
            let ind = catalogue.by_id(id)?;
            Some(TargetRow {
                indicator: ind.code.clone(),
                label: ind.label.clone(),
                measure: ind.measure.clone(),
                target,
            })
        })
        .collect())
}

/// The catalogue in force: the built-in indicators and the office's own, retired ones left out.
pub fn catalogue(store: &Store) -> Result<Catalogue> {
    stored::catalogue(store.conn())
}

/// Sets the reporting deadline of one indicator (a code or a label) of `period` (`cnscd
/// deadline set --indicator`); returns its label.
pub fn set_indicator_deadline(
    store: &mut Store,
    period: Period,
    code: &str,
    due: NaiveDate,
) -> Result<String> {
    let catalogue = stored::catalogue(store.conn())?;
    let ind = catalogue
        .by_code(code.trim())
        .or_else(|| catalogue.match_header(code))
        .ok_or_else(|| {
            Error::bad_value(
                Field::Indicator,
                code,
                "không có chỉ tiêu này; xem mã chỉ tiêu bằng lệnh «cnscd target list»",
            )
        })?
        .clone();
    store.transaction(|tx| stored::set_indicator_deadline(tx, period, ind.id, due))?;
    Ok(ind.label)
}

/// Sets the reporting deadline of `period` for every level that reports (`cnscd deadline set`).
pub fn set_deadline(store: &mut Store, period: Period, due: NaiveDate) -> Result<()> {
    store.transaction(|tx| {
        for level in crate::model::Level::ALL {
            stored::set_deadline(tx, period, level, due)?;
        }
        Ok(())
    })
}

/// Adds an office's own indicator (`cnscd indicator add`): refused when its code or label is
/// taken.
pub fn add_indicator(store: &mut Store, new: &NewIndicator) -> Result<crate::model::Indicator> {
    let new = &super::hygiene::indicator(store, new)?;
    store.transaction(|tx| stored::add_indicator(tx, new))
}

pub use crate::store::indicators::OwnIndicator;

/// The office's own indicators, retired ones included (Cài đặt, `cnscd indicator list`).
pub fn own_indicators(store: &Store) -> Result<Vec<OwnIndicator>> {
    stored::own_indicators(store.conn())
}

/// Renames the office's own indicator `code` (`cnscd indicator rename`, Cài đặt).
pub fn rename_indicator(store: &mut Store, code: &str, label: &str) -> Result<()> {
    store.transaction(|tx| stored::rename_indicator(tx, code, label))
}

/// Retires the office's own indicator `code`, or brings it back (`cnscd indicator retire`).
pub fn retire_indicator(store: &mut Store, code: &str, retired: bool) -> Result<()> {
    store.transaction(|tx| stored::retire_indicator(tx, code, retired))
}
