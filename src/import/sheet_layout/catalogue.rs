//! The fields of a roster and of a unit list with the labels communes' own forms give them:
//! what the importers pass to `Layout::detect` (an indicator sheet's fields are the
//! catalogue's indicators, built by the caller).

use super::FieldSpec;

/// Field keys.
pub mod key {
    /// Unit code.
    pub const UNIT_CODE: &str = "unit_code";
    /// Unit (village, residential group, commune).
    pub const UNIT: &str = "unit";
    /// Commune, to settle village names that repeat.
    pub const COMMUNE: &str = "commune";
    /// Team name.
    pub const TEAM: &str = "team";
    /// Full name.
    pub const NAME: &str = "name";
    /// Year or date of birth.
    pub const YEAR: &str = "year";
    /// Gender.
    pub const GENDER: &str = "gender";
    /// Role in the team.
    pub const ROLE: &str = "role";
    /// Position and workplace.
    pub const POSITION: &str = "position";
    /// Phone.
    pub const PHONE: &str = "phone";
    /// Email.
    pub const EMAIL: &str = "email";
    /// Trained.
    pub const TRAINED: &str = "trained";
    /// Joined on.
    pub const JOINED: &str = "joined";
    /// The number of the team's establishing decision.
    pub const DECISION: &str = "decision";
    /// Its date.
    pub const DECISION_DATE: &str = "decision_date";
    /// Its signer or issuing body.
    pub const DECISION_SIGNER: &str = "decision_signer";
    /// Its summary.
    pub const DECISION_SUMMARY: &str = "decision_summary";
    /// A unit list's code.
    pub const CODE: &str = "code";
    /// A unit list's name.
    pub const NAME_OF_UNIT: &str = "unit_name";
    /// A unit list's level word.
    pub const LEVEL: &str = "level";
    /// A unit list's parent (name or code).
    pub const PARENT: &str = "parent";
    /// A unit list's parent code.
    pub const PARENT_CODE: &str = "parent_code";
}

