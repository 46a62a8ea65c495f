//! Why a key could not be used, as causes a clerk can act on: the token's PIN (wrong, about to
//! lock, locked), the certificate (expired, not yet valid), the token's content (no certificate,
//! no private key), the module (cannot be loaded, no token inserted). The causes live in
//! `error::SignFault`, so every layer names them; this module reads the token's answers.

use crate::error::Error;

pub use crate::error::SignFault;

impl From<SignFault> for Error {
    fn from(f: SignFault) -> Error {
        Error::Sign(f)
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
