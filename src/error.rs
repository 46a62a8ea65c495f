//! The crate's one error type, by cause. Every message is written for a clerk, in Vietnamese,
//! and names the file, row, column and reason where there is one; SQLite's and the operating
//! system's English never reach a clerk (the raw cause goes to the log). Each face adds its own
//! hint on top (`cli` names the flag, `app` names the button), so no message here mentions a
//! `--flag`. `Clone` (through `Arc`) so the window can keep an error in its state.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::model::Problems;

/// Result alias used across the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An input a clerk gives, named so each face can point at it: the command line by its flag,
/// the window by its field or button.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// A reporting period.
    Period,
    /// A unit, by code or name.
    Unit,
    /// A year (of a plan, a target).
    Year,
    /// A date.
    Date,
    /// Establishment or consolidation of a decision.
    DecisionKind,
    /// One document per team.
    Each,
    /// The format of a batch of documents.
    Format,
    /// The file to write.
    Output,
    /// The file to read.
    Input,
    /// The password of a key file.
    Password,
    /// The PIN of a USB token.
    Pin,
    /// The key file (.p12).
    KeyFile,
    /// The PKCS#11 module of a USB token.
    TokenModule,
    /// The page a signature goes on.
    Page,
    /// A signature rectangle.
    SignatureBox,
    /// The image of the handwritten signature.
    SignatureImage,
    /// The image of the seal.
    SealImage,
    /// A member's full name.
    Name,
    /// A member's year of birth.
    BirthYear,
    /// A phone number.
    Phone,
    /// An e-mail address.
    Email,
    /// The team of a member.
    Team,
    /// An indicator's code or label.
    Indicator,
    /// A value typed in a form or a sheet.
    Value,
    /// The number a document is issued with.
    DocNumber,
    /// Any other text field of a form, by its label («Tên đơn vị»).
    Text(&'static str),
    /// The office's deputy who signs for the head (`KT.`).
    Deputy,
}

impl Field {
    /// The Vietnamese name of the input, as a message names it.
    pub fn noun(self) -> &'static str {
        match self {
            Field::Period => "Kỳ báo cáo",
            Field::Unit => "Đơn vị",
            Field::Year => "Năm",
            Field::Date => "Ngày",
            Field::DecisionKind => "Loại quyết định",
            Field::Each => "Soạn riêng từng Tổ",
            Field::Deputy => "Người ký thay",
            Field::Format => "Định dạng",
            Field::Output => "Tệp kết quả",
            Field::Input => "Tệp",
            Field::Password => "Mật khẩu",
            Field::Pin => "Mã PIN",
            Field::KeyFile => "Tệp chứng thư số",
            Field::TokenModule => "Thư viện USB token",
            Field::Page => "Trang",
            Field::SignatureBox => "Ô chữ ký",
            Field::SignatureImage => "Ảnh chữ ký",
            Field::SealImage => "Ảnh con dấu",
            Field::Name => "Họ và tên",
            Field::BirthYear => "Năm sinh",
            Field::Phone => "Số điện thoại",
            Field::Email => "Email",
            Field::Team => "Tổ",
            Field::Indicator => "Chỉ tiêu",
            Field::Value => "Giá trị",
            Field::DocNumber => "Số văn bản",
            Field::Text(label) => label,
        }
    }
}

/// Why the database refused, from SQLite's extended result codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DbCause {
    /// Another program is writing (SQLITE_BUSY).
    Busy,
    /// A table is locked (SQLITE_LOCKED).
    Locked,
    /// The file is damaged or is not a database.
    Corrupt,
    /// A rule of the data was broken (a duplicate key, a missing parent).
    Constraint,
    /// The file or its folder cannot be written.
    ReadOnly,
    /// The disk is full.
    Full,
    /// The file was made by a newer version of the program.
    SchemaTooNew,
    /// The file cannot be opened (missing folder, no permission).
    CannotOpen,
    /// The file is an SQLite database of another program, not cnscd's.
    Foreign,
    /// Reading or writing the file failed underneath SQLite (SQLITE_IOERR: a failing disk, a
    /// network drive gone, a file removed by another program).
    Disk,
    /// Anything else (the code goes to the log).
    Other,
}

