//! Asking for a password or PIN at the terminal without showing it, on every platform (`rpassword`
//! turns echo off through the terminal itself on Unix and the console API on Windows; no `stty`).

use crate::error::{Error, Result};

/// Prompts with `Nhập {what}: ` on the terminal and reads one line without echo.
pub fn prompt(what: &str) -> Result<String> {
    rpassword::prompt_password(format!("Nhập {what}: ")).map_err(|e| {
        Error::not_allowed(format!(
            "Không đọc được {what} từ bàn phím ({}); hãy đặt nó vào một biến môi trường.",
            match e.kind() {
                std::io::ErrorKind::NotFound => "không có cửa sổ dòng lệnh",
                std::io::ErrorKind::UnexpectedEof => "đã hết dữ liệu vào",
                _ => "lỗi của cửa sổ dòng lệnh",
            }
        ))
    })
}
