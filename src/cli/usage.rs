//! The command line's own words about its usage: help pages and wrong-usage messages in
//! Vietnamese. clap parses; its English (headings «Usage:», «Options:», the `help` subcommand,
//! «error: unexpected argument …», «tip: …») never reaches a clerk — the help page is rendered
//! with Vietnamese headings and every parse error is rewritten from its kind and context.

use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, CommandFactory, FromArgMatches};

use super::Cli;

/// Exit code of a wrong usage (the module doc of `cli`).
const USAGE: u8 = 2;

/// Parses the process arguments; prints help, the version or a Vietnamese usage error and ends
/// the process when they are asked for or wrong.
pub fn parse() -> Cli {
    match parse_from(std::env::args_os()) {
        Ok(cli) => cli,
        Err(Stop { text, code }) => {
            if code == ExitCode::SUCCESS {
                print!("{text}");
            } else {
                eprint!("{text}");
            }
            std::process::exit(if code == ExitCode::SUCCESS {
                0
            } else {
                i32::from(USAGE)
            })
        }
    }
}

/// Why parsing ended without a command to run: the text to show and the exit code.
#[derive(Debug)]
pub struct Stop {
    /// Help, version or the error, in Vietnamese, ending with a newline.
    pub text: String,
    /// Success for help and version, a usage error otherwise.
    pub code: ExitCode,
}

/// Parses `args` (the program name first) into the command line.
pub fn parse_from<I, T>(args: I) -> Result<Cli, Stop>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let mut command = localised(Cli::command());
    let matches = command
        .try_get_matches_from_mut(args)
        .map_err(|e| stop(&e))?;
    Cli::from_arg_matches(&matches).map_err(|e| stop(&e))
}

/// The command tree with Vietnamese help flags, headings and no `help` subcommand.
fn localised(command: clap::Command) -> clap::Command {
    let is_root = command.get_name() == "cnscd";
    let mut command = command
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .subcommand_value_name("lệnh")
        .subcommand_help_heading("Lệnh")
        .term_width(100)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("In hướng dẫn này"),
        );
    if is_root {
        command = command.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("In số phiên bản"),
        );
    }
    command.mut_args(named).mut_subcommands(localised)
}

/// The placeholder of a value in the help and the usage line, in Vietnamese: `--date <ngày>`.
fn named(arg: Arg) -> Arg {
    let english: Vec<String> = match arg.get_value_names() {
        Some(names) => names.iter().map(ToString::to_string).collect(),
        None if arg.get_action().takes_values() => vec![arg.get_id().as_str().to_uppercase()],
        None => return arg,
    };
    let names: Option<Vec<&'static str>> = english.iter().map(|name| placeholder(name)).collect();
    match names {
        Some(names) => arg.value_names(names),
        None => arg,
    }
}

/// The Vietnamese placeholder for a value name (`DATE` → `ngày`).
fn placeholder(name: &str) -> Option<&'static str> {
    Some(match name {
        "DIR" => "thư mục",
        "UNIT" => "đơn vị",
        "DATE" | "AS_OF" => "ngày",
        "TEAM" => "tổ",
        "ID" | "IDS" => "số hiệu",
        "OUTPUT" => "tệp ra",
        "FILE" => "tệp",
        "INPUTS" => "tệp vào",
        "WHAT" | "KIND" => "loại",
        "YEAR" => "năm",
        "PERIOD" => "kỳ",
        "NAME" => "tên",
        "SEARCH" => "từ tìm",
        "ROLE" => "vai trò",
        "NUMBER" => "số",
        "VALUE" => "giá trị",
        "TRAINED" => "đã tập huấn",
        "SCALE" => "quy mô",
        "POSITION" => "chức vụ",
        "PHONE" => "điện thoại",
        "PAGE" => "trang",
        "MEASURE" => "đơn vị tính",
        "LABEL" => "tên chỉ tiêu",
        "INTO" => "tổ nhận",
        "INDICATOR" => "chỉ tiêu",
        "GENDER" => "giới tính",
        "EMAIL" => "email",
        "CODE" => "mã",
        "ZALO" => "liên kết Zalo",
        "TRUST" => "thư mục tin cậy",
        "SUMMARY" => "trích yếu",
        "SUMMABLE" => "cộng được",
        "SLOT" => "khe",
        "SIGNER" => "người ký",
        "SIGNATURE_IMAGE" => "ảnh chữ ký",
        "SEAL_IMAGE" => "ảnh dấu",
        "SEAL_DIAMETER" => "đường kính dấu",
        "SHEET" => "trang tính",
        "SEED" => "hạt giống",
        "SECTIONS" => "tệp nội dung",
        "REASON" => "lý do",
        "PRESET" => "bộ quy định",
        "PIN_ENV" => "biến chứa PIN",
        "PASSWORD_ENV" => "biến chứa mật khẩu",
        "NOTE" => "ghi chú",
        "MIN" => "tối thiểu",
        "MAX" => "tối đa",
        "JOINED" => "ngày vào",
        "HEADER_ROW" => "dòng tiêu đề",
        "FORMAT" => "định dạng",
        "DECISION" => "quyết định",
        "COLUMNS" => "cột",
        "CITES" => "căn cứ",
        "ATTACHMENT_OF" => "văn bản chính",
        "AS" => "theo",
        "DPI" => "dpi",
        "TASK" => "nhiệm vụ",
        "AREA" => "địa bàn",
        "BY" => "cách chia",
        _ => return None,
    })
}

