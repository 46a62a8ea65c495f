//! One window per data folder, tested with real processes under Xvfb: a second start on the
//! same folder asks the first window to come forward and ends without opening a window or the
//! database; a command runs beside the open window; another folder opens its own window.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{Env, require_tool};

/// An Xvfb display that ends with the test.
struct Display {
    child: Child,
    name: String,
}

impl Display {
    fn start() -> Display {
        // A display number of our own: one whose lock file is absent.
        let n = (100..200)
            .map(|i| i + std::process::id() % 300)
            .find(|n| !Path::new(&format!("/tmp/.X{n}-lock")).exists())
            .expect("a free display");
        let name = format!(":{n}");
        let child = Command::new("Xvfb")
            .args([
                name.as_str(),
                "-screen",
                "0",
                "1366x768x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb");
        wait_for(
            || Path::new(&format!("/tmp/.X11-unix/X{n}")).exists(),
            "Xvfb",
        );
        Display { child, name }
    }

    fn window(&self, data: &Path) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_cnscd"));
        c.arg("--data-dir")
            .arg(data)
            .env("DISPLAY", &self.name)
            .env("ICED_BACKEND", "tiny-skia")
            .env_remove("WAYLAND_DISPLAY")
            .env_remove("CNSCD_DATA_DIR")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        c
    }

    /// Names of the top-level windows that show the program's title.
    fn windows(&self) -> usize {
        let out = Command::new("xwininfo")
            .args(["-root", "-tree"])
            .env("DISPLAY", &self.name)
            .output()
            .expect("xwininfo");
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter(|l| l.contains("Công nghệ số"))
            .count()
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn wait_for(mut ready: impl FnMut() -> bool, what: &str) {
    let start = Instant::now();
    while !ready() {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "{what} never came"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn log(data: &Path) -> String {
    std::fs::read_to_string(data.join("logs").join("cnscd.log")).unwrap_or_default()
}

/// A window process killed when the test ends, pass or fail.
struct Window(Child);

impl Drop for Window {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn a_second_start_on_one_data_folder_raises_the_first_and_leaves_one_writer() {
    if !require_tool("Xvfb") || !require_tool("xwininfo") {
        return;
    }
    let display = Display::start();
    let env = Env::new();
    let data = env.data();
    let mut first = Window(display.window(&data).spawn().expect("first window"));
    wait_for(
        || log(&data).contains("first view built"),
        "the first window",
    );
    wait_for(|| display.windows() == 1, "the first window on the display");

    let started = Instant::now();
    let second = display.window(&data).output().expect("second start");
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(second.status.success(), "{stderr}");
    assert!(
        stderr.contains("Chương trình đã mở") && stderr.contains("đưa cửa sổ đang mở lên trước"),
        "{stderr}"
    );
    assert!(started.elapsed() < Duration::from_secs(30));
    wait_for(
        || log(&data).contains("a second start asked this window to come forward"),
        "the raise request",
    );
    assert_eq!(display.windows(), 1, "still one window");
    assert!(
        first.0.try_wait().expect("status").is_none(),
        "the first window stays open"
    );
    // The folder is still held: a claim from here finds it taken (and raises the window again).
    assert!(matches!(
        cnscd::platform::instance::claim(&data).expect("claim"),
        cnscd::platform::instance::Claim::AlreadyOpen { raised: true }
    ));

    // Commands are not blocked by the open window.
    env.ok(&["sample", "--scale", "commune"]);
    assert!(!env.ok(&["list", "units"]).contains("Tổng: 0 đơn vị"));

    // Another data folder opens its own window.
    let other = Env::new();
    let _second_window = Window(display.window(&other.data()).spawn().expect("other window"));
    wait_for(|| display.windows() == 2, "a window for another folder");

    // When the first window ends, the folder is free again.
    drop(first);
    assert!(matches!(
        cnscd::platform::instance::claim(&data).expect("claim"),
        cnscd::platform::instance::Claim::First(_)
    ));
}
