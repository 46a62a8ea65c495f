use super::*;

fn clean(s: &str, kind: FieldKind) -> Cleaned<'_> {
    clean_text(s, kind).unwrap()
}

fn removed(c: &Cleaned<'_>) -> Vec<(RemovalKind, usize)> {
    c.removed.iter().map(|r| (r.kind, r.count)).collect()
}

#[test]
fn controls_go_and_are_counted() {
    let c = clean(
        "Nguyễn\0 Văn\u{7}\u{1B}[2J An\u{7F}\u{9B}",
        FieldKind::PersonName,
    );
    assert_eq!(c.text, "Nguyễn Văn[2J An");
    assert_eq!(removed(&c), [(RemovalKind::Control, 5)]);
    assert_eq!(
        c.notice("Họ và tên", 12).unwrap(),
        "đã bỏ 5 ký tự điều khiển ở cột Họ và tên, dòng 12"
    );
    // Nothing of XML 1.0's forbidden characters is left, in any kind of field.
    let every_control: String = (0u32..0x20)
        .chain(0x7F..0xA0)
        .filter_map(char::from_u32)
        .collect();
    for kind in [FieldKind::PersonName, FieldKind::FreeText, FieldKind::Cell] {
        let raw = format!("a{every_control}b\u{FFFE}\u{FFFF}\u{FDD0}");
        let c = clean(&raw, kind);
        assert!(
            c.text
                .chars()
                .all(|ch| ch == '\n' || ch == ' ' || ch.is_alphanumeric()),
            "{kind:?}: {:?}",
            c.text
        );
        assert!(c.text.starts_with('a') && c.text.ends_with('b'), "{kind:?}");
        assert!(
            c.removed
                .iter()
                .any(|r| r.kind == RemovalKind::Noncharacter && r.count == 3)
        );
    }
}

#[test]
fn line_breaks_stay_only_where_the_field_allows_them() {
    let text = "Dòng một\r\nDòng hai\rDòng ba\nDòng\u{2028}bốn\u{85}năm";
    let c = clean(text, FieldKind::FreeText);
    assert_eq!(c.text, "Dòng một\nDòng hai\nDòng ba\nDòng\nbốn\nnăm");
    assert!(c.removed.is_empty());
    let c = clean(text, FieldKind::Position);
    assert_eq!(c.text, "Dòng một Dòng hai Dòng ba Dòng bốn năm");
    assert_eq!(removed(&c), [(RemovalKind::LineBreak, 5)]);
    assert_eq!(
        c.summary().unwrap(),
        "đã thay 5 chỗ xuống dòng bằng dấu cách"
    );
    // Tabs become spaces without a word; a one-line field collapses them.
    let c = clean("Lê\t\tVăn  An", FieldKind::PersonName);
    assert_eq!((c.text.as_ref(), c.removed.len()), ("Lê Văn An", 0));
    assert_eq!(clean("a\tb", FieldKind::FreeText).text, "a b");
    // Free text keeps its inner spacing, trims its ends.
    assert_eq!(
        clean("\n  Kính gửi:\n  - UBND xã  \n\n", FieldKind::FreeText).text,
        "Kính gửi:\n  - UBND xã"
    );
}

#[test]
fn bidi_controls_go_everywhere() {
    // «Nguyễn Văn An» stored with an override that shows it reversed.
    let c = clean(
        "\u{202E}nA năV nễyugN\u{202C} \u{2066}x\u{2069}\u{200F}",
        FieldKind::FreeText,
    );
    assert_eq!(c.text, "nA năV nễyugN x");
    assert_eq!(removed(&c), [(RemovalKind::Bidi, 5)]);
    for ch in [
        '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}',
        '\u{2068}', '\u{2069}', '\u{200E}', '\u{200F}', '\u{61C}',
    ] {
        let s = format!("An{ch}");
        assert_eq!(clean(&s, FieldKind::Cell).text, "An", "{ch:?}");
    }
}

