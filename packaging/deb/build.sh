#!/usr/bin/env bash
# Builds the Debian/Ubuntu package target/deb/cnscd_<version>_<arch>.deb with dpkg-deb.
#
#   bash packaging/deb/build.sh                      # an office build: cargo build --release
#   bash packaging/deb/build.sh --binary target/debug/cnscd   # package a binary already built
#   … --fast                                         # gzip -1 instead of xz (CI)
#
# dpkg-deb rather than cargo-deb: dpkg-deb and dpkg-shlibdeps come with every Debian system,
# while cargo-deb would have to be compiled from crates.io on every CI run (minutes on two
# cores) to do the same few steps. CI packages the binary the tests were just built with, so
# the package costs no second compilation.
#
# The package holds /usr/bin/cnscd, the desktop entry (in Vietnamese, Categories=Office), the
# icon at 16…256 px and as SVG in the hicolor theme, and the copyright file. Depends: what
# dpkg-shlibdeps reads from the binary (libc, libgcc), plus the libraries the window loads at
# run time with dlopen, which no tool can see (X11, xcb, xkbcommon, Wayland; measured from
# /proc/PID/maps of a running window). Recommends: the file dialog helpers (rfd asks the XDG
# portal, else zenity), xdg-utils (opening files and folders) and cups-client (printing).
set -euo pipefail
cd "$(dirname "$0")/../.."

binary=""
out="target/deb"
compress=(-Zxz)
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) binary="$2"; shift 2 ;;
    -o|--output) out="$2"; shift 2 ;;
    # CI: a package made to be installed once and thrown away need not be small.
    --fast) compress=(-Zgzip -z1); shift ;;
    *) echo "cách dùng: $0 [--binary ĐƯỜNG_DẪN] [-o THƯ_MỤC] [--fast]" >&2; exit 2 ;;
  esac
done
if [ -z "$binary" ]; then
  cargo build --locked --release --bin cnscd
  binary="target/release/cnscd"
fi
[ -x "$binary" ] || { echo "không thấy chương trình $binary" >&2; exit 1; }

version="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n1)"
arch="$(dpkg --print-architecture)"
root="$(mktemp -d)"
chmod 755 "$root"
trap 'rm -rf "$root"' EXIT

install -d "$root/DEBIAN" "$root/usr/bin"
# Debug information is of no use on an office PC; the test profile's line tables go too.
objcopy --strip-debug "$binary" "$root/usr/bin/cnscd"
chmod 755 "$root/usr/bin/cnscd"
install -Dm644 packaging/deb/cnscd.desktop "$root/usr/share/applications/cnscd.desktop"
for size in 16 24 32 48 64 128 256; do
  install -Dm644 "assets/icons/hicolor/${size}x${size}/apps/cnscd.png" \
    "$root/usr/share/icons/hicolor/${size}x${size}/apps/cnscd.png"
done
install -Dm644 assets/icons/cnscd.svg "$root/usr/share/icons/hicolor/scalable/apps/cnscd.svg"
install -d "$root/usr/share/doc/cnscd"
{
  echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
  echo "Upstream-Name: cnscd"
  echo
  echo "Files: *"
  echo "License: MIT"
  echo
  echo "Files: fonts bundled inside /usr/bin/cnscd (Liberation Serif, Liberation Sans)"
  sed -n '/^Copyright/,$p' assets/fonts/LICENSE-Liberation.txt
} > "$root/usr/share/doc/cnscd/copyright"
chmod 644 "$root/usr/share/doc/cnscd/copyright"

# Libraries linked at build time, as dpkg-shlibdeps reads them from the binary.
shlibs="$(
  cd "$root" && mkdir -p debian && : > debian/control &&
    dpkg-shlibdeps -O -e usr/bin/cnscd 2>/dev/null | sed -n 's/^shlibs:Depends=//p'
)"
rm -rf "$root/debian"
[ -n "$shlibs" ] || shlibs="libc6, libgcc-s1"
window="libx11-6, libx11-xcb1, libxcb1, libxcursor1, libxi6, libxrandr2, libxkbcommon0, libxkbcommon-x11-0, libwayland-client0"

cat > "$root/DEBIAN/control" <<CONTROL
Package: cnscd
Version: ${version}
Architecture: ${arch}
Maintainer: cnscd <cnscd@localhost>
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Depends: ${shlibs}, ${window}
Recommends: xdg-desktop-portal-gtk | zenity, xdg-utils, cups-client
Section: misc
Priority: optional
Description: Quản lý Tổ Công nghệ số cộng đồng
 Sổ đơn vị hành chính, Tổ Công nghệ số cộng đồng và thành viên; soạn quyết định,
 kế hoạch, báo cáo đúng thể thức Nghị định 30/2020/NĐ-CP (PDF, DOCX); tổng hợp chỉ
 tiêu từ bảng Excel các xã gửi lên; ký số PDF theo chuẩn PAdES. Dữ liệu lưu trên máy
 (SQLite), dùng được khi không có Internet.
CONTROL

mkdir -p "$out"
deb="$out/cnscd_${version}_${arch}.deb"
dpkg-deb --root-owner-group "${compress[@]}" --build "$root" "$deb" >/dev/null
echo "$deb"