impl DbCause {
    fn text(self) -> &'static str {
        match self {
            DbCause::Busy => {
                "cơ sở dữ liệu đang bận (một chương trình khác đang ghi); hãy thử lại sau ít phút"
            }
            DbCause::Locked => {
                "cơ sở dữ liệu đang bị khóa; hãy đóng các cửa sổ cnscd khác rồi thử lại"
            }
            DbCause::Corrupt => "tệp cơ sở dữ liệu bị hỏng; hãy khôi phục từ bản sao lưu",
            DbCause::Constraint => {
                "dữ liệu vi phạm ràng buộc (trùng mã hoặc thiếu đơn vị, tổ liên quan)"
            }
            DbCause::ReadOnly => "không ghi được vào cơ sở dữ liệu (tệp hoặc thư mục chỉ cho đọc)",
            DbCause::Full => "ổ đĩa đã đầy; hãy giải phóng dung lượng rồi thử lại",
            DbCause::SchemaTooNew => {
                "cơ sở dữ liệu được tạo bởi phiên bản mới hơn; hãy cập nhật phần mềm"
            }
            DbCause::CannotOpen => {
                "không mở được tệp cơ sở dữ liệu (thư mục không có hoặc không có quyền)"
            }
            DbCause::Foreign => {
                "tệp không phải cơ sở dữ liệu của cnscd (do chương trình khác tạo); không dùng tệp này"
            }
            DbCause::Disk => {
                "lỗi đọc/ghi ổ đĩa khi dùng cơ sở dữ liệu (ổ đĩa lỗi, ổ mạng bị ngắt, hoặc tệp bị \
                 chương trình khác thay đổi); hãy thử lại, nếu vẫn lỗi hãy khôi phục từ bản sao lưu"
            }
            DbCause::Other => "cơ sở dữ liệu báo lỗi",
        }
    }

    /// Whether the cause lies in the machine (exit code 3) rather than in the data (1).
    pub fn is_environment(self) -> bool {
        !matches!(self, DbCause::Constraint)
    }
}

/// Why a file could not be read or written, from the operating system's error kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IoCause {
    /// The file or folder does not exist.
    NotFound,
    /// No permission.
    PermissionDenied,
    /// The disk or folder is read-only.
    ReadOnly,
    /// The disk is full.
    DiskFull,
    /// The file is in use by another program (on Windows, open in Excel or Word: a sharing
    /// violation).
    InUse,
    /// The path is longer than the system allows.
    PathTooLong,
    /// A folder was named where a file is needed.
    IsFolder,
    /// A file was named where a folder is needed (`bao-cao.pdf/x.xlsx`).
    NotFolder,
    /// Anything else (the code goes to the log).
    Other,
}

impl IoCause {
    /// The cause of an operating-system error.
    pub fn of(e: &std::io::Error) -> IoCause {
        use std::io::ErrorKind as K;
        // Windows names a file open in Excel by its own codes: ERROR_SHARING_VIOLATION (32),
        // ERROR_LOCK_VIOLATION (33), ERROR_USER_MAPPED_FILE (1224); a path over MAX_PATH by
        // ERROR_FILENAME_EXCED_RANGE (206).
        #[cfg(windows)]
        match e.raw_os_error() {
            Some(32 | 33 | 1224) => return IoCause::InUse,
            Some(206) => return IoCause::PathTooLong,
            _ => {}
        }
        match e.kind() {
            K::NotFound => IoCause::NotFound,
            K::PermissionDenied => IoCause::PermissionDenied,
            K::ReadOnlyFilesystem => IoCause::ReadOnly,
            K::StorageFull | K::QuotaExceeded => IoCause::DiskFull,
            K::ResourceBusy | K::ExecutableFileBusy => IoCause::InUse,
            K::InvalidFilename => IoCause::PathTooLong,
            K::IsADirectory => IoCause::IsFolder,
            K::NotADirectory => IoCause::NotFolder,
            _ => IoCause::Other,
        }
    }