#[test]
fn zero_width_characters_leave_names() {
    // Two spellings that look the same as «Nguyễn Văn An».
    for hidden in [
        "Ngu\u{200B}yễn Văn An",
        "Nguyễn\u{200D} Văn An",
        "Nguyễn Văn\u{200C} An",
        "\u{FEFF}Nguyễn Văn An",
        "Nguyễn Văn A\u{AD}n",
        "Nguyễn Văn An\u{E0041}\u{E0042}",
        "Nguyễn Văn An\u{FE0F}",
    ] {
        let c = clean(hidden, FieldKind::PersonName);
        assert_eq!(c.text, "Nguyễn Văn An", "{hidden:?}");
        assert_eq!(c.removed[0].kind, RemovalKind::Invisible, "{hidden:?}");
    }
    // In free text, joiners and variation selectors shape emoji and stay; the BOM and the
    // zero-width space do not.
    let c = clean(
        "\u{FEFF}Tốt 👍🏻❤\u{FE0F} 👨\u{200D}👩\u{200B}",
        FieldKind::FreeText,
    );
    assert_eq!(c.text, "Tốt 👍🏻❤\u{FE0F} 👨\u{200D}👩");
    assert_eq!(removed(&c), [(RemovalKind::Invisible, 2)]);
}

#[test]
fn text_becomes_nfc_and_clean_text_is_borrowed() {
    // «Hòa Bắc» typed with combining marks.
    let c = clean("Ho\u{300}a   Ba\u{306}\u{301}c ", FieldKind::Line);
    assert_eq!(c.text, "Hòa Bắc");
    assert!(c.removed.is_empty());
    // A removal between a letter and its mark leaves them composed.
    assert_eq!(
        clean("Nguye\u{200B}\u{302}\u{303}n", FieldKind::PersonName).text,
        "Nguyễn"
    );
    for (s, kind) in [
        ("Nguyễn Văn An", FieldKind::PersonName),
        ("Trưởng thôn", FieldKind::Position),
        ("Dòng một\nDòng hai", FieldKind::FreeText),
        ("0912345678", FieldKind::Line),
    ] {
        assert!(
            matches!(clean_text(s, kind).unwrap().text, Cow::Borrowed(_)),
            "{s}"
        );
    }
    assert!(matches!(
        clean("  An ", FieldKind::FreeText).text,
        Cow::Borrowed("An")
    ));
}

#[test]
fn lengths_are_limited_per_field() {
    let name = "Â".repeat(200);
    assert_eq!(clean(&name, FieldKind::PersonName).text, name);
    let long = "Â".repeat(201);
    let refusal = clean_text(&long, FieldKind::PersonName).unwrap_err();
    assert_eq!(
        refusal,
        TooLong {
            kind: FieldKind::PersonName,
            limit: 200,
            length: 201,
            at_least: false
        }
    );
    assert_eq!(
        refusal.to_string(),
        "dài 201 ký tự, quá giới hạn 200 ký tự của họ và tên"
    );
    // Counted after cleaning: decomposed letters compose, removed characters do not count.
    let decomposed = "A\u{302}".repeat(200);
    assert_eq!(
        clean(&decomposed, FieldKind::PersonName)
            .text
            .chars()
            .count(),
        200
    );
    assert!(clean_text(&format!("{name}\0\0\0"), FieldKind::PersonName).is_ok());
    for (kind, limit) in [
        (FieldKind::Position, 300),
        (FieldKind::Line, 300),
        (FieldKind::FreeText, 2_000),
        (FieldKind::Cell, 32_767),
    ] {
        assert!(clean_text(&"x".repeat(limit), kind).is_ok(), "{kind:?}");
        let e = clean_text(&"x".repeat(limit + 1), kind).unwrap_err();
        assert_eq!((e.kind, e.length, e.at_least), (kind, limit + 1, false));
    }
    assert_eq!(
        clean_text(&"x".repeat(32_768), FieldKind::Cell)
            .unwrap_err()
            .to_string(),
        "dài 32.768 ký tự, quá giới hạn 32.767 ký tự của một ô bảng tính"
    );
}

#[test]
fn a_huge_cell_is_refused_without_reading_it_all() {
    // 40 MB with a control character first, so the filtering path runs.
    let huge = format!("\u{1}{}", "a".repeat(40 << 20));
    let e = clean_text(&huge, FieldKind::Cell).unwrap_err();
    assert!(e.at_least);
    assert_eq!(e.length, 4 * 32_767 + 1);
    assert_eq!(
        e.to_string(),
        "dài hơn 131.069 ký tự, quá giới hạn 32.767 ký tự của một ô bảng tính"
    );
}

