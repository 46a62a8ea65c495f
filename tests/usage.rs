//! The command line tells a wrong usage in Vietnamese, through the real binary: the help page's
//! headings, an unknown command, an unknown option, a missing one — never clap's English — with
//! the exit code of a wrong usage (2) and help on stdout with success.

use crate::common::Env;

/// Words of clap's English a clerk must not read.
const ENGLISH: [&str; 9] = [
    "error:",
    "Usage:",
    "Options:",
    "Commands:",
    "tip:",
    "Print help",
    "For more information",
    "unexpected argument",
    "[default:",
];

#[test]
fn wrong_usage_and_help_are_vietnamese_on_the_terminal() {
    let env = Env::new();
    for (args, code, expected) in [
        (&["lisst"][..], 2, "Không có lệnh «lisst»"),
        (
            &["list", "--bogus"][..],
            2,
            "Không có tùy chọn hoặc tham số «--bogus»",
        ),
        (
            &["member", "leave"][..],
            2,
            "Thiếu «--date <ngày>», «<số hiệu>...»",
        ),
        (&["--help"][..], 0, "Cách dùng: cnscd [tùy chọn] [lệnh]"),
        (&["member", "leave", "--help"][..], 0, "[mặc định:"),
    ] {
        let out = env.run(args);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let shown = if code == 0 { &stdout } else { &stderr };
        assert_eq!(out.status.code(), Some(code), "{args:?}: {stdout}{stderr}");
        assert!(shown.contains(expected), "{args:?}:\n{shown}");
        for word in ENGLISH {
            assert!(!shown.contains(word), "{args:?}: «{word}» in\n{shown}");
        }
    }
}
