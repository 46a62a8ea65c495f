//! `office show|set`: the office's own settings that every document reads (own unit, parent
//! body, issuing body, signing mode KT./TM./Q., signer, proposer, report recipient, focal
//! official and contacts), through `ops::settings`, as Cài đặt saves them.

use clap::{Args, Subcommand, ValueEnum};

use super::{print_json, say};
use crate::error::{Error, Field, Result};
use crate::model::{Deputy, Office, SigningMode};
use crate::ops::{Store, registry, settings};

/// `office` actions.
#[derive(Debug, Subcommand)]
pub enum OfficeAction {
    /// In thông tin cơ quan dùng cho văn bản.
    Show {
        /// In JSON.
        #[arg(long)]
        json: bool,
    },
    /// Sửa thông tin cơ quan (chỉ các mục được ghi; mục khác giữ nguyên).
    Set(Box<OfficeArgs>),
}

/// How the signer signs, as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModeArg {
    /// Thủ trưởng ký trực tiếp.
    TrucTiep,
    /// KT.: cấp phó ký thay.
    Kt,
    /// TM.: thay mặt tập thể.
    Tm,
    /// Q.: quyền thủ trưởng.
    Q,
    /// TL.: thừa lệnh.
    Tl,
    /// TUQ.: thừa ủy quyền.
    Tuq,
    /// TM. và KT.: cấp phó ký thay thủ trưởng, thay mặt tập thể.
    TmKt,
}

impl From<ModeArg> for SigningMode {
    fn from(m: ModeArg) -> Self {
        match m {
            ModeArg::TrucTiep => SigningMode::Direct,
            ModeArg::Kt => SigningMode::Kt,
            ModeArg::Tm => SigningMode::Tm,
            ModeArg::Q => SigningMode::Q,
            ModeArg::Tl => SigningMode::Tl,
            ModeArg::Tuq => SigningMode::Tuq,
            ModeArg::TmKt => SigningMode::TmKt,
        }
    }
}

/// `office set` fields; each one given replaces the saved value.
#[derive(Debug, Args)]
pub struct OfficeArgs {
    /// Đơn vị của cơ quan (mã hoặc tên xã, huyện, tỉnh).
    #[arg(long)]
    pub unit: Option<String>,
    /// Cơ quan chủ quản (dòng trên tên cơ quan ban hành).
    #[arg(long = "parent-body")]
    pub parent_body: Option<String>,
    /// Cơ quan ban hành.
    #[arg(long = "issuing-body")]
    pub issuing_body: Option<String>,
    /// Địa danh ở dòng ngày tháng.
    #[arg(long)]
    pub place: Option<String>,
    /// Chữ viết tắt tên cơ quan trong ký hiệu (UBND).
    #[arg(long = "symbol-org")]
    pub symbol_org: Option<String>,
    /// Đơn vị soạn thảo (dòng «Lưu: VT, …»).
    #[arg(long = "drafting-unit")]
    pub drafting_unit: Option<String>,
    /// Người đề nghị (câu «Theo đề nghị của …»).
    #[arg(long)]
    pub proposer: Option<String>,
    /// Thẩm quyền ban hành (CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ …).
    #[arg(long)]
    pub authority: Option<String>,
    /// Tập thể của dòng «TM. …».
    #[arg(long)]
    pub collective: Option<String>,
    /// Chức danh thủ trưởng.
    #[arg(long = "head-title")]
    pub head_title: Option<String>,
    /// Hình thức ký.
    #[arg(long = "signing-mode", value_enum)]
    pub signing_mode: Option<ModeArg>,
    /// Chức danh người ký.
    #[arg(long = "signer-title")]
    pub signer_title: Option<String>,
    /// Họ tên người ký.
    #[arg(long = "signer-name")]
    pub signer_name: Option<String>,
    /// Nơi nhận báo cáo («Kính gửi: …»).
    #[arg(long = "report-to")]
    pub report_to: Option<String>,
    /// Đầu mối: họ tên.
    #[arg(long = "focal-name")]
    pub focal_name: Option<String>,
    /// Đầu mối: chức vụ.
    #[arg(long = "focal-title")]
    pub focal_title: Option<String>,
    /// Đầu mối: điện thoại.
    #[arg(long = "focal-phone")]
    pub focal_phone: Option<String>,
    /// Đầu mối: email.
    #[arg(long = "focal-email")]
    pub focal_email: Option<String>,
    /// Cấp phó ký thay (KT.), dạng «CHỨC DANH:Họ tên», ví dụ «PHÓ CHỦ TỊCH:Lê Thị Mai»; ghi
    /// nhiều lần cho nhiều cấp phó (thay cả danh sách cũ, theo thứ tự ghi).
    #[arg(long = "deputy")]
    pub deputies: Vec<String>,
    /// Xóa danh sách cấp phó ký thay.
    #[arg(long = "no-deputies", conflicts_with = "deputies")]
    pub no_deputies: bool,
}

