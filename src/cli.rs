//! The command line (interfaces.md §2): the window's scriptable twin. Each command group has its
//! own file: parse, call one operation (`ops`, the same the window calls), print in Vietnamese
//! (`--json` where listed). Errors are printed with the flag that helps; exit codes follow the
//! error's cause: 0 success, 1 input or data refused, 2 wrong usage, 3 environment (database
//! busy, locked or damaged, disk full, folder read-only), 4 a fault of the program.

mod data;
mod draft;
mod indicators;
mod list;
mod numbers;
mod office;
mod plan;
mod preview;
mod registry;
mod sign;
mod tasks;
mod transfer;
mod usage;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::error::{DbCause, Error, Field, Result, SignFault};
use crate::ops::{self, DocKind, Format, Moment, Workspace};

pub use usage::{Stop, parse, parse_from};

/// cnscd: quản lý Tổ Công nghệ số cộng đồng.
#[derive(Debug, Parser)]
#[command(name = "cnscd", version = crate::platform::about::VERSION, about = "Quản lý Tổ Công nghệ số cộng đồng: đơn vị, tổ, thành viên, văn bản, báo cáo, ký số.", long_about = None)]
pub struct Cli {
    /// Thư mục dữ liệu (mặc định: thư mục dữ liệu của hệ điều hành, hoặc `cnscd-data` cạnh chương trình).
    #[arg(long, global = true, env = "CNSCD_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Lệnh; không có lệnh thì mở cửa sổ.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Tạo dữ liệu mẫu trong cơ sở dữ liệu trống.
    Sample {
        /// Quy mô.
        #[arg(long, value_enum)]
        scale: ops::sample::Scale,
        /// Hạt giống ngẫu nhiên (cùng hạt giống cho cùng dữ liệu).
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Liệt kê đơn vị, tổ hoặc thành viên.
    List {
        /// Loại.
        #[arg(value_enum)]
        what: ListWhat,
        /// Chỉ trong đơn vị này (mã hoặc tên).
        #[arg(long)]
        unit: Option<String>,
        /// In JSON.
        #[arg(long)]
        json: bool,
        /// Thành viên: ai, vào ngày nào.
        #[command(flatten)]
        which: list::Which,
    },
    /// Thành viên: thêm, sửa, rời Tổ, chuyển Tổ, đổi chức vụ, hoàn tác, xóa nhập nhầm.
    #[command(subcommand)]
    Member(registry::MemberCmd),
    /// Tổ: tạo, đổi tên, loại, nhóm Zalo, hợp nhất, quá trình.
    #[command(subcommand)]
    Team(registry::TeamCmd),
    /// Quyết định thành lập, kiện toàn Tổ đã có trên giấy.
    #[command(subcommand)]
    Decision(registry::DecisionCmd),
    /// Quy định về thành phần Tổ.
    #[command(subcommand)]
    Rules(registry::RulesCmd),
    /// Kiểm tra các Tổ theo quy định.
    #[command(subcommand)]
    Check(registry::CheckCmd),
    /// Nhập dữ liệu từ tệp Excel (.xlsx) hoặc .csv.
    Import {
        /// Loại dữ liệu.
        #[arg(value_enum)]
        what: ImportWhat,
        /// Tệp cần nhập.
        file: PathBuf,
        /// Chỉ kiểm tra, không ghi.
        #[arg(long)]
        dry_run: bool,
        /// Kỳ báo cáo (chỉ tiêu): 2024, 2024-H1, 2024-Q2, 2024-05.
        #[arg(long)]
        period: Option<String>,
        /// Đơn vị cấp trên của các dòng (chỉ tiêu).
        #[arg(long)]
        unit: Option<String>,
        /// Trang tính cần đọc (số thứ tự hoặc tên), khi tệp có nhiều trang.
        #[arg(long)]
        sheet: Option<String>,
        /// Dòng tiêu đề của bảng: 9, hoặc 7-8 khi tiêu đề có hai dòng.
        #[arg(long = "header-row")]
        header_row: Option<String>,
        /// Chỉ rõ một cột, ví dụ "E=Năm sinh" (ghi nhiều lần cho nhiều cột).
        #[arg(long = "column")]
        columns: Vec<String>,
    },
    /// Xuất dữ liệu ra .xlsx, .csv, .pdf hoặc .docx.
    Export {
        /// Loại dữ liệu.
        #[arg(value_enum)]
        what: ExportWhat,
        /// Tệp kết quả; định dạng theo phần mở rộng.
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        /// Đơn vị.
        #[arg(long)]
        unit: Option<String>,
        /// Kỳ báo cáo.
        #[arg(long)]
        period: Option<String>,
        /// Với «document»: số hiệu văn bản trong sổ đăng ký (in khi soạn: «dự thảo số …»).
        #[arg(long)]
        id: Option<i64>,
    },
    /// Tổng hợp chỉ tiêu của đơn vị trong kỳ.
    Report(ReportArgs),
    /// Soạn văn bản từ mẫu.
    Draft(DraftArgs),
    /// Ký số tệp PDF (PAdES).
    Sign(SignArgs),
    /// Kiểm tra chữ ký số trong tệp PDF.
    Verify {
        /// Tệp PDF.
        file: PathBuf,
        /// In JSON.
        #[arg(long)]
        json: bool,
        /// Chứng thư gốc tin cậy thêm (PEM hoặc DER).
        #[arg(long = "trust")]
        trust: Vec<PathBuf>,
    },
    /// Cấp số, ngày cho văn bản trong sổ đăng ký và ghi lại tệp của nó.
    Issue {
        /// Số hiệu văn bản trong sổ đăng ký (in khi soạn: «dự thảo số …»).
        id: i64,
        /// Ngày ban hành (dd/mm/yyyy hoặc yyyy-mm-dd; mặc định hôm nay).
        #[arg(long)]
        date: Option<String>,
        /// Số văn bản tự chọn (mặc định: số tiếp theo của năm). Cơ quan đã ban hành 37 văn bản
        /// trước khi dùng chương trình: --number 38; văn bản sau được số 39.
        #[arg(long)]
        number: Option<u32>,
        /// Bản .docx đã sửa ngoài chương trình (Word, LibreOffice): số và ngày được ghi vào
        /// chính tệp đó, giữ nguyên mọi chỉnh sửa khác. Một tệp .pdf chỉ được nhận khi chưa sửa.
        #[arg(long)]
        file: Option<PathBuf>,
    },
    /// Chỉ tiêu kế hoạch năm của đơn vị.
    Target {
        #[command(subcommand)]
        action: plan::TargetAction,
    },
    /// Hạn báo cáo của một kỳ.
    Deadline {
        #[command(subcommand)]
        action: DeadlineAction,
    },
    /// Chỉ tiêu riêng của cơ quan.
    Indicator {
        #[command(subcommand)]
        action: IndicatorAction,
    },
    /// Giữ số, hủy số, số bắt đầu của năm trong sổ đăng ký văn bản đi.
    Number {
        #[command(subcommand)]
        action: numbers::NumberAction,
    },
    /// Thông tin cơ quan dùng cho văn bản (như mục Cài đặt).
    Office {
        #[command(subcommand)]
        action: office::OfficeAction,
    },
    /// Sao lưu cơ sở dữ liệu.
    Backup {
        /// Tệp sao lưu.
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
    /// Khôi phục cơ sở dữ liệu từ bản sao lưu.
    Restore {
        /// Tệp sao lưu.
        file: PathBuf,
    },
    /// Vẽ một trang PDF thành ảnh PNG (như phần xem trước của cửa sổ).
    Preview(preview::PreviewArgs),
}

/// `deadline set`.
#[derive(Debug, Subcommand)]
pub enum DeadlineAction {
    /// Đặt hạn báo cáo của kỳ P.
    Set {
        /// Kỳ báo cáo (2026-Q1, 2026-H1, 2026).
        #[arg(long)]
        period: String,
        /// Hạn (dd/mm/yyyy hoặc yyyy-mm-dd).
        #[arg(long)]
        date: String,
        /// Chỉ cho một chỉ tiêu (mã hoặc tên); đơn vị chưa báo cáo chỉ tiêu đó khi quá hạn là
        /// quá hạn với chỉ tiêu đó.
        #[arg(long)]
        indicator: Option<String>,
    },
}

/// `indicator add`.
#[derive(Debug, Subcommand)]
pub enum IndicatorAction {
    /// Thêm một chỉ tiêu riêng của cơ quan.
    Add {
        /// Mã (chữ thường không dấu, chữ số, _).
        #[arg(long)]
        code: String,
        /// Tên chỉ tiêu.
        #[arg(long)]
        label: String,
        /// Đơn vị tính.
        #[arg(long)]
        measure: String,
        /// Cộng dồn qua các kỳ: có (mặc định) hoặc không.
        #[arg(long)]
        summable: Option<String>,
        /// Chỉ tiêu đếm người, hộ (không cộng dồn qua các kỳ, không vượt số người).
        #[arg(long = "people-counting")]
        people: bool,
    },
    /// Đổi tên một chỉ tiêu riêng.
    Rename {
        /// Mã chỉ tiêu.
        #[arg(long)]
        code: String,
        /// Tên mới.
        #[arg(long)]
        label: String,
    },
    /// Thôi dùng một chỉ tiêu riêng (số liệu đã nhập được giữ); --undo: dùng lại.
    Retire {
        /// Mã chỉ tiêu.
        #[arg(long)]
        code: String,
        /// Dùng lại chỉ tiêu đã thôi dùng.
        #[arg(long)]
        undo: bool,
    },
    /// Liệt kê chỉ tiêu riêng của cơ quan.
    List {
        /// In JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListWhat {
    /// Đơn vị hành chính.
    Units,
    /// Tổ CNSCĐ.
    Teams,
    /// Thành viên.
    Members,
    /// Sổ đăng ký văn bản đi (dự thảo và văn bản đã ban hành).
    Documents,
}

/// `import` targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportWhat {
    /// Đơn vị hành chính.
    Units,
    /// Danh sách thành viên.
    Roster,
    /// Số liệu chỉ tiêu.
    Indicators,
}

/// `export` targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportWhat {
    /// Đơn vị hành chính.
    Units,
    /// Danh sách thành viên.
    Roster,
    /// Danh sách đầu mối.
    FocalPoints,
    /// Mẫu nhập chỉ tiêu.
    Indicators,
    /// Một văn bản trong sổ đăng ký (--id) ra định dạng khác (.pdf hoặc .docx): cùng một mục,
    /// cùng số khi ban hành.
    Document,
    /// Sổ đăng ký văn bản đi (.xlsx); --period 2026: văn bản của năm đó.
    Register,
}

/// `report` arguments.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Đơn vị (mã hoặc tên).
    #[arg(long)]
    pub unit: String,
    /// Kỳ: 2024, 2024-H1, 2024-Q2, 2024-05.
    #[arg(long)]
    pub period: String,
    /// In JSON.
    #[arg(long)]
    pub json: bool,
    /// Ghi bảng ra tệp .xlsx.
    #[arg(short = 'o', long = "output")]
    pub output: Option<PathBuf>,
}