/// A roster's fields. Required: the name, the year (or date) of birth and the role; the unit
/// may come from section rows instead of a column, the gender from «Nam»/«Nữ» sub-columns.
pub fn roster_fields() -> Vec<FieldSpec> {
    vec![
        FieldSpec::new(key::UNIT_CODE, "Mã đơn vị", &["Mã thôn", "Mã"], false),
        FieldSpec::new(
            key::UNIT,
            "Đơn vị",
            &[
                "Thôn",
                "Thôn/tổ dân phố",
                "Thôn, tổ dân phố",
                "Thôn/TDP",
                "Thôn, bản",
                "Thôn, bản, tổ dân phố",
                "Tổ dân phố",
                "Khu phố",
                "Ấp",
                "Bản",
                "Địa bàn",
                "Tên đơn vị",
                "Đơn vị hành chính",
            ],
            false,
        ),
        FieldSpec::new(
            key::COMMUNE,
            "Xã/phường",
            &[
                "Xã",
                "Phường",
                "Xã, phường",
                "Phường/xã",
                "Xã/phường/đặc khu",
            ],
            false,
        ),
        FieldSpec::new(
            key::TEAM,
            "Tên tổ",
            &["Tổ", "Tên Tổ CNSCĐ", "Tổ CNSCĐ"],
            false,
        ),
        FieldSpec::new(
            key::NAME,
            "Họ và tên",
            &[
                "Họ tên",
                "Họ và tên thành viên",
                "Họ, tên",
                "Họ và tên thành viên Tổ",
            ],
            true,
        ),
        FieldSpec::new(
            key::YEAR,
            "Năm sinh",
            &[
                "Sinh năm",
                "Ngày sinh",
                "Ngày, tháng, năm sinh",
                "Ngày tháng năm sinh",
                "Năm SN",
            ],
            true,
        ),
        FieldSpec::new(
            key::GENDER,
            "Giới tính",
            &["Giới", "Nam/Nữ", "Nam, nữ"],
            false,
        ),
        FieldSpec::new(
            key::ROLE,
            "Chức vụ trong Tổ",
            &[
                "Vai trò",
                "Chức vụ trong tổ CNSCĐ",
                "Chức danh trong Tổ",
                "Nhiệm vụ trong Tổ",
                "Vị trí trong Tổ",
                "Chức vụ trong Tổ công nghệ số cộng đồng",
            ],
            true,
        ),
        FieldSpec::new(
            key::POSITION,
            "Chức vụ, đơn vị công tác",
            &[
                "Chức vụ, đơn vị",
                "Chức vụ đơn vị công tác",
                "Đơn vị công tác",
                "Chức vụ",
                "Chức vụ/đơn vị công tác",
                "Nghề nghiệp, chức vụ",
                "Nghề nghiệp",
            ],
            false,
        ),
        FieldSpec::new(
            key::PHONE,
            "Số điện thoại",
            &[
                "Điện thoại",
                "SĐT",
                "ĐT",
                "Điện thoại liên hệ",
                "Di động",
                "ĐTDĐ",
            ],
            false,
        ),
        FieldSpec::new(
            key::EMAIL,
            "Email",
            &["Thư điện tử", "E-mail", "Địa chỉ email", "Gmail"],
            false,
        ),
        FieldSpec::new(
            key::TRAINED,
            "Đã tập huấn",
            &["Tập huấn", "Đã được tập huấn", "Được tập huấn"],
            false,
        ),
        FieldSpec::new(key::JOINED, "Ngày tham gia", &["Ngày vào tổ"], false),
        // The decision establishing the team, when the sheet records it beside the members.
        FieldSpec::new(
            key::DECISION,
            "Số QĐ thành lập",
            &[
                "Số quyết định thành lập",
                "QĐ thành lập",
                "Quyết định thành lập",
                "Số QĐ thành lập Tổ",
                "Số QĐ",
                "Số quyết định",
            ],
            false,
        ),
        FieldSpec::new(
            key::DECISION_DATE,
            "Ngày QĐ",
            &[
                "Ngày quyết định",
                "Ngày QĐ thành lập",
                "Ngày ban hành",
                "Ngày ban hành QĐ",
                "Ngày ký QĐ",
            ],
            false,
        ),
        FieldSpec::new(
            key::DECISION_SIGNER,
            "Người ký",
            &["Người ký QĐ", "Cơ quan ban hành", "Cơ quan ban hành QĐ"],
            false,
        ),
        FieldSpec::new(
            key::DECISION_SUMMARY,
            "Trích yếu",
            &["Trích yếu QĐ", "Trích yếu nội dung"],
            false,
        ),
    ]
}

/// A unit list's fields, as official lists head them (`Tên đơn vị hành chính`, `Tỉnh (thành
/// phố)`, `Mã số`).
pub fn unit_fields() -> Vec<FieldSpec> {
    vec![
        FieldSpec::new(
            key::CODE,
            "Mã",
            &["Mã đơn vị", "Mã số", "Mã ĐVHC", "Mã hành chính"],
            false,
        ),
        FieldSpec::new(
            key::NAME_OF_UNIT,
            "Tên đơn vị",
            &[
                "Đơn vị",
                "Tên",
                "Tên đơn vị hành chính",
                "Tên ĐVHC",
                "Đơn vị hành chính",
            ],
            true,
        ),
        FieldSpec::new(
            key::LEVEL,
            "Cấp",
            &["Cấp hành chính", "Loại", "Loại đơn vị", "Cấp đơn vị"],
            false,
        ),
        FieldSpec::new(
            key::PARENT,
            "Tên đơn vị cấp trên",
            &[
                "Đơn vị cấp trên",
                "Cấp trên",
                "Trực thuộc",
                "Thuộc",
                "Tỉnh",
                "Tỉnh, thành phố",
                "Tỉnh/thành phố",
                "Thuộc tỉnh",
            ],
            false,
        ),
        FieldSpec::new(
            key::PARENT_CODE,
            "Mã đơn vị cấp trên",
            &["Mã cấp trên", "Mã tỉnh"],
            false,
        ),
    ]
}
