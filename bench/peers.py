#!/usr/bin/env python3
"""Times NumPy / SciPy / scikit-learn on the inputs `./interphase bench --compare` wrote, checks that
their results agree with ours, and prints one table: ours, peer, ratio, goal.

    python3 bench/peers.py target/bench-compare [--quick]
    python3 bench/peers.py --round target/bench-compare/WORKLOAD [--quick]

With --round, only the main peer of one workload is timed and its median printed as
"peer_s SECONDS" (or "peer_s none" when it is not installed): `bench --compare` calls this right
after timing ours, three times per workload, and the table then gives the median of the per-round
ratios, so that the machine's drift between two timings minutes apart does not enter the ratio.

Each sub-folder holds params.json ("kind" says which peer computation runs), the input as .npy
files, our result (ours_*.npy or values in params.json) and ours.json (our median time). The peers
run in this process, after one untimed warm-up call, median of several runs. Peer installs
(Debian): apt-get install python3-numpy python3-scipy python3-sklearn python3-skimage python3-threadpoolctl
"""
import json
import os
import platform
import statistics
import sys
import time

try:
    import numpy as np
except ImportError:  # Peers.java checks this first; kept for running the script by hand
    print("peers skipped: NumPy is not installed (apt-get install python3-numpy)")
    sys.exit(0)

MAIN_ONLY = False  # --round: only the main (first) peer of a workload
INSTALL = "apt-get install python3-numpy python3-scipy python3-sklearn python3-skimage python3-threadpoolctl"


def timed(fn, runs):
    """Median and minimum wall time of fn() over runs calls, after one warm-up call; and its last result."""
    result = fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), min(times), result


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def blas_line():
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "BLAS: unknown (install python3-threadpoolctl to see the kernel)"
    parts = []
    for p in threadpool_info():
        if p.get("user_api") == "blas":
            parts.append("%s %s, kernel %s, %s threads" % (p.get("internal_api"), p.get("version"), p.get("architecture"), p.get("num_threads")))
    return "BLAS: " + ("; ".join(parts) if parts else "none found")


# ---------------------------------------------------------------- the peer computations

def optical_density(d, params, quick):
    stack = np.load(os.path.join(d, "stack.npy"))
    i0 = np.load(os.path.join(d, "i0.npy")).astype(np.float32)[:, None, None]
    floor = np.float32(params["clamp_fraction"])
    buf = np.empty_like(stack)

    def od():
        # in place on a copy made outside the timing (the copy stands for reading the data)
        np.divide(stack, i0, out=buf)
        np.maximum(buf, floor, out=buf)
        np.log(buf, out=buf)
        np.negative(buf, out=buf)
        return buf
    med, mn, out = timed(od, 3 if quick else 5)
    ours = np.load(os.path.join(d, "ours_od_first4.npy"))
    diff = float(np.nanmax(np.abs(out[:4] - ours)))
    return [("NumPy in place (1 thread)", med, diff <= 1e-5, "max |ΔOD| %.1e (≤ 1e-5)" % diff)]


def pca(d, params, quick):
    stack = np.load(os.path.join(d, "stack.npy"))
    e = stack.shape[0]
    x = stack.reshape(e, -1).astype(np.float64)  # energies × pixels, converted outside the timing
    k = params["components"]

    def run():
        c = x @ x.T  # DᵀD (NumPy hands a·aᵀ to BLAS syrk)
        w, v = np.linalg.eigh(c)
        w, v = w[::-1], v[:, ::-1]
        v = v * np.where(v.sum(axis=0) < 0, -1.0, 1.0)
        return w, v[:, :k].T @ x
    med, mn, (w, imgs) = timed(run, 3 if quick else 5)
    ours_w = np.load(os.path.join(d, "ours_eigenvalues.npy"))
    ours_i = np.load(os.path.join(d, "ours_eigenimages.npy")).reshape(k, -1)
    dw = float(np.max(np.abs(w[:k] - ours_w[:k]) / np.abs(ours_w[:k])))
    di = float(np.max(np.abs(imgs - ours_i)) / np.max(np.abs(ours_i)))
    ok = dw <= 1e-9 and di <= 1e-5
    return [("NumPy X·Xᵀ + eigh + projection", med, ok, "eigenvalues %.0e, eigenimages %.0e (rel.)" % (dw, di))]