/// `draft` document kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DraftWhat {
    /// Quyết định thành lập / kiện toàn Tổ.
    Decision,
    /// Kế hoạch hoạt động năm.
    Plan,
    /// Báo cáo định kỳ.
    Report,
    /// Danh sách đầu mối.
    FocalPoints,
}

/// `draft` arguments.
#[derive(Debug, Args)]
pub struct DraftArgs {
    /// Loại văn bản.
    #[arg(value_enum)]
    pub what: DraftWhat,
    /// Đơn vị (mã hoặc tên).
    #[arg(long)]
    pub unit: String,
    /// Kỳ báo cáo.
    #[arg(long)]
    pub period: Option<String>,
    /// Năm.
    #[arg(long)]
    pub year: Option<i32>,
    /// Thành lập hay kiện toàn (mặc định: tự chọn theo dữ liệu).
    #[arg(long)]
    pub kind: Option<String>,
    /// Tệp kết quả (.pdf hoặc .docx); với --each: thư mục chứa các tệp.
    #[arg(short = 'o', long = "output")]
    pub output: PathBuf,
    /// Vẫn xuất dù kiểm tra thể thức báo lỗi.
    #[arg(long)]
    pub force: bool,
    /// Soạn riêng quyết định của từng Tổ dưới đơn vị (Tổ thôn, tổ dân phố và Tổ của xã), mỗi Tổ một tệp.
    #[arg(long)]
    pub each: bool,
    /// Định dạng tệp khi dùng --each: pdf hoặc docx.
    #[arg(long, default_value = "pdf")]
    pub format: String,
    /// Tệp nội dung các mục do văn thư viết (mỗi mục mở bằng «## II. KHÓ KHĂN, VƯỚNG MẮC»;
    /// dòng «- » là gạch đầu dòng, «### 1. …» là một khoản); mục không có trong tệp giữ lời mẫu.
    #[arg(long)]
    pub sections: Option<PathBuf>,
    /// Văn bản yêu cầu báo cáo, dẫn ở câu mở đầu (ví dụ: «Công văn số 123/STTTT-CĐS ngày
    /// 05/3/2025 của Sở Thông tin và Truyền thông»).
    #[arg(long = "theo")]
    pub cites: Option<String>,
    /// Cấp phó ký thay thủ trưởng (KT.): số thứ tự hoặc họ tên trong danh sách cấp phó của
    /// cơ quan (cnscd office show); mặc định: người ký trong Cài đặt.
    #[arg(long = "ky-thay", alias = "deputy")]
    pub deputy: Option<String>,
}