fn stop(error: &clap::Error) -> Stop {
    match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => Stop {
            text: format!("{}\n", words(&error.render().to_string()).trim_end()),
            code: ExitCode::SUCCESS,
        },
        _ => Stop {
            text: message(error),
            code: ExitCode::from(USAGE),
        },
    }
}

/// The English words clap puts in a help page or a usage line, in the order they are replaced.
/// Words of one entry may be split across a wrapped line: any run of blanks between them matches.
const WORDS: [(&str, &str); 11] = [
    ("Possible values:", "Giá trị:"),
    ("Usage:", "Cách dùng:"),
    ("Options:", "Tùy chọn:"),
    ("Arguments:", "Tham số:"),
    ("Commands:", "Lệnh:"),
    ("[OPTIONS]", "[tùy chọn]"),
    ("[env:", "[biến môi trường:"),
    ("[default:", "[mặc định:"),
    ("[possible values:", "[giá trị:"),
    ("[aliases:", "[tên khác:"),
    ("[short aliases:", "[tên ngắn khác:"),
];

fn words(text: &str) -> String {
    WORDS.iter().fold(text.to_owned(), |text, (en, vi)| {
        replace_spaced(&text, en, vi)
    })
}

/// Replaces `en` in `text` by `vi`, where a blank in `en` matches any run of blanks (a line
/// break of the help's wrapping included).
fn replace_spaced(text: &str, en: &str, vi: &str) -> String {
    let parts: Vec<&str> = en.split(' ').collect();
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(parts[0]) {
        out.push_str(&rest[..at]);
        let mut tail = &rest[at + parts[0].len()..];
        let whole = parts[1..].iter().all(|part| {
            let trimmed = tail.trim_start();
            let ok = trimmed.len() < tail.len() && trimmed.starts_with(part);
            if ok {
                tail = &trimmed[part.len()..];
            }
            ok
        });
        if whole {
            out.push_str(vi);
            rest = tail;
        } else {
            out.push_str(parts[0]);
            rest = &rest[at + parts[0].len()..];
        }
    }
    out.push_str(rest);
    out
}

