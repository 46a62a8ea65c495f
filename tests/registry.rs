//! The registry through the command line: sample, list, backup and restore.

use crate::common::Env;

#[test]
fn sample_then_list_as_json() {
    let env = Env::new();
    let out = env.ok(&["sample", "--scale", "commune"]);
    assert!(out.contains("13 tổ"), "{out}");
    let teams: serde_json::Value =
        serde_json::from_str(&env.ok(&["list", "teams", "--json"])).expect("json");
    let teams = teams.as_array().expect("array");
    assert_eq!(teams.len(), 13);
    for key in ["id", "name", "unit", "members"] {
        assert!(teams[0].get(key).is_some(), "team has {key}");
    }
    let units: serde_json::Value =
        serde_json::from_str(&env.ok(&["list", "units", "--json"])).expect("json");
    let first = &units.as_array().expect("array")[0];
    assert_eq!(first["level"], "province");
    assert!(first["parent"].is_null());
    let members: serde_json::Value =
        serde_json::from_str(&env.ok(&["list", "members", "--json"])).expect("json");
    let members = members.as_array().expect("array");
    assert_eq!(members.len(), 90);
    assert!(members.iter().any(|m| m["role"] == "leader"));
    // A second sample into the same database is refused with exit code 1.
    let again = env.run(&["sample", "--scale", "commune"]);
    assert_eq!(again.status.code(), Some(1));
}

#[test]
fn list_filters_by_unit_name_without_accents() {
    let env = Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    let out = env.ok(&["list", "members", "--unit", "thon nam yen", "--json"]);
    let members: serde_json::Value = serde_json::from_str(&out).expect("json");
    let n = members.as_array().expect("array").len();
    assert!((4..=9).contains(&n), "one village team has {n} members");
}

#[test]
fn backup_restore_round_trip_and_truncated_backup_is_refused() {
    let env = Env::new();
    env.ok(&["sample", "--scale", "commune"]);
    let before = env.store().checksum().expect("checksum");
    let backup = env.path("sao-luu.db");
    env.ok(&["backup", "-o", backup.to_str().expect("path")]);

    // Restoring a truncated copy is refused and leaves the live database as it was.
    let bytes = std::fs::read(&backup).expect("read backup");
    let truncated = env.path("hong.db");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).expect("write");
    let out = env.run(&["restore", truncated.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("hỏng") || err.contains("không"), "{err}");
    assert_eq!(env.store().checksum().expect("checksum"), before);

    // A real restore into a fresh data dir reproduces the data.
    let other = Env::new();
    other.ok(&["restore", backup.to_str().expect("path")]);
    assert_eq!(other.store().checksum().expect("checksum"), before);
}

#[test]
fn a_reader_that_stops_early_ends_the_listing_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};

    let env = Env::new();
    env.ok(&["sample", "--scale", "district"]);
    // As `cnscd list members | head -3`: the pipe closes long before the ~200 KB listing ends.
    let mut child = Command::new(env!("CARGO_BIN_EXE_cnscd"))
        .arg("--data-dir")
        .arg(env.data())
        .args(["list", "members"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 256];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}