/// `sign` arguments.
#[derive(Debug, Args)]
pub struct SignArgs {
    /// Tệp PDF cần ký (một hoặc nhiều, hoặc một thư mục).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Tệp kết quả, hoặc thư mục khi ký nhiều tệp.
    #[arg(short = 'o', long = "output")]
    pub output: PathBuf,
    /// Tệp chứng thư số .p12/.pfx.
    #[arg(long)]
    pub p12: Option<PathBuf>,
    /// Biến môi trường chứa mật khẩu .p12 (không nhập mật khẩu trên dòng lệnh).
    #[arg(long)]
    pub password_env: Option<String>,
    /// Thư viện PKCS#11 của USB token.
    #[arg(long)]
    pub pkcs11: Option<PathBuf>,
    /// Khe (slot) của token.
    #[arg(long)]
    pub slot: Option<u64>,
    /// Biến môi trường chứa mã PIN.
    #[arg(long)]
    pub pin_env: Option<String>,
    /// Ký với tư cách: người ký hoặc tổ chức.
    #[arg(long = "as", value_enum, default_value_t = SignAs::Signer)]
    pub as_: SignAs,
    /// Ảnh chữ ký (PNG nền trong suốt, mực xanh).
    #[arg(long)]
    pub signature_image: Option<PathBuf>,
    /// Ảnh con dấu (PNG nền trong suốt, mực đỏ).
    #[arg(long)]
    pub seal_image: Option<PathBuf>,
    /// Trang đặt chữ ký (mặc định: trang có khối chữ ký).
    #[arg(long)]
    pub page: Option<u32>,
    /// Tệp đính kèm riêng: đóng dấu chữ ở góc trên phải trang 1, theo số văn bản chính.
    #[arg(long)]
    pub attachment_of: Option<String>,
    /// Ô chữ ký "x y w h" (điểm PDF, gốc ở góc dưới trái) cho tệp PDF không ghi sẵn ô chữ ký.
    #[arg(long, value_name = "X Y W H")]
    pub signature_box: Option<String>,
    /// Đường kính thật của con dấu (mm).
    #[arg(long, default_value_t = 36.0)]
    pub seal_diameter: f32,
    /// Ký RSA theo RSASSA-PSS (mặc định PKCS#1 v1.5).
    #[arg(long)]
    pub rsa_pss: bool,
}

