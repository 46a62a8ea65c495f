use super::*;

fn t(s: &str) -> Cell {
    Cell::Text(s.into())
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).expect("date")
}

fn phone(c: Cell) -> Result<Option<String>, String> {
    parse_phone(&c)
        .map(|p| p.map(|p| p.number))
        .map_err(|e| e.reason)
}

#[test]
fn phones_as_people_type_them() {
    for written in [
        "0912345678",
        "0912.345.678",
        "0912 345 678",
        "0912-345-678",
        "091 234 5678",
        "+84 912 345 678",
        "+84912345678",
        "(+84) 912.345.678",
        "84912345678",
        "84-912-345-678",
        "0084 912 345 678",
        "ĐT: 0912.345.678",
        "0912345678 (Zalo)",
        "0912\u{a0}345\u{a0}678",
    ] {
        assert_eq!(
            phone(t(written)),
            Ok(Some("0912345678".into())),
            "{written}"
        );
    }
    // A number cell lost the leading zero.
    assert_eq!(
        phone(Cell::Number(912_345_678.0)),
        Ok(Some("0912345678".into()))
    );
    assert_eq!(
        phone(Cell::Number(84_912_345_678.0)),
        Ok(Some("0912345678".into()))
    );
    // Old 11-digit mobiles take their 2018 prefixes.
    assert_eq!(phone(t("01689.123.456")), Ok(Some("0389123456".into())));
    assert_eq!(phone(t("0123 456 7890")), Ok(Some("0834567890".into())));
    // Landlines have eleven digits.
    assert_eq!(phone(t("0236 3822 123")), Ok(Some("02363822123".into())));
    assert_eq!(phone(t("(0236) 3822123")), Ok(Some("02363822123".into())));
    assert_eq!(phone(Cell::Empty), Ok(None));
    assert_eq!(phone(t("  ")), Ok(None));
    // Two numbers: the first, and the other kept.
    let two = parse_phone(&t("0912.345.678 / 0905 111 222"))
        .expect("ok")
        .expect("some");
    assert_eq!(two.number, "0912345678");
    assert_eq!(two.others, vec!["0905111222".to_string()]);
    let two = parse_phone(&t("0912345678 hoặc 0905111222"))
        .expect("ok")
        .expect("some");
    assert_eq!(two.others, vec!["0905111222".to_string()]);
    // Refused, with the reason.
    assert!(phone(t("12345")).unwrap_err().contains("không hợp lệ"));
    assert!(phone(t("1900 1234")).unwrap_err().contains("không hợp lệ"));
    assert!(
        phone(t("+1 202 555 0100"))
            .unwrap_err()
            .contains("Việt Nam")
    );
    assert!(phone(t("không có")).is_err());
    assert!(phone(t("0912345678 nhà riêng")).is_err());
}

fn year(c: Cell) -> Result<Option<(i32, bool)>, String> {
    parse_birth_year(&c, today())
        .map(|y| y.map(|y| (y.year, y.from_date)))
        .map_err(|e| e.reason)
}

#[test]
fn years_whole_dates_serials_and_two_digit_years() {
    assert_eq!(year(t("1985")), Ok(Some((1985, false))));
    assert_eq!(year(Cell::Number(1985.0)), Ok(Some((1985, false))));
    assert_eq!(year(t(" năm 1985 ")), Ok(Some((1985, false))));
    assert_eq!(year(t("05/03/1985")), Ok(Some((1985, true))));
    assert_eq!(year(t("5/3/1985")), Ok(Some((1985, true))));
    assert_eq!(year(t("5-3-1985")), Ok(Some((1985, true))));
    assert_eq!(year(t("05.03.1985")), Ok(Some((1985, true))));
    assert_eq!(year(t("1985-03-05")), Ok(Some((1985, true))));
    assert_eq!(year(t("03/1985")), Ok(Some((1985, true))));
    assert_eq!(year(t("5/3/85")), Ok(Some((1985, true))));
    // An English Excel wrote month first: the year is the same.
    assert_eq!(year(t("12/25/1990")), Ok(Some((1990, true))));
    assert_eq!(
        year(Cell::Date(NaiveDate::from_ymd_opt(1979, 11, 2).expect("d"))),
        Ok(Some((1979, true)))
    );
    // Excel date serials: 31111 is 05/03/1985.
    assert_eq!(excel_serial(31111), NaiveDate::from_ymd_opt(1985, 3, 5));
    assert_eq!(excel_serial(1), NaiveDate::from_ymd_opt(1900, 1, 1));
    assert_eq!(excel_serial(61), NaiveDate::from_ymd_opt(1900, 3, 1));
    assert_eq!(year(Cell::Number(31111.0)), Ok(Some((1985, true))));
    assert_eq!(year(t("31111")), Ok(Some((1985, true))));
    // Two digits: read only when one century gives an age of 14 to 90 in 2026.
    assert_eq!(year(t("'85")), Ok(Some((1985, false))));
    assert_eq!(year(t("85")), Ok(Some((1985, false))));
    assert_eq!(year(Cell::Number(85.0)), Ok(Some((1985, false))));
    assert_eq!(year(t("'36")), Ok(Some((1936, false))));
    assert_eq!(year(t("'05")), Ok(Some((2005, false))));
    assert_eq!(year(t("'12")), Ok(Some((2012, false))));
    assert!(
        year(t("'20"))
            .unwrap_err()
            .contains("không rõ là 1920 hay 2020")
    );
    assert!(year(t("'35")).is_err());
    assert!(year(t("'13")).is_err());
    // Out of range, impossible dates, words.
    assert!(year(t("1890")).unwrap_err().contains("1900–2012"));
    assert!(year(t("2015")).unwrap_err().contains("1900–2012"));
    assert!(year(t("31/02/1985")).unwrap_err().contains("không có thật"));
    assert!(year(t("tám lăm")).is_err());
    assert!(year(t("198")).is_err());
    assert_eq!(year(Cell::Empty), Ok(None));
}