    fn text(self) -> &'static str {
        match self {
            IoCause::NotFound => "không có tệp hoặc thư mục này",
            IoCause::PermissionDenied => "không có quyền đọc/ghi",
            IoCause::ReadOnly => "ổ đĩa hoặc thư mục chỉ cho đọc",
            IoCause::DiskFull => "ổ đĩa đã đầy",
            IoCause::InUse => {
                "tệp đang mở trong một chương trình khác (Excel, Word…); hãy đóng tệp đó rồi thử lại"
            }
            IoCause::PathTooLong => {
                "tên tệp hoặc đường dẫn quá dài; hãy chọn thư mục gần ổ đĩa hơn hoặc đặt tên ngắn hơn"
            }
            IoCause::IsFolder => "đây là một thư mục, không phải tệp",
            IoCause::NotFolder => "một phần của đường dẫn là tệp chứ không phải thư mục",
            IoCause::Other => "hệ điều hành báo lỗi khi đọc/ghi",
        }
    }
}

/// Why a signature could not be made: the key file, the token, its PIN or the certificate.
/// (`sign::fault` reads the token's answers into these causes.)
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignFault {
    /// The PKCS#11 module (the token's driver) could not be loaded or initialised.
    #[error(
        "Không nạp được thư viện của USB token {}: {reason}. Hãy cài lại phần mềm quản lý token của nhà cung cấp.",
        module.display()
    )]
    ModuleUnusable {
        /// The module's path.
        module: PathBuf,
        /// What failed, in words.
        reason: String,
    },
    /// No token is inserted (or none the module sees).
    #[error("Không thấy USB token nào được cắm vào máy (thư viện {}).", module.display())]
    NoToken {
        /// The module's path.
        module: PathBuf,
    },
    /// The chosen token or slot is not there any more.
    #[error("Không tìm thấy USB token đã chọn; có thể token đã bị rút ra.")]
    TokenGone,
    /// The PIN was wrong.
    #[error("{}", if *.few_left {
        "Sai mã PIN của USB token. Token sắp bị khóa: đừng thử lại nếu không chắc mã PIN."
    } else {
        "Sai mã PIN của USB token."
    })]
    WrongPin {
        /// The token says few tries are left.
        few_left: bool,
    },
    /// The PIN is locked (CKR_PIN_LOCKED or the token's flag).
    #[error(
        "USB token đã bị khóa mã PIN do nhập sai nhiều lần; hãy liên hệ nhà cung cấp chứng thư số để mở khóa."
    )]
    PinLocked,
    /// One try is left: the program does not risk locking the token.
    #[error(
        "USB token chỉ còn một lần nhập mã PIN; phần mềm không thử để tránh khóa token. Hãy dùng công cụ của nhà cung cấp để nhập mã PIN."
    )]
    PinFinalTry,
    /// The PIN has expired and must be changed with the vendor's tool.
    #[error(
        "Mã PIN của USB token đã hết hạn; hãy đổi mã PIN bằng phần mềm quản lý token rồi ký lại."
    )]
    PinExpired,
    /// The certificate's validity ended before the signing time.
    #[error("Chứng thư số của {name} đã hết hạn ngày {not_after}; không thể ký.")]
    CertificateExpired {
        /// Subject name.
        name: String,
        /// Last valid day (dd/mm/yyyy).
        not_after: String,
    },
    /// The certificate is not valid yet.
    #[error("Chứng thư số của {name} chỉ có hiệu lực từ ngày {not_before}; không thể ký.")]
    CertificateNotYetValid {
        /// Subject name.
        name: String,
        /// First valid day (dd/mm/yyyy).
        not_before: String,
    },
    /// The token holds no certificate.
    #[error("USB token không chứa chứng thư số nào.")]
    NoCertificate,
    /// The token holds certificates but no private key that matches one.
    #[error(
        "USB token không có khóa bí mật đi kèm chứng thư số (khóa và chứng thư phải cùng CKA_ID)."
    )]
    NoPrivateKey,
    /// Another token error, with the PKCS#11 code for the vendor's support.
    #[error("Lỗi USB token khi {step} (mã {code}).")]
    Token {
        /// What was being done, in words.
        step: String,
        /// The PKCS#11 return value.
        code: String,
    },
    /// The password of a .p12 file is wrong.
    #[error("Sai mật khẩu của tệp chứng thư số {}.", file.display())]
    WrongPassword {
        /// The key file.
        file: PathBuf,
    },
    /// A .p12 file cannot be read (damaged, or not a key file).
    #[error(
        "Không đọc được tệp chứng thư số {} (sai mật khẩu hoặc tệp hỏng).",
        file.display()
    )]
    UnreadableKeyFile {
        /// The key file.
        file: PathBuf,
    },
    /// Any other problem with the key or certificate, in Vietnamese.
    #[error("{0}")]
    Key(String),
}