#[test]
fn summaries_name_every_kind() {
    let c = clean(
        "\u{1}\u{2}Lê\u{200B}\u{202E} Văn\nAn\u{FFFF}",
        FieldKind::PersonName,
    );
    assert_eq!(c.text, "Lê Văn An");
    assert_eq!(
        c.notice("Họ và tên", 3).unwrap(),
        "đã bỏ 2 ký tự điều khiển, 1 ký tự đổi chiều văn bản, 1 ký tự vô hình, 1 ký tự không hợp \
         lệ và thay 1 chỗ xuống dòng bằng dấu cách ở cột Họ và tên, dòng 3"
    );
    assert_eq!(
        clean("An", FieldKind::PersonName).notice("Họ và tên", 3),
        None
    );
    assert_eq!(
        RemovalKind::Control.describe(1234),
        "1.234 ký tự điều khiển"
    );
}

#[test]
fn excerpts_cut_long_text() {
    assert_eq!(excerpt("Nguyễn Văn An", 6), "Nguyễn…");
    assert!(matches!(excerpt("Lê An", 5), Cow::Borrowed("Lê An")));
}

#[test]
fn formula_guard_round_trips() {
    for (text, guarded) in [
        (
            "=HYPERLINK(\"http://x\",\"Bấm\")",
            "'=HYPERLINK(\"http://x\",\"Bấm\")",
        ),
        ("+84912345678", "'+84912345678"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\r=1", "'\r=1"),
        ("'=1+1", "''=1+1"),
        ("''-", "'''-"),
        ("Nguyễn Văn An", "Nguyễn Văn An"),
        ("'An", "'An"),
        ("a=b", "a=b"),
        ("", ""),
    ] {
        assert_eq!(guard_formula(text), guarded, "{text:?}");
        assert_eq!(unguard_formula(guarded), text, "{guarded:?}");
    }
    // What a clerk typed with a quote and no formula is left alone.
    assert_eq!(unguard_formula("'Ali"), "'Ali");
    assert!(matches!(guard_formula("An"), Cow::Borrowed(_)));
}

#[test]
fn the_one_pass_shortcut_agrees_with_the_general_path() {
    use rand::{Rng, SeedableRng};
    // Letters, spaces of every kind, breaks, controls, bidi and invisible characters, combining
    // marks and noncharacters: texts made of them take the shortcut or not, and the result must
    // not depend on which.
    let alphabet: Vec<char> = "aZ9 .-'\n\r\t\u{0}\u{7F}\u{85}\u{A0}\u{AD}đĐễỄơƯ\u{300}\u{323}\u{202E}\u{200B}\u{200D}\u{2028}\u{3000}\u{FDD0}\u{FFFF}한"
        .chars()
        .collect();
    let kinds = [
        FieldKind::PersonName,
        FieldKind::Position,
        FieldKind::Line,
        FieldKind::FreeText,
        FieldKind::Cell,
    ];
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(30);
    let mut shortcuts = 0;
    for round in 0..20_000 {
        let len = rng.gen_range(0..12);
        // Half the texts use only what a clean Vietnamese name has, so the shortcut is taken.
        let pool = if round % 2 == 0 {
            &alphabet[..6]
        } else {
            &alphabet[..]
        };
        let mut text: String = (0..len)
            .map(|_| pool[rng.gen_range(0..pool.len())])
            .collect();
        if round % 4 == 0 {
            text.push_str("Nguyễn Văn");
        }
        for kind in kinds {
            let general = clean_general(&text, kind);
            let fast = clean_text(&text, kind);
            assert_eq!(fast, general, "{text:?} as {kind:?}");
            if matches!(
                fast,
                Ok(Cleaned {
                    text: std::borrow::Cow::Borrowed(_),
                    ..
                })
            ) {
                shortcuts += 1;
            }
        }
    }
    assert!(
        shortcuts > 10_000,
        "the shortcut was taken {shortcuts} times"
    );
    // Over the limit by the shortcut: the same refusal.
    let long = "a".repeat(201);
    assert_eq!(
        clean_text(&long, FieldKind::PersonName),
        clean_general(&long, FieldKind::PersonName)
    );
}
