//! The column labels of the sheets the program exchanges with offices: exports write them, the
//! importers read them back (with their aliases), so a clerk can export, edit in Excel and
//! import.

/// The units sheet (interfaces.md §2a).
pub mod units {
    /// STT (ignored).
    pub const STT: &str = "STT";
    /// Code.
    pub const CODE: &str = "Mã";
    /// Name.
    pub const NAME: &str = "Tên đơn vị";
    /// Level or unit-type word.
    pub const LEVEL: &str = "Cấp";
    /// Parent (code or name).
    pub const PARENT: &str = "Đơn vị cấp trên";
}

/// The roster sheet (interfaces.md §2a).
pub mod roster {
    /// STT (ignored).
    pub const STT: &str = "STT";
    /// Unit code.
    pub const UNIT_CODE: &str = "Mã đơn vị";
    /// Unit name.
    pub const UNIT: &str = "Đơn vị";
    /// The commune, to settle repeated village names.
    pub const COMMUNE: &str = "Xã/phường";
    /// Team name.
    pub const TEAM: &str = "Tên tổ";
    /// Full name.
    pub const NAME: &str = "Họ và tên";
    /// Year of birth.
    pub const YEAR: &str = "Năm sinh";
    /// Gender.
    pub const GENDER: &str = "Giới tính";
    /// Role in the team.
    pub const ROLE: &str = "Chức vụ trong Tổ";
    /// Position and workplace.
    pub const POSITION: &str = "Chức vụ, đơn vị công tác";
    /// Phone.
    pub const PHONE: &str = "Số điện thoại";
    /// Email.
    pub const EMAIL: &str = "Email";
    /// Trained.
    pub const TRAINED: &str = "Đã tập huấn";
    /// Joined on.
    pub const JOINED: &str = "Ngày tham gia";
    /// The number of the decision establishing the team.
    pub const DECISION: &str = "Số QĐ thành lập";
    /// Its date.
    pub const DECISION_DATE: &str = "Ngày QĐ";
    /// Who signed it, or the body that issued it.
    pub const DECISION_SIGNER: &str = "Người ký";
    /// Its summary.
    pub const DECISION_SUMMARY: &str = "Trích yếu";
}
