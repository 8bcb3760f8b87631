#!/usr/bin/env python3
"""Generates the tiny XRF HDF5 fixtures the Java tests read (run once; needs h5py + numpy,
e.g. Debian's python3-h5py). The Java tests only read the committed .h5 files.

Truth (nx = 6 columns, ny = 5 rows, x fastest):
  S_K(x, y) = 100 + 10 x + y + 1000 f   (f = frame index, 0 for the single files)
  P_K(x, y) = 50 + x * y
  compton   = 7
  i0(x, y)  = 2 + (x + y) % 3, except i0(0, 0) = 0   (zero replaced by the mean of the others)
  positions: x_pos = 10 + 0.5 x, y_pos = 20 + 0.5 y  (µm) -> pixel size 0.5 µm
  det1 maps = detsum maps / 2; ROI maps = detsum maps + 1.
"""
import h5py
import numpy as np

NX, NY = 6, 5
y, x = np.mgrid[0:NY, 0:NX].astype(np.float64)


def maps(frame=0):
    s = 100 + 10 * x + y + 1000 * frame
    p = 50 + x * y
    c = np.full_like(s, 7.0)
    return np.stack([s, p, c]).astype(np.float32)


def names(*n):
    return np.array([s.encode() for s in n])


def pyxrf(path, frame=0, time_start="2021-03-16T10:00:00"):
    with h5py.File(path, "w") as f:
        g = f.create_group("xrfmap")
        m = maps(frame)
        for det, scale in (("detsum", 1.0), ("det1", 0.5)):
            d = g.create_group(det)
            d["xrf_fit"] = m * scale
            d["xrf_fit_name"] = names("S_K", "P_K", "compton")
            d["xrf_roi"] = (m[:2] * scale + 1).astype(np.float32)
            d["xrf_roi_name"] = names("S_K", "P_K")
        pos = g.create_group("positions")
        pos["pos"] = np.stack([10 + 0.5 * x, 20 + 0.5 * y])  # (2, ny, nx)
        pos["name"] = names("x_pos", "y_pos")
        sc = g.create_group("scalers")
        i0 = 2 + (x + y) % 3
        i0[0, 0] = 0
        sc["val"] = np.stack([i0, np.full_like(i0, 0.1)], axis=-1)  # (ny, nx, n_scalers)
        sc["name"] = names("i0", "i0_time")
        md = g.create_group("scan_metadata")
        md.attrs["scan_id"] = 1000 + frame
        md.attrs["scan_time_start"] = time_start


def maps_file(path):
    with h5py.File(path, "w") as f:
        m = maps()[:2]
        a = f.create_group("MAPS/XRF_Analyzed")
        for kind, off in (("Fitted", 0.0), ("NNLS", 2.0), ("ROI", 1.0)):
            g = a.create_group(kind)
            g["Counts_Per_Sec"] = (m + off).astype(np.float64)
            g["Channel_Names"] = names("S", "P")
        s = f.create_group("MAPS/Scan")
        s["x_axis"] = 10 + 0.5 * np.arange(NX)
        s["y_axis"] = 20 + 0.5 * np.arange(NY)


def maps_legacy(path):
    with h5py.File(path, "w") as f:
        m = maps()[:2]
        g = f.create_group("MAPS")
        g["XRF_fits"] = m.astype(np.float32)
        g["channel_names"] = names("S", "P")
        g["x_axis"] = 10 + 0.5 * np.arange(NX)
        g["y_axis"] = 20 + 0.5 * np.arange(NY)


if __name__ == "__main__":
    pyxrf("pyxrf_scan2D_1000.h5")
    maps_file("maps_2xfm_0001.h5")
    maps_legacy("maps_legacy.h5")
    # a time series with uneven times: 0, 1 h, 3.5 h
    import os
    os.makedirs("series", exist_ok=True)
    for f, t in enumerate(["2021-03-16T10:00:00", "2021-03-16T11:00:00", "2021-03-16T13:30:00"]):
        pyxrf("series/scan2D_%d.h5" % (1000 + f), f, t)
