use super::*;

#[test]
fn level_words_of_2025_and_before_lead_names() {
    fn split(s: &str) -> Option<(&'static str, Option<Level>, &str)> {
        split_level_word(s).map(|(w, rest)| (w.kind, w.level, rest))
    }
    assert_eq!(
        split("Tỉnh Quảng Ninh"),
        Some(("tỉnh", Some(Level::Province), "Quảng Ninh"))
    );
    assert_eq!(
        split("Thành phố Hà Nội"),
        Some(("thành phố", None, "Hà Nội"))
    );
    assert_eq!(
        split("Thành phố trực thuộc trung ương Cần Thơ"),
        Some(("thành phố", Some(Level::Province), "Cần Thơ"))
    );
    assert_eq!(
        split("Đặc khu Phú Quốc"),
        Some(("đặc khu", Some(Level::Commune), "Phú Quốc"))
    );
    assert_eq!(
        split("Thị trấn Lang Chánh"),
        Some(("thị trấn", Some(Level::Commune), "Lang Chánh"))
    );
    assert_eq!(
        split("Thị xã Sơn Tây").map(|s| s.1),
        Some(Some(Level::District))
    );
    assert_eq!(split("Quận 3").map(|s| s.2), Some("3"));
    assert_eq!(
        split("Huyện Hòa Vang").map(|s| s.1),
        Some(Some(Level::District))
    );
    assert_eq!(split("XÃ HÒA BẮC").map(|s| s.2), Some("HÒA BẮC"));
    assert_eq!(split("Tổ dân phố số 5").map(|s| s.0), Some("tổ dân phố"));
    assert_eq!(split("TDP Số 5").map(|s| s.2), Some("Số 5"));
    assert_eq!(split("Tp Hồ Chí Minh").map(|s| s.2), Some("Hồ Chí Minh"));
    assert_eq!(split("TP.Đà Nẵng").map(|s| s.2), Some("Đà Nẵng"));
    assert_eq!(split("P. Bến Nghé").map(|s| s.0), Some("phường"));
    assert_eq!(split("Ấp Mỹ Hòa").map(|s| s.0), Some("ấp"));
    assert_eq!(split("Bản Nà Khương").map(|s| s.0), Some("bản"));
    // Accents matter: these are names, not level words.
    assert_eq!(split("Lạng Sơn"), None);
    assert_eq!(split("Xà Hồ"), None);
    assert_eq!(split("Tân Phú"), None);
    // Without any accent only words no place name begins with.
    assert_eq!(split("Xa Hoa Bac").map(|s| s.2), Some("Hoa Bac"));
    assert_eq!(split("Quan Hoa"), None);
    assert_eq!(split("Lang Son"), None);
    // A word alone is not a name.
    assert_eq!(split("Thôn"), None);
    assert_eq!(
        parse_level_word("Thành phố trực thuộc trung ương").map(|w| w.level),
        Some(Some(Level::Province))
    );
    assert_eq!(parse_level_word("Đặc khu").map(|w| w.kind), Some("đặc khu"));
    assert_eq!(parse_level_word("TDP").map(|w| w.kind), Some("tổ dân phố"));
    assert_eq!(parse_level_word("thanh pho").map(|w| w.level), Some(None));
    assert_eq!(parse_level_word("Lâu đài"), None);
}

#[test]
fn name_keys_forgive_spelling() {
    assert_eq!(name_key("Thôn 01"), name_key("1"));
    assert_eq!(name_key("Xã Khánh Hoà"), name_key("Khánh Hòa"));
    assert_eq!(
        name_key("Phường Văn Miếu - Quốc Tử Giám"),
        name_key("Văn Miếu – Quốc Tử Giám")
    );
    assert_eq!(name_key("TỈNH LÀO CAI"), "lao cai");
    assert_ne!(name_key("Thôn 10"), name_key("Thôn 1"));
}

/// Provinces and wards of 2025 where a province and one of its wards share a name, and a
/// commune name repeats across provinces (codes of Công văn 1027/CTK-CSCL).
fn sample() -> UnitNames {
    let mut n = UnitNames::default();
    let lao_cai = n.push(UnitEntry::from_row(Some("15"), "Lào Cai", "Tỉnh"));
    let thanh_hoa = n.push(UnitEntry::from_row(Some("38"), "Thanh Hóa", "Tỉnh"));
    let quang_tri = n.push(UnitEntry::from_row(Some("44"), "Quảng Trị", "Tỉnh"));
    let quang_ninh = n.push(UnitEntry::from_row(Some("22"), "Quảng Ninh", "Tỉnh"));
    let hcm = n.push(UnitEntry::from_row(
        Some("79"),
        "Thành phố Hồ Chí Minh",
        "Thành phố trực thuộc trung ương",
    ));
    for (code, name, parent) in [
        ("02647", "Phường Lào Cai", lao_cai),
        ("04342", "Xã Khánh Hòa", lao_cai),
        ("16540", "Xã Quảng Ninh", thanh_hoa),
        ("19207", "Xã Quảng Ninh", quang_tri),
        ("19360", "Phường Quảng Trị", quang_tri),
        ("06712", "Phường Móng Cái 1", quang_ninh),
        ("26734", "Phường Sài Gòn", hcm),
    ] {
        let i = n.push(UnitEntry::from_row(Some(code), name, ""));
        n.set_parent(i, Some(parent));
    }
    n
}