def kmeans(d, params, quick):
    try:
        from sklearn.cluster import KMeans
        from sklearn.metrics import adjusted_rand_score
    except ImportError:
        return [("scikit-learn KMeans", None, None, "not installed: " + INSTALL)]
    x = np.load(os.path.join(d, "features.npy"))
    ours = np.load(os.path.join(d, "ours_labels.npy"))

    def run():
        return KMeans(n_clusters=params["k"], n_init=params["n_init"], max_iter=params["max_iter"], tol=0.0,
                      algorithm="lloyd", init="k-means++", random_state=1).fit(x)
    med, mn, km = timed(run, 1 if quick else 3)
    ratio = params["ours_inertia"] / km.inertia_
    ari = adjusted_rand_score(km.labels_, ours)
    ok = ratio <= 1 + 1e-3
    return [("scikit-learn KMeans (lloyd, same k, n_init, features)", med, ok,
             "inertia ours/peer %.5f, ARI %.4f" % (ratio, ari))]


def lcf(d, params, quick):
    stack = np.load(os.path.join(d, "stack.npy"))
    refs = np.load(os.path.join(d, "references.npy"))  # R × E
    e = stack.shape[0]
    y = stack.reshape(e, -1)  # float32, energies × pixels
    a = refs.T  # E × R
    a32 = a.astype(np.float32)
    ata = a.T @ a

    def solve():
        return np.linalg.solve(ata, (a32.T @ y).astype(np.float64))
    med, mn, w = timed(solve, 3 if quick else 5)
    ours = np.load(os.path.join(d, "ours_weights.npy")).reshape(refs.shape[0], -1)
    inside = np.all(ours > 1e-3, axis=0)  # pixels where no constraint is active: the same solution
    diff = float(np.max(np.abs(w[:, inside] - ours[:, inside]))) if inside.any() else float("nan")
    rows = [("NumPy unconstrained normal equations", med, diff <= 1e-3,
             "max |Δw| %.1e on %d px without an active bound" % (diff, int(inside.sum())))]
    if MAIN_ONLY:
        return rows
    try:
        from scipy.optimize import nnls
    except ImportError:
        rows.append(("SciPy nnls per pixel", None, None, "not installed: " + INSTALL))
        return rows
    sample = np.linspace(0, y.shape[1] - 1, 500 if quick else 2000).astype(int)
    ys = y[:, sample].astype(np.float64)

    def per_pixel():
        return np.stack([nnls(a, ys[:, i])[0] for i in range(ys.shape[1])], axis=1)
    med_s, mn_s, ws = timed(per_pixel, 1)
    diff_s = float(np.max(np.abs(ws - ours[:, sample])))
    rows.append(("SciPy nnls per pixel (same constraint; %d px, scaled)" % len(sample), med_s * y.shape[1] / len(sample),
                 diff_s <= 1e-3, "max |Δw| %.1e" % diff_s))
    return rows


def force_hertz(d, params, quick):
    try:
        from scipy.optimize import curve_fit
    except ImportError:
        return [("SciPy curve_fit per curve", None, None, "not installed: " + INSTALL)]
    z = np.load(os.path.join(d, "z.npy"))
    f = np.load(os.path.join(d, "force.npy")).astype(np.float64).reshape(-1, z.size)  # (1, curves, n) as written
    ours = np.load(os.path.join(d, "ours_modulus.npy"))
    r, nu, k = params["radius_nm"], params["poisson"], params["spring_constant"]
    pref = 4.0 / 3.0 * np.sqrt(r) / (1 - nu * nu) * 1e-9  # nN per (Pa · nm^1.5)
    pre = z < z[0] + 0.3 * (z[-1] - z[0])  # baseline before contact

    def fit_one(force):
        # nanite-style: baseline (offset + tilt) from the first 30 %, tip position = z − F/k,
        # contact point, modulus and a force offset fitted together
        b1, b0 = np.polyfit(z[pre], force[pre], 1)
        fc = force - (b0 + b1 * z)
        tip = z - fc / k
        noise = np.std(fc[pre])
        start = tip[np.argmax(fc > 5 * noise)]

        def model(t, e_kpa, c, off):
            dd = np.clip(t - c, 0, None)
            return pref * e_kpa * 1e3 * dd ** 1.5 + off
        p, _ = curve_fit(model, tip, fc, p0=(50.0, start, 0.0))
        return p[0] * 1e3
    n = 64 if quick else 256
    idx = np.linspace(0, f.shape[0] - 1, n).astype(int)

    def run():
        return np.array([fit_one(f[i]) for i in idx])
    med, mn, e = timed(run, 1)
    rel = np.abs(e / ours[idx] - 1)
    ok = float(np.median(rel)) <= 0.02
    return [("SciPy curve_fit (E, contact, offset) per curve (%d curves, scaled)" % n, med * f.shape[0] / n, ok,
             "median |E/E_ours − 1| %.2f %%, 95th %.2f %%" % (100 * np.median(rel), 100 * np.percentile(rel, 95)))]


