//! Signing and verification end to end: a test PKI made with the openssl CLI, fixture PDFs written
//! here, images drawn here; checked with poppler's pdfsig, pyHanko, pdftotext and SoftHSM2.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{Env, require_tool};

/// Runs a tool and returns (success, stdout+stderr).
pub fn tool(cmd: &str, args: &[&str], envs: &[(&str, &str)]) -> (bool, String) {
    let mut c = Command::new(cmd);
    c.args(args);
    for (k, v) in envs {
        c.env(k, v);
    }
    let out = c.output().unwrap_or_else(|e| panic!("{cmd}: {e}"));
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

/// Runs a tool that must succeed; returns its output.
pub fn must(cmd: &str, args: &[&str]) -> String {
    let (ok, out) = tool(cmd, args, &[]);
    assert!(ok, "{cmd} {args:?} failed:\n{out}");
    out
}

/// The test PKI: root → intermediate → signer / organisation / expired; an EC P-256 signer.
pub struct Pki {
    pub dir: PathBuf,
}

impl Pki {
    pub fn new(dir: &Path) -> Pki {
        require_tool("openssl");
        let dir = dir.join("pki");
        std::fs::create_dir_all(dir.join("newcerts")).unwrap();
        let p = |n: &str| dir.join(n).to_str().unwrap().to_owned();
        std::fs::write(
            dir.join("ext.cnf"),
            "[ca]\nbasicConstraints=critical,CA:true\nkeyUsage=critical,keyCertSign,cRLSign\n\
             subjectKeyIdentifier=hash\n\
             [leaf]\nbasicConstraints=CA:false\nkeyUsage=critical,digitalSignature,nonRepudiation\n\
             subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n",
        )
        .unwrap();
        std::fs::write(dir.join("index.txt"), "").unwrap();
        std::fs::write(dir.join("serial"), "1000\n").unwrap();
        std::fs::write(
            dir.join("ca.cnf"),
            format!(
                "[ca]\ndefault_ca=d\n[d]\ndatabase={}\nnew_certs_dir={}\nserial={}\n\
                 default_md=sha256\npolicy=any\nunique_subject=no\nx509_extensions=leaf\n\
                 [any]\ncommonName=supplied\norganizationName=optional\ncountryName=optional\n\
                 [leaf]\nbasicConstraints=CA:false\nkeyUsage=critical,digitalSignature,nonRepudiation\n\
                 [req]\ndistinguished_name=dn\n[dn]\n",
                p("index.txt"),
                p("newcerts"),
                p("serial")
            ),
        )
        .unwrap();
        let rsa = |name: &str| {
            must(
                "openssl",
                &[
                    "genpkey",
                    "-algorithm",
                    "RSA",
                    "-pkeyopt",
                    "rsa_keygen_bits:2048",
                    "-out",
                    &p(&format!("{name}.key")),
                ],
            );
        };
        rsa("root");
        must(
            "openssl",
            &[
                "req",
                "-x509",
                "-new",
                "-utf8",
                "-key",
                &p("root.key"),
                "-subj",
                "/CN=Gốc thử nghiệm cnscd/O=Ban Cơ yếu thử nghiệm/C=VN",
                "-days",
                "3650",
                "-sha256",
                "-extensions",
                "ca",
                "-config",
                &p("ext.cnf"),
                "-out",
                &p("root.pem"),
            ],
        );
        let issue = |name: &str, subj: &str, issuer: &str, ext: &str| {
            must(
                "openssl",
                &[
                    "req",
                    "-new",
                    "-utf8",
                    "-key",
                    &p(&format!("{name}.key")),
                    "-subj",
                    subj,
                    "-config",
                    &p("ca.cnf"),
                    "-out",
                    &p(&format!("{name}.csr")),
                ],
            );
            must(
                "openssl",
                &[
                    "x509",
                    "-req",
                    "-in",
                    &p(&format!("{name}.csr")),
                    "-CA",
                    &p(&format!("{issuer}.pem")),
                    "-CAkey",
                    &p(&format!("{issuer}.key")),
                    "-CAcreateserial",
                    "-days",
                    "1825",
                    "-sha256",
                    "-extfile",
                    &p("ext.cnf"),
                    "-extensions",
                    ext,
                    "-out",
                    &p(&format!("{name}.pem")),
                ],
            );
        };
        rsa("inter");
        issue(
            "inter",
            "/CN=CA trung gian thử nghiệm/O=Ban Cơ yếu thử nghiệm/C=VN",
            "root",
            "ca",
        );
        rsa("signer");
        issue(
            "signer",
            "/CN=Nguyễn Văn Ánh/O=Ủy ban nhân dân xã Hòa Bắc/C=VN",
            "inter",
            "leaf",
        );
        rsa("org");
        issue(
            "org",
            "/CN=Ủy ban nhân dân xã Hòa Bắc/O=Ủy ban nhân dân xã Hòa Bắc/C=VN",
            "inter",
            "leaf",
        );
        must(
            "openssl",
            &[
                "genpkey",
                "-algorithm",
                "EC",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-out",
                &p("ec.key"),
            ],
        );
        issue(
            "ec",
            "/CN=Trần Thị Bích/O=Ủy ban nhân dân xã Hòa Bắc/C=VN",
            "inter",
            "leaf",
        );
        // Expired: `openssl ca` accepts explicit dates in the past.
        rsa("expired");
        must(
            "openssl",
            &[
                "req",
                "-new",
                "-utf8",
                "-key",
                &p("expired.key"),
                "-subj",
                "/CN=Lê Văn Hết Hạn/C=VN",
                "-config",
                &p("ca.cnf"),
                "-out",
                &p("expired.csr"),
            ],
        );
        must(
            "openssl",
            &[
                "ca",
                "-batch",
                "-utf8",
                "-notext",
                "-config",
                &p("ca.cnf"),
                "-cert",
                &p("inter.pem"),
                "-keyfile",
                &p("inter.key"),
                "-in",
                &p("expired.csr"),
                "-out",
                &p("expired.pem"),
                "-startdate",
                "20200101000000Z",
                "-enddate",
                "20210101000000Z",
            ],
        );
        let chain = format!(
            "{}{}",
            std::fs::read_to_string(p("inter.pem")).unwrap(),
            std::fs::read_to_string(p("root.pem")).unwrap()
        );
        std::fs::write(p("chain.pem"), chain).unwrap();
        for name in ["signer", "org", "ec", "expired"] {
            // OpenSSL 3 defaults: PBES2/AES-256-CBC, HMAC-SHA-256 MAC.
            must(
                "openssl",
                &[
                    "pkcs12",
                    "-export",
                    "-inkey",
                    &p(&format!("{name}.key")),
                    "-in",
                    &p(&format!("{name}.pem")),
                    "-certfile",
                    &p("chain.pem"),
                    "-passout",
                    "pass:mật-khẩu 123",
                    "-out",
                    &p(&format!("{name}.p12")),
                ],
            );
        }
        Pki { dir }
    }

    pub fn path(&self, name: &str) -> String {
        self.dir.join(name).to_str().unwrap().to_owned()
    }
}

/// The .p12 password, passed through the environment as the CLI requires.
pub const PASSWORD: &str = "mật-khẩu 123";

/// A small classic-xref PDF with `pages` A4 pages of Helvetica text and, when `sig_box` is set,
/// the `/CnscdSignatureBox` Info entry our renderer writes.
pub fn fixture_pdf(pages: usize, sig_box: Option<&str>) -> Vec<u8> {
    let mut objs: Vec<String> = Vec::new();
    // 1 catalog, 2 pages, 3 font, 4 info, then page/content pairs.
    let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", 5 + 2 * i)).collect();
    objs.push("<< /Type /Catalog /Pages 2 0 R >>".into());
    objs.push(format!(
        "<< /Type /Pages /Kids [{}] /Count {pages} >>",
        kids.join(" ")
    ));
    objs.push("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".into());
    objs.push(match sig_box {
        Some(b) => format!("<< /Producer (cnscd test) /CnscdSignatureBox ({b}) >>"),
        None => "<< /Producer (cnscd test) >>".into(),
    });
    for i in 0..pages {
        let text = format!(
            "BT /F1 14 Tf 72 760 Td (QUYET DINH so 12/QD-UBND trang {}) Tj 0 -24 Td (Dieu 1. Thanh lap To Cong nghe so cong dong.) Tj ET",
            i + 1
        );
        objs.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
            6 + 2 * i
        ));
        objs.push(format!(
            "<< /Length {} >>\nstream\n{text}\nendstream",
            text.len()
        ));
    }
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f\r\n", objs.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n\r\n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R /Info 4 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A blue handwritten-looking stroke on a transparent background.
pub fn signature_png() -> Vec<u8> {
    let (w, h) = (360u32, 140u32);
    let mut img = image::RgbaImage::new(w, h);
    for x in 20..340u32 {
        let t = x as f32 / 40.0;
        let y = 70.0 + 40.0 * t.sin() * (1.0 - x as f32 / 400.0);
        for dy in -3i32..=3 {
            let yy = (y as i32 + dy).clamp(0, h as i32 - 1) as u32;
            img.put_pixel(x, yy, image::Rgba([20, 40, 200, 255]));
        }
    }
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// A red seal ring (with an inner ring and a star) on a transparent background.
pub fn seal_png(color: [u8; 3]) -> Vec<u8> {
    let n = 400u32;
    let mut img = image::RgbaImage::new(n, n);
    let c = n as f32 / 2.0;
    for y in 0..n {
        for x in 0..n {
            let r = ((x as f32 - c).powi(2) + (y as f32 - c).powi(2)).sqrt();
            let ring = (r > 185.0 && r < 198.0) || (r > 150.0 && r < 156.0) || r < 40.0;
            if ring {
                img.put_pixel(x, y, image::Rgba([color[0], color[1], color[2], 230]));
            }
        }
    }
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

struct Signed {
    env: Env,
    sig_page: usize,
    pki: Pki,
    unsigned: PathBuf,
    signer: PathBuf,
    both: PathBuf,
    seal: PathBuf,
}

/// Runs `cnscd` with extra environment variables.
pub fn cnscd_with_env(env: &Env, args: &[&str], vars: &[(&str, &str)]) -> std::process::Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cnscd"));
    c.arg("--data-dir")
        .arg(env.data())
        .args(args)
        .env_remove("CNSCD_DATA_DIR");
    for (k, v) in vars {
        c.env(k, v);
    }
    c.output().unwrap()
}

/// Runs `cnscd sign …` with the test password and asserts success.
pub fn sign_ok(env: &Env, args: &[&str]) {
    let out = cnscd_with_env(env, args, &[("P12_PASS", PASSWORD)]);
    assert!(
        out.status.success(),
        "cnscd {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Signs a 3-page fixture as signer, then as organisation.
fn signed_twice() -> Signed {
    let env = Env::new();
    let pki = Pki::new(env.dir.path());
    // A decision from the documents renderer, which records its signature box in Info.
    let rendered =
        cnscd::export::pdf::render_pdf(&cnscd::export::example::decision(8, false)).unwrap();
    let sig_page = rendered.signature_box.expect("signature box").page + 1;
    let unsigned = env.path("qd.pdf");
    std::fs::write(&unsigned, &rendered.bytes).unwrap();
    let sig_png = env.path("chu-ky.png");
    std::fs::write(&sig_png, signature_png()).unwrap();
    let seal = env.path("con-dau.png");
    std::fs::write(&seal, seal_png([220, 20, 30])).unwrap();
    let signer = env.path("qd-signer.pdf");
    let both = env.path("qd-signed.pdf");
    sign_ok(
        &env,
        &[
            "sign",
            unsigned.to_str().unwrap(),
            "-o",
            signer.to_str().unwrap(),
            "--p12",
            &pki.path("signer.p12"),
            "--password-env",
            "P12_PASS",
            "--signature-image",
            sig_png.to_str().unwrap(),
        ],
    );
    sign_ok(
        &env,
        &[
            "sign",
            signer.to_str().unwrap(),
            "-o",
            both.to_str().unwrap(),
            "--p12",
            &pki.path("org.p12"),
            "--password-env",
            "P12_PASS",
            "--as",
            "organization",
            "--seal-image",
            seal.to_str().unwrap(),
        ],
    );
    Signed {
        env,
        sig_page,
        pki,
        unsigned,
        signer,
        both,
        seal,
    }
}

/// Splits pdfsig output into per-signature blocks.
fn pdfsig_blocks(file: &Path) -> Vec<String> {
    let (_, out) = tool("pdfsig", &[file.to_str().unwrap()], &[]);
    out.split("Signature #")
        .skip(1)
        .map(str::to_owned)
        .collect()
}

#[test]
fn signer_then_organization_is_valid_for_pdfsig_pyhanko_and_verify() {
    if !require_tool("pdfsig") || !require_tool("pdftotext") {
        return;
    }
    let s = signed_twice();
    // The original bytes stay byte-identical at the start of both revisions.
    let orig = std::fs::read(&s.unsigned).unwrap();
    let first = std::fs::read(&s.signer).unwrap();
    let both = std::fs::read(&s.both).unwrap();
    assert!(first.starts_with(&orig) && both.starts_with(&first));

    let blocks = pdfsig_blocks(&s.both);
    assert_eq!(blocks.len(), 2, "{blocks:?}");
    for b in &blocks {
        assert!(b.contains("Signature is Valid"), "{b}");
        assert!(b.contains("ETSI.CAdES.detached"), "{b}");
    }
    assert!(blocks[0].contains("Nguyễn Văn Ánh"), "{}", blocks[0]);
    assert!(blocks[1].contains("Total document signed"), "{}", blocks[1]);

    if require_tool("pyhanko") {
        let (ok, out) = tool(
            "pyhanko",
            &[
                "sign",
                "validate",
                "--trust",
                &s.pki.path("root.pem"),
                "--trust-replace",
                "--no-revocation-check",
                "--pretty-print",
                s.both.to_str().unwrap(),
            ],
            &[],
        );
        assert!(ok, "pyhanko: {out}");
        assert_eq!(
            out.matches("The signature is cryptographically sound.")
                .count(),
            2,
            "{out}"
        );
        assert_eq!(
            out.matches("The signature is judged VALID.").count(),
            2,
            "{out}"
        );
    }

    let out = s.env.ok(&[
        "verify",
        s.both.to_str().unwrap(),
        "--trust",
        &s.pki.path("root.pem"),
    ]);
    assert!(
        out.contains("Nguyễn Văn Ánh — Ủy ban nhân dân xã Hòa Bắc"),
        "{out}"
    );
    assert!(out.contains("Toàn vẹn: có"), "{out}");
    assert!(
        out.contains("tin cậy (chứng thư gốc: Gốc thử nghiệm cnscd)"),
        "{out}"
    );
    assert!(out.contains("thêm chữ ký số mới"), "{out}");
    // The office's trust folder works like --trust.
    std::fs::create_dir_all(s.env.data().join("trust")).unwrap();
    std::fs::copy(
        s.pki.path("root.pem"),
        s.env.data().join("trust/neac-test.pem"),
    )
    .unwrap();
    let out = s.env.ok(&["verify", s.both.to_str().unwrap()]);
    assert!(
        out.contains("tin cậy (chứng thư gốc: Gốc thử nghiệm cnscd)"),
        "{out}"
    );
    std::fs::remove_dir_all(s.env.data().join("trust")).unwrap();
    let json = s.env.ok(&["verify", s.both.to_str().unwrap(), "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["ok"], true);
    assert_eq!(v["signatures"][1]["signer"], "Ủy ban nhân dân xã Hòa Bắc");
    assert_eq!(
        v["signatures"][0]["trust"],
        "không xác định được nguồn tin cậy"
    );
    assert!(
        v["signatures"][0]["signing_time"]
            .as_str()
            .unwrap()
            .ends_with("+07:00")
    );
    // Without the root in the trust folder: intact but amber, exit code 0.
    assert_eq!(v["state"], "valid_untrusted");
    for sig in v["signatures"].as_array().unwrap() {
        assert_eq!(sig["state"], "valid_untrusted", "{sig}");
        assert_eq!(sig["answers"]["integrity"]["verdict"], "good", "{sig}");
        assert_eq!(sig["answers"]["trust"]["verdict"], "warning", "{sig}");
        assert_eq!(sig["certificate_not_after"].as_str().unwrap().len(), 10);
    }
    assert!(
        v["signatures"][0]["answers"]["integrity"]["text"]
            .as_str()
            .unwrap()
            .contains("thêm chữ ký số mới (Signature2)"),
        "{json}"
    );
    let json = s.env.ok(&[
        "verify",
        s.both.to_str().unwrap(),
        "--json",
        "--trust",
        &s.pki.path("root.pem"),
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["state"], "valid", "{json}");
    let signer = v["signatures"][0]["answers"]["signer"]["text"]
        .as_str()
        .unwrap();
    assert!(
        signer.starts_with(
            "Người ký: Nguyễn Văn Ánh (Ủy ban nhân dân xã Hòa Bắc). Chứng thư số có hiệu lực từ "
        ),
        "{signer}"
    );
    assert!(signer.contains("nằm trong thời hạn đó"), "{signer}");

    let text = must("pdftotext", &[s.both.to_str().unwrap(), "-"]);
    assert!(
        text.contains("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ HÒA BẮC"),
        "{text}"
    );
    assert!(
        text.contains("Căn cứ Luật Tổ chức chính quyền địa phương"),
        "{text}"
    );
    let _ = &s.seal;
}

#[test]
fn seal_sits_over_the_left_third_of_the_signature() {
    if !require_tool("pdftoppm") {
        return;
    }
    let s = signed_twice();
    let prefix = s.env.path("page");
    let page = s.sig_page.to_string();
    must(
        "pdftoppm",
        &[
            "-png",
            "-r",
            "72",
            "-f",
            &page,
            "-l",
            &page,
            s.both.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    let png = std::fs::read_dir(s.env.dir.path())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.file_name().unwrap().to_str().unwrap().starts_with("page"))
        .unwrap();
    if let Ok(keep) = std::env::var("CNSCD_KEEP_RENDER") {
        std::fs::copy(&png, &keep).unwrap();
        std::fs::copy(&s.both, format!("{keep}.pdf")).unwrap();
    }
    let img = image::open(&png).unwrap().to_rgb8();
    let (h, w) = (img.height(), img.width());
    let blue = |p: &image::Rgb<u8>| p[2] > 150 && p[0] < 120;
    let red = |p: &image::Rgb<u8>| p[0] > 150 && p[1] < 120 && p[2] < 120;
    let mut blue_x = Vec::new();
    let mut red_x = Vec::new();
    for y in 0..h {
        for x in 0..w {
            let p = img.get_pixel(x, y);
            if blue(p) {
                blue_x.push(x);
            }
            if red(p) {
                red_x.push(x);
            }
        }
    }
    assert!(
        !blue_x.is_empty() && !red_x.is_empty(),
        "blue {} red {}",
        blue_x.len(),
        red_x.len()
    );
    let (b0, b1) = (*blue_x.iter().min().unwrap(), *blue_x.iter().max().unwrap());
    let (r0, r1) = (*red_x.iter().min().unwrap(), *red_x.iter().max().unwrap());
    let third = b0 + (b1 - b0) / 3;
    // The seal ends around the first third of the signature and starts left of it.
    assert!(
        r0 < b0 && r1 > b0 && r1 <= third + 12,
        "blue {b0}..{b1}, red {r0}..{r1}"
    );
    // Real size: 36 mm at 72 dpi is 102 px.
    assert!((r1 - r0).abs_diff(100) <= 6, "seal width {}", r1 - r0);
}

/// Appends an incremental update built with the library's writer.
fn append_update(
    bytes: &[u8],
    edit: impl FnOnce(&lopdf::Document, &mut cnscd::sign::pdf::Update),
) -> Vec<u8> {
    let parsed = cnscd::sign::pdf::parse(bytes).unwrap();
    let mut u = cnscd::sign::pdf::Update::new(parsed.size);
    edit(&parsed.doc, &mut u);
    u.finish(bytes, &parsed, &lopdf::Dictionary::new()).0
}

fn verify_fails(env: &Env, file: &Path, expect: &str) {
    let out = env.run(&["verify", file.to_str().unwrap()]);
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(1), "{all}");
    assert!(all.contains(expect), "expected {expect:?} in:\n{all}");
}

#[test]
fn tampering_is_detected_by_verify_and_pdfsig() {
    if !require_tool("pdfsig") {
        return;
    }
    let s = signed_twice();
    let both = std::fs::read(&s.both).unwrap();

    // 1. One byte inside the signed range (the page text).
    let mut changed = both.clone();
    let at = cnscd::sign::pdf::find_from(&changed, b"/MediaBox", 0).unwrap();
    changed[at + 1] = b'm';
    let f1 = s.env.path("byte.pdf");
    std::fs::write(&f1, &changed).unwrap();
    verify_fails(&s.env, &f1, "mã băm không khớp");
    for b in pdfsig_blocks(&f1) {
        assert!(!b.contains("Signature is Valid"), "{b}");
    }

    // 2. A page appended in a later incremental update.
    let added = append_update(&both, |doc, u| {
        let pages_id = doc
            .catalog()
            .unwrap()
            .get(b"Pages")
            .unwrap()
            .as_reference()
            .unwrap();
        let mut pages = doc.get_dictionary(pages_id).unwrap().clone();
        let first_page = *doc.get_pages().get(&1).unwrap();
        let mut page = doc.get_dictionary(first_page).unwrap().clone();
        page.remove(b"Annots");
        let new_page = u.add(&lopdf::Object::Dictionary(page));
        let mut kids = pages.get(b"Kids").unwrap().as_array().unwrap().clone();
        kids.push(lopdf::Object::Reference(new_page));
        pages.set("Kids", kids);
        pages.set("Count", 4);
        u.set(pages_id, &lopdf::Object::Dictionary(pages));
    });
    let f2 = s.env.path("page.pdf");
    std::fs::write(&f2, &added).unwrap();
    verify_fails(&s.env, &f2, "thêm hoặc bớt trang");
    let blocks = pdfsig_blocks(&f2);
    assert!(
        blocks[1].contains("Not total document signed"),
        "{}",
        blocks[1]
    );

    // 3. The seal image replaced by a blue one.
    let replaced = append_update(&both, |doc, u| {
        let image = doc
            .objects
            .iter()
            .filter(|(_, o)| {
                o.as_stream().is_ok_and(|s| {
                    s.dict.get(b"Subtype").and_then(|x| x.as_name()).ok() == Some(b"Image")
                        && s.dict.has(b"SMask")
                })
            })
            .map(|(id, _)| *id)
            .max()
            .unwrap();
        let png = seal_png([10, 10, 220]);
        let img = image::load_from_memory(&png).unwrap().to_rgb8();
        let mut dict = doc
            .get_object(image)
            .unwrap()
            .as_stream()
            .unwrap()
            .dict
            .clone();
        dict.remove(b"Filter");
        dict.remove(b"SMask");
        u.set(
            image,
            &lopdf::Object::Stream(lopdf::Stream::new(dict, img.into_raw())),
        );
    });
    let f3 = s.env.path("seal.pdf");
    std::fs::write(&f3, &replaced).unwrap();
    verify_fails(&s.env, &f3, "bị thay thế");
    let blocks = pdfsig_blocks(&f3);
    assert!(
        blocks[1].contains("Not total document signed"),
        "{}",
        blocks[1]
    );
}

#[test]
fn attachment_stamp_text_extracts_as_written() {
    if !require_tool("pdftotext") || !require_tool("pdfsig") {
        return;
    }
    let env = Env::new();
    let pki = Pki::new(env.dir.path());
    let input = env.path("phu-luc.pdf");
    std::fs::write(&input, fixture_pdf(2, None)).unwrap();
    let out = env.path("phu-luc-signed.pdf");
    sign_ok(
        &env,
        &[
            "sign",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--p12",
            &pki.path("org.p12"),
            "--password-env",
            "P12_PASS",
            "--as",
            "organization",
            "--attachment-of",
            "12/QĐ-UBND",
        ],
    );
    let text = must(
        "pdftotext",
        &["-f", "1", "-l", "1", out.to_str().unwrap(), "-"],
    );
    let line = text
        .lines()
        .find(|l| l.contains("Số: 12/QĐ-UBND; "))
        .unwrap_or_else(|| panic!("stamp missing:\n{text}"));
    // `Số: 12/QĐ-UBND; 05/03/2024; 14:30:15 +07:00`
    let rest = line.trim().trim_start_matches("Số: 12/QĐ-UBND; ");
    let parts: Vec<&str> = rest.split("; ").collect();
    assert_eq!(parts.len(), 2, "{line}");
    assert!(
        chrono::NaiveDate::parse_from_str(parts[0], "%d/%m/%Y").is_ok(),
        "{line}"
    );
    assert!(
        parts[1].ends_with(" +07:00") && parts[1].len() == 15,
        "{line}"
    );
    let fonts = must("pdffonts", &[out.to_str().unwrap()]);
    assert!(
        fonts.contains("LiberationSerif") && fonts.contains("yes"),
        "{fonts}"
    );
    assert!(must("pdfsig", &[out.to_str().unwrap()]).contains("Signature is Valid"));
}

#[test]
fn a_pdf_with_cross_reference_and_object_streams_signs_and_validates() {
    if !require_tool("pdfsig") {
        return;
    }
    // Many producers (Word, browsers, scanners' software) write PDF 1.5 files whose cross-reference
    // table is a stream and whose objects sit in object streams.
    let mut doc = lopdf::Document::load_mem(&fixture_pdf(2, None)).unwrap();
    let mut modern = Vec::new();
    doc.save_with_options(
        &mut modern,
        lopdf::SaveOptions::builder()
            .use_xref_streams(true)
            .use_object_streams(true)
            .build(),
    )
    .unwrap();
    assert!(
        modern.windows(10).any(|w| w == b"/Type/XRef"),
        "the fixture has no cross-reference stream"
    );
    let env = Env::new();
    let pki = Pki::new(env.dir.path());
    let input = env.path("modern.pdf");
    std::fs::write(&input, &modern).unwrap();
    let once = env.path("modern-1.pdf");
    let twice = env.path("modern-2.pdf");
    for (from, to, key, role) in [
        (&input, &once, "signer.p12", "signer"),
        (&once, &twice, "org.p12", "organization"),
    ] {
        sign_ok(
            &env,
            &[
                "sign",
                from.to_str().unwrap(),
                "-o",
                to.to_str().unwrap(),
                "--p12",
                &pki.path(key),
                "--password-env",
                "P12_PASS",
                "--as",
                role,
            ],
        );
    }
    let report = must("pdfsig", &[twice.to_str().unwrap()]);
    assert_eq!(report.matches("Signature is Valid").count(), 2, "{report}");
    let text = must("pdftotext", &[twice.to_str().unwrap(), "-"]);
    assert!(text.contains("QUYET DINH so 12/QD-UBND trang 2"), "{text}");
    let verified = env.ok(&["verify", twice.to_str().unwrap()]);
    assert!(!verified.contains("không hợp lệ"), "{verified}");
}

#[test]
fn ecdsa_and_pss_signatures_validate() {
    if !require_tool("pdfsig") {
        return;
    }
    let env = Env::new();
    let pki = Pki::new(env.dir.path());
    let input = env.path("in.pdf");
    std::fs::write(&input, fixture_pdf(1, None)).unwrap();
    for (p12, extra) in [("ec.p12", None), ("signer.p12", Some("--rsa-pss"))] {
        let out = env.path(&format!("{p12}.pdf"));
        let key = pki.path(p12);
        let mut args = vec![
            "sign",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--p12",
            &key,
            "--password-env",
            "P12_PASS",
        ]
        .into_iter()
        .map(str::to_owned)
        .collect::<Vec<_>>();
        args.extend(extra.map(str::to_owned));
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        sign_ok(&env, &refs);
        let out_s = must("pdfsig", &[out.to_str().unwrap()]);
        assert!(out_s.contains("Signature is Valid"), "{p12}: {out_s}");
        env.ok(&["verify", out.to_str().unwrap()]);
    }
}

#[test]
fn refusals_have_their_own_messages_and_leave_no_output() {
    let env = Env::new();
    let pki = Pki::new(env.dir.path());
    let input = env.path("in.pdf");
    std::fs::write(&input, fixture_pdf(1, None)).unwrap();
    let out = env.path("out.pdf");
    let run = |p12: &str, input: &Path, pass: &str| {
        let o = cnscd_with_env(
            &env,
            &[
                "sign",
                input.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
                "--p12",
                &pki.path(p12),
                "--password-env",
                "P12_PASS",
            ],
            &[("P12_PASS", pass)],
        );
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    };
    let (code, err) = run("signer.p12", &input, "sai mật khẩu");
    assert_eq!(code, Some(1));
    assert!(err.contains("Sai mật khẩu của tệp chứng thư số"), "{err}");
    assert!(!out.exists());

    let (code, err) = run("expired.p12", &input, PASSWORD);
    assert_eq!(code, Some(1));
    assert!(err.contains("đã hết hạn ngày 01/01/2021"), "{err}");
    assert!(!out.exists());

    let broken = env.path("broken.pdf");
    let mut bytes = fixture_pdf(1, None);
    bytes.truncate(bytes.len() - 40);
    std::fs::write(&broken, bytes).unwrap();
    let (code, err) = run("signer.p12", &broken, PASSWORD);
    assert_eq!(code, Some(1));
    assert!(err.contains("Tệp PDF bị hỏng"), "{err}");
    assert!(!out.exists());
    // No temporary files left beside the output either.
    let leftovers: Vec<_> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".cnscd-"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn batch_signs_a_folder_with_one_password() {
    if !require_tool("pdfsig") {
        return;
    }
    let env = Env::new();
    let pki = Pki::new(env.dir.path());
    let dir = env.path("thon");
    std::fs::create_dir_all(&dir).unwrap();
    for v in ["thon-1.pdf", "thon-2.pdf", "thon-3.pdf"] {
        std::fs::write(dir.join(v), fixture_pdf(1, None)).unwrap();
    }
    let out = env.path("da-ky");
    sign_ok(
        &env,
        &[
            "sign",
            dir.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--p12",
            &pki.path("signer.p12"),
            "--password-env",
            "P12_PASS",
        ],
    );
    for v in ["thon-1.pdf", "thon-2.pdf", "thon-3.pdf"] {
        let f = out.join(v);
        assert!(
            must("pdfsig", &[f.to_str().unwrap()]).contains("Signature is Valid"),
            "{v}"
        );
    }
}

#[test]
fn softhsm_token_signs_and_wrong_pin_is_refused() {
    if !require_tool("softhsm2-util") || !require_tool("pkcs11-tool") || !require_tool("pdfsig") {
        return;
    }
    let module = [
        "/usr/lib/softhsm/libsofthsm2.so",
        "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    ]
    .into_iter()
    .find(|p| Path::new(p).exists())
    .expect("libsofthsm2.so");
    let env = Env::new();
    let pki = Pki::new(env.dir.path());
    let tokens = env.path("tokens");
    std::fs::create_dir_all(&tokens).unwrap();
    let conf = env.path("softhsm2.conf");
    std::fs::write(
        &conf,
        format!(
            "directories.tokendir = {}\nobjectstore.backend = file\n",
            tokens.display()
        ),
    )
    .unwrap();
    let hsm = [("SOFTHSM2_CONF", conf.to_str().unwrap())];
    let (ok, out) = tool(
        "softhsm2-util",
        &[
            "--init-token",
            "--free",
            "--label",
            "cnscd",
            "--pin",
            "123456",
            "--so-pin",
            "12345678",
        ],
        &hsm,
    );
    assert!(ok, "{out}");
    let der = |args: &[&str]| {
        let (ok, out) = tool("openssl", args, &[]);
        assert!(ok, "{out}");
    };
    der(&[
        "pkcs8",
        "-topk8",
        "-nocrypt",
        "-in",
        &pki.path("signer.key"),
        "-outform",
        "DER",
        "-out",
        &pki.path("signer.key.der"),
    ]);
    der(&[
        "x509",
        "-in",
        &pki.path("signer.pem"),
        "-outform",
        "DER",
        "-out",
        &pki.path("signer.der"),
    ]);
    der(&[
        "x509",
        "-in",
        &pki.path("inter.pem"),
        "-outform",
        "DER",
        "-out",
        &pki.path("inter.der"),
    ]);
    for (ty, file, id) in [
        ("privkey", "signer.key.der", "01"),
        ("cert", "signer.der", "01"),
        ("cert", "inter.der", "02"),
    ] {
        let (ok, out) = tool(
            "pkcs11-tool",
            &[
                "--module",
                module,
                "--login",
                "--pin",
                "123456",
                "--token-label",
                "cnscd",
                "--write-object",
                &pki.path(file),
                "--type",
                ty,
                "--id",
                id,
                "--label",
                file,
            ],
            &hsm,
        );
        assert!(ok, "{out}");
    }
    let input = env.path("in.pdf");
    std::fs::write(&input, fixture_pdf(1, None)).unwrap();
    let out = env.path("token.pdf");
    let args = [
        "sign",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--pkcs11",
        module,
        "--slot",
        "0",
        "--pin-env",
        "PIN",
    ];
    let wrong = cnscd_with_env(&env, &args, &[("PIN", "000000"), hsm[0]]);
    assert_eq!(wrong.status.code(), Some(1));
    let err = String::from_utf8_lossy(&wrong.stderr);
    assert!(err.contains("Sai mã PIN của USB token"), "{err}");
    assert!(!out.exists());
    let good = cnscd_with_env(&env, &args, &[("PIN", "123456"), hsm[0]]);
    assert!(
        good.status.success(),
        "{}",
        String::from_utf8_lossy(&good.stderr)
    );
    let s = must("pdfsig", &[out.to_str().unwrap()]);
    assert!(
        s.contains("Signature is Valid") && s.contains("Nguyễn Văn Ánh"),
        "{s}"
    );
}

#[test]
fn explicit_page_and_box_place_the_signature_on_any_pdf() {
    let env = Env::new();
    let pki = Pki::new(env.dir.path());
    let input = env.path("other.pdf");
    std::fs::write(&input, fixture_pdf(3, None)).unwrap();
    let png = env.path("sig.png");
    std::fs::write(&png, signature_png()).unwrap();
    let out = env.path("other-signed.pdf");
    sign_ok(
        &env,
        &[
            "sign",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--p12",
            &pki.path("signer.p12"),
            "--password-env",
            "P12_PASS",
            "--signature-image",
            png.to_str().unwrap(),
            "--page",
            "2",
            "--signature-box",
            "300 100 180 70",
        ],
    );
    let doc = lopdf::Document::load(&out).unwrap();
    let page2 = doc.get_pages()[&2];
    let annots = doc
        .get_dictionary(page2)
        .unwrap()
        .get(b"Annots")
        .unwrap()
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(annots.len(), 1);
    let widget = doc
        .get_dictionary(annots[0].as_reference().unwrap())
        .unwrap();
    let r: Vec<f32> = widget
        .get(b"Rect")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o.as_float().unwrap())
        .collect();
    // 360×140 image fitted into 180×70: full width, centred vertically.
    assert!(
        (r[0] - 300.0).abs() < 0.5 && (r[2] - 480.0).abs() < 0.5,
        "{r:?}"
    );
    assert!(r[1] >= 100.0 && r[3] <= 170.0, "{r:?}");
    for p in [1, 3] {
        let d = doc.get_dictionary(doc.get_pages()[&p]).unwrap();
        assert!(d.get(b"Annots").is_err(), "page {p} has annotations");
    }
}

#[test]
fn signing_a_registered_document_marks_it_signed() {
    use cnscd::store::documents;
    let env = Env::new();
    let pki = Pki::new(env.dir.path());
    let bytes = fixture_pdf(1, None);
    let unsigned = env.path("qd-12.pdf");
    std::fs::write(&unsigned, &bytes).unwrap();
    let id = {
        let store = env.store();
        let draft = documents::NewDraft {
            kind: "decision-establish".into(),
            summary: "Quyết định về việc kiện toàn Tổ Công nghệ số cộng đồng".into(),
            register: "UBND xã Hòa Bắc".into(),
            symbol: "QĐ-UBND".into(),
            sha256: Some(cnscd::sign::sha256_hex(&bytes)),
            ..Default::default()
        };
        let created = chrono::NaiveDate::from_ymd_opt(2024, 3, 5)
            .unwrap()
            .and_hms_opt(8, 0, 0)
            .unwrap();
        let id = documents::record_draft(store.conn(), &draft, created).unwrap();
        documents::issue(store.conn(), id, created.date()).unwrap();
        id
    };
    let out = env.path("qd-12-signed.pdf");
    sign_ok(
        &env,
        &[
            "sign",
            unsigned.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--p12",
            &pki.path("signer.p12"),
            "--password-env",
            "P12_PASS",
        ],
    );
    let entry = documents::get(env.store().conn(), id).unwrap();
    assert_eq!(entry.status, documents::Status::Signed);
    assert_eq!(
        entry.sha256,
        Some(cnscd::sign::sha256_hex(&std::fs::read(&out).unwrap()))
    );
}
