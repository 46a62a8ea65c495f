//! Build script: tells the program which commit and date it was built from (`cnscd --version`,
//! «Giới thiệu»), and on Windows puts the icon and version information into `cnscd.exe`. Off
//! Windows it starts no compiler and needs nothing but, optionally, git.

use std::path::Path;
use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
        .filter(|s| !s.is_empty())
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=CNSCD_BUILD_COMMIT");
    println!("cargo:rerun-if-env-changed=CNSCD_BUILD_DATE");
    // The commit is looked up again when HEAD or the branch it names moves. Only files that
    // exist are named: a missing one would make cargo run this script on every build.
    if let (Some(dir), Some(common)) = (
        git(&["rev-parse", "--git-dir"]),
        git(&["rev-parse", "--git-common-dir"]),
    ) {
        let mut watch = vec![
            Path::new(&dir).join("HEAD"),
            Path::new(&common).join("packed-refs"),
        ];
        if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
            watch.push(Path::new(&common).join(branch));
        }
        for p in watch.iter().filter(|p| p.exists()) {
            println!("cargo:rerun-if-changed={}", p.display());
        }
    }
    let commit = std::env::var("CNSCD_BUILD_COMMIT")
        .ok()
        .or_else(|| git(&["rev-parse", "--short=10", "HEAD"]))
        .unwrap_or_else(|| "không rõ".into());
    let date = std::env::var("CNSCD_BUILD_DATE")
        .ok()
        .or_else(|| git(&["log", "-1", "--format=%cs"]))
        .unwrap_or_else(|| "không rõ".into());
    println!("cargo:rustc-env=CNSCD_BUILD_COMMIT={commit}");
    println!("cargo:rustc-env=CNSCD_BUILD_DATE={date}");
    windows_resources();
}

/// The icon, version and description Windows shows for `cnscd.exe` (Explorer, the taskbar,
/// Properties → Details). Needs `rc.exe` (MSVC toolchain) or `windres` (GNU toolchain).
#[cfg(windows)]
fn windows_resources() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    println!("cargo:rerun-if-changed=assets/icons/cnscd.ico");
    let version = env!("CARGO_PKG_VERSION");
    let mut res = winresource::WindowsResource::new();
    res.set_icon("assets/icons/cnscd.ico")
        .set("ProductName", "cnscd – Quản lý Tổ Công nghệ số cộng đồng")
        .set("FileDescription", "Quản lý Tổ Công nghệ số cộng đồng")
        .set("CompanyName", "cnscd")
        .set("LegalCopyright", "Giấy phép MIT")
        .set("ProductVersion", version)
        .set("FileVersion", version)
        .set_language(0x042A); // Vietnamese
    if let Err(e) = res.compile() {
        // An exe without an icon still works; say so loudly rather than fail the build.
        println!("cargo:warning=no icon or version information in cnscd.exe: {e}");
    }
}

#[cfg(not(windows))]
fn windows_resources() {}