def afm_plane_roughness(d, params, quick):
    z = np.load(os.path.join(d, "height.npy"))[0].astype(np.float64)
    h, w = z.shape
    yy, xx = np.mgrid[0:h, 0:w]
    design = np.column_stack([np.ones(h * w), xx.ravel(), yy.ravel()])

    def run():
        coef, *_ = np.linalg.lstsq(design, z.ravel(), rcond=None)
        dz = z.ravel() - design @ coef
        dz = dz - dz.mean()
        sq = np.sqrt(np.mean(dz ** 2))
        return {"sa": np.mean(np.abs(dz)), "sq": sq, "ssk": np.mean(dz ** 3) / sq ** 3, "sku": np.mean(dz ** 4) / sq ** 4,
                "median": np.median(dz), "sp": dz.max(), "sv": -dz.min()}
    med, mn, r = timed(run, 5 if quick else 21)
    ours = params["ours"]
    worst = max(abs(r[key] - ours[key]) / max(abs(ours[key]), 1e-12) for key in ("sa", "sq", "ssk", "sku"))
    return [("NumPy lstsq plane + moments (Gwyddion is not scriptable here)", med, worst <= 1e-6,
             "Sa Sq Ssk Sku rel. %.0e" % worst)]


PEERS = {"optical_density": optical_density, "pca": pca, "kmeans": kmeans, "lcf": lcf,
         "force_hertz": force_hertz, "afm_plane_roughness": afm_plane_roughness}

# goal per kind (issue 15): ours/peer must be at most this
GOALS = {"optical_density": 1.0, "pca": 1.5, "kmeans": 0.25, "lcf": 1.5, "force_hertz": 0.1, "afm_plane_roughness": 1.2}


def load_workload(d):
    with open(os.path.join(d, "params.json")) as fh:
        params = json.load(fh)
    with open(os.path.join(d, "ours.json")) as fh:
        ours = json.load(fh)
    return params, ours


def main():
    global MAIN_ONLY
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 1:
        print(__doc__)
        return 2
    quick = "--quick" in sys.argv[1:]
    if "--round" in sys.argv[1:]:
        MAIN_ONLY = True
        with open(os.path.join(args[0], "params.json")) as fh:  # ours.json is written after the rounds
            params = json.load(fh)
        t = PEERS[params["kind"]](args[0], params, quick)[0][1]
        print("peer_s %s" % ("none" if t is None else repr(t)))
        return 0
    root = args[0]
    print()
    print("Peers on the same inputs: %s, %d cores; Python %s, NumPy %s; %s" % (
        cpu_model(), os.cpu_count(), platform.python_version(), np.__version__, blas_line()))
    rows = []
    for name in sorted(os.listdir(root)):
        d = os.path.join(root, name)
        if not os.path.isfile(os.path.join(d, "params.json")):
            continue
        params, ours = load_workload(d)
        kind = params["kind"]
        rounds = ours.get("rounds") or []
        for i, (peer, t, ok, note) in enumerate(PEERS[kind](d, params, quick)):
            goal = GOALS[kind] if i == 0 else None
            ours_t, spread = ours["median_s"], ""
            if i == 0 and rounds:
                # the main peer: times and ratio from the interleaved rounds (this call only checks agreement)
                ratios = [o / p for o, p in rounds]
                ours_t, t = statistics.median(o for o, _ in rounds), statistics.median(p for _, p in rounds)
                ratio = statistics.median(ratios)
                spread = "%.3g–%.3g" % (min(ratios), max(ratios)) if len(rounds) > 1 else ""
            else:
                ratio = ours_t / t if t else None
            rows.append((ours["name"] if i == 0 else "", ours["size"] if i == 0 else "", ours_t if i == 0 else None,
                         peer, t, ratio, spread, goal, ok, note))
    print("%-34s %-16s %9s  %-62s %9s %9s %-13s %6s %4s  %s" % ("workload", "size", "ours s", "peer", "peer s", "ours/peer", "by round", "goal",
                                                            "met", "agreement"))
    failed = False
    for wl, size, ours_t, peer, t, ratio, spread, goal, ok, note in rows:
        met = "" if goal is None or ratio is None else ("yes" if ratio <= goal else "no")
        print("%-34s %-16s %9s  %-62s %9s %9s %-13s %6s %4s  %s%s" % (
            wl, size, "" if ours_t is None else "%.4f" % ours_t, peer, "—" if t is None else "%.4f" % t,
            "—" if ratio is None else "%.3g" % ratio, spread, "" if goal is None else "≤ %g" % goal, met,
            "" if ok is None else ("agree: " if ok else "DISAGREE: "), note))
        failed |= ok is False
    print("ours/peer < 1: Interphase is faster; with rounds, ours and peer s are medians over the rounds and ours/peer is the")
    print("median of the per-round ratios (each round times ours, then the peer, back to back). Goals are those of issue 15.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
