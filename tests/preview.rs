//! The in-process preview (`export::raster`, hayro) against poppler's `pdftoppm`, the reference
//! renderer, on the decision, plan and report of the district sample: every page has the same
//! size in pixels and the ink in the same places.
//!
//! Tolerance: both images are turned to grey, blurred with a 3×3 box (which forgives
//! anti-aliasing and sub-pixel glyph placement), and compared: the mean absolute difference per
//! pixel must stay under `MEAN_TOLERANCE` (out of 255), no 8×8 block of the page may differ by
//! more than `BLOCK_TOLERANCE` on average (a missing word or a line in the wrong place breaks
//! it), and the bounding box of the ink must agree within `BOX_TOLERANCE` pixels. The same
//! measure between two different pages of the same document is checked to fail, so the
//! tolerance is shown to tell pages apart.

use std::path::Path;
use std::process::Command;

use crate::common::{Env, require_tool};

const DPI: f32 = 60.0;
const MEAN_TOLERANCE: f64 = 0.6;
const BLOCK_TOLERANCE: f64 = 75.0;
const BOX_TOLERANCE: i64 = 2;

/// A grey image, 0 black … 255 white.
struct Grey {
    w: usize,
    h: usize,
    px: Vec<f64>,
}

impl Grey {
    fn from_rgba(w: u32, h: u32, rgba: &[u8]) -> Grey {
        let px = rgba
            .chunks_exact(4)
            .map(|p| {
                // Composite on white, then luma.
                let a = f64::from(p[3]) / 255.0;
                let c = |v: u8| f64::from(v) * a + 255.0 * (1.0 - a);
                0.299 * c(p[0]) + 0.587 * c(p[1]) + 0.114 * c(p[2])
            })
            .collect();
        Grey {
            w: w as usize,
            h: h as usize,
            px,
        }
    }

    fn blurred(&self) -> Grey {
        let mut px = vec![0.0; self.px.len()];
        for y in 0..self.h {
            for x in 0..self.w {
                let (mut sum, mut n) = (0.0, 0.0);
                for yy in y.saturating_sub(1)..=(y + 1).min(self.h - 1) {
                    for xx in x.saturating_sub(1)..=(x + 1).min(self.w - 1) {
                        sum += self.px[yy * self.w + xx];
                        n += 1.0;
                    }
                }
                px[y * self.w + x] = sum / n;
            }
        }
        Grey {
            w: self.w,
            h: self.h,
            px,
        }
    }

    /// Left, top, right, bottom of the pixels darker than mid-grey.
    fn ink_box(&self) -> Option<[i64; 4]> {
        let mut b: Option<[i64; 4]> = None;
        for y in 0..self.h {
            for x in 0..self.w {
                if self.px[y * self.w + x] < 128.0 {
                    let (x, y) = (x as i64, y as i64);
                    b = Some(match b {
                        None => [x, y, x, y],
                        Some([l, t, r, bt]) => [l.min(x), t.min(y), r.max(x), bt.max(y)],
                    });
                }
            }
        }
        b
    }
}

/// The absolute difference summed over the page as a share of the reference's ink (0 the same,
/// about 1 or more for another page), and the worst 8×8 block's mean difference (out of 255).
fn difference(a: &Grey, b: &Grey) -> (f64, f64) {
    assert_eq!((a.w, a.h), (b.w, b.h), "same page size in pixels");
    let (a, b) = (a.blurred(), b.blurred());
    let total: f64 = a.px.iter().zip(&b.px).map(|(x, y)| (x - y).abs()).sum();
    let ink: f64 = b.px.iter().map(|y| 255.0 - y).sum();
    let mut worst: f64 = 0.0;
    for by in (0..a.h).step_by(8) {
        for bx in (0..a.w).step_by(8) {
            let (mut sum, mut n) = (0.0, 0.0);
            for y in by..(by + 8).min(a.h) {
                for x in bx..(bx + 8).min(a.w) {
                    sum += (a.px[y * a.w + x] - b.px[y * a.w + x]).abs();
                    n += 1.0;
                }
            }
            worst = worst.max(sum / n);
        }
    }
    (total / ink.max(1.0), worst)
}

/// Poppler's rendering of every page of `pdf` at `DPI`.
fn poppler_pages(pdf: &Path, dir: &Path) -> Vec<Grey> {
    let prefix = dir.join("poppler");
    let st = Command::new("pdftoppm")
        .args(["-png", "-r", &DPI.to_string()])
        .arg(pdf)
        .arg(&prefix)
        .status()
        .expect("pdftoppm");
    assert!(st.success());
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("poppler") && n.ends_with(".png"))
        })
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| {
            let img = image::open(f).expect("png").to_rgba8();
            let g = Grey::from_rgba(img.width(), img.height(), img.as_raw());
            std::fs::remove_file(f).expect("remove");
            g
        })
        .collect()
}

