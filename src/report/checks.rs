//! Consistency of related figures, the same rule for an import and a draft's check: a part never
//! exceeds its whole (`model::indicator::PART_OF`: OCOP products on e-commerce ≤ OCOP
//! products), and a people-counting indicator (`Indicator::people`) never exceeds the people
//! there are (members trained ≤ members on the teams). Warnings, in Vietnamese, naming the unit,
//! the indicators and both numbers: the office's figures are its own, the clerk decides.

use std::collections::HashMap;

use super::aggregate::{Aggregate, Values};
use crate::model::Catalogue;
use crate::model::PART_OF;
use crate::vietnamese::format_number;

/// The indicator people counted against the members on the teams.
pub const MEMBERS_TRAINED: &str = "members_trained";

/// Where one unit's `values` break a part ≤ whole rule; `unit` names it in the message.
pub fn parts_within_wholes(catalogue: &Catalogue, unit: &str, values: &Values) -> Vec<String> {
    PART_OF
        .iter()
        .filter_map(|&(part, whole)| {
            let (p, w) = (values.get(part)?, values.get(whole)?);
            (p > w).then(|| {
                format!(
                    "{unit}: {} ({}) lớn hơn {} ({}), mà đây là một phần của nó",
                    label(catalogue, part),
                    format_number(p),
                    label(catalogue, whole),
                    format_number(w)
                )
            })
        })
        .collect()
}

/// The same as `parts_within_wholes` with the ids an import reads: `(indicator id, value)`.
pub fn parts_within_wholes_by_id(
    catalogue: &Catalogue,
    unit: &str,
    values: &[(i64, i64)],
) -> Vec<String> {
    let coded = values
        .iter()
        .filter_map(|&(id, v)| Some((catalogue.by_id(id)?.code.clone(), v)))
        .collect();
    parts_within_wholes(catalogue, unit, &Values(coded))
}

fn label(catalogue: &Catalogue, code: &str) -> String {
    catalogue
        .by_code(code)
        .map_or_else(|| code.to_string(), |i| format!("«{}»", i.label))
}

/// Every inconsistency of an aggregate (`what` names it: `quý I năm 2025`, `lũy kế từ đầu
/// năm`): parts over wholes on the total and on each row, and members trained over the members
/// on the teams (`members`: per row unit code, and `total`), as of the day the registry is
/// counted.
pub fn aggregate(
    catalogue: &Catalogue,
    agg: &Aggregate,
    what: &str,
    members: &HashMap<String, usize>,
    total: usize,
) -> Vec<String> {
    let mut out = Vec::new();
    let mut one = |name: &str, values: &Values, people: Option<usize>| {
        for m in parts_within_wholes(catalogue, name, values) {
            out.push(format!("Số liệu {what}, {m}."));
        }
        if let (Some(trained), Some(people)) = (values.get(MEMBERS_TRAINED), people)
            && trained > people as i64
        {
            out.push(format!(
                "Số liệu {what}, {name}: {} ({}) nhiều hơn số thành viên Tổ ({}).",
                label(catalogue, MEMBERS_TRAINED),
                format_number(trained),
                format_number(people as i64)
            ));
        }
    };
    one(&agg.unit.name, &agg.totals, Some(total));
    for row in &agg.rows {
        one(
            &row.unit.name,
            &row.values,
            Some(members.get(&row.unit.code).copied().unwrap_or(0)),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_over_its_whole_is_named_with_both_numbers() {
        let c = Catalogue::builtin();
        let v = Values(vec![
            ("ocop_products".into(), 1),
            ("ocop_on_ecommerce".into(), 4),
        ]);
        let found = parts_within_wholes(&c, "Xã Hòa Sơn", &v);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].contains("Xã Hòa Sơn") && found[0].contains("(4)"),
            "{found:?}"
        );
        let fine = Values(vec![
            ("ocop_products".into(), 4),
            ("ocop_on_ecommerce".into(), 4),
        ]);
        assert!(parts_within_wholes(&c, "Xã Hòa Sơn", &fine).is_empty());
        // A part without its whole is not checked.
        let alone = Values(vec![("ocop_on_ecommerce".into(), 4)]);
        assert!(parts_within_wholes(&c, "Xã Hòa Sơn", &alone).is_empty());
    }
}
