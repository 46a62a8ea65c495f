//! An error as the window shows it: the library's message and, where it helps, the field or the
//! button to use (never a command-line flag).

use crate::error::{DbCause, SignFault};
use crate::ops::{Error, Field};

/// The window's name of an input.
fn field_hint(field: Field) -> Option<&'static str> {
    Some(match field {
        Field::Period => "Hãy sửa ô «Kỳ báo cáo».",
        Field::Unit => "Hãy chọn đơn vị trong danh sách.",
        Field::Year => "Hãy sửa ô «Năm».",
        Field::Date => "Hãy sửa ô ngày.",
        Field::DecisionKind => "Hãy chọn «Quyết định thành lập Tổ CNSCĐ» trong ô «Loại văn bản».",
        Field::Output | Field::Format => "Hãy chọn lại nơi lưu tệp.",
        Field::Input => "Hãy chọn một tệp khác.",
        Field::Password => "Hãy nhập lại ô «Mật khẩu».",
        Field::Pin => "Hãy nhập lại ô «Mã PIN».",
        Field::KeyFile => "Hãy chọn lại tệp chứng thư số.",
        Field::TokenModule => "Hãy chọn lại thư viện của USB token.",
        Field::SignatureImage | Field::SealImage => "Hãy chọn lại ảnh PNG.",
        Field::Deputy => "Hãy chọn lại ô «Người ký» (cấp phó trong Cài đặt).",
        _ => return None,
    })
}