#[test]
fn gender_from_a_column_or_the_nam_nu_sub_columns_never_from_the_name() {
    assert_eq!(parse_gender(&t("Nam")), Ok(Some(Gender::Male)));
    assert_eq!(parse_gender(&t("NỮ")), Ok(Some(Gender::Female)));
    assert_eq!(parse_gender(&t("nu")), Ok(Some(Gender::Female)));
    assert_eq!(parse_gender(&Cell::Empty), Ok(None));
    assert!(parse_gender(&t("Nguyễn Thị A")).is_err());
    let y = Cell::Number(1985.0);
    let e = Cell::Empty;
    let split = |nam: &Cell, nu: &Cell| {
        year_and_gender(&[(Some("Nam"), nam), (Some("Nữ"), nu)], today())
            .map(|(y, g)| (y.map(|y| y.year), g))
    };
    assert_eq!(split(&y, &e), Ok((Some(1985), Some(Gender::Male))));
    assert_eq!(split(&e, &t("'90")), Ok((Some(1990), Some(Gender::Female))));
    assert_eq!(split(&e, &e), Ok((None, None)));
    assert!(
        split(&y, &y)
            .unwrap_err()
            .reason
            .contains("cả cột Nam và cột Nữ")
    );
    // One unsplit «Năm sinh»: the gender stays unknown.
    assert_eq!(
        year_and_gender(&[(None, &y)], today()).map(|(y, g)| (y.map(|y| y.year), g)),
        Ok((Some(1985), None))
    );
    // «Giới tính» over «Nam» | «Nữ» with a tick.
    assert_eq!(
        gender_from_marks(&[(Some("Nam"), &e), (Some("Nữ"), &t("x"))]),
        Ok(Some(Gender::Female))
    );
    assert_eq!(
        gender_from_marks(&[(Some("Nam"), &t("✓")), (Some("Nữ"), &e)]),
        Ok(Some(Gender::Male))
    );
    assert!(gender_from_marks(&[(Some("Nam"), &t("x")), (Some("Nữ"), &t("x"))]).is_err());
}

#[test]
fn roles_as_written() {
    let role = |s: &str| parse_role(&t(s)).map_err(|e| e.reason);
    for s in [
        "TT",
        "Tổ trưởng",
        "tổ trưởng",
        "Tổ trưởng tổ CNSCĐ",
        "Tổ trưởng Tổ Công nghệ số cộng đồng",
        "Trưởng tổ",
        "T.T",
        "Tổ trưởng (Trưởng thôn)",
    ] {
        assert_eq!(role(s), Ok(Some(Role::Leader)), "{s}");
    }
    for s in [
        "TP",
        "Tổ phó",
        "Phó tổ trưởng",
        "Phó Tổ trưởng tổ CNSCĐ",
        "tổ phó",
    ] {
        assert_eq!(role(s), Ok(Some(Role::Deputy)), "{s}");
    }
    for s in ["TV", "Thành viên", "thành viên", "Thành viên Tổ"] {
        assert_eq!(role(s), Ok(Some(Role::Member)), "{s}");
    }
    assert_eq!(role(""), Ok(None));
    assert!(role("Giám đốc").unwrap_err().contains("Tổ trưởng (TT)"));
}

#[test]
fn trained_is_unknown_without_its_column() {
    assert_eq!(parse_trained(None), Ok(None));
    for s in [
        "x",
        "X",
        "có",
        "Có",
        "đã",
        "Đã tập huấn",
        "rồi",
        "✓",
        "√",
        "1",
        "12/5/2024",
    ] {
        assert_eq!(parse_trained(Some(&t(s))), Ok(Some(true)), "{s}");
    }
    for s in ["không", "chưa", "Chưa tập huấn", "0", "-"] {
        assert_eq!(parse_trained(Some(&t(s))), Ok(Some(false)), "{s}");
    }
    assert_eq!(parse_trained(Some(&Cell::Empty)), Ok(Some(false)));
    assert_eq!(parse_trained(Some(&Cell::Number(1.0))), Ok(Some(true)));
    assert_eq!(parse_trained(Some(&Cell::Bool(false))), Ok(Some(false)));
    assert!(parse_trained(Some(&t("có lẽ"))).is_err());
}
