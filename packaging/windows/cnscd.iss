; Inno Setup 6 script: the cnscd installer for Windows (UTF-8 with a byte-order mark, as
; Inno Setup needs for the Vietnamese names).
;
; Per user, without administrator rights (PrivilegesRequired=lowest): the program goes to
; %LOCALAPPDATA%\Programs\cnscd, the Start-menu entry to the user's own Start menu, and the
; data stays in %APPDATA%\cnscd\data, which uninstalling leaves alone. The optional task
; «portable» also creates cnscd-data beside cnscd.exe: the program then keeps its data there
; (the layout of the portable zip, for a USB stick).
;
; Build (see README, «Windows»): cargo build --release --features windows-launcher, then
;   ISCC.exe packaging\windows\cnscd.iss
; which writes target\windows\cnscd-<version>-setup.exe.

#define AppName "Quản lý Tổ Công nghệ số cộng đồng"
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define Root "..\.."

[Setup]
AppId={{6F1C2B7E-4D3A-4C8B-9E55-0C9D1F2A7B31}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=cnscd
DefaultDirName={autopf}\cnscd
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#Root}\target\windows
OutputBaseFilename=cnscd-{#AppVersion}-setup
SetupIconFile={#Root}\assets\icons\cnscd.ico
UninstallDisplayIcon={app}\cnscd.exe
UninstallDisplayName={#AppName}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
LicenseFile={#Root}\assets\fonts\LICENSE-Liberation.txt

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "Tạo biểu tượng trên màn hình (Desktop)"; Flags: unchecked
Name: "portable"; Description: "Chế độ di động: giữ dữ liệu trong thư mục cnscd-data cạnh chương trình (cho USB)"; Flags: unchecked

[Files]
Source: "{#Root}\target\release\cnscd.exe"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#Root}\target\release\cnscd-window.exe"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#Root}\assets\fonts\LICENSE-Liberation.txt"; DestDir: "{app}"; DestName: "GIAY-PHEP-PHONG-CHU.txt"

[Dirs]
Name: "{app}\cnscd-data"; Tasks: portable; Flags: uninsneveruninstall

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\cnscd-window.exe"; IconFilename: "{app}\cnscd.exe"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\cnscd-window.exe"; IconFilename: "{app}\cnscd.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\cnscd-window.exe"; Description: "Mở chương trình"; Flags: nowait postinstall skipifsilent
