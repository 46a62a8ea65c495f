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
        Error::Template { .. } => {
            Some("Mở «Thư mục mẫu văn bản» trong Cài đặt để sửa, hoặc khôi phục mẫu gốc.")
        }
        Error::Db {
            cause: DbCause::CannotOpen | DbCause::ReadOnly,
            ..
        } => Some("Bấm «Mở thư mục» trong Cài đặt để kiểm tra thư mục dữ liệu."),
        Error::Sign(SignFault::WrongPassword { .. }) => Some("Hãy nhập lại ô «Mật khẩu»."),
        Error::Sign(SignFault::WrongPin { .. }) => Some("Hãy nhập lại ô «Mã PIN»."),
        _ => None,
    };
    match hint {
        Some(h) => format!("{e} {h}"),
        None => e.to_string(),
    }
}