fn compare_document(env: &Env, args: &[&str], name: &str) -> usize {
    let pdf = env.path(&format!("{name}.pdf"));
    let mut full = args.to_vec();
    full.extend(["-o", pdf.to_str().expect("utf-8 path")]);
    env.ok(&full);
    let bytes = std::fs::read(&pdf).expect("pdf");
    let ours: Vec<Grey> = cnscd::export::raster::render_pages(&bytes, DPI)
        .expect("render")
        .iter()
        .map(|p| Grey::from_rgba(p.width, p.height, &p.rgba))
        .collect();
    let scratch = tempfile::tempdir().expect("dir");
    let reference = poppler_pages(&pdf, scratch.path());
    assert_eq!(ours.len(), reference.len(), "{name}: page count");
    assert_eq!(
        cnscd::export::raster::page_count(&bytes).expect("count"),
        ours.len()
    );
    for (i, (a, b)) in ours.iter().zip(&reference).enumerate() {
        let (mean, block) = difference(a, b);
        let (ba, bb) = (a.ink_box().expect("ink"), b.ink_box().expect("ink"));
        eprintln!(
            "{name} page {}: mean {mean:.2}, worst block {block:.1}, ink {ba:?} vs {bb:?}",
            i + 1
        );
        assert!(mean < MEAN_TOLERANCE, "{name} page {}: mean {mean}", i + 1);
        assert!(
            block < BLOCK_TOLERANCE,
            "{name} page {}: block {block}",
            i + 1
        );
        for (x, y) in ba.iter().zip(&bb) {
            assert!(
                (x - y).abs() <= BOX_TOLERANCE,
                "{name} page {}: ink box {ba:?} vs {bb:?}",
                i + 1
            );
        }
    }
    // The measure tells two different pages apart.
    if ours.len() > 1 {
        let (mean, block) = difference(&ours[1], &reference[0]);
        eprintln!("{name}: page 2 vs page 1: {mean:.2} {block:.1}");
        assert!(
            mean >= MEAN_TOLERANCE && block >= BLOCK_TOLERANCE,
            "{name}: page 2 passes for page 1 ({mean}, {block})"
        );
    }
    ours.len()
}

#[test]
fn preview_matches_poppler_on_the_district_documents() {
    if !require_tool("pdftoppm") {
        return;
    }
    let env = Env::new();
    env.ok(&["sample", "--scale", "district"]);
    let mut pages = 0;
    pages += compare_document(
        &env,
        &["draft", "decision", "--unit", "497.001"],
        "decision",
    );
    pages += compare_document(
        &env,
        &["draft", "plan", "--unit", "497", "--year", "2024"],
        "plan",
    );
    pages += compare_document(
        &env,
        &["draft", "report", "--unit", "497", "--period", "2024-H1"],
        "report",
    );
    assert!(pages >= 3);
}

/// The binary copied alone into an empty folder, with no program reachable on `PATH`, drafts
/// every kind of document and renders a preview page: nothing outside the executable is used
/// at run time (poppler, stty, a shell). (Templates: read from inside the binary once they are
/// embedded; until then from the build tree this binary records.)
#[test]
fn a_copied_binary_without_path_drafts_and_previews() {
    let env = Env::new();
    let bin_dir = env.path("may-moi");
    std::fs::create_dir_all(&bin_dir).expect("dir");
    let exe = bin_dir.join(if cfg!(windows) { "cnscd.exe" } else { "cnscd" });
    std::fs::copy(env!("CARGO_BIN_EXE_cnscd"), &exe).expect("copy the binary");
    let data = env.data();
    let run = |args: &[&str]| {
        let out = Command::new(&exe)
            .arg("--data-dir")
            .arg(&data)
            .args(args)
            .env_clear()
            .env("PATH", "/nonexistent")
            .current_dir(&bin_dir)
            .output()
            .expect("run the copy");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run(&["sample", "--scale", "commune"]);
    for (kind, extra) in [
        ("decision", vec![]),
        ("plan", vec!["--year", "2026"]),
        ("report", vec!["--period", "2026-H1"]),
        ("focal-points", vec![]),
    ] {
        let out = env.path(&format!("{kind}.pdf"));
        let mut args = vec!["draft", kind, "--unit", "20314"];
        args.extend(extra);
        args.extend(["-o", out.to_str().expect("utf-8")]);
        run(&args);
        assert!(std::fs::read(&out).expect("pdf").starts_with(b"%PDF"));
    }
    let png = env.path("trang-1.png");
    let pdf = env.path("decision.pdf");
    run(&[
        "preview",
        pdf.to_str().expect("utf-8"),
        "--page",
        "1",
        "--dpi",
        "50",
        "-o",
        png.to_str().expect("utf-8"),
    ]);
    let img = image::open(&png).expect("png").to_rgba8();
    // A4 at 50 dpi: 595.28 × 841.89 pt → 414 × 585 px, and ink on it.
    assert_eq!((img.width(), img.height()), (414, 585));
    assert!(img.pixels().filter(|p| p.0[0] < 128).count() > 1000);
}
