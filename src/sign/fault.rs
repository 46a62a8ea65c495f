//! Why a key could not be used, as causes a clerk can act on: the token's PIN (wrong, about to
//! lock, locked), the certificate (expired, not yet valid), the token's content (no certificate,
//! no private key), the module (cannot be loaded, no token inserted). Self-contained so that the
//! crate's error type can wrap it; until then it converts to [`Error::Invalid`] with its message.

use std::path::PathBuf;

use crate::error::Error;

/// A cause of failure when opening or using a signing key.
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
}

impl From<SignFault> for Error {
    fn from(f: SignFault) -> Error {
        Error::invalid(f.to_string())
    }
}

/// The fault for a PKCS#11 error during `step` (in Vietnamese words). `few_left` is read from the
/// token after a wrong PIN.
pub fn from_pkcs11(e: &cryptoki::error::Error, step: &str, few_left: bool) -> SignFault {
    use cryptoki::error::{Error as E, RvError as Rv};
    match e {
        E::Pkcs11(Rv::PinIncorrect, _) => SignFault::WrongPin { few_left },
        E::Pkcs11(Rv::PinLocked, _) => SignFault::PinLocked,
        E::Pkcs11(Rv::PinExpired, _) => SignFault::PinExpired,
        E::Pkcs11(Rv::TokenNotPresent | Rv::DeviceRemoved | Rv::SlotIdInvalid, _) => {
            SignFault::TokenGone
        }
        E::Pkcs11(rv, _) => SignFault::Token {
            step: step.to_owned(),
            code: format!("{rv:?}"),
        },
        other => SignFault::Token {
            step: step.to_owned(),
            code: other.to_string(),
        },
    }
}

/// The fault the token's flags announce before any PIN is tried.
pub fn from_flags(locked: bool, final_try: bool) -> Option<SignFault> {
    if locked {
        Some(SignFault::PinLocked)
    } else if final_try {
        Some(SignFault::PinFinalTry)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cryptoki::context::Function;
    use cryptoki::error::{Error as E, RvError as Rv};

    #[test]
    fn pkcs11_codes_become_distinct_causes() {
        let f = |rv| from_pkcs11(&E::Pkcs11(rv, Function::Login), "đăng nhập", false);
        assert_eq!(f(Rv::PinIncorrect), SignFault::WrongPin { few_left: false });
        assert_eq!(f(Rv::PinLocked), SignFault::PinLocked);
        assert_eq!(f(Rv::PinExpired), SignFault::PinExpired);
        assert_eq!(f(Rv::DeviceRemoved), SignFault::TokenGone);
        let other = f(Rv::DeviceError);
        assert!(other.to_string().contains("đăng nhập"), "{other}");
        assert!(
            SignFault::WrongPin { few_left: true }
                .to_string()
                .contains("sắp bị khóa")
        );
        assert_eq!(from_flags(true, true), Some(SignFault::PinLocked));
        assert_eq!(from_flags(false, true), Some(SignFault::PinFinalTry));
        assert_eq!(from_flags(false, false), None);
        let msg = Error::from(SignFault::PinLocked).to_string();
        assert!(msg.contains("bị khóa mã PIN"), "{msg}");
    }
}