/// What went wrong, by cause, in words a clerk can act on.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Error {
    /// The clerk cancelled the work; nothing was written.
    #[error("Đã hủy; dữ liệu không thay đổi.")]
    Cancelled,
    /// An imported file was refused; the list names every problem (file, row, column, reason).
    #[error("{0}")]
    Refused(Arc<Problems>),
    /// A value the clerk gave cannot be used.
    #[error("{}", bad_value(field, value, reason))]
    BadValue {
        /// Which input.
        field: Field,
        /// What was given (may be empty).
        value: String,
        /// Why it is refused, in Vietnamese.
        reason: String,
    },
    /// Something named by the clerk does not exist (`đơn vị «Hòa Vang»`).
    #[error("Không tìm thấy {0}.")]
    NotFound(String),
    /// A unit name matched several units.
    #[error("Tên \"{query}\" khớp với nhiều đơn vị, hãy dùng mã đơn vị: {}", candidates.join("; "))]
    Ambiguous {
        /// What the clerk typed.
        query: String,
        /// The units it matched, as "code – full name".
        candidates: Vec<String>,
    },
    /// Sample data is made only in an empty database.
    #[error("Cơ sở dữ liệu đã có dữ liệu; dữ liệu mẫu chỉ tạo trong cơ sở dữ liệu trống.")]
    NotEmpty,
    /// The data does not allow this step (a rule of the register, of the decree, of the data);
    /// the text is the whole sentence.
    #[error("{0}")]
    NotAllowed(String),
    /// The document breaks Nghị định 30: the check's errors. Exported only when the clerk says so.
    #[error("Văn bản chưa đúng thể thức Nghị định 30 ({} lỗi): {}; không xuất tệp.", .0.len(), .0.join("; "))]
    NotCompliant(Vec<String>),
    /// A template (shipped or the clerk's copy) cannot be used.
    #[error("Mẫu {file} không dùng được: dòng {line}: {reason}")]
    Template {
        /// The template's file name or path.
        file: String,
        /// The line in the template.
        line: usize,
        /// Why, in Vietnamese.
        reason: String,
    },
    /// A PDF file is damaged or not one the program can read or write.
    #[error("{0}")]
    Pdf(String),
    /// A signature could not be made.
    #[error("{0}")]
    Sign(SignFault),
    /// A signed file did not verify.
    #[error("{}: chữ ký không hợp lệ: {}.", file.display(), reasons.join("; "))]
    Unverified {
        /// The file.
        file: PathBuf,
        /// What is wrong.
        reasons: Vec<String>,
    },
    /// The database refused.
    #[error("{}", db_text(*cause, path.as_deref()))]
    Db {
        /// Why.
        cause: DbCause,
        /// The database file, when known.
        path: Option<PathBuf>,
    },
    /// A file could not be read or written.
    #[error("Không đọc/ghi được {}: {}.", path.display(), cause.text())]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// Why.
        cause: IoCause,
    },
    /// The database was restored from a backup (by `cnscd restore` or another window) after this
    /// window loaded its data: a write prepared against the replaced data is refused, not applied.
    #[error(
        "Dữ liệu đã được khôi phục từ bản sao lưu (bằng cửa sổ khác hoặc lệnh cnscd restore) sau khi màn hình này được nạp; thao tác vừa rồi chưa được ghi. Dữ liệu đã được tải lại — hãy xem lại rồi làm lại."
    )]
    Restored,
    /// A fault of the program itself.
    #[error(
        "Lỗi của chương trình ({0}). Đây không phải lỗi của dữ liệu; hãy gửi tệp nhật ký logs/cnscd.log trong thư mục dữ liệu cho người hỗ trợ (Cài đặt → Giới thiệu → «Mở thư mục nhật ký»)."
    )]
    Internal(String),
}