/// Who signs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SignAs {
    /// Người có thẩm quyền ký.
    Signer,
    /// Văn thư ký số của cơ quan, tổ chức.
    Organization,
}

/// Runs a command line that names a command. The clock is read here once: the moment is the
/// wall clock, or the fixed one `CNSCD_TODAY` gives (scripts and tests).
pub fn run(command: Command, ws: &Workspace) -> ExitCode {
    let outcome = moment().and_then(|now| dispatch(command, ws, now));
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}", crate::ops::lines_for_terminal(&message(&e)));
            ExitCode::from(e.exit_code())
        }
    }
}

/// The moment of this command: `CNSCD_TODAY` when set, else the wall clock.
fn moment() -> Result<Moment> {
    match std::env::var(ops::clock::FIXED_CLOCK_VAR) {
        Ok(s) if !s.is_empty() => ops::clock::parse_fixed(&s).map(Moment::fixed),
        _ => Ok(Moment::at(
            chrono::Utc::now(),
            chrono::Local::now().naive_local(),
        )),
    }
}

/// The flag that gives an input on the command line.
fn flag(field: Field) -> Option<&'static str> {
    Some(match field {
        Field::Period => "--period",
        Field::Unit => "--unit",
        Field::Year => "--year",
        Field::Date => "--date",
        Field::DecisionKind => "--kind thanh-lap|kien-toan",
        Field::Each => "--each",
        Field::Deputy => "--ky-thay",
        Field::Format => "--format pdf|docx",
        Field::Output => "-o",
        Field::Password => "--password-env",
        Field::Pin => "--pin-env",
        Field::KeyFile => "--p12",
        Field::TokenModule => "--pkcs11",
        Field::Page => "--page",
        Field::SignatureBox => "--signature-box",
        Field::SignatureImage => "--signature-image",
        Field::SealImage => "--seal-image",
        Field::Indicator => "--code",
        _ => return None,
    })
}