/// `cnscd office show|set`.
pub fn run(store: &mut Store, action: OfficeAction) -> Result<()> {
    match action {
        OfficeAction::Show { json } => {
            let office = settings::office(store)?;
            if json {
                return print_json(&office);
            }
            show(&office);
            Ok(())
        }
        OfficeAction::Set(args) => {
            let mut office = settings::office(store)?;
            if let Some(u) = &args.unit {
                office.unit_code = Some(registry::resolve_unit(store, u)?.code);
            }
            if let Some(m) = args.signing_mode {
                office.signing_mode = m.into();
            }
            if args.no_deputies {
                office.deputies.clear();
            } else if !args.deputies.is_empty() {
                office.deputies = args
                    .deputies
                    .iter()
                    .map(|d| deputy_arg(d))
                    .collect::<Result<_>>()?;
            }
            for (given, slot) in [
                (args.parent_body, &mut office.parent_body),
                (args.issuing_body, &mut office.issuing_body),
                (args.place, &mut office.place),
                (args.symbol_org, &mut office.symbol_org),
                (args.drafting_unit, &mut office.drafting_unit),
                (args.proposer, &mut office.proposer),
                (args.authority, &mut office.authority),
                (args.collective, &mut office.collective),
                (args.head_title, &mut office.head_title),
                (args.signer_title, &mut office.signer_title),
                (args.signer_name, &mut office.signer_name),
                (args.report_to, &mut office.report_to),
                (args.focal_name, &mut office.focal_name),
                (args.focal_title, &mut office.focal_title),
                (args.focal_phone, &mut office.focal_phone),
                (args.focal_email, &mut office.focal_email),
            ] {
                if let Some(v) = given {
                    *slot = v;
                }
            }
            let saved = settings::save_office(store, &office)?;
            say!("Đã lưu thông tin cơ quan.");
            show(&saved);
            Ok(())
        }
    }
}

/// «PHÓ CHỦ TỊCH:Lê Thị Mai» → the deputy.
fn deputy_arg(arg: &str) -> Result<Deputy> {
    match arg.split_once(':') {
        Some((title, name)) if !title.trim().is_empty() && !name.trim().is_empty() => Ok(Deputy {
            title: title.trim().to_string(),
            name: name.trim().to_string(),
        }),
        _ => Err(Error::bad_value(
            Field::Deputy,
            arg,
            "ghi «CHỨC DANH:Họ tên», ví dụ «PHÓ CHỦ TỊCH:Lê Thị Mai»",
        )),
    }
}

fn show(o: &Office) {
    say!(
        "Đơn vị: {}",
        o.unit_code.as_deref().unwrap_or("(chưa chọn)")
    );
    say!("Cơ quan chủ quản: {}", o.parent_body);
    say!("Cơ quan ban hành: {}", o.issuing_body);
    say!("Địa danh: {}", o.place);
    say!(
        "Người ký: {} — {}",
        o.signer_lines().join(" / "),
        o.signer_name
    );
    if o.deputies.is_empty() {
        say!("Cấp phó ký thay: (chưa có)");
    }
    for (i, d) in o.deputies.iter().enumerate() {
        say!("Cấp phó ký thay {}: {}", i + 1, d.label());
    }
    say!("Người đề nghị: {}", o.proposer);
    say!("Nơi nhận báo cáo: {}", o.report_to);
    say!(
        "Đầu mối: {} ({}), {}, {}",
        o.focal_name,
        o.focal_title,
        o.focal_phone,
        o.focal_email
    );
}