fn bad_value(field: &Field, value: &str, reason: &str) -> String {
    if value.is_empty() {
        format!("{}: {reason}", field.noun())
    } else {
        format!("{} «{value}» không dùng được: {reason}", field.noun())
    }
}

fn db_text(cause: DbCause, path: Option<&Path>) -> String {
    match path {
        Some(p) => format!("Lỗi cơ sở dữ liệu {}: {}.", p.display(), cause.text()),
        None => format!("Lỗi cơ sở dữ liệu: {}.", cause.text()),
    }
}

impl Error {
    /// Wraps an I/O error with the path it concerns; the operating system's own text goes to the
    /// log only.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        let path = path.into();
        tracing::warn!(path = %path.display(), error = %source, "i/o error");
        Error::Io {
            path,
            cause: IoCause::of(&source),
        }
    }

    /// A value that cannot be used.
    pub fn bad_value(field: Field, value: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::BadValue {
            field,
            value: value.into(),
            reason: reason.into(),
        }
    }

    /// A step the data does not allow.
    pub fn not_allowed(msg: impl Into<String>) -> Self {
        Error::NotAllowed(msg.into())
    }

    /// A fault of the program; `what` is logged and shown in short.
    pub fn internal(what: impl Into<String>) -> Self {
        let what = what.into();
        tracing::error!(what, "internal fault");
        // Callers write «what was being done: the library's own words»; the log keeps both,
        // the clerk is shown only what was being done (the library's words are English).
        let shown = what
            .split_once(": ")
            .map_or(what.as_str(), |(head, _)| head);
        Error::Internal(shown.to_string())
    }

    /// A PDF fault naming the file it concerns (`Error::Pdf` texts say what is wrong, not
    /// where); other errors unchanged.
    pub fn in_pdf(self, file: &Path) -> Self {
        match self {
            Error::Pdf(text) if !text.contains(&file.display().to_string()) => {
                Error::Pdf(format!("{}: {text}", file.display()))
            }
            other => other,
        }
    }

    /// The database error with the file it concerns.
    pub fn at(self, file: &Path) -> Self {
        match self {
            Error::Db { cause, path: None } => Error::Db {
                cause,
                path: Some(file.to_path_buf()),
            },
            other => other,
        }
    }

    /// The process exit code for this error: 1 the input or the data was refused, 3 the
    /// environment failed (database busy, locked or damaged, disk full, folder read-only),
    /// 4 a fault of the program. (2, wrong usage, is the command-line parser's.)
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Db { cause, .. } if cause.is_environment() => 3,
            Error::Io { cause, .. } if !matches!(cause, IoCause::NotFound | IoCause::Other) => 3,
            Error::Sign(
                SignFault::ModuleUnusable { .. }
                | SignFault::NoToken { .. }
                | SignFault::TokenGone
                | SignFault::Token { .. },
            ) => 3,
            Error::Internal(_) => 4,
            _ => 1,
        }
    }

    /// Whether this is a refusal whose problem list a face shows row by row.
    pub fn problems(&self) -> Option<&Problems> {
        match self {
            Error::Refused(p) => Some(p),
            _ => None,
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        let cause = match &e {
            rusqlite::Error::SqliteFailure(f, _) => match f.code {
                C::DatabaseBusy => DbCause::Busy,
                C::DatabaseLocked => DbCause::Locked,
                C::DatabaseCorrupt | C::NotADatabase => DbCause::Corrupt,
                C::ConstraintViolation => DbCause::Constraint,
                C::ReadOnly => DbCause::ReadOnly,
                C::DiskFull => DbCause::Full,
                C::CannotOpen | C::PermissionDenied => DbCause::CannotOpen,
                C::SystemIoFailure => DbCause::Disk,
                _ => DbCause::Other,
            },
            // Not a refusal of SQLite's: a query that does not fit the schema is the program's.
            other => return Error::internal(format!("cơ sở dữ liệu: {other}")),
        };
        tracing::warn!(error = %e, "database error");
        Error::Db { cause, path: None }
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn system_refusals_are_causes_a_clerk_acts_on_naming_the_file() {
        // Linux errno values: what permission, space, read-only disks, a busy file, a long
        // name and folder/file mix-ups give.
        for (errno, cause, words) in [
            (13, IoCause::PermissionDenied, "không có quyền"),
            (28, IoCause::DiskFull, "ổ đĩa đã đầy"),
            (122, IoCause::DiskFull, "ổ đĩa đã đầy"),
            (30, IoCause::ReadOnly, "chỉ cho đọc"),
            (26, IoCause::InUse, "đang mở trong một chương trình khác"),
            (16, IoCause::InUse, "đang mở trong một chương trình khác"),
            (36, IoCause::PathTooLong, "quá dài"),
            (21, IoCause::IsFolder, "là một thư mục"),
            (20, IoCause::NotFolder, "không phải thư mục"),
            (2, IoCause::NotFound, "không có tệp"),
        ] {
            let e = Error::io(
                "D:/bao cao/ds.xlsx",
                std::io::Error::from_raw_os_error(errno),
            );
            assert!(
                matches!(&e, Error::Io { cause: c, .. } if *c == cause),
                "{errno}: {e:?}"
            );
            let text = e.to_string();
            assert!(text.contains("D:/bao cao/ds.xlsx"), "{text}");
            assert!(text.contains(words), "{errno}: {text}");
            assert!(!text.to_lowercase().contains("os error"), "{text}");
        }
    }

    #[test]
    fn a_pdf_fault_names_its_file_once() {
        let e = Error::Pdf("Tệp PDF bị hỏng.".into()).in_pdf(Path::new("qd.pdf"));
        assert_eq!(e.to_string(), "qd.pdf: Tệp PDF bị hỏng.");
        let again = e.in_pdf(Path::new("qd.pdf"));
        assert_eq!(again.to_string(), "qd.pdf: Tệp PDF bị hỏng.");
    }
}

#[cfg(test)]
mod internal_tests {
    use super::Error;

    #[test]
    fn a_fault_of_the_program_shows_what_was_being_done_not_the_librarys_english() {
        let e = Error::internal("ghi tệp PDF: invalid cross-reference table");
        let shown = e.to_string();
        assert!(
            shown.starts_with("Lỗi của chương trình (ghi tệp PDF)."),
            "{shown}"
        );
        assert!(!shown.contains("invalid"), "{shown}");
        let whole = Error::internal("văn bản chưa có số sau khi cấp số").to_string();
        assert!(
            whole.contains("(văn bản chưa có số sau khi cấp số)"),
            "{whole}"
        );
    }
}