/// An error as the command line prints it: the library's message and, where it helps, the flag
/// to change.
pub fn message(e: &Error) -> String {
    let hint = match e {
        Error::BadValue { field, .. } => flag(*field).map(|f| format!("(tùy chọn {f})")),
        Error::NotCompliant(_) => {
            Some("Sửa mẫu hoặc dữ liệu, hoặc dùng --force để vẫn xuất.".into())
        }
        Error::NotEmpty => Some("Hãy dùng một thư mục dữ liệu khác (--data-dir).".into()),
        Error::Ambiguous { .. } => Some("(ghi mã đơn vị vào --unit)".into()),
        Error::Db {
            cause: DbCause::CannotOpen | DbCause::ReadOnly,
            ..
        } => Some("Có thể chọn thư mục dữ liệu khác bằng --data-dir.".into()),
        Error::Sign(SignFault::WrongPassword { .. }) => {
            Some("(mật khẩu lấy từ biến môi trường của --password-env)".into())
        }
        Error::Sign(SignFault::WrongPin { .. }) => {
            Some("(mã PIN lấy từ biến môi trường của --pin-env)".into())
        }
        _ => None,
    };
    match hint {
        Some(h) => format!("{e} {h}"),
        None => e.to_string(),
    }
}

fn dispatch(command: Command, ws: &Workspace, now: Moment) -> Result<()> {
    match &command {
        Command::Restore { file } => return data::restore(ws, file, now),
        Command::Preview(args) => return preview::run(args),
        Command::Verify { file, json, trust } => {
            return sign::verify(ws, file, *json, trust, now);
        }
        _ => {}
    }
    // Commands that only read open the database read-only: they work in a read-only data
    // folder and never wait for a writer. Exporting a document records it in the register.
    let reads_only = match &command {
        Command::List { .. } | Command::Report(_) => true,
        Command::Export { what, output, .. } => {
            *what != ExportWhat::Document
                && !(matches!(what, ExportWhat::Roster | ExportWhat::FocalPoints)
                    && Format::of_path(output).is_some_and(Format::is_document))
        }
        _ => false,
    };
    let mut store = if reads_only {
        ws.open_read()?
    } else {
        ws.open()?
    };
    let store = &mut store;
    let out = match command {
        Command::Sample { scale, seed } => data::sample(store, scale, seed, now),
        Command::List {
            what,
            unit,
            json,
            which,
        } => list::list(store, what, unit.as_deref(), json, which),
        Command::Member(cmd) => registry::member(store, cmd, now),
        Command::Team(cmd) => registry::team(store, cmd, now),
        Command::Decision(cmd) => registry::decision(store, cmd),
        Command::Rules(cmd) => registry::rules(store, cmd),
        Command::Check(cmd) => registry::check(store, cmd, now),
        Command::Import {
            what,
            file,
            dry_run,
            period,
            unit,
            sheet,
            header_row,
            columns,
        } => match what {
            ImportWhat::Units | ImportWhat::Roster => {
                let choices = transfer::Choices {
                    sheet,
                    header_row,
                    columns,
                };
                transfer::import(store, what, &file, dry_run, &choices, now)
            }
            ImportWhat::Indicators
                if sheet.is_some() || header_row.is_some() || !columns.is_empty() =>
            {
                Err(Error::bad_value(
                    Field::Input,
                    file.display().to_string(),
                    "--sheet, --header-row và --column dùng khi nhập danh sách đơn vị hoặc thành \
                     viên; bảng chỉ tiêu đọc theo mẫu xuất từ chương trình",
                ))
            }
            ImportWhat::Indicators => indicators::import(
                store,
                &file,
                period.as_deref(),
                unit.as_deref(),
                dry_run,
                now,
            ),
        },
        Command::Export {
            what: ExportWhat::Indicators,
            output,
            unit,
            period,
            ..
        } => indicators::export_template(store, &output, unit.as_deref(), period.as_deref()),
        Command::Export {
            what: ExportWhat::Document,
            output,
            id,
            ..
        } => draft::export_entry(store, id, &output),
        Command::Export {
            what: what @ (ExportWhat::Roster | ExportWhat::FocalPoints),
            output,
            unit,
            ..
        } if Format::of_path(&output).is_some_and(Format::is_document) => {
            let kind = if what == ExportWhat::Roster {
                DocKind::Roster
            } else {
                DocKind::FocalPoints
            };
            draft::export(store, ws, kind, unit.as_deref(), &output, now)
        }
        Command::Export {
            what: ExportWhat::FocalPoints,
            output,
            unit,
            ..
        } => draft::export_focal_table(store, unit.as_deref(), &output),
        Command::Export {
            what: ExportWhat::Register,
            output,
            period,
            ..
        } => draft::export_register(store, period.as_deref(), &output),
        Command::Export {
            what, output, unit, ..
        } => transfer::export(store, what, &output, unit.as_deref()),
        Command::Report(args) => indicators::report(
            store,
            &args.unit,
            &args.period,
            args.json,
            args.output.as_deref(),
            now,
        ),
        Command::Draft(args) => draft::draft(store, ws, args, now),
        Command::Target { action } => plan::target(store, action, now),
        Command::Deadline {
            action:
                DeadlineAction::Set {
                    period,
                    date,
                    indicator,
                },
        } => plan::deadline_set(store, &period, &date, indicator.as_deref()),
        Command::Indicator {
            action:
                IndicatorAction::Add {
                    code,
                    label,
                    measure,
                    summable,
                    people,
                },
        } => plan::indicator_add(store, &code, &label, &measure, summable.as_deref(), people),
        Command::Indicator {
            action: IndicatorAction::Rename { code, label },
        } => plan::indicator_rename(store, &code, &label),
        Command::Indicator {
            action: IndicatorAction::Retire { code, undo },
        } => plan::indicator_retire(store, &code, undo),
        Command::Indicator {
            action: IndicatorAction::List { json },
        } => plan::indicator_list(store, json),
        Command::Issue {
            id,
            date,
            number,
            file,
        } => draft::issue(store, id, date.as_deref(), number, file, now),
        Command::Sign(args) => sign::sign(store, &args, now),
        Command::Office { action } => office::run(store, action),
        Command::Number { action } => numbers::run(store, action, now),
        Command::Backup { output } => data::backup(store, &output),
        Command::Restore { .. } | Command::Preview(_) | Command::Verify { .. } => Ok(()),
    };
    // What was cleaned out of the texts given (control characters): told, not hidden.
    if out.is_ok() {
        for n in store.take_notices() {
            eprintln!("Lưu ý: {}", crate::ops::lines_for_terminal(&n));
        }
    }
    out
}

