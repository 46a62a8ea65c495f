# Builds cnscd for Windows on a Windows machine: the release executables, the portable zip and,
# when Inno Setup 6 is installed, the installer. Run from the repository root in PowerShell:
#
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
#
# Saved as UTF-8 with a byte-order mark, which Windows PowerShell 5.1 needs to read Vietnamese.
# Needs: Rust (rustup, the MSVC toolchain and its Build Tools, which bring rc.exe for the icon),
# and optionally Inno Setup 6 (ISCC.exe on PATH or in its default folder).
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")

cargo build --locked --release --bin cnscd --features windows-launcher --bin cnscd-window
if ($LASTEXITCODE -ne 0) { throw "cargo build failed" }

$version = (Select-String -Path Cargo.toml -Pattern '^version = "(.*)"$').Matches[0].Groups[1].Value
$out = "target\windows"
New-Item -ItemType Directory -Force $out | Out-Null

# Portable zip: cnscd\cnscd.exe, cnscd\cnscd-window.exe, cnscd\cnscd-data\ (data kept beside the program).
$stage = Join-Path $out "cnscd"
Remove-Item -Recurse -Force $stage -ErrorAction SilentlyContinue
New-Item -ItemType Directory -Force (Join-Path $stage "cnscd-data") | Out-Null
Copy-Item target\release\cnscd.exe, target\release\cnscd-window.exe $stage
Copy-Item assets\fonts\LICENSE-Liberation.txt (Join-Path $stage "GIAY-PHEP-PHONG-CHU.txt")
# A zip keeps no empty folder: a note inside keeps cnscd-data, and says what it is.
Set-Content -Encoding UTF8 (Join-Path $stage "cnscd-data\DOC-TOI.txt") "Thư mục dữ liệu của cnscd (chế độ di động). Đừng xóa: cơ sở dữ liệu cnscd.db và các bản sao lưu nằm ở đây."
$zip = Join-Path $out "cnscd-$version-portable.zip"
Remove-Item -Force $zip -ErrorAction SilentlyContinue
Compress-Archive -Path $stage -DestinationPath $zip
Write-Host "portable: $zip"

$iscc = (Get-Command ISCC.exe -ErrorAction SilentlyContinue).Source
if (-not $iscc) {
  $default = Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe"
  if (Test-Path $default) { $iscc = $default }
}
if ($iscc) {
  & $iscc "/DAppVersion=$version" packaging\windows\cnscd.iss
  if ($LASTEXITCODE -ne 0) { throw "ISCC failed" }
  Write-Host "installer: $out\cnscd-$version-setup.exe"
} else {
  Write-Host "Inno Setup 6 not found: only the portable zip was made."
}
