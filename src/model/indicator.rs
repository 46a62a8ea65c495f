//! The indicator catalogue: the 14 built-in indicators of interfaces.md §3 with their labels and
//! aliases, plus the indicators an office defines, and the matching of a spreadsheet header to an
//! indicator. And the values as they are stored and imported.

use std::collections::HashMap;

use serde::Serialize;

use super::Period;
use crate::vietnamese::header_key;

/// One indicator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Indicator {
    /// Database id (1–14 for the built-in ones).
    pub id: i64,
    /// Stable key in JSON and the database (`citizens_guided`).
    pub code: String,
    /// Vietnamese label, as a table header prints it.
    pub label: String,
    /// Unit of measure (`người`, `tài khoản`).
    pub measure: String,
    /// Whether values add up over periods (`true`) or are point-in-time counts whose longer-period
    /// value is the latest one reported (`false`).
    pub summable: bool,
    /// Whether it counts distinct people or households (`members_trained`,
    /// `households_reached`): never summed over periods (a year's figure is the distinct people
    /// of the year, else the last value reported), and never more than the people there are.
    pub people: bool,
    /// Other headers that mean this indicator.
    pub aliases: Vec<String>,
}

/// The built-in indicators: (code, label, measure, summable over periods, aliases). Ids are
/// positions + 1, as seeded by migration 0002 (which keeps no semantics: these are the code's).
///
/// Not summable: the stocks (`ocop_products`, and `ocop_on_ecommerce`, the OCOP products that
/// are on a platform: the same product counted each quarter would be counted twice) and the
/// people-counting ones (`PEOPLE`). Every other indicator counts events (a session held, an
/// account created, a visit made: `lượt người`) and adds up.
const BUILTIN: &[(&str, &str, &str, bool, &[&str])] = &[
    (
        "training_sessions",
        "Số buổi hội nghị, tập huấn",
        "buổi",
        true,
        &["buổi tập huấn", "buổi hội nghị, tập huấn"],
    ),
    (
        "members_trained",
        "Số thành viên Tổ được tập huấn",
        "người",
        false,
        &[
            "thành viên của Tổ được tập huấn",
            "thành viên được tập huấn",
        ],
    ),
    (
        "citizens_guided",
        "Số người dân được hướng dẫn",
        "lượt người",
        true,
        &[
            "lượt người dân được hướng dẫn",
            "người dân được hướng dẫn kỹ năng số",
        ],
    ),
    (
        "dvc_accounts",
        "Số tài khoản dịch vụ công trực tuyến được tạo",
        "tài khoản",
        true,
        &["tài khoản DVCTT được tạo", "tài khoản DVCTT"],
    ),
    (
        "vneid_accounts",
        "Số tài khoản VNeID được kích hoạt",
        "tài khoản",
        true,
        &[
            "tài khoản VNeID được tạo",
            "tài khoản định danh điện tử được kích hoạt",
        ],
    ),
    (
        "online_applications",
        "Số hồ sơ trực tuyến được hướng dẫn nộp",
        "hồ sơ",
        true,
        &["hồ sơ trực tuyến"],
    ),
    (
        "ewallet_accounts",
        "Số tài khoản thanh toán, ví điện tử được mở",
        "tài khoản",
        true,
        &["ví điện tử"],
    ),
    (
        "cashless_points",
        "Số điểm, cửa hàng thanh toán không dùng tiền mặt",
        "điểm",
        true,
        &["cửa hàng sử dụng thanh toán điện tử"],
    ),
    (
        "ecommerce_products",
        "Số sản phẩm đưa lên sàn thương mại điện tử",
        "sản phẩm",
        true,
        &["sản phẩm lên sàn TMĐT"],
    ),
    (
        "ocop_products",
        "Số sản phẩm OCOP của địa phương",
        "sản phẩm",
        false,
        &["sản phẩm OCOP"],
    ),
    (
        "ocop_on_ecommerce",
        "Số sản phẩm OCOP được đưa lên sàn TMĐT",
        "sản phẩm",
        false,
        &["OCOP được đưa lên sàn TMĐT"],
    ),
    (
        "households_reached",
        "Số hộ gia đình được hướng dẫn",
        "hộ",
        false,
        &["hộ gia đình có thành viên biết kỹ năng số cơ bản"],
    ),
    (
        "digital_signatures",
        "Số chữ ký số cá nhân được cấp",
        "chữ ký số",
        true,
        &["chữ ký số cá nhân"],
    ),
    (
        "cyber_safety_guided",
        "Số lượt người được hướng dẫn an toàn thông tin",
        "lượt người",
        true,
        &["phòng chống lừa đảo trực tuyến"],
    ),
];