fn context(error: &clap::Error, kind: ContextKind) -> Option<String> {
    match error.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(list) => Some(list.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(list) => Some(
            list.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        ContextValue::Bool(b) => Some(if *b { "có" } else { "không" }.to_owned()),
        _ => None,
    }
}

/// Every value of a context, each in «», joined by commas (the arguments a command misses).
fn quoted_each(error: &clap::Error, kind: ContextKind) -> String {
    match error.get(kind) {
        Some(ContextValue::Strings(list)) => list
            .iter()
            .map(|s| format!("«{s}»"))
            .collect::<Vec<_>>()
            .join(", "),
        _ => quoted(context(error, kind)),
    }
}

fn quoted(text: Option<String>) -> String {
    text.map_or_else(String::new, |t| format!("«{t}»"))
}

/// A usage error in Vietnamese: what is wrong, what was meant (when clap can tell), the usage
/// line and where to read more.
fn message(error: &clap::Error) -> String {
    let arg = quoted(context(error, ContextKind::InvalidArg));
    let value = quoted(context(error, ContextKind::InvalidValue));
    let mut text = match error.kind() {
        ErrorKind::InvalidSubcommand => format!(
            "Không có lệnh {}.",
            quoted(context(error, ContextKind::InvalidSubcommand))
        ),
        ErrorKind::UnknownArgument => format!("Không có tùy chọn hoặc tham số {arg}."),
        ErrorKind::InvalidValue => match context(error, ContextKind::ValidValue) {
            Some(valid) => {
                format!("Giá trị {value} không hợp lệ cho {arg}; chọn một trong: {valid}.")
            }
            None => format!("Giá trị {value} không hợp lệ cho {arg}."),
        },
        ErrorKind::ValueValidation => format!("Giá trị {value} không hợp lệ cho {arg}."),
        ErrorKind::MissingRequiredArgument => {
            format!("Thiếu {}.", quoted_each(error, ContextKind::InvalidArg))
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "Thiếu lệnh.".to_owned()
        }
        ErrorKind::ArgumentConflict => format!(
            "{arg} không dùng cùng {}.",
            quoted(context(error, ContextKind::PriorArg))
        ),
        ErrorKind::NoEquals => format!("{arg} cần giá trị viết liền sau dấu «=»."),
        ErrorKind::TooManyValues => format!("Thừa giá trị {value} cho {arg}."),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => format!(
            "{arg} cần {} giá trị, mới có {}.",
            context(error, ContextKind::ExpectedNumValues)
                .or_else(|| context(error, ContextKind::MinValues))
                .unwrap_or_default(),
            context(error, ContextKind::ActualNumValues).unwrap_or_default()
        ),
        ErrorKind::InvalidUtf8 => "Tham số có ký tự không đọc được (không phải UTF-8).".to_owned(),
        _ => "Lệnh viết chưa đúng.".to_owned(),
    };
    text.insert_str(0, "Lỗi: ");
    text.push('\n');
    let suggested = context(error, ContextKind::SuggestedSubcommand)
        .or_else(|| context(error, ContextKind::SuggestedArg))
        .or_else(|| context(error, ContextKind::SuggestedValue));
    if let Some(s) = suggested {
        text.push_str(&format!("  Có phải ý bạn là: {s}?\n"));
    }
    if let Some(usage) = context(error, ContextKind::Usage) {
        text.push('\n');
        text.push_str(words(usage.trim()).trim());
        text.push('\n');
    }
    text.push_str("\nXem thêm: thêm --help sau lệnh.\n");
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(args: &[&str]) -> String {
        let mut all = vec!["cnscd"];
        all.extend_from_slice(args);
        match parse_from(all) {
            Ok(cli) => panic!("accepted: {cli:?}"),
            Err(stop) => stop.text,
        }
    }

    /// English clap words a clerk must never read.
    const ENGLISH: [&str; 12] = [
        "error",
        "Usage",
        "Options",
        "Commands",
        "Arguments",
        "tip:",
        "Print",
        "help for",
        "possible values",
        "unexpected",
        "required",
        "For more",
    ];

    fn assert_vietnamese(text: &str) {
        for word in ENGLISH {
            assert!(!text.contains(word), "«{word}» in:\n{text}");
        }
    }

    #[test]
    fn help_pages_have_vietnamese_headings_and_no_help_subcommand() {
        for args in [
            vec!["--help"],
            vec!["list", "--help"],
            vec!["member", "--help"],
            vec!["member", "leave", "-h"],
        ] {
            let text = refused(&args);
            assert_vietnamese(&text);
            assert!(text.contains("Cách dùng:"), "{text}");
            assert!(text.contains("In hướng dẫn này"), "{text}");
        }
        let root = refused(&["--help"]);
        assert!(
            root.contains("Lệnh:") && root.contains("Tùy chọn:"),
            "{root}"
        );
        assert!(
            !root.lines().any(|l| l.trim_start().starts_with("help ")),
            "{root}"
        );
    }

    #[test]
    fn wrong_usage_is_told_in_vietnamese_with_the_offending_word() {
        let cases: [(&[&str], &str); 5] = [
            (&["lisst"], "Không có lệnh «lisst»"),
            (
                &["list", "--bogus"],
                "Không có tùy chọn hoặc tham số «--bogus»",
            ),
            (&["list", "nothing"], "Giá trị «nothing» không hợp lệ"),
            (&["sample"], "Thiếu «--scale <quy mô>»"),
            (&["help"], "Không có lệnh «help»"),
        ];
        for (args, expected) in cases {
            let text = refused(args);
            assert_vietnamese(&text);
            assert!(text.starts_with("Lỗi: "), "{text}");
            assert!(text.contains(expected), "{args:?} → {text}");
        }
        let suggestion = refused(&["lisst"]);
        let line = suggestion.lines().find(|l| l.contains("Có phải ý bạn là:"));
        assert!(line.is_some_and(|l| l.contains("list")), "{suggestion}");
    }

    #[test]
    fn words_split_by_the_wrapping_are_still_replaced() {
        assert_eq!(
            replace_spaced(
                "a [possible\n      values: x]",
                "[possible values:",
                "[giá trị:"
            ),
            "a [giá trị: x]"
        );
        assert_eq!(
            replace_spaced("[possible]", "[possible values:", "-"),
            "[possible]"
        );
    }

    #[test]
    fn version_and_commands_still_parse() {
        assert!(refused(&["--version"]).contains(crate::platform::about::VERSION));
        let cli = parse_from(["cnscd", "list", "units"]).expect("parses");
        assert!(cli.command.is_some());
    }
}