/// The message of `e` for a toast or a panel.
pub fn message(e: &Error) -> String {
    let hint = match e {
        Error::BadValue { field, .. } => field_hint(*field),
        Error::NotCompliant(_) => {
            Some("Sửa mẫu hoặc dữ liệu, hoặc bấm «Xuất dù còn lỗi» nếu vẫn cần tệp.")
        }
        Error::NotEmpty => Some("Dữ liệu mẫu chỉ tạo được khi chưa có dữ liệu."),
        Error::Ambiguous { .. } => Some("Hãy chọn đơn vị trong danh sách."),
        // The buttons as the settings screen labels them (`t::OPEN` on the folder's row,
        // `t::TEMPLATES_RESET`).
        Error::Template { .. } => Some(
            "Trong Cài đặt, bấm «Mở» ở dòng «Mẫu văn bản» để sửa mẫu, hoặc bấm «Khôi phục mẫu gốc».",
        ),
        Error::Db {
            cause: DbCause::CannotOpen | DbCause::ReadOnly,
            ..
        } => Some("Trong Cài đặt, bấm «Mở» ở dòng «Thư mục dữ liệu» để kiểm tra thư mục."),
        Error::Sign(SignFault::WrongPassword { .. }) => Some("Hãy nhập lại ô «Mật khẩu»."),
        Error::Sign(SignFault::WrongPin { .. }) => Some("Hãy nhập lại ô «Mã PIN»."),
        _ => None,
    };
    match hint {
        Some(h) => format!("{e} {h}"),
        None => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::Arc;

    use super::*;
    use crate::error::IoCause;
    use crate::model::Problems;

    /// Every input; the match fails to compile when one is added and not listed here.
    fn fields() -> Vec<Field> {
        let all = vec![
            Field::Period,
            Field::Unit,
            Field::Year,
            Field::Date,
            Field::DecisionKind,
            Field::Each,
            Field::Format,
            Field::Output,
            Field::Input,
            Field::Password,
            Field::Pin,
            Field::KeyFile,
            Field::TokenModule,
            Field::Page,
            Field::SignatureBox,
            Field::SignatureImage,
            Field::SealImage,
            Field::Name,
            Field::BirthYear,
            Field::Phone,
            Field::Email,
            Field::Team,
            Field::Indicator,
            Field::Value,
            Field::DocNumber,
            Field::Deputy,
            Field::Text("Tên đơn vị"),
        ];
        for f in &all {
            match f {
                Field::Period
                | Field::Unit
                | Field::Year
                | Field::Date
                | Field::DecisionKind
                | Field::Each
                | Field::Format
                | Field::Output
                | Field::Input
                | Field::Password
                | Field::Pin
                | Field::KeyFile
                | Field::TokenModule
                | Field::Page
                | Field::SignatureBox
                | Field::SignatureImage
                | Field::SealImage
                | Field::Name
                | Field::BirthYear
                | Field::Phone
                | Field::Email
                | Field::Team
                | Field::Indicator
                | Field::Value
                | Field::DocNumber
                | Field::Deputy
                | Field::Text(_) => {}
            }
        }
        all
    }

    fn sign_faults() -> Vec<SignFault> {
        let file = PathBuf::from("khoa.p12");
        let module = PathBuf::from("libtoken.so");
        let all = vec![
            SignFault::WrongPassword { file: file.clone() },
            SignFault::UnreadableKeyFile { file },
            SignFault::WrongPin { few_left: true },
            SignFault::WrongPin { few_left: false },
            SignFault::PinLocked,
            SignFault::PinFinalTry,
            SignFault::PinExpired,
            SignFault::ModuleUnusable {
                module: module.clone(),
                reason: "không tìm thấy tệp".into(),
            },
            SignFault::NoToken { module },
            SignFault::TokenGone,
            SignFault::Token {
                step: "ký".into(),
                code: "CKR_DEVICE_ERROR".into(),
            },
            SignFault::CertificateExpired {
                name: "Nguyễn Văn A".into(),
                not_after: "01/01/2021".into(),
            },
            SignFault::CertificateNotYetValid {
                name: "Nguyễn Văn A".into(),
                not_before: "01/01/2030".into(),
            },
            SignFault::NoCertificate,
            SignFault::NoPrivateKey,
            SignFault::Key("chứng thư số không dùng để ký".into()),
        ];
        for s in &all {
            match s {
                SignFault::WrongPassword { .. }
                | SignFault::UnreadableKeyFile { .. }
                | SignFault::WrongPin { .. }
                | SignFault::PinLocked
                | SignFault::PinFinalTry
                | SignFault::PinExpired
                | SignFault::ModuleUnusable { .. }
                | SignFault::NoToken { .. }
                | SignFault::TokenGone
                | SignFault::Token { .. }
                | SignFault::CertificateExpired { .. }
                | SignFault::CertificateNotYetValid { .. }
                | SignFault::NoCertificate
                | SignFault::NoPrivateKey
                | SignFault::Key(_) => {}
            }
        }
        all
    }

    /// One error of every kind and cause.
    fn every_error() -> Vec<Error> {
        let mut problems = Problems::new("to.xlsx");
        problems.problem(
            Some(3),
            Some("Năm sinh"),
            Some("1850"),
            "năm sinh ngoài khoảng",
        );
        let mut all = vec![
            Error::Cancelled,
            Error::Refused(Arc::new(problems)),
            Error::NotFound("đơn vị «Hòa Vang»".into()),
            Error::Ambiguous {
                query: "Hòa".into(),
                candidates: vec!["20314 – Xã Hòa Bắc".into(), "20315 – Xã Hòa Liên".into()],
            },
            Error::NotEmpty,
            Error::NotAllowed("Văn bản đã ban hành không sửa được.".into()),
            Error::NotCompliant(vec!["dòng căn cứ phải kết thúc bằng dấu chấm phẩy".into()]),
            Error::Template {
                file: "quyet-dinh-thanh-lap.txt".into(),
                line: 12,
                reason: "thiếu {% endfor %}".into(),
            },
            Error::Pdf("Tệp PDF bị hỏng hoặc không đọc được.".into()),
            Error::Unverified {
                file: PathBuf::from("da-ky.pdf"),
                reasons: vec!["tệp đã bị sửa sau khi ký".into()],
            },
            Error::Internal("mẫu không dựng được".into()),
        ];
        for f in fields() {
            all.push(Error::bad_value(f, "x", "không hợp lệ"));
            all.push(Error::bad_value(f, "", "để trống"));
        }
        all.extend(sign_faults().into_iter().map(Error::Sign));
        for cause in [
            DbCause::Busy,
            DbCause::Locked,
            DbCause::Corrupt,
            DbCause::Constraint,
            DbCause::ReadOnly,
            DbCause::Full,
            DbCause::SchemaTooNew,
            DbCause::CannotOpen,
            DbCause::Other,
        ] {
            all.push(Error::Db {
                cause,
                path: Some(PathBuf::from("cnscd.db")),
            });
            all.push(Error::Db { cause, path: None });
        }
        for cause in [
            IoCause::NotFound,
            IoCause::PermissionDenied,
            IoCause::ReadOnly,
            IoCause::DiskFull,
            IoCause::InUse,
            IoCause::Other,
        ] {
            all.push(Error::Io {
                path: PathBuf::from("ds.xlsx"),
                cause,
            });
        }
        all
    }

    #[test]
    fn no_window_message_names_a_command_line_flag() {
        for e in every_error() {
            let m = message(&e);
            assert!(!m.trim().is_empty(), "{e:?}");
            assert!(!m.contains("--"), "{e:?}: {m}");
        }
    }

    #[test]
    fn the_hints_name_buttons_the_window_has() {
        use crate::app::text as t;
        let m = message(&Error::Template {
            file: "a.txt".into(),
            line: 1,
            reason: "x".into(),
        });
        for label in [t::OPEN, t::TEMPLATES_FOLDER, t::TEMPLATES_RESET] {
            assert!(m.contains(&format!("«{label}»")), "{m}");
        }
        let m = message(&Error::Db {
            cause: DbCause::ReadOnly,
            path: None,
        });
        assert!(m.contains(&format!("«{}»", t::DATA_FOLDER)), "{m}");
        let m = message(&Error::NotCompliant(vec!["x".into()]));
        assert!(m.contains(&format!("«{}»", t::DOC_EXPORT_FORCE)), "{m}");
    }

    #[test]
    fn the_window_names_the_field_to_correct() {
        let m = message(&Error::bad_value(Field::Period, "quý 5", "không có quý 5"));
        assert!(m.contains("«Kỳ báo cáo»"), "{m}");
        let m = message(&Error::Sign(SignFault::WrongPassword {
            file: PathBuf::from("khoa.p12"),
        }));
        assert!(m.contains("«Mật khẩu»"), "{m}");
    }
}