/// The built-in indicators that count distinct people or households: the members trained (a
/// member trained twice is one person) and the households reached (a household guided in two
/// quarters is one household). `citizens_guided` and `cyber_safety_guided` are `lượt người`
/// (visits) and add up.
pub const PEOPLE: &[&str] = &["members_trained", "households_reached"];

/// Related indicators where one counts a part of the other: (part, whole). A unit's part never
/// exceeds its whole in the same period; the import and the draft's check say so when it does.
pub const PART_OF: &[(&str, &str)] = &[("ocop_on_ecommerce", "ocop_products")];

/// How many indicators are built in.
pub const BUILTIN_COUNT: usize = BUILTIN.len();

/// The codes of the built-in indicators, in catalogue order, without building a [`Catalogue`]
/// (which keys every label and alias for header matching).
pub fn builtin_codes() -> impl Iterator<Item = &'static str> {
    BUILTIN.iter().map(|(code, ..)| *code)
}

/// The key a header or label is matched by: NFC, lower case, accents optional, white space and
/// line breaks collapsed, a bracketed note dropped, and a leading `số lượng`/`số` dropped.
pub fn label_key(s: &str) -> String {
    let k = header_key(s);
    let k = k.trim_end_matches(['.', ',', ';']).trim();
    for prefix in ["so luong ", "so "] {
        if let Some(rest) = k.strip_prefix(prefix) {
            return rest.trim().to_string();
        }
    }
    k.to_string()
}

/// The catalogue in force: built-in indicators first, then the office's own, in id order.
#[derive(Debug, Clone)]
pub struct Catalogue {
    indicators: Vec<Indicator>,
    by_key: HashMap<String, usize>,
    /// Position by id (ids are small: 1–14 and the office's few).
    by_id: Vec<usize>,
}

impl Catalogue {
    /// The built-in indicators only.
    pub fn builtin() -> Catalogue {
        Catalogue::with_custom(Vec::new())
    }

    /// The built-in indicators plus `custom` (as stored by an office).
    pub fn with_custom(custom: Vec<Indicator>) -> Catalogue {
        let mut indicators: Vec<Indicator> = BUILTIN
            .iter()
            .enumerate()
            .map(|(i, (code, label, measure, summable, aliases))| Indicator {
                id: i as i64 + 1,
                code: (*code).into(),
                label: (*label).into(),
                measure: (*measure).into(),
                summable: *summable,
                people: PEOPLE.contains(code),
                aliases: aliases.iter().map(|a| (*a).to_string()).collect(),
            })
            .collect();
        indicators.extend(custom);
        let mut by_key = HashMap::new();
        let max_id = indicators.iter().map(|i| i.id).max().unwrap_or(0).max(0) as usize;
        let mut by_id = vec![usize::MAX; max_id + 1];
        for (i, ind) in indicators.iter().enumerate() {
            if let Ok(id) = usize::try_from(ind.id) {
                by_id[id] = i;
            }
            // Labels win over aliases, earlier indicators over later ones.
            by_key.entry(label_key(&ind.label)).or_insert(i);
        }
        for (i, ind) in indicators.iter().enumerate() {
            for a in &ind.aliases {
                by_key.entry(label_key(a)).or_insert(i);
            }
            by_key.entry(ind.code.to_lowercase()).or_insert(i);
        }
        Catalogue {
            indicators,
            by_key,
            by_id,
        }
    }