fn code(n: &UnitNames, r: Result<usize, Unresolved>) -> String {
    match r {
        Ok(i) => n.entry(i).code.clone().unwrap_or_default(),
        Err(e) => format!("lỗi: {}", e.reason(n)),
    }
}

#[test]
fn a_parent_written_in_full_or_bare_is_the_unit_above_the_child() {
    let n = sample();
    let commune = Want {
        above: Some(Level::Commune),
        ..Want::default()
    };
    // In full with its level word: the province, not the ward of the same name.
    assert_eq!(code(&n, n.resolve("Tỉnh Lào Cai", &commune)), "15");
    assert_eq!(code(&n, n.resolve("Tỉnh Quảng Trị", &commune)), "44");
    // Without the level word: the ward is not above a commune, the province is.
    assert_eq!(code(&n, n.resolve("Lào Cai", &commune)), "15");
    assert_eq!(code(&n, n.resolve("LÀO CAI", &commune)), "15");
    // Level words of 2025 and their abbreviations.
    assert_eq!(code(&n, n.resolve("Tp Hồ Chí Minh", &commune)), "79");
    assert_eq!(code(&n, n.resolve("Thành phố Hồ Chí Minh", &commune)), "79");
    assert_eq!(
        code(&n, n.resolve("TP. HCM", &commune)),
        "lỗi: không có đơn vị «TP. HCM» trong tệp hay trong danh sách đơn vị"
    );
    // `Quảng Ninh` is a province and two communes elsewhere: only the province is above.
    assert_eq!(code(&n, n.resolve("Quảng Ninh", &commune)), "22");
    // A commune's name written in full, when a village is the child.
    let village = Want {
        above: Some(Level::Village),
        ..Want::default()
    };
    assert_eq!(code(&n, n.resolve("Phường Lào Cai", &village)), "02647");
    // Bare, for a village: the ward and the province both sit above it; the ward is nearer.
    assert_eq!(code(&n, n.resolve("Lào Cai", &village)), "02647");
    // Codes win, in the name's place or beside it.
    assert_eq!(code(&n, n.resolve("19207", &village)), "19207");
    assert_eq!(
        code(&n, n.resolve_with_code("16540", "Xã Quảng Ninh", &village)),
        "16540"
    );
    assert_eq!(
        code(&n, n.resolve_with_code("99999", "Xã Quảng Ninh", &village)),
        "lỗi: không có đơn vị nào mang mã «99999»"
    );
}

#[test]
fn repeated_commune_names_need_the_path_or_are_a_true_tie() {
    let n = sample();
    let village = Want {
        above: Some(Level::Village),
        ..Want::default()
    };
    let tie = code(&n, n.resolve("Xã Quảng Ninh", &village));
    assert!(tie.contains("khớp với 2 đơn vị ngang nhau"), "{tie}");
    assert!(
        tie.contains("16540 – Xã Quảng Ninh thuộc Tỉnh Thanh Hóa"),
        "{tie}"
    );
    assert!(
        tie.contains("19207 – Xã Quảng Ninh thuộc Tỉnh Quảng Trị"),
        "{tie}"
    );
    // The province written after a comma.
    assert_eq!(
        code(&n, n.resolve("Xã Quảng Ninh, Tỉnh Quảng Trị", &village)),
        "19207"
    );
    // The province written bare after the comma: it shares its name with one of its wards,
    // and is the one above all the others; a commune is never under a ward either.
    for written in [
        "Xã Quảng Ninh, Quảng Trị",
        "Quảng Ninh, Quảng Trị",
        "Quảng Ninh, QUẢNG TRỊ",
    ] {
        assert_eq!(code(&n, n.resolve(written, &village)), "19207", "{written}");
    }
    let commune = Want {
        above: Some(Level::Commune),
        ..Want::default()
    };
    assert_eq!(code(&n, n.resolve("Quảng Trị", &commune)), "44");
    // A place written under a ward of the province's name is that ward's.
    assert_eq!(
        code(&n, n.resolve("Phường Quảng Trị, Quảng Trị", &village)),
        "19360"
    );
    // The context names the province (a section row, the office's unit).
    let thanh_hoa = n.by_code("38").expect("38");
    let hinted = Want {
        above: Some(Level::Village),
        hints: &[thanh_hoa],
        exclude: None,
    };
    assert_eq!(code(&n, n.resolve("Quảng Ninh", &hinted)), "16540");
    // A unit is never its own parent.
    let ward = n.by_code("02647").expect("ward");
    let own = Want {
        above: None,
        hints: &[],
        exclude: Some(ward),
    };
    assert_eq!(code(&n, n.resolve("Lào Cai", &own)), "15");
    assert_eq!(
        n.describe(ward),
        "02647 – Phường Lào Cai thuộc Tỉnh Lào Cai"
    );
    assert_eq!(
        n.full_name(n.by_code("79").expect("79")),
        "Thành phố Hồ Chí Minh"
    );
}