/// Prints a value as one JSON document on stdout.
/// Writes to stdout; when the reader has gone (`cnscd list units | head`) the program ends
/// quietly, as command-line tools do, instead of panicking as `print!` does. Any other failure to
/// write (a full disk behind a redirect) is reported and fails the command.
pub(crate) fn write_out(args: std::fmt::Arguments<'_>) {
    use std::io::Write;
    // A name read from a hostile file may hold ESC sequences or a bare CR: printed escaped.
    let text = args.to_string();
    let escaped = crate::ops::lines_for_terminal(&text);
    let safe = escaped.to_cow();
    if let Err(e) = std::io::stdout().lock().write_all(safe.as_bytes()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        // The system's own words go to the log; the clerk reads the cause.
        eprintln!("{}", Error::io("(màn hình hoặc tệp chuyển hướng)", e));
        std::process::exit(1);
    }
}

/// `println!` through `write_out`.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::cli::write_out(format_args!("{}\n", format_args!($($arg)*)))
    };
}
pub(crate) use say;

/// `print!` through `write_out`.
macro_rules! say_raw {
    ($($arg:tt)*) => {
        $crate::cli::write_out(format_args!($($arg)*))
    };
}
pub(crate) use say_raw;

pub(crate) fn print_json<T: serde::Serialize>(value: &T) -> Result<()> {
    let s = serde_json::to_string_pretty(value)
        .map_err(|e| Error::internal(format!("tạo JSON: {e}")))?;
    say!("{s}");
    Ok(())
}