    /// Every indicator, built-in first.
    pub fn all(&self) -> &[Indicator] {
        &self.indicators
    }

    /// The indicator a spreadsheet header means, if any.
    pub fn match_header(&self, header: &str) -> Option<&Indicator> {
        self.by_key
            .get(&label_key(header))
            .map(|&i| &self.indicators[i])
    }

    /// By code.
    pub fn by_code(&self, code: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.code == code)
    }

    /// By database id.
    pub fn by_id(&self, id: i64) -> Option<&Indicator> {
        self.position(id).map(|i| &self.indicators[i])
    }

    /// Position of an id in `all()`.
    pub fn position(&self, id: i64) -> Option<usize> {
        usize::try_from(id)
            .ok()
            .and_then(|i| self.by_id.get(i))
            .copied()
            .filter(|&p| p != usize::MAX)
    }
}

/// One stored value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoredValue {
    /// The unit.
    pub unit_id: i64,
    /// The period it was reported for.
    pub period: Period,
    /// Indicator id.
    pub indicator: i64,
    /// The value (never negative).
    pub value: i64,
}

/// Values of one unit in one imported sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitValues {
    /// The unit.
    pub unit_id: i64,
    /// (indicator id, value), blanks left out.
    pub values: Vec<(i64, i64)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fourteen_codes_with_stable_ids() {
        let c = Catalogue::builtin();
        assert_eq!(c.all().len(), 14);
        assert_eq!(c.by_id(3).map(|i| i.code.as_str()), Some("citizens_guided"));
        assert_eq!(
            c.by_id(14).map(|i| i.code.as_str()),
            Some("cyber_safety_guided")
        );
    }

    #[test]
    fn headers_match_labels_and_aliases_loosely() {
        let c = Catalogue::builtin();
        let cases = [
            ("Số buổi hội nghị, tập huấn", "training_sessions"),
            ("Số lượng buổi tập huấn", "training_sessions"),
            ("SỐ THÀNH VIÊN TỔ\nĐƯỢC TẬP HUẤN", "members_trained"),
            ("Số người dân\n được hướng dẫn", "citizens_guided"),
            ("so nguoi dan duoc huong dan", "citizens_guided"),
            ("Số tài khoản DVCTT", "dvc_accounts"),
            ("Tài khoản VNeID được tạo", "vneid_accounts"),
            ("Số hồ sơ trực tuyến (hồ sơ)", "online_applications"),
            ("Ví điện tử", "ewallet_accounts"),
            ("Sản phẩm lên sàn TMĐT", "ecommerce_products"),
            ("Số sản phẩm OCOP", "ocop_products"),
            ("OCOP được đưa lên sàn TMĐT", "ocop_on_ecommerce"),
            ("Phòng chống lừa đảo trực tuyến", "cyber_safety_guided"),
            ("Số chữ ký số cá nhân được cấp", "digital_signatures"),
        ];
        for (header, code) in cases {
            assert_eq!(
                c.match_header(header).map(|i| i.code.as_str()),
                Some(code),
                "{header:?}"
            );
        }
        assert!(c.match_header("Ghi chú").is_none());
        assert!(c.match_header("Đơn vị").is_none());
    }

    #[test]
    fn an_office_indicator_matches_by_label() {
        let c = Catalogue::with_custom(vec![Indicator {
            id: 15,
            code: "vssid_installs".into(),
            label: "Số lượt cài đặt VssID".into(),
            measure: "lượt".into(),
            summable: true,
            people: false,
            aliases: vec![],
        }]);
        assert_eq!(c.match_header("lượt cài đặt VssID").map(|i| i.id), Some(15));
    }
}
