#!/usr/bin/env bash
# Screenshots of Interphase in Fiji for the README (docs/images/*.png).
# Needs Java 17, Maven, the Debian packages xvfb, xdotool and imagemagick, and ../shared/fiji.
# Builds the update site, installs it into a temporary copy of ../shared/fiji/Fiji.app as the
# updater does, starts Xvfb and the Fiji GUI, and shoots the Plugins › Interphase menu and a few
# command dialogs (a command run outside a macro opens its dialog).
#   docs/screenshots/take.sh [FIJI_DIR]      (default: ../shared/fiji beside the project)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
fiji="${1:-$here/../shared/fiji}"
fiji="$(cd "$fiji" && pwd)"
out="$here/docs/images"
tmp="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT

"$here/interphase" update-site --out "$tmp/site" >/dev/null
cp -r "$fiji/Fiji.app" "$tmp/"
app="$tmp/Fiji.app"
mkdir -p "$tmp/home/prefs"
(cd "$tmp/site" && find . -type f ! -name db.xml.gz) | while read -r f; do
	t="$(echo "${f#./}" | sed -E 's/-[0-9]{14}$//')"
	mkdir -p "$app/$(dirname "$t")"
	cp "$tmp/site/$f" "$app/$t"
done

n=40
while [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ]; do n=$((n + 1)); done
Xvfb ":$n" -screen 0 1600x1000x24 -nolisten tcp >"$tmp/xvfb.log" 2>&1 &
pids+=($!)
export DISPLAY=":$n"
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$n" ] && break; sleep 0.1; done
mkdir -p "$out"

# Starts the GUI with a macro (run once the ImageJ window is up).
start_fiji() {
	# a fresh user.home: no remembered dialog values from earlier runs
	FIJI_MACRO="$1" FIJI_JAVA_OPTS="-Xmx1g -Duser.home=$tmp/home -Djava.util.prefs.userRoot=$tmp/home/prefs" "$fiji/run-fiji" --app "$app" >"$tmp/fiji.log" 2>&1 &
	fiji_pid=$!
	pids+=("$fiji_pid")
}
# Waits until the window titled $1 is visible; prints its id.
window() {
	local title="$1" id
	for _ in $(seq 120); do
		id="$(xdotool search --onlyvisible --name "^$title\$" 2>/dev/null | head -n 1 || true)"
		[ -n "$id" ] && { sleep 1.5; echo "$id"; return 0; }
		sleep 0.5
	done
	echo "take.sh: no window \"$title\" appeared; log:" >&2; cat "$tmp/fiji.log" >&2; return 1
}
stop_fiji() { kill "$fiji_pid" 2>/dev/null || true; wait "$fiji_pid" 2>/dev/null || true; }

# 1. Plugins › Interphase › Spectral, opened with clicks relative to the ImageJ window
#    (AWT menus open on click, not on hover).
echo 'File.saveString("x", getDirectory("imagej") + "ready");' >"$tmp/menu.ijm"
start_fiji "$tmp/menu.ijm"
ij="$(window ImageJ)"
for _ in $(seq 60); do [ -e "$app/ready" ] && break; sleep 0.5; done; rm -f "$app/ready"
eval "$(xdotool getwindowgeometry --shell "$ij")" # X Y WIDTH HEIGHT of the ImageJ window
ix=$X iy=$Y
xdotool mousemove $((ix + 320)) $((iy + 12)) click 1; sleep 1        # Plugins
xdotool mousemove $((ix + 326)) $((iy + 175)) click 1; sleep 1       # Interphase
xdotool mousemove $((ix + 547)) $((iy + 253)) click 1; sleep 1       # Spectral
import -window root "$tmp/root.png"
convert "$tmp/root.png" -crop "760x370+$ix+$iy" +repage -colors 64 "$out/fiji-menu.png"
stop_fiji

# 2. Dialogs: the command run outside a macro (the macro has ended when the dialog opens).
shoot_dialog() {
	local cmd="$1" image="$2" file="$3"
	{
		[ -n "$image" ] && echo "open(\"$here/$image\");"
		echo "call(\"ij.IJ.doCommand\", \"$cmd\");"
	} >"$tmp/dialog.ijm"
	start_fiji "$tmp/dialog.ijm"
	id="$(window "$cmd")"
	import -window "$id" "$tmp/d.png"
	convert "$tmp/d.png" -colors 64 "$out/$file"
	stop_fiji
}
shoot_dialog "Optical Density" test-images/spectral/fe-phantom-transmission.tif dialog-optical-density.png
shoot_dialog "Normalize XANES" test-images/xanes/xanes-phantom-od.tif dialog-normalize-xanes.png
shoot_dialog "Interface Profile" test-images/profiles/s-xrf-cycled.tif dialog-interface-profile.png
shoot_dialog "Force Curve Modulus" "" dialog-force-curve-modulus.png
ls -l "$out"
